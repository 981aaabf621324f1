//! Public keys from private ones on the curves the RustCrypto crates we ship do not cover — P-521,
//! secp256k1 and SM2 (short Weierstrass, SEC 1 §2.2.1) and Ed448 (RFC 8032 §5.2) — and the
//! validation of a certificate's point on every curve we know (SEC 1 §2.3.4). With these a key on
//! any of those curves is *proved* to belong to a certificate, or not: never assumed.
//!
//! One generic implementation over crypto-bigint's Montgomery form (already linked for RSA and DSA):
//! Jacobian double-and-add for Weierstrass curves, the complete projective formulas of RFC 8032
//! §5.2.4 for Ed448. Variable time: it runs on the key owner's machine, on a key they are about to
//! upload, and signs nothing (the same reasoning as OpenSSL's `EC_KEY_check_key`).

use crate::asn1::strip;
use alloc::vec::Vec;
use p256::elliptic_curve::bigint::{
    BoxedUint, Odd, modular::BoxedMontyForm, modular::BoxedMontyParams,
};
use shake::{ExtendableOutput, Shake256, Update, XofReader};
use zeroize::Zeroizing;

/// Domain parameters of a short Weierstrass curve y² = x³ + ax + b over GF(p), big-endian hex.
/// `crate::alg::Curve::params` names the one of each curve.
pub(crate) struct Params {
    pub(crate) p: &'static str,
    a: &'static str,
    pub(crate) b: &'static str,
    pub(crate) gx: &'static str,
    pub(crate) gy: &'static str,
    /// Bytes of one field element.
    len: usize,
}

/// SEC 2 §2.7.1 (secp256k1), FIPS 186-4 D.1.2.5 (P-521), GM/T 0003.5-2012 (SM2).
pub(crate) const SECP256K1: Params = Params {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F",
    a: "00",
    b: "07",
    gx: "79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798",
    gy: "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8",
    len: 32,
};
pub(crate) const P521: Params = Params {
    p: "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
    a: "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC",
    b: "0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00",
    gx: "00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66",
    gy: "011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD16650",
    len: 66,
};
pub(crate) const SM2: Params = Params {
    p: "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF",
    a: "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC",
    b: "28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93",
    gx: "32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7",
    gy: "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0",
    len: 32,
};
/// P-256 and P-384 (FIPS 186-4 D.1.2.3/4): their arithmetic is p256/p384's; these are here only
/// so that explicit curve parameters can be recognised.
pub(crate) const P256: Params = Params {
    p: "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
    a: "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",
    b: "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
    gx: "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296",
    gy: "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5",
    len: 32,
};
pub(crate) const P384: Params = Params {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF",
    a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFC",
    b: "B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF",
    gx: "AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7",
    gy: "3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F",
    len: 48,
};

/// Whether (p, a, b, G) are these parameters (`specifiedCurve`, RFC 3279 §2.3.5); `g` is the SEC 1
/// encoded base point, compressed or not.
pub(crate) fn is_curve(k: &Params, p: &[u8], a: &[u8], b: &[u8], g: &[u8]) -> bool {
    let same = |bytes: &[u8], hex: &str| strip(bytes) == strip(&unhex(hex));
    same(p, k.p)
        && same(a, k.a)
        && same(b, k.b)
        && decode_point(k, g).is_ok_and(|(x, y)| same(&x, k.gx) && same(&y, k.gy))
}

pub(crate) fn unhex(hex: &str) -> Vec<u8> {
    let nibble = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'F' => c - b'A' + 10,
        _ => c.wrapping_sub(b'a').wrapping_add(10),
    };
    hex.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [h, l] => nibble(*h) << 4 | nibble(*l),
            _ => 0,
        })
        .collect()
}

/// Arithmetic modulo one prime.
struct Field {
    params: BoxedMontyParams,
    bits: u32,
    p: BoxedUint,
}

type Fe = BoxedMontyForm;

impl Field {
    fn new(p_hex: &str) -> Option<Self> {
        let bytes = unhex(p_hex);
        // A whole number of 64-bit limbs (what crypto-bigint's boxed integers hold).
        let bits = u32::try_from(bytes.len().div_ceil(8).saturating_mul(64)).ok()?;
        let p = BoxedUint::from_be_slice(&bytes, bits).ok()?;
        let odd = Odd::new(p.clone()).into_option()?;
        Some(Field {
            params: BoxedMontyParams::new_vartime(odd),
            bits,
            p,
        })
    }

    /// An element from big-endian bytes; `None` unless it is < p.
    fn element(&self, bytes: &[u8]) -> Option<Fe> {
        let bytes = strip(bytes);
        if bytes.len().saturating_mul(8) > usize::try_from(self.bits).ok()? {
            return None;
        }
        let x = if bytes.is_empty() {
            BoxedUint::zero_with_precision(self.bits)
        } else {
            BoxedUint::from_be_slice(bytes, self.bits).ok()?
        };
        (x < self.p).then(|| Fe::new(x, &self.params))
    }

    fn hex(&self, hex: &str) -> Option<Fe> {
        self.element(&unhex(hex))
    }

    fn small(&self, v: u8) -> Option<Fe> {
        self.element(&[v])
    }

    /// Big-endian bytes of `x`, left-padded to `len`.
    fn bytes(&self, x: &Fe, len: usize) -> Vec<u8> {
        let be = x.retrieve().to_be_bytes();
        let be = strip(&be);
        let mut out = alloc::vec![0u8; len.saturating_sub(be.len())];
        out.extend_from_slice(be);
        out
    }

    /// 1/x by Fermat (x^(p−2)): exponentiation is linked already; a gcd-based inverse would add
    /// several KB to the module.
    fn invert(&self, x: &Fe) -> Option<Fe> {
        if self.is_zero(x) {
            return None;
        }
        let two = BoxedUint::from_be_slice(&[2], self.bits).ok()?;
        Some(x.pow(&self.p.wrapping_sub(&two)))
    }

    fn is_zero(&self, x: &Fe) -> bool {
        bool::from(x.is_zero())
    }

    /// A square root, for p ≡ 3 (mod 4) (every prime here): x^((p+1)/4), if x is a square.
    fn sqrt(&self, x: &Fe) -> Option<Fe> {
        let e = self
            .p
            .wrapping_add(BoxedUint::one_with_precision(self.bits))
            .shr_vartime(2)?;
        let r = x.pow(&e);
        (r.square() == *x).then_some(r)
    }
}

/// A point in Jacobian coordinates (X/Z², Y/Z³); `None` is the point at infinity.
type Jacobian = Option<(Fe, Fe, Fe)>;

struct Weierstrass {
    f: Field,
    a: Fe,
    b: Fe,
    len: usize,
}

impl Weierstrass {
    fn new(k: &Params) -> Option<Self> {
        let f = Field::new(k.p)?;
        Some(Weierstrass {
            a: f.hex(k.a)?,
            b: f.hex(k.b)?,
            f,
            len: k.len,
        })
    }

    fn on_curve(&self, x: &Fe, y: &Fe) -> bool {
        let rhs = x.square().mul(x).add(&self.a.mul(x)).add(&self.b);
        y.square() == rhs
    }

    /// dbl-2007-bl (any a).
    fn double(&self, p: &Jacobian) -> Jacobian {
        let (x1, y1, z1) = p.as_ref()?;
        if self.f.is_zero(y1) {
            return None;
        }
        let xx = x1.square();
        let yy = y1.square();
        let yyyy = yy.square();
        let zz = z1.square();
        let s = x1.add(&yy).square().sub(&xx).sub(&yyyy).double();
        let m = xx.double().add(&xx).add(&self.a.mul(&zz.square()));
        let t = m.square().sub(&s.double());
        let y3 = m.mul(&s.sub(&t)).sub(&yyyy.double().double().double());
        let z3 = y1.add(z1).square().sub(&yy).sub(&zz);
        Some((t, y3, z3))
    }

    /// madd-2007-bl: `p` + the affine point (x2, y2).
    fn add_affine(&self, p: &Jacobian, x2: &Fe, y2: &Fe) -> Jacobian {
        let Some((x1, y1, z1)) = p.as_ref() else {
            return Some((x2.clone(), y2.clone(), Fe::one(&self.f.params)));
        };
        let z1z1 = z1.square();
        let u2 = x2.mul(&z1z1);
        let s2 = y2.mul(z1).mul(&z1z1);
        let h = u2.sub(x1);
        let r = s2.sub(y1).double();
        if self.f.is_zero(&h) {
            return if self.f.is_zero(&r) {
                self.double(p)
            } else {
                None
            };
        }
        let hh = h.square();
        let i = hh.double().double();
        let j = h.mul(&i);
        let v = x1.mul(&i);
        let x3 = r.square().sub(&j).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&y1.mul(&j).double());
        let z3 = z1.add(&h).square().sub(&z1z1).sub(&hh);
        Some((x3, y3, z3))
    }

    /// [k]P for the affine P, k big-endian; the affine result.
    fn multiply(&self, k: &[u8], x: &Fe, y: &Fe) -> Option<(Fe, Fe)> {
        let mut acc: Jacobian = None;
        for byte in k {
            for bit in (0..8).rev() {
                acc = self.double(&acc);
                if byte >> bit & 1 == 1 {
                    acc = self.add_affine(&acc, x, y);
                }
            }
        }
        let (x3, y3, z3) = acc?;
        let zi = self.f.invert(&z3)?;
        let zi2 = zi.square();
        Some((x3.mul(&zi2), y3.mul(&zi2).mul(&zi)))
    }
}

/// The affine coordinates (big-endian, field length) of a SEC 1 encoded point of `curve`: `04‖X‖Y`
/// on the curve, or `02/03‖X` with a square root. The point at infinity, other lengths or prefixes,
/// coordinates ≥ p and points off the curve are errors (SEC 1 §2.3.4; RFC 5480 §2.2).
pub(crate) fn decode_point(k: &Params, bytes: &[u8]) -> Result<(Vec<u8>, Vec<u8>), &'static str> {
    let w = Weierstrass::new(k).ok_or("curve parameters unusable")?;
    let len = w.len;
    let (x, y) = match bytes.split_first() {
        None => return Err("the EC public key is empty"),
        Some((0, [])) => return Err("the EC public key is the point at infinity"),
        Some((4, rest)) if rest.len() == 2usize.saturating_mul(len) => {
            let (xb, yb) = rest.split_at(len);
            let x =
                w.f.element(xb)
                    .ok_or("an EC point coordinate is not below the field prime")?;
            let y =
                w.f.element(yb)
                    .ok_or("an EC point coordinate is not below the field prime")?;
            (x, y)
        }
        Some((prefix @ (2 | 3), xb)) if xb.len() == len => {
            let x =
                w.f.element(xb)
                    .ok_or("an EC point coordinate is not below the field prime")?;
            let rhs = x.square().mul(&x).add(&w.a.mul(&x)).add(&w.b);
            let mut y =
                w.f.sqrt(&rhs)
                    .ok_or("the compressed EC point has no y on the curve")?;
            let odd = w.f.bytes(&y, len).last().is_some_and(|b| b & 1 == 1);
            if odd != (*prefix == 3) {
                y = y.neg();
            }
            (x, y)
        }
        Some(_) => {
            return Err(
                "the EC public key is not a SEC 1 point of this curve (wrong length or prefix)",
            );
        }
    };
    if !w.on_curve(&x, &y) {
        return Err("the EC public key is not a point on the curve");
    }
    Ok((w.f.bytes(&x, len), w.f.bytes(&y, len)))
}

/// `04‖X‖Y` of [scalar]G (scalar big-endian, already checked to be in [1, n−1]).
pub(crate) fn public_point(k: &Params, scalar: &[u8]) -> Option<Vec<u8>> {
    let w = Weierstrass::new(k)?;
    let (gx, gy) = (w.f.hex(k.gx)?, w.f.hex(k.gy)?);
    let (x, y) = w.multiply(scalar, &gx, &gy)?;
    let mut out = alloc::vec![4u8];
    out.extend(w.f.bytes(&x, w.len));
    out.extend(w.f.bytes(&y, w.len));
    Some(out)
}

// ---- Ed448 (RFC 8032 §5.2) -------------------------------------------------------------------

/// p = 2^448 − 2^224 − 1.
const ED448_P: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
/// The base point B (RFC 8032 §5.2: the edwards448 base point of RFC 7748 §4.2), big-endian.
const ED448_BX: &str = "4F1970C66BED0DED221D15A622BF36DA9E146570470F1767EA6DE324A3D3A46412AE1AF72AB66511433B80E18B00938E2626A82BC70CC05E";
const ED448_BY: &str = "693F46716EB6BC248876203756C9C7624BEA73736CA3984087789C1E05A0C2D73AD3FF1CE67C39C4FDBD132C4ED7C8AD9808795BF230FA14";

struct Edwards {
    f: Field,
    d: Fe,
}

/// Projective (X : Y : Z), x = X/Z, y = Y/Z.
type Projective = (Fe, Fe, Fe);

impl Edwards {
    fn new() -> Option<Self> {
        let f = Field::new(ED448_P)?;
        // d = −39081
        let d = f.element(&[0x98, 0xA9])?.neg();
        Some(Edwards { f, d })
    }

    /// RFC 8032 §5.2.4, addition (complete for a = 1, d non-square).
    fn add(&self, (x1, y1, z1): &Projective, (x2, y2, z2): &Projective) -> Projective {
        let a = z1.mul(z2);
        let b = a.square();
        let c = x1.mul(x2);
        let d = y1.mul(y2);
        let e = self.d.mul(&c).mul(&d);
        let f = b.sub(&e);
        let g = b.add(&e);
        let h = x1.add(y1).mul(&x2.add(y2));
        (
            a.mul(&f).mul(&h.sub(&c).sub(&d)),
            a.mul(&g).mul(&d.sub(&c)),
            f.mul(&g),
        )
    }

    /// RFC 8032 §5.2.4, doubling.
    fn double(&self, (x1, y1, z1): &Projective) -> Projective {
        let b = x1.add(y1).square();
        let c = x1.square();
        let d = y1.square();
        let e = c.add(&d);
        let h = z1.square();
        let j = e.sub(&h.double());
        (b.sub(&e).mul(&j), e.mul(&c.sub(&d)), e.mul(&j))
    }

    /// Is the 57-byte encoding a point of the curve (RFC 8032 §5.2.3)?
    fn decodes(&self, bytes: &[u8]) -> bool {
        let [head @ .., last] = bytes else {
            return false;
        };
        if bytes.len() != 57 || last & 0x7f != 0 {
            return false;
        }
        let be: Vec<u8> = head.iter().rev().copied().collect();
        let Some(y) = self.f.element(&be) else {
            return false;
        };
        let Some(one) = self.f.small(1) else {
            return false;
        };
        // x² = (y² − 1) / (d·y² − 1)
        let y2 = y.square();
        let u = y2.sub(&one);
        let v = self.d.mul(&y2).sub(&one);
        let Some(vi) = self.f.invert(&v) else {
            return false;
        };
        match self.f.sqrt(&u.mul(&vi)) {
            Some(x) => !(self.f.is_zero(&x) && last & 0x80 != 0),
            None => false,
        }
    }
}

/// Whether 57 bytes are a valid Ed448 public key (a point of the curve).
pub(crate) fn ed448_point_valid(bytes: &[u8]) -> bool {
    Edwards::new().is_some_and(|e| e.decodes(bytes))
}

/// The Ed448 public key of a 57-byte private key (RFC 8032 §5.2.5).
pub(crate) fn ed448_public(seed: &[u8]) -> Option<[u8; 57]> {
    if seed.len() != 57 {
        return None;
    }
    let mut h = Zeroizing::new([0u8; 114]);
    let mut xof = Shake256::default();
    xof.update(seed);
    xof.finalize_xof().read(&mut *h);
    // Prune: clear the 2 low bits of the first octet, clear the last octet, set the top bit of the
    // second to last one; the scalar is the first 57 octets, little-endian.
    let mut s = Zeroizing::new([0u8; 57]);
    s.copy_from_slice(h.get(..57)?);
    let [first, .., second_last, last] = &mut *s;
    *first &= 0xfc;
    *second_last |= 0x80;
    *last = 0;
    let scalar: Zeroizing<Vec<u8>> = Zeroizing::new(s.iter().rev().copied().collect());

    let e = Edwards::new()?;
    let one = e.f.small(1)?;
    let base: Projective = (e.f.hex(ED448_BX)?, e.f.hex(ED448_BY)?, one.clone());
    let mut acc: Projective = (e.f.small(0)?, one.clone(), one);
    for byte in scalar.iter() {
        for bit in (0..8).rev() {
            acc = e.double(&acc);
            if byte >> bit & 1 == 1 {
                acc = e.add(&acc, &base);
            }
        }
    }
    let zi = e.f.invert(&acc.2)?;
    let x = e.f.bytes(&acc.0.mul(&zi), 56);
    let y = e.f.bytes(&acc.1.mul(&zi), 56);
    let mut out = [0u8; 57];
    for (o, b) in out.iter_mut().zip(y.iter().rev()) {
        *o = *b;
    }
    if x.last().is_some_and(|b| b & 1 == 1) {
        out[56] |= 0x80;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_are_on_their_curves() {
        let all = [
            ("P-256", &P256),
            ("P-384", &P384),
            ("P-521", &P521),
            ("secp256k1", &SECP256K1),
            ("SM2", &SM2),
        ];
        for (c, k) in all {
            let mut g = alloc::vec![4u8];
            g.extend(unhex(k.gx));
            g.extend(unhex(k.gy));
            assert!(decode_point(k, &g).is_ok(), "{c}");
            // [1]G = G, and compression round-trips.
            assert_eq!(public_point(k, &[1]).as_deref(), Some(g.as_slice()), "{c}");
            let odd = g.last().is_some_and(|b| b & 1 == 1);
            let mut compressed = alloc::vec![if odd { 3u8 } else { 2 }];
            compressed.extend(unhex(k.gx));
            let (x, y) = decode_point(k, &compressed).unwrap_or_default();
            assert_eq!((x, y), (unhex(k.gx), unhex(k.gy)), "{c}");
            assert!(
                is_curve(k, &unhex(k.p), &unhex(k.a), &unhex(k.b), &compressed),
                "{c}"
            );
            assert!(
                !is_curve(k, &unhex(k.p), &unhex(k.b), &unhex(k.a), &g),
                "{c}"
            );
        }
    }

    #[test]
    fn p256_and_p384_agree_with_the_rustcrypto_crates() {
        let scalar = [0x5Au8; 32];
        let sk = p256::SecretKey::from_slice(&scalar).ok();
        let want = sk.map(|k| k.public_key().to_sec1_bytes().to_vec());
        assert_eq!(public_point(&P256, &scalar), want);
        let scalar = [0x3Cu8; 48];
        let sk = p384::SecretKey::from_slice(&scalar).ok();
        let want = sk.map(|k| k.public_key().to_sec1_bytes().to_vec());
        assert_eq!(public_point(&P384, &scalar), want);
    }

    #[test]
    fn bad_points_are_refused() {
        let k = &SM2;
        let mut g = alloc::vec![4u8];
        g.extend(unhex(k.gx));
        g.extend(unhex(k.gy));
        let mut off = g.clone();
        if let Some(b) = off.last_mut() {
            *b ^= 1;
        }
        assert!(decode_point(k, &off).is_err());
        assert!(decode_point(k, &[0]).is_err());
        assert!(decode_point(k, g.get(..40).unwrap_or_default()).is_err());
        assert!(decode_point(k, &[]).is_err());
        let mut big_x = alloc::vec![2u8];
        big_x.extend(unhex(k.p));
        assert!(decode_point(k, &big_x).is_err());
    }

    /// RFC 8032 §7.4, the first test vector ("blank"): secret key and public key.
    #[test]
    fn ed448_rfc8032_vector() {
        let seed = unhex(
            "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
        );
        let public = unhex(
            "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
        );
        assert_eq!(
            ed448_public(&seed).map(|p| p.to_vec()),
            Some(public.clone())
        );
        assert!(ed448_point_valid(&public));
        let mut bad = public.clone();
        if let Some(b) = bad.get_mut(3) {
            *b ^= 0x40;
        }
        // Either not a point, or another point: never the same key.
        assert_ne!(Some(bad.clone()), ed448_public(&seed).map(|p| p.to_vec()));
        assert!(!ed448_point_valid(&public[..56]));
    }
}
