//! ECDSA verification (SEC 1 v2 §4.1.4) on the NIST curves with a = −3 (P-256, P-384), in
//! **variable time** on [`crate::arith::montgomery`]'s limbs (32-bit on wasm32): everything here is public
//! (the issuer's point, the signature, the signed certificate), as for RSA (`rsa.rs`).
//!
//! It replaced p256/p384's `ecdsa`: on wasm32 their field arithmetic is crypto-bigint code on
//! 64-bit limbs (a `__multi3` call per limb product; p384's is the generic Montgomery code), and
//! ~4.4 ms of an ECDSA chain's 5.5 ms in Node was one P-384 verification (now ~1.6 ms; P-256
//! ~1.2 → ~0.5 ms). Those crates are the oracles of the tests below, of
//! `tests/wasm_cases/signatures.rs` and of the fuzz target `signature_differential`.
//!
//! u₁·G + u₂·Q by interleaved width-5 NAF (odd multiples 1, 3, …, 15 of each point, Jacobian
//! coordinates: dbl-2001-b and add-2007-bl of the Explicit-Formulas Database), and the x check
//! without an inversion: X ≡ r·Z² (mod p), or (r + n)·Z² when r + n < p.

use alloc::vec::Vec;

use crate::arith::curves::{Params, unhex};
use crate::arith::montgomery::{
    self, LIMB_BITS, LIMB_BYTES, Limb, add_in_place, inverse_neg, less, limbs_into, sub_in_place,
};

/// The group order of P-256 (FIPS 186-4 D.1.2.3).
pub(crate) const P256_ORDER: &str =
    "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
/// The group order of P-384 (FIPS 186-4 D.1.2.4).
pub(crate) const P384_ORDER: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973";

type Limbs<const N: usize> = [Limb; N];

/// Arithmetic modulo an odd prime (the field prime or the group order); elements in Montgomery
/// form, always fully reduced (so equal values have equal limbs).
struct Field<const N: usize> {
    m: Limbs<N>,
    n0: Limb,
    rr: Limbs<N>,
    one: Limbs<N>,
}

impl<const N: usize> Field<N> {
    fn new(be: &[u8]) -> Option<Self> {
        let mut m = [0; N];
        limbs_into(be, &mut m);
        let mut rr = [0; N];
        for (dst, src) in rr.iter_mut().zip(montgomery::r_squared(be, N)?) {
            *dst = src;
        }
        let mut f = Field {
            n0: inverse_neg(*m.first()?),
            m,
            rr,
            one: [0; N],
        };
        f.one = f.mont(&small(1));
        Some(f)
    }

    fn mul(&self, a: &Limbs<N>, b: &Limbs<N>) -> Limbs<N> {
        let mut t = [0; N];
        montgomery::mul(&mut t, a, b, &self.m, self.n0);
        t
    }

    fn sqr(&self, a: &Limbs<N>) -> Limbs<N> {
        let mut t = [0; N];
        montgomery::square(&mut t, &mut [0; 2 * MAX_LIMBS], a, &self.m, self.n0);
        t
    }

    fn add(&self, a: &Limbs<N>, b: &Limbs<N>) -> Limbs<N> {
        let mut t = *a;
        if add_in_place(&mut t, b) || !less(&t, &self.m) {
            sub_in_place(&mut t, &self.m);
        }
        t
    }

    fn sub(&self, a: &Limbs<N>, b: &Limbs<N>) -> Limbs<N> {
        let mut t = *a;
        if sub_in_place(&mut t, b) {
            add_in_place(&mut t, &self.m);
        }
        t
    }

    fn mont(&self, a: &Limbs<N>) -> Limbs<N> {
        self.mul(a, &self.rr)
    }

    fn plain(&self, a: &Limbs<N>) -> Limbs<N> {
        self.mul(a, &small(1))
    }

    /// A value from big-endian bytes (at most 4·N of them), in Montgomery form; `None` unless < m.
    fn element(&self, be: &[u8]) -> Option<Limbs<N>> {
        let x = below(be, &self.m)?;
        Some(self.mont(&x))
    }

    /// a^e, e in ordinary form (variable time: e is public).
    fn pow(&self, a: &Limbs<N>, e: &Limbs<N>) -> Limbs<N> {
        let mut acc = self.one;
        for limb in e.iter().rev() {
            for bit in (0..LIMB_BITS).rev() {
                acc = self.sqr(&acc);
                if limb >> bit & 1 == 1 {
                    acc = self.mul(&acc, a);
                }
            }
        }
        acc
    }
}

/// The NAF width: digits 0, ±1, ±3, …, ±15, each nonzero one followed by at least four zeros
/// (one addition per ~6 doublings per scalar, for a table of 8 points per point).
const W: u32 = 5;
const TABLE: usize = 1 << (W - 2);

/// The most limbs a field element has here (P-384).
const MAX_LIMBS: usize = 384 / LIMB_BITS as usize;

/// `v` as limbs.
fn small<const N: usize>(v: Limb) -> Limbs<N> {
    let mut x = [0; N];
    if let Some(low) = x.first_mut() {
        *low = v;
    }
    x
}

fn is_zero<const N: usize>(x: &Limbs<N>) -> bool {
    x.iter().all(|l| *l == 0)
}

/// Big-endian bytes as limbs if they fit and the value is below `m`.
fn below<const N: usize>(be: &[u8], m: &Limbs<N>) -> Option<Limbs<N>> {
    if be.len() > LIMB_BYTES * N {
        return None;
    }
    let mut x = [0; N];
    limbs_into(be, &mut x);
    less(&x, m).then_some(x)
}

/// A point in Jacobian coordinates (X/Z², Y/Z³), Montgomery form; Z = 0 is the point at infinity.
#[derive(Clone, Copy)]
struct Point<const N: usize> {
    x: Limbs<N>,
    y: Limbs<N>,
    z: Limbs<N>,
}

/// A curve y² = x³ − 3x + b over GF(p) with a base point G of prime order n.
struct Curve<const N: usize> {
    p: Field<N>,
    n: Field<N>,
    b: Limbs<N>,
    g: Point<N>,
}

impl<const N: usize> Curve<N> {
    fn new(params: &Params, order: &str) -> Option<Self> {
        let p = Field::new(&unhex(params.p))?;
        let n = Field::new(&unhex(order))?;
        let g = Point {
            x: p.element(&unhex(params.gx))?,
            y: p.element(&unhex(params.gy))?,
            z: p.one,
        };
        Some(Curve {
            b: p.element(&unhex(params.b))?,
            g,
            p,
            n,
        })
    }

    /// x³ − 3x + b.
    fn rhs(&self, x: &Limbs<N>) -> Limbs<N> {
        let f = &self.p;
        let x3 = f.mul(&f.sqr(x), x);
        let three_x = f.add(&f.add(x, x), x);
        f.add(&f.sub(&x3, &three_x), &self.b)
    }

    /// SEC 1 §2.3.4: an uncompressed or compressed point on the curve (never the identity).
    fn decode(&self, sec1: &[u8]) -> Option<Point<N>> {
        let f = &self.p;
        let len = LIMB_BYTES * N;
        let (&tag, rest) = sec1.split_first()?;
        let (x, y) = match tag {
            4 if rest.len() == 2 * len => {
                let (x, y) = rest.split_at(len);
                let (x, y) = (f.element(x)?, f.element(y)?);
                (f.sqr(&y) == self.rhs(&x)).then_some((x, y))?
            }
            2 | 3 if rest.len() == len => {
                let x = f.element(rest)?;
                let rhs = self.rhs(&x);
                // p ≡ 3 (mod 4): √a = a^((p+1)/4), when a is a square.
                let mut e = f.m;
                add_in_place(&mut e, &small::<N>(1));
                shift_right(&mut e, 2);
                let y = f.pow(&rhs, &e);
                if f.sqr(&y) != rhs {
                    return None;
                }
                let odd = f.plain(&y).first().is_some_and(|l| l & 1 == 1);
                let y = if odd == (tag == 3) {
                    y
                } else {
                    f.sub(&[0; N], &y)
                };
                (x, y)
            }
            _ => return None,
        };
        Some(Point { x, y, z: f.one })
    }

    /// 2P (dbl-2001-b, a = −3).
    fn double(&self, pt: &Point<N>) -> Point<N> {
        let f = &self.p;
        if is_zero(&pt.z) {
            return *pt;
        }
        let delta = f.sqr(&pt.z);
        let gamma = f.sqr(&pt.y);
        let beta = f.mul(&pt.x, &gamma);
        let alpha = f.mul(&f.sub(&pt.x, &delta), &f.add(&pt.x, &delta));
        let alpha = f.add(&f.add(&alpha, &alpha), &alpha);
        let beta4 = f.add(&beta, &beta);
        let beta4 = f.add(&beta4, &beta4);
        let x = f.sub(&f.sqr(&alpha), &f.add(&beta4, &beta4));
        let z = f.sub(&f.sub(&f.sqr(&f.add(&pt.y, &pt.z)), &gamma), &delta);
        let gamma2 = f.sqr(&gamma);
        let gamma8 = f.add(&gamma2, &gamma2);
        let gamma8 = f.add(&gamma8, &gamma8);
        let gamma8 = f.add(&gamma8, &gamma8);
        let y = f.sub(&f.mul(&alpha, &f.sub(&beta4, &x)), &gamma8);
        Point { x, y, z }
    }

    /// P + Q (add-2007-bl), every case: either at infinity, P = Q, P = −Q.
    fn add(&self, a: &Point<N>, b: &Point<N>) -> Point<N> {
        let f = &self.p;
        if is_zero(&a.z) {
            return *b;
        }
        if is_zero(&b.z) {
            return *a;
        }
        let z1z1 = f.sqr(&a.z);
        let z2z2 = f.sqr(&b.z);
        let u1 = f.mul(&a.x, &z2z2);
        let u2 = f.mul(&b.x, &z1z1);
        let s1 = f.mul(&f.mul(&a.y, &b.z), &z2z2);
        let s2 = f.mul(&f.mul(&b.y, &a.z), &z1z1);
        let h = f.sub(&u2, &u1);
        let r = f.sub(&s2, &s1);
        if is_zero(&h) {
            return if is_zero(&r) {
                self.double(a)
            } else {
                Point {
                    x: f.one,
                    y: f.one,
                    z: [0; N],
                }
            };
        }
        let r = f.add(&r, &r);
        let i = f.sqr(&f.add(&h, &h));
        let j = f.mul(&h, &i);
        let v = f.mul(&u1, &i);
        let x = f.sub(&f.sub(&f.sqr(&r), &j), &f.add(&v, &v));
        let s1j = f.mul(&s1, &j);
        let y = f.sub(&f.mul(&r, &f.sub(&v, &x)), &f.add(&s1j, &s1j));
        let z = f.mul(&f.sub(&f.sub(&f.sqr(&f.add(&a.z, &b.z)), &z1z1), &z2z2), &h);
        Point { x, y, z }
    }

    fn negate(&self, pt: &Point<N>) -> Point<N> {
        Point {
            y: self.p.sub(&[0; N], &pt.y),
            ..*pt
        }
    }

    /// P, 3P, 5P, …, (2^(W−1) − 1)·P: the odd multiples a width-W NAF digit can name.
    fn odd_multiples(&self, pt: &Point<N>) -> [Point<N>; TABLE] {
        let two = self.double(pt);
        let mut table = [*pt; TABLE];
        let mut prev = *pt;
        for entry in table.iter_mut().skip(1) {
            prev = self.add(&prev, &two);
            *entry = prev;
        }
        table
    }

    /// Does (r, s) sign `digest` under `point` (SEC 1 §4.1.4)? `r_s` is r ‖ s, n's length each.
    fn verify(&self, digest: &[u8], r_s: &[u8], point: &[u8]) -> bool {
        let Some(q) = self.decode(point) else {
            return false;
        };
        let (r_bytes, s_bytes) = r_s.split_at(r_s.len() / 2);
        let (Some(r), Some(s)) = (below(r_bytes, &self.n.m), below(s_bytes, &self.n.m)) else {
            return false;
        };
        if is_zero(&r) || is_zero(&s) {
            return false;
        }
        // e: the leftmost bits of the digest, as many as n has (its bytes: both orders fill them),
        // reduced mod n.
        let mut e = [0; N];
        limbs_into(digest.get(..LIMB_BYTES * N).unwrap_or(digest), &mut e);
        if !less(&e, &self.n.m) {
            sub_in_place(&mut e, &self.n.m);
        }
        let n = &self.n;
        let mut n_minus_2 = n.m;
        sub_in_place(&mut n_minus_2, &small::<N>(2));
        let w = n.pow(&n.mont(&s), &n_minus_2);
        let u1 = n.plain(&n.mul(&n.mont(&e), &w));
        let u2 = n.plain(&n.mul(&n.mont(&r), &w));

        let (g_table, q_table) = (self.odd_multiples(&self.g), self.odd_multiples(&q));
        let (d1, d2) = (naf(u1), naf(u2));
        let mut acc = Point {
            x: self.p.one,
            y: self.p.one,
            z: [0; N],
        };
        for i in (0..d1.len().max(d2.len())).rev() {
            acc = self.double(&acc);
            for (digits, table) in [(&d1, &g_table), (&d2, &q_table)] {
                let d = digits.get(i).copied().unwrap_or(0);
                if let Some(pt) = table
                    .get(usize::from(d.unsigned_abs() / 2))
                    .filter(|_| d != 0)
                {
                    acc = self.add(&acc, &if d > 0 { *pt } else { self.negate(pt) });
                }
            }
        }
        if is_zero(&acc.z) {
            return false;
        }
        // x(R) mod n = r: X = x·Z² with x ∈ {r, r + n} (x < p).
        let f = &self.p;
        let z2 = f.sqr(&acc.z);
        let matches = |x: &Limbs<N>| f.mul(&f.mont(x), &z2) == acc.x;
        let mut r_plus_n = r;
        let fits = !add_in_place(&mut r_plus_n, &self.n.m) && less(&r_plus_n, &f.m);
        matches(&r) || (fits && matches(&r_plus_n))
    }
}

/// x ← x >> bits (bits < 32).
fn shift_right(x: &mut [Limb], bits: u32) {
    let mut carry: Limb = 0;
    for limb in x.iter_mut().rev() {
        let next = *limb << (LIMB_BITS - bits);
        *limb = *limb >> bits | carry;
        carry = next;
    }
}

/// The width-[`W`] non-adjacent form of k, least significant digit first.
fn naf<const N: usize>(k: Limbs<N>) -> Vec<i8> {
    // One limb more than k: k + 15 may carry out of N limbs.
    let mut k: Vec<Limb> = k.into_iter().chain([0]).collect();
    let mut step: Vec<Limb> = alloc::vec![0; N + 1];
    let mut digits = Vec::with_capacity(LIMB_BITS as usize * N + 1);
    while k.iter().any(|l| *l != 0) {
        let low = k.first().copied().unwrap_or(0);
        let d = if low & 1 == 1 {
            let d = (low & ((1 << W) - 1)) as i8;
            let d = if d >= 1 << (W - 1) { d - (1 << W) } else { d };
            // k ← k − d, which clears k's low four bits.
            if let Some(first) = step.first_mut() {
                *first = Limb::from(d.unsigned_abs());
            }
            if d > 0 {
                sub_in_place(&mut k, &step);
            } else {
                add_in_place(&mut k, &step);
            }
            d
        } else {
            0
        };
        digits.push(d);
        shift_right(&mut k, 1);
    }
    digits
}

/// ECDSA on P-384: `r_s` is r ‖ s (48 bytes each), `point` the SEC 1 encoded public key.
pub(crate) fn verify_p384(digest: &[u8], r_s: &[u8; 96], point: &[u8]) -> bool {
    Curve::<{ 384 / LIMB_BITS as usize }>::new(&crate::arith::curves::P384, P384_ORDER)
        .is_some_and(|c| c.verify(digest, r_s, point))
}

/// ECDSA on P-256: `r_s` is r ‖ s (32 bytes each), `point` the SEC 1 encoded public key.
pub(crate) fn verify_p256(digest: &[u8], r_s: &[u8; 64], point: &[u8]) -> bool {
    Curve::<{ 256 / LIMB_BITS as usize }>::new(&crate::arith::curves::P256, P256_ORDER)
        .is_some_and(|c| c.verify(digest, r_s, point))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::verify::tests::stream;
    use alloc::vec;
    use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
    use p256::elliptic_curve::sec1::ToSec1Point;

    /// The p256/p384 crates' verdict (what this module replaced).
    fn oracle(bits: usize, digest: &[u8], r_s: &[u8], point: &[u8]) -> bool {
        if bits == 256 {
            let (Ok(key), Ok(sig)) = (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p256::ecdsa::Signature::from_slice(r_s),
            ) else {
                return false;
            };
            key.verify_prehash(digest, &sig).is_ok()
        } else {
            let (Ok(key), Ok(sig)) = (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p384::ecdsa::Signature::from_slice(r_s),
            ) else {
                return false;
            };
            key.verify_prehash(digest, &sig).is_ok()
        }
    }

    fn ours(bits: usize, digest: &[u8], r_s: &[u8], point: &[u8]) -> bool {
        if bits == 256 {
            r_s.try_into()
                .is_ok_and(|rs| verify_p256(digest, rs, point))
        } else {
            r_s.try_into()
                .is_ok_and(|rs| verify_p384(digest, rs, point))
        }
    }

    /// The signature as made and damaged: r or s with a bit flipped, zero, the group order n, r
    /// and s swapped; and the digest with a bit flipped.
    fn variants(bits: usize, r_s: &[u8]) -> Vec<Vec<u8>> {
        let half = r_s.len() / 2;
        let order = unhex(if bits == 256 { P256_ORDER } else { P384_ORDER });
        let mut out = vec![r_s.to_vec()];
        for (at, mask) in [
            (0, 0x01),
            (half - 1, 0x80),
            (half, 0x02),
            (r_s.len() - 1, 0x01),
        ] {
            let mut v = r_s.to_vec();
            v[at] ^= mask;
            out.push(v);
        }
        out.push([&vec![0; half][..], &r_s[half..]].concat());
        out.push([&r_s[..half], &vec![0; half][..]].concat());
        out.push([&order[..], &r_s[half..]].concat());
        out.push([&r_s[..half], &order[..]].concat());
        out.push([&r_s[half..], &r_s[..half]].concat());
        out
    }

    /// Ours against p256/p384 on keys and digests (20 to 64 bytes: SHA-1 to SHA-512, shorter and
    /// longer than the order) signed by the crates (RFC 6979), with compressed and uncompressed
    /// public keys, the signatures damaged, and points off the curve or of the wrong length.
    #[test]
    fn agrees_with_the_rustcrypto_crates_on_random_signatures() {
        let mut valid = 0;
        for bits in [256usize, 384] {
            for round in 0u8..10 {
                let secret = stream(&[b'k', round, bits as u8], bits / 8);
                let digest = stream(&[b'd', round], [20, 28, 32, 48, 64][usize::from(round) % 5]);
                let (r_s, points) = if bits == 256 {
                    let Ok(key) = p256::ecdsa::SigningKey::from_slice(&secret) else {
                        continue;
                    };
                    let sig: p256::ecdsa::Signature = key.sign_prehash(&digest).unwrap();
                    let q = key.verifying_key().as_affine().to_sec1_point(false);
                    let c = key.verifying_key().as_affine().to_sec1_point(true);
                    (
                        sig.to_bytes().to_vec(),
                        [q.as_bytes().to_vec(), c.as_bytes().to_vec()],
                    )
                } else {
                    let Ok(key) = p384::ecdsa::SigningKey::from_slice(&secret) else {
                        continue;
                    };
                    let sig: p384::ecdsa::Signature = key.sign_prehash(&digest).unwrap();
                    let q = key.verifying_key().as_affine().to_sec1_point(false);
                    let c = key.verifying_key().as_affine().to_sec1_point(true);
                    (
                        sig.to_bytes().to_vec(),
                        [q.as_bytes().to_vec(), c.as_bytes().to_vec()],
                    )
                };
                let mut other_digest = digest.clone();
                other_digest[0] ^= 1;
                let mut off_curve = points[0].clone();
                *off_curve.last_mut().unwrap() ^= 1;
                let mut bad_prefix = points[1].clone();
                bad_prefix[0] = 5;
                let bad_points = [
                    off_curve,
                    bad_prefix,
                    points[0][..points[0].len() - 1].to_vec(),
                    vec![0],
                ];
                for point in points.iter().chain(&bad_points) {
                    for sig in variants(bits, &r_s) {
                        for d in [&digest, &other_digest] {
                            // The crates also take SEC 1's 0x05 "compact" tag (x only); like
                            // OpenSSL and the certificate check (curves::decode_point) we take
                            // 02, 03 and 04 only.
                            let want = oracle(bits, d, &sig, point) && point[0] != 5;
                            assert_eq!(ours(bits, d, &sig, point), want, "P-{bits} round {round}");
                            valid += usize::from(want);
                        }
                    }
                }
            }
        }
        // Each key: the signature as made, with both point encodings.
        assert_eq!(valid, 2 * 10 * 2, "two curves, ten keys, two encodings");
    }

    /// Ours against p256/p384 on every ECDSA-signed certificate of the fixture corpus with every
    /// P-256/P-384 certificate named as its issuer (impostors included), as signed and damaged.
    #[test]
    fn agrees_with_the_rustcrypto_crates_on_the_corpus() {
        use crate::alg::Curve as Named;
        use crate::cert::{Cert, Signed};
        let certs = crate::cert::verify::tests::corpus_certificates();
        let parsed: Vec<Cert> = certs.iter().map(|d| Cert::parse(d).unwrap()).collect();
        let (mut valid, mut checked) = (0, 0);
        for (der, cert) in certs.iter().zip(&parsed) {
            let Ok(signed) = Signed::parse(der) else {
                continue;
            };
            let (Ok(crate::cert::verify::Scheme::Ecdsa(hash)), Some(signature)) = (
                crate::cert::verify::scheme(&signed.algorithm),
                signed.signature,
            ) else {
                continue;
            };
            let digest = hash.digest(signed.tbs.raw);
            for issuer in parsed.iter().filter(|i| cert.named_issuer_is(i)) {
                let Some(spki) = issuer.spki() else { continue };
                let curve = spki
                    .algorithm
                    .parameters_oid()
                    .and_then(|o| Named::from_oid(&o));
                let bits = match curve {
                    Some(Named::P256) => 256,
                    Some(Named::P384) => 384,
                    _ => continue,
                };
                let r_s = if bits == 256 {
                    crate::cert::verify::ecdsa_r_s::<64>(signature).map(|a| a.to_vec())
                } else {
                    crate::cert::verify::ecdsa_r_s::<96>(signature).map(|a| a.to_vec())
                };
                let Some(r_s) = r_s else { continue };
                for sig in variants(bits, &r_s) {
                    let want = oracle(bits, &digest, &sig, spki.key);
                    assert_eq!(
                        ours(bits, &digest, &sig, spki.key),
                        want,
                        "{:?}",
                        cert.info.subject
                    );
                    valid += usize::from(want);
                    checked += 1;
                }
            }
        }
        assert!(valid >= 20 && checked >= 200, "{valid} valid of {checked}");
    }

    #[test]
    fn naf_digits_are_odd_sparse_and_sum_to_k() {
        for seed in 0u8..64 {
            let bytes = stream(&[b'n', seed], 15);
            let mut k: [Limb; 128 / LIMB_BITS as usize] = [0; 128 / LIMB_BITS as usize];
            limbs_into(&bytes, &mut k);
            let digits = naf(k);
            let mut sum: i128 = 0;
            for d in digits.iter().rev() {
                sum = sum * 2 + i128::from(*d);
            }
            let want = bytes.iter().fold(0i128, |acc, b| acc << 8 | i128::from(*b));
            assert_eq!(sum, want);
            for (i, d) in digits.iter().enumerate().filter(|(_, d)| **d != 0) {
                assert!(d % 2 != 0 && d.abs() < 1 << (W - 1));
                assert!(
                    digits
                        .iter()
                        .skip(i + 1)
                        .take(W as usize - 1)
                        .all(|x| *x == 0)
                );
            }
        }
    }
}
