//! Public keys from private ones on the curves the RustCrypto crates we ship do not cover — P-521,
//! secp256k1 and SM2 (short Weierstrass, SEC 1 §2.2.1) and Ed448 (RFC 8032 §5.2) — and the
//! validation of a certificate's point on every curve we know (SEC 1 §2.3.4). With these a key on
//! any of those curves is *proved* to belong to a certificate, or not: never assumed.
//!
//! **The derivation sees the private scalar and is constant-time** (SPEC, Non-negotiables): the
//! crates `k256`, `p521`, `sm2` and `ed448-goldilocks` would cost +18.0, +8.3, +8.6 and +5.4 KiB
//! gzip in the shipped module (measured, issue 20 §2), over the size budget, so the scalar
//! multiplication is ours and written to have no secret-dependent branch, memory index or loop
//! count:
//!
//! - a Montgomery ladder over exactly the group order's bit length ([`Params::n_bits`]; 448 for
//!   Ed448's pruned scalar), never the scalar's: one addition, one doubling and one conditional
//!   swap per bit, the swap by crypto-bigint's constant-time `ct_swap` on the limbs;
//! - complete formulas, so there is no exceptional case to branch on: Renes–Costello–Batina 2016
//!   Algorithm 1 (any a, prime-order curves: all three are) for the addition *and* the doubling,
//!   RFC 8032 §5.2.4's addition and doubling for Ed448 (complete: a = 1, d non-square);
//! - the formulas as instruction tables ([`RCB_ADD`], [`EDWARDS_ADD`], [`EDWARDS_DOUBLE`]) that
//!   name registers by constant numbers, run on a fixed register file ([`Machine`]) of field
//!   elements at the precision of the curve's prime (public), operated on in place by
//!   crypto-bigint's constant-time Montgomery multiplication, addition and subtraction; one final
//!   inversion by Fermat, a square-and-multiply over the bits of the public exponent p − 2;
//! - the registers (every intermediate value) and the scalar's copies are zeroized.
//!
//! The unit tests count the field operations of a derivation (a cfg(test) counter in
//! [`Machine`]) for scalars of every shape and assert they are equal; the old double-and-add
//! fails that test. Oracles: the RustCrypto crates above (dev-dependencies, random scalars; the
//! fuzz target `curve_differential`) and openssl (`tests/algorithms.rs`, fresh keys every run).
//!
//! Point decoding and validation ([`decode_point`], [`ed448_point_valid`]) work on public data
//! (certificates and embedded public keys) and may branch on it.

use crate::asn1::strip;
use alloc::vec::Vec;
use crypto_bigint::{
    BoxedUint, Choice, CtSelect, MontyForm, MontyMultiplier, Odd,
    modular::{BoxedMontyForm, BoxedMontyParams},
};
use shake::{ExtendableOutput, Shake256, Update, XofReader};
use zeroize::{Zeroize, Zeroizing};

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
    /// Bits of the group order n: the ladder's length, the same for every scalar.
    pub(crate) n_bits: usize,
}

/// SEC 2 §2.7.1 (secp256k1), FIPS 186-4 D.1.2.5 (P-521), GM/T 0003.5-2012 (SM2).
pub(crate) const SECP256K1: Params = Params {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F",
    a: "00",
    b: "07",
    gx: "79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798",
    gy: "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8",
    len: 32,
    n_bits: 256,
};
pub(crate) const P521: Params = Params {
    p: "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
    a: "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC",
    b: "0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00",
    gx: "00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66",
    gy: "011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD16650",
    len: 66,
    n_bits: 521,
};
pub(crate) const SM2: Params = Params {
    p: "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF",
    a: "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC",
    b: "28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93",
    gx: "32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7",
    gy: "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0",
    len: 32,
    n_bits: 256,
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
    n_bits: 256,
};
pub(crate) const P384: Params = Params {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF",
    a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFC",
    b: "B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF",
    gx: "AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7",
    gy: "3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F",
    len: 48,
    n_bits: 384,
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

/// Arithmetic modulo one prime, on public values (point decoding); the secret side is [`Machine`].
struct Field {
    params: BoxedMontyParams,
    bits: u32,
    p: BoxedUint,
    /// p − 2, big-endian: Fermat's exponent of the inverse (public).
    e: Vec<u8>,
}

type Fe = BoxedMontyForm;

impl Field {
    fn new(p_hex: &str) -> Option<Self> {
        let bytes = unhex(p_hex);
        // A whole number of 64-bit limbs (what crypto-bigint's boxed integers hold): the
        // precision of every element of this curve, fixed by its prime.
        let bits = u32::try_from(bytes.len().div_ceil(8).saturating_mul(64)).ok()?;
        let p = BoxedUint::from_be_slice(&bytes, bits).ok()?;
        let odd = Odd::new(p.clone()).into_option()?;
        // Every prime here ends in a byte ≥ 2: p − 2 borrows nothing.
        let mut e = bytes;
        let last = e.last_mut()?;
        *last = last.checked_sub(2)?;
        Some(Field {
            params: BoxedMontyParams::new_vartime(odd),
            bits,
            p,
            e,
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

    /// Big-endian bytes of `x`, left-padded to `len` (public values only: `strip` is not
    /// constant-time).
    fn bytes(&self, x: &Fe, len: usize) -> Vec<u8> {
        let be = x.retrieve().to_be_bytes();
        let be = strip(&be);
        let mut out = alloc::vec![0u8; len.saturating_sub(be.len())];
        out.extend_from_slice(be);
        out
    }

    /// 1/x of a public x by Fermat (x^(p−2)): exponentiation is linked already; a gcd-based
    /// inverse would add several KB to the module.
    fn invert(&self, x: &Fe) -> Option<Fe> {
        if self.is_zero(x) {
            return None;
        }
        Some(x.pow(&BoxedUint::from_be_slice(&self.e, self.bits).ok()?))
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

/// Whether a big-endian scalar (the group order's length) is in [1, n−1] (SEC 1 §3.2.1), in
/// constant time: s − n byte by byte, from the least significant, borrows out exactly when s < n,
/// and s ≠ 0 exactly when the bytes OR to non-zero; no branch, early exit or index on a value.
pub(crate) fn scalar_in_range(scalar: &[u8], order: &[u8]) -> bool {
    if scalar.len() != order.len() {
        return false;
    }
    let (mut borrow, mut any) = (0u32, 0u32);
    for (s, n) in scalar.iter().zip(order).rev() {
        let d = u32::from(*s)
            .wrapping_sub(u32::from(*n))
            .wrapping_sub(borrow);
        borrow = d >> 31;
        any |= u32::from(*s);
    }
    // any ∈ [0, 255]: −any has its top bit set exactly when any ≠ 0.
    borrow & (any.wrapping_neg() >> 31) == 1
}

// ---- The constant-time ladder ------------------------------------------------------------------

/// Registers of [`Machine`]: the ladder's two points R0 and R1 (X, Y, Z each), the result of the
/// last point operation, six temporaries and two curve constants.
const R0: usize = 0;
const R1: usize = 3;
const OUT: usize = 6;
const T0: u8 = 9;
const T1: u8 = 10;
const T2: u8 = 11;
const T3: u8 = 12;
const T4: u8 = 13;
const T5: u8 = 14;
/// a, then 3b (Weierstrass); d (Edwards).
const C0: u8 = 15;
const C1: u8 = 16;
const REGS: usize = 17;

/// A step of a point formula: operation, destination and two operands (a squaring repeats its
/// operand). [`Machine::run`] maps X1–Z1, X2–Z2 and X3–Z3 to the registers of its two inputs and
/// its output; the other operands are registers.
type Step = [u8; 4];

const X1: u8 = 0;
const Y1: u8 = 1;
const Z1: u8 = 2;
const X2: u8 = 3;
const Y2: u8 = 4;
const Z2: u8 = 5;
const X3: u8 = 6;
const Y3: u8 = 7;
const Z3: u8 = 8;
/// The constants: a and 3b of a Weierstrass curve, d of Ed448.
const A: u8 = C0;
const B3: u8 = C1;
const D: u8 = C0;

/// Renes–Costello–Batina 2016, Algorithm 1: complete projective addition on y² = x³ + ax + b of
/// prime order, for every pair of points (equal ones and the neutral element (0 : 1 : 0)
/// included): the ladder's addition and doubling on P-521, secp256k1 and SM2. The comments are
/// the paper's line numbers.
const RCB_ADD: [Step; 40] = [
    [MUL, T0, X1, X2], // 1
    [MUL, T1, Y1, Y2], // 2
    [MUL, T2, Z1, Z2], // 3
    [ADD, T3, X1, Y1], // 4
    [ADD, T4, X2, Y2], // 5
    [MUL, T3, T3, T4], // 6
    [ADD, T4, T0, T1], // 7
    [SUB, T3, T3, T4], // 8
    [ADD, T4, X1, Z1], // 9
    [ADD, T5, X2, Z2], // 10
    [MUL, T4, T4, T5], // 11
    [ADD, T5, T0, T2], // 12
    [SUB, T4, T4, T5], // 13
    [ADD, T5, Y1, Z1], // 14
    [ADD, X3, Y2, Z2], // 15
    [MUL, T5, T5, X3], // 16
    [ADD, X3, T1, T2], // 17
    [SUB, T5, T5, X3], // 18
    [MUL, Z3, A, T4],  // 19
    [MUL, X3, B3, T2], // 20
    [ADD, Z3, X3, Z3], // 21
    [SUB, X3, T1, Z3], // 22
    [ADD, Z3, T1, Z3], // 23
    [MUL, Y3, X3, Z3], // 24
    [ADD, T1, T0, T0], // 25
    [ADD, T1, T1, T0], // 26
    [MUL, T2, A, T2],  // 27
    [MUL, T4, B3, T4], // 28
    [ADD, T1, T1, T2], // 29
    [SUB, T2, T0, T2], // 30
    [MUL, T2, A, T2],  // 31
    [ADD, T4, T4, T2], // 32
    [MUL, T0, T1, T4], // 33
    [ADD, Y3, Y3, T0], // 34
    [MUL, T0, T5, T4], // 35
    [MUL, X3, T3, X3], // 36
    [SUB, X3, X3, T0], // 37
    [MUL, T0, T3, T1], // 38
    [MUL, Z3, T5, Z3], // 39
    [ADD, Z3, Z3, T0], // 40
];

/// RFC 8032 §5.2.4 addition on Ed448 (projective, a = 1, d non-square: complete): A = Z1·Z2,
/// B = A², C = X1·X2, D = Y1·Y2, E = d·C·D, F = B − E, G = B + E, H = (X1+Y1)·(X2+Y2),
/// X3 = A·F·(H−C−D), Y3 = A·G·(D−C), Z3 = F·G.
const EDWARDS_ADD: [Step; 19] = [
    [MUL, T0, Z1, Z2], // A
    [SQR, T1, T0, T0], // B
    [MUL, T2, X1, X2], // C
    [MUL, T3, Y1, Y2], // D
    [MUL, T4, D, T2],
    [MUL, T4, T4, T3], // E
    [SUB, T5, T1, T4], // F
    [ADD, T1, T1, T4], // G
    [ADD, T4, X1, Y1],
    [ADD, X3, X2, Y2],
    [MUL, T4, T4, X3], // H
    [SUB, T4, T4, T2],
    [SUB, T4, T4, T3], // H − C − D
    [MUL, X3, T0, T5],
    [MUL, X3, X3, T4], // X3
    [SUB, T4, T3, T2], // D − C
    [MUL, Y3, T0, T1],
    [MUL, Y3, Y3, T4], // Y3
    [MUL, Z3, T5, T1], // Z3
];

/// RFC 8032 §5.2.4 doubling on Ed448: B = (X1+Y1)², C = X1², D = Y1², E = C + D, H = Z1²,
/// J = E − 2H, X3 = (B−E)·J, Y3 = E·(C−D), Z3 = E·J (complete, as the addition).
const EDWARDS_DOUBLE: [Step; 13] = [
    [ADD, T0, X1, Y1],
    [SQR, T0, T0, T0], // B
    [SQR, T1, X1, X1], // C
    [SQR, T2, Y1, Y1], // D
    [ADD, T3, T1, T2], // E
    [SQR, T4, Z1, Z1],
    [ADD, T4, T4, T4], // 2H
    [SUB, T4, T3, T4], // J
    [SUB, T0, T0, T3],
    [MUL, X3, T0, T4], // X3
    [SUB, T1, T1, T2],
    [MUL, Y3, T3, T1], // Y3
    [MUL, Z3, T3, T4], // Z3
];

/// A fixed file of field elements, all at the curve's precision, and the only operations the
/// derivation does on them: in-place Montgomery multiplication and squaring (crypto-bigint's
/// multiplier, with a constant-time final subtraction), modular addition and subtraction
/// (constant-time carries and masks), copies between registers and constant-time swaps of
/// points. Operands are named by constant register numbers, never by a secret; every register
/// is zeroized on drop.
struct Machine<'a> {
    mm: <Fe as MontyForm>::Multiplier<'a>,
    r: Vec<Fe>,
    /// Where each result is computed before it is swapped into its register.
    acc: Fe,
}

/// Counts of each kind of field operation in this thread (tests only).
#[cfg(all(test, feature = "std"))]
pub(crate) mod ops {
    std::thread_local! {
        static COUNTS: core::cell::Cell<[u32; 5]> = const { core::cell::Cell::new([0; 5]) };
    }
    pub(crate) fn tick(op: u8) {
        COUNTS.with(|c| {
            let mut v = c.get();
            if let Some(n) = v.get_mut(usize::from(op)) {
                *n += 1;
            }
            c.set(v);
        });
    }
    /// The counts since the last call: [mul, square, add, sub, swap].
    pub(crate) fn take() -> [u32; 5] {
        COUNTS.with(|c| c.replace([0; 5]))
    }
}

#[inline(always)]
fn tick(_op: u8) {
    #[cfg(all(test, feature = "std"))]
    ops::tick(_op);
}

/// Kinds of operation for [`tick`]: the indices of the test counter's counts.
const MUL: u8 = 0;
const SQR: u8 = 1;
const ADD: u8 = 2;
const SUB: u8 = 3;
const SWAP: u8 = 4;

impl<'a> Machine<'a> {
    fn new(f: &'a Field) -> Self {
        Machine {
            mm: <Fe as MontyForm>::Multiplier::from(&f.params),
            r: alloc::vec![Fe::zero(&f.params); REGS],
            acc: Fe::zero(&f.params),
        }
    }

    /// Loads a public value (a curve constant or coordinate).
    fn set(&mut self, d: usize, v: &Fe) {
        if let Some(x) = self.r.get_mut(d) {
            x.clone_from(v);
        }
    }

    fn get(&self, i: usize) -> Option<&Fe> {
        self.r.get(i)
    }

    /// acc ← r[a], limb by limb (no allocation).
    fn load(&mut self, a: usize) {
        if let Some(x) = self.r.get(a) {
            self.acc
                .as_montgomery_mut()
                .as_mut_limbs()
                .copy_from_slice(x.as_montgomery().as_limbs());
        }
    }

    /// r[d] ← acc (acc keeps r[d]'s old value until the next operation overwrites it).
    fn store(&mut self, d: usize) {
        if let Some(x) = self.r.get_mut(d) {
            core::mem::swap(x, &mut self.acc);
        }
    }

    /// r[d] ← r[a] · r[b]
    fn mul(&mut self, d: usize, a: usize, b: usize) {
        tick(MUL);
        self.load(a);
        if let Some(y) = self.r.get(b) {
            self.mm.mul_assign(&mut self.acc, y);
        }
        self.store(d);
    }

    /// r[d] ← r[a]²
    fn sqr(&mut self, d: usize, a: usize) {
        tick(SQR);
        self.load(a);
        self.mm.square_assign(&mut self.acc);
        self.store(d);
    }

    /// r[d] ← r[a] + r[b]
    fn add(&mut self, d: usize, a: usize, b: usize) {
        tick(ADD);
        self.load(a);
        if let Some(y) = self.r.get(b) {
            self.acc += y;
        }
        self.store(d);
    }

    /// r[d] ← r[a] − r[b]
    fn sub(&mut self, d: usize, a: usize, b: usize) {
        tick(SUB);
        self.load(a);
        if let Some(y) = self.r.get(b) {
            self.acc -= y;
        }
        self.store(d);
    }

    /// Swaps the points at `p` and `q` (p + 3 ≤ q) if `choice`, in constant time.
    fn cswap(&mut self, p: usize, q: usize, choice: Choice) {
        tick(SWAP);
        let (low, high) = self.r.split_at_mut(q);
        for i in 0..3 {
            if let (Some(a), Some(b)) = (low.get_mut(p + i), high.get_mut(i)) {
                a.as_montgomery_mut().ct_swap(b.as_montgomery_mut(), choice);
            }
        }
    }

    /// Moves the point at `q` to `p` (a public step of the ladder, the same every time).
    fn take_point(&mut self, p: usize, q: usize) {
        let (low, high) = self.r.split_at_mut(q);
        if let (Some(a), Some(b)) = (low.get_mut(p..p + 3), high.get_mut(..3)) {
            a.swap_with_slice(b);
        }
    }

    /// Montgomery ladder: R0 ← [k]R1, for R0 the neutral element and R1 the base point on entry;
    /// k big-endian, `bits` its fixed length (public). Per bit, whatever its value: a swap, R1 ←
    /// R0 + R1, R0 ← 2·R0, with the swaps of consecutive bits merged (swap when the bit differs
    /// from the previous one) — invariant R1 − R0 = the base point.
    fn ladder(&mut self, k: &[u8], bits: usize, add: &[Step], double: &[Step]) {
        let mut previous = 0u8;
        for i in (0..bits).rev() {
            // The byte index and shift follow the loop counter, not the scalar.
            let byte = k
                .len()
                .checked_sub(1 + i / 8)
                .and_then(|j| k.get(j))
                .copied()
                .unwrap_or(0);
            let bit = (byte >> (i % 8)) & 1;
            self.cswap(R0, R1, Choice::from_u8_lsb(bit ^ previous));
            previous = bit;
            self.run(add, R0, R1, OUT);
            self.take_point(R1, OUT);
            self.run(double, R0, R0, OUT);
            self.take_point(R0, OUT);
        }
        self.cswap(R0, R1, Choice::from_u8_lsb(previous));
        previous.zeroize();
    }

    /// r[d] ← r[a]^e, e = p − 2: 1/r[a] (0 for 0), by left-to-right square-and-multiply over the
    /// bits of the public exponent; its branches follow e, never r[a].
    fn invert(&mut self, d: usize, a: usize, e: &[u8]) {
        let mut started = false;
        for byte in e {
            for j in (0..8).rev() {
                let one = byte >> j & 1 == 1;
                if started {
                    self.sqr(d, d);
                    if one {
                        self.mul(d, d, a);
                    }
                } else if one {
                    self.load(a);
                    self.store(d);
                    started = true;
                }
            }
        }
    }

    /// Runs a point formula with inputs at `p` and `q` and output at `o` (three registers each;
    /// `o` is neither input). The steps and their registers are the program's, never a value's.
    fn run(&mut self, program: &[Step], p: usize, q: usize, o: usize) {
        for &[op, d, a, b] in program {
            let reg = |x: u8| match x {
                0..3 => p + usize::from(x),
                3..6 => q + usize::from(x - 3),
                6..9 => o + usize::from(x - 6),
                _ => usize::from(x),
            };
            let (d, a, b) = (reg(d), reg(a), reg(b));
            match op {
                MUL => self.mul(d, a, b),
                SQR => self.sqr(d, a),
                ADD => self.add(d, a, b),
                _ => self.sub(d, a, b),
            }
        }
    }

    /// The affine coordinates of the projective point R0 into OUT and OUT+1 (x = X/Z, y = Y/Z);
    /// false for the neutral element of a Weierstrass curve (Z = 0: only for a scalar ≡ 0 mod n,
    /// which [`scalar_in_range`] refuses first).
    fn affine(&mut self, f: &Field) -> bool {
        let zi = usize::from(T0);
        self.invert(zi, R0 + 2, &f.e);
        self.mul(OUT, R0, zi);
        self.mul(OUT + 1, R0 + 1, zi);
        self.get(R0 + 2).is_some_and(|z| !f.is_zero(z))
    }
}

impl Drop for Machine<'_> {
    fn drop(&mut self) {
        for x in self.r.iter_mut() {
            x.zeroize();
        }
        self.acc.zeroize();
    }
}

/// A short Weierstrass curve's field and coefficients, for point validation.
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

/// `04‖X‖Y` of [scalar]G, scalar big-endian at the group order's length and in [1, n−1]
/// ([`scalar_in_range`]): a constant-time ladder of `k.n_bits` steps with complete additions.
pub(crate) fn public_point(k: &Params, scalar: &[u8]) -> Option<Vec<u8>> {
    let w = Weierstrass::new(k)?;
    let f = &w.f;
    let (zero, one) = (f.small(0)?, f.small(1)?);
    let b3 = w.b.add(&w.b).add(&w.b);
    let mut m = Machine::new(f);
    m.set(A.into(), &w.a);
    m.set(B3.into(), &b3);
    // R0 = the neutral element (0 : 1 : 0), R1 = G = (Gx : Gy : 1).
    m.set(R0, &zero);
    m.set(R0 + 1, &one);
    m.set(R0 + 2, &zero);
    m.set(R1, &f.hex(k.gx)?);
    m.set(R1 + 1, &f.hex(k.gy)?);
    m.set(R1 + 2, &one);
    m.ladder(scalar, k.n_bits, &RCB_ADD, &RCB_ADD);
    if !m.affine(f) {
        return None;
    }
    let mut out = alloc::vec![4u8];
    out.extend(f.bytes(m.get(OUT)?, w.len));
    out.extend(f.bytes(m.get(OUT + 1)?, w.len));
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

impl Edwards {
    fn new() -> Option<Self> {
        let f = Field::new(ED448_P)?;
        // d = −39081
        let d = f.element(&[0x98, 0xA9])?.neg();
        Some(Edwards { f, d })
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
    // second to last one; the scalar is the first 57 octets, little-endian (the last one 0).
    let mut s = Zeroizing::new([0u8; 57]);
    s.copy_from_slice(h.get(..57)?);
    let [first, .., second_last, last] = &mut *s;
    *first &= 0xfc;
    *second_last |= 0x80;
    *last = 0;
    let mut scalar = Zeroizing::new([0u8; 56]);
    for (o, b) in scalar.iter_mut().zip(s.iter().take(56).rev()) {
        *o = *b;
    }
    ed448_base_mul(&*scalar)
}

/// [s]B for a 448-bit s, big-endian (56 bytes): a constant-time ladder of 448 steps (the pruned
/// scalar's fixed width, its bit 447 always set) with RFC 8032's complete formulas; the encoded
/// point (RFC 8032 §5.2.2).
fn ed448_base_mul(scalar: &[u8]) -> Option<[u8; 57]> {
    let e = Edwards::new()?;
    let f = &e.f;
    let (zero, one) = (f.small(0)?, f.small(1)?);
    let mut m = Machine::new(f);
    m.set(D.into(), &e.d);
    // R0 = the neutral element (0 : 1 : 1), R1 = B.
    m.set(R0, &zero);
    m.set(R0 + 1, &one);
    m.set(R0 + 2, &one);
    m.set(R1, &f.hex(ED448_BX)?);
    m.set(R1 + 1, &f.hex(ED448_BY)?);
    m.set(R1 + 2, &one);
    m.ladder(scalar, 448, &EDWARDS_ADD, &EDWARDS_DOUBLE);
    // Z is never 0 on Edwards curves (complete formulas).
    if !m.affine(f) {
        return None;
    }
    let x = f.bytes(m.get(OUT)?, 56);
    let y = f.bytes(m.get(OUT + 1)?, 56);
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

    /// n, the group order of each curve of the ladder (SEC 2 §2.4.1, §2.7.1; GM/T 0003.5; RFC
    /// 8032 §5.2 for Ed448's ℓ), big-endian.
    const N_P521: &str = "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409";
    const N_K1: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141";
    const N_SM2: &str = "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123";
    const L_ED448: &str = "3fffffffffffffffffffffffffffffffffffffffffffffffffffffff7cca23e9c44edb49aed63690216cc2728dc58f552378c292ab5844f3";

    /// Pseudo-random bytes (a SHA-256 counter stream), `len` of them for each `seed`.
    fn stream(seed: u32, len: usize) -> Vec<u8> {
        use sha2::{Digest, Sha256};
        let mut r = Vec::new();
        let mut block = 0u32;
        while r.len() < len {
            r.extend(Sha256::digest(
                [seed.to_be_bytes(), block.to_be_bytes()].concat(),
            ));
            block += 1;
        }
        r.truncate(len);
        r
    }

    /// Scalars of every shape below `n` (big-endian, `n`'s length): 1, 2, 3, n−1, powers of two,
    /// all ones below n (2^(bits−1) − 1), and pseudo-random ones below 2^(bits−1).
    fn shapes(n: &[u8]) -> Vec<Vec<u8>> {
        let len = n.len();
        let bits = crate::asn1::bit_len(n) as usize;
        let power = |k: usize| {
            let mut out = alloc::vec![0u8; len];
            out[len - 1 - k / 8] = 1 << (k % 8);
            out
        };
        let below_top = |mut r: Vec<u8>| {
            for k in 0..len * 8 - (bits - 1) {
                r[k / 8] &= !(0x80u8 >> (k % 8));
            }
            r
        };
        let mut n1 = n.to_vec();
        n1[len - 1] -= 1; // n is odd
        let mut all = alloc::vec![
            power(0),
            power(1),
            n1,
            power(8),
            power(bits / 2),
            power(bits - 2),
            below_top(alloc::vec![0xff; len]),
        ];
        let mut three = power(0);
        three[len - 1] = 3;
        all.push(three);
        for i in 0..4 {
            all.push(below_top(stream(i, len)));
        }
        all
    }

    /// Bits and set bits of Fermat's exponent p − 2.
    fn exponent(f: &Field) -> (u32, u32) {
        let ones = f.e.iter().map(|b| b.count_ones()).sum();
        (crate::asn1::bit_len(&f.e), ones)
    }

    /// [mul, square, add, sub, swap] of one derivation.
    fn count(derive: impl FnOnce() -> bool) -> [u32; 5] {
        ops::take();
        assert!(derive());
        ops::take()
    }

    /// The derivation's field operations (multiplications, squarings, additions, subtractions
    /// and conditional swaps, the final inversion's included) are the same in number for every
    /// scalar — 1, 2, 3, n−1, powers of two, all ones, random; Hamming weights from 1 to
    /// bits − 1 and bit lengths from 1 to the order's — and exactly the ladder's: per bit of the
    /// order, two complete additions and one swap. The old double-and-add failed this test on
    /// every curve (one addition per set bit: 1 for the scalar 1, 520 for all ones on P-521).
    #[test]
    fn operation_count_does_not_depend_on_the_scalar() {
        for (name, k, n) in [
            ("P-521", &P521, N_P521),
            ("secp256k1", &SECP256K1, N_K1),
            ("SM2", &SM2, N_SM2),
        ] {
            let f = Field::new(k.p).unwrap();
            let (e_bits, e_ones) = exponent(&f);
            let bits = k.n_bits as u32;
            // Per bit: 2 × RCB Algorithm 1 (17 mul, 17 add, 6 sub) and a swap; then the
            // inversion's square-and-multiply, X·Z⁻¹ and Y·Z⁻¹, and the last swap.
            let want = [
                34 * bits + (e_ones - 1) + 2,
                e_bits - 1,
                34 * bits,
                12 * bits,
                bits + 1,
            ];
            for scalar in shapes(&unhex(n)) {
                let got = count(|| public_point(k, &scalar).is_some());
                assert_eq!(got, want, "{name}: {scalar:02x?}");
            }
        }
        // Ed448: per bit an addition (11 mul, 1 square, 3 add, 4 sub), a doubling (3 mul,
        // 4 square, 3 add, 3 sub) and a swap, over the pruned scalar's 448 bits.
        let f = Field::new(ED448_P).unwrap();
        let (e_bits, e_ones) = exponent(&f);
        let want = [
            14 * 448 + (e_ones - 1) + 2,
            5 * 448 + e_bits - 1,
            6 * 448,
            7 * 448,
            449,
        ];
        let mut scalars = shapes(&unhex(L_ED448));
        // Pruned scalars have bit 447 set: 2^447, 2^448 − 1 and seeds' scalars too.
        scalars.push([&[0x80u8][..], &[0; 55]].concat());
        scalars.push(alloc::vec![0xff; 56]);
        for scalar in scalars {
            let mut s = alloc::vec![0u8; 56 - scalar.len()];
            s.extend(&scalar);
            assert_eq!(
                count(|| ed448_base_mul(&s).is_some()),
                want,
                "Ed448: {s:02x?}"
            );
        }
        for seed in 0..4 {
            assert_eq!(count(|| ed448_public(&stream(seed, 57)).is_some()), want);
        }
    }

    /// The ladder against the RustCrypto crates (dev-dependencies: the audited implementations
    /// we could not afford to ship) on the edge scalars and 200 random ones per curve.
    #[test]
    fn derivations_agree_with_the_rustcrypto_crates() {
        use p256::elliptic_curve::sec1::ToSec1Point;
        fn oracle<C>(scalar: &[u8]) -> Option<Vec<u8>>
        where
            C: p256::elliptic_curve::CurveArithmetic,
            C::AffinePoint: ToSec1Point<C>,
            C::FieldBytesSize: p256::elliptic_curve::sec1::ModulusSize,
        {
            let sk = p256::elliptic_curve::SecretKey::<C>::from_slice(scalar).ok()?;
            Some(
                sk.public_key()
                    .as_affine()
                    .to_sec1_point(false)
                    .as_bytes()
                    .to_vec(),
            )
        }
        type Derive = fn(&[u8]) -> Option<Vec<u8>>;
        let curves: [(&str, &Params, &str, Derive); 3] = [
            ("P-521", &P521, N_P521, oracle::<p521::NistP521>),
            ("secp256k1", &SECP256K1, N_K1, oracle::<k256::Secp256k1>),
            ("SM2", &SM2, N_SM2, oracle::<sm2::Sm2>),
        ];
        for (name, k, n, want) in curves {
            let n = unhex(n);
            let mut scalars = shapes(&n);
            for i in 0..200 {
                let mut r = stream(1000 + i, n.len());
                if n.len() == 66 {
                    r[0] &= 1; // P-521: below 2^521; the few ≥ n are refused by both
                }
                scalars.push(r);
            }
            let mut compared = 0;
            for scalar in &scalars {
                let want = want(scalar);
                let in_range = scalar_in_range(scalar, &n);
                assert_eq!(want.is_some(), in_range, "{name}: {scalar:02x?}");
                if in_range {
                    assert_eq!(public_point(k, scalar), want, "{name}: {scalar:02x?}");
                    compared += 1;
                }
            }
            assert!(compared >= 200, "{name}: {compared}");
        }
        // Ed448: seeds through ed448-goldilocks' own derivation (SHAKE256, pruning, [s]B).
        for i in 0..200 {
            let seed = stream(2000 + i, 57);
            let key = ed448_goldilocks::SigningKey::try_from(seed.as_slice()).unwrap();
            let want = key.verifying_key().to_bytes();
            assert_eq!(ed448_public(&seed), Some(want), "Ed448: {seed:02x?}");
        }
    }

    #[test]
    fn scalar_range() {
        let n = unhex(N_K1);
        let mut n1 = n.clone();
        n1[31] -= 1;
        assert!(scalar_in_range(&n1, &n));
        assert!(!scalar_in_range(&n, &n));
        assert!(!scalar_in_range(&[0; 32], &n));
        assert!(scalar_in_range(&[&[0u8; 31][..], &[1]].concat(), &n));
        assert!(!scalar_in_range(&[0xff; 32], &n));
    }
}
