//! Montgomery arithmetic on little-endian limbs ([`Limb`]: 32 bits on wasm32, 64 on 64-bit
//! targets), in **variable time**: for public values only (signature verification: the issuer's
//! key, the signature, the signed data). OpenSSL, Go and
//! node-forge verify signatures with variable-time arithmetic for the same reason. Private keys
//! never come here: their checks use crypto-bigint (`bigint.rs`, `curves.rs` in this folder).
//!
//! On wasm32, crypto-bigint's 64-bit limbs pay a `__multi3` call per limb product, which 32-bit
//! limbs avoid; products are CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery
//! multiplication algorithms", 1996). R = 2^(w·s) for an s-limb modulus n and w-bit limbs, and
//! `n0` = −n⁻¹ mod 2^w.

use alloc::vec;
use alloc::vec::Vec;

/// The limb: 64 bits where pointers are (x86_64, aarch64: one `mul` gives the 128-bit product),
/// 32 bits elsewhere — wasm32 multiplies 64-bit integers natively but has no 64×64→128 product
/// (it would be a `__multi3` call per limb product).
#[cfg(target_pointer_width = "64")]
pub(crate) type Limb = u64;
/// A double limb: a limb product plus two limbs fits.
#[cfg(target_pointer_width = "64")]
pub(crate) type Wide = u128;
/// See the 64-bit `Limb`.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) type Limb = u32;
/// See the 64-bit `Wide`.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) type Wide = u64;
/// Bits and bytes of a [`Limb`].
pub(crate) const LIMB_BITS: u32 = Limb::BITS;
/// See [`LIMB_BITS`].
pub(crate) const LIMB_BYTES: usize = (Limb::BITS / 8) as usize;
/// The low limb of a [`Wide`].
const LOW: Wide = Limb::MAX as Wide;

/// out ← a·b·R⁻¹ mod n, for a, b < n, all of n's length (CIOS; nothing is written when the
/// lengths differ). Index loops after one length check: the bounds checks go, and no iterator
/// adapter is left as a call per row at opt-level "z".
#[allow(clippy::indexing_slicing)]
pub(crate) fn mul(out: &mut [Limb], a: &[Limb], b: &[Limb], n: &[Limb], n0: Limb) {
    let s = n.len();
    if s == 0 || out.len() != s || a.len() != s || b.len() != s {
        return;
    }
    out.fill(0);
    // The words above `out`: out[s] + 2^w·out[s+1] in one Wide (at most 2^(w+1)).
    let mut top: Wide = 0;
    for &bi in b {
        let bi = Wide::from(bi);
        let mut c: Wide = 0;
        for j in 0..s {
            let x = Wide::from(out[j]) + Wide::from(a[j]) * bi + c;
            out[j] = x as Limb;
            c = x >> LIMB_BITS;
        }
        let high = top + c;
        // out + q·n is divisible by 2³²: add it and shift one word down.
        let q = Wide::from(out[0].wrapping_mul(n0));
        let mut c = (Wide::from(out[0]) + q * Wide::from(n[0])) >> LIMB_BITS;
        for j in 1..s {
            let x = Wide::from(out[j]) + q * Wide::from(n[j]) + c;
            out[j - 1] = x as Limb;
            c = x >> LIMB_BITS;
        }
        let x = high + c;
        out[s - 1] = x as Limb;
        top = x >> LIMB_BITS;
    }
    if top != 0 || !less(out, n) {
        sub_in_place(out, n);
    }
}

/// out ← a²·R⁻¹ mod n for a < n, both of n's length, with `t` (at least 2·s limbs) as scratch;
/// nothing is written when the lengths differ. The square (each cross product once, then doubled)
/// and a separate Montgomery reduction: 1.5·s² limb products where [`mul`] takes 2·s². Index
/// loops after the length checks, as in [`mul`] (callers pass slices, not `Vec`s: at opt-level
/// "z", indexing a `Vec` is a call to `Index::index` per word — 3.5 ms for an RSA chain, 0.85 ms
/// like this).
#[allow(clippy::indexing_slicing)]
pub(crate) fn square(out: &mut [Limb], t: &mut [Limb], a: &[Limb], n: &[Limb], n0: Limb) {
    let s = n.len();
    if s == 0 || a.len() != s || out.len() != s || t.len() < 2 * s {
        return;
    }
    let t = &mut t[..2 * s];
    t.fill(0);
    // Cross products aᵢ·aⱼ, i < j, at word i + j.
    for i in 0..s {
        let ai = Wide::from(a[i]);
        let mut c: Wide = 0;
        for j in i + 1..s {
            let x = Wide::from(t[i + j]) + ai * Wide::from(a[j]) + c;
            t[i + j] = x as Limb;
            c = x >> LIMB_BITS;
        }
        t[i + s] = c as Limb;
    }
    // Doubled (a² < 2^(64·s): no bit is lost), plus the squares aᵢ² at word 2i.
    let mut bit: Limb = 0;
    for word in t.iter_mut() {
        let next = *word >> (LIMB_BITS - 1);
        *word = *word << 1 | bit;
        bit = next;
    }
    let mut c: Wide = 0;
    for i in 0..s {
        let sq = Wide::from(a[i]) * Wide::from(a[i]);
        let x = Wide::from(t[2 * i]) + (sq & LOW) + c;
        t[2 * i] = x as Limb;
        let x = Wide::from(t[2 * i + 1]) + (sq >> LIMB_BITS) + (x >> LIMB_BITS);
        t[2 * i + 1] = x as Limb;
        c = x >> LIMB_BITS;
    }
    // Montgomery reduction: s times, add q·n at word i to clear word i.
    let mut extra: Wide = 0;
    for i in 0..s {
        let q = Wide::from(t[i].wrapping_mul(n0));
        let mut c: Wide = 0;
        for j in 0..s {
            let x = Wide::from(t[i + j]) + q * Wide::from(n[j]) + c;
            t[i + j] = x as Limb;
            c = x >> LIMB_BITS;
        }
        let x = Wide::from(t[i + s]) + c + extra;
        t[i + s] = x as Limb;
        extra = x >> LIMB_BITS;
    }
    out.copy_from_slice(&t[s..]);
    if extra != 0 || !less(out, n) {
        sub_in_place(out, n);
    }
}

/// R² mod n = 2^(2w·s) mod n (n big-endian, odd), as s limbs, by one variable-time division
/// (crypto-bigint's, linked for the key checks already); by Montgomery squarings from 2^(bits−1)
/// it took 11 products for RSA-2048.
pub(crate) fn r_squared(n: &[u8], s: usize) -> Option<Vec<Limb>> {
    use crypto_bigint::{BoxedUint, NonZero};
    let mut r2 = vec![0u8; s.checked_mul(2 * LIMB_BYTES)?.checked_add(1)?];
    *r2.first_mut()? = 1;
    let n = NonZero::new(BoxedUint::from_be_slice_vartime(n)).into_option()?;
    let rem = BoxedUint::from_be_slice_vartime(&r2).rem_vartime(&n);
    let mut out: Vec<Limb> = vec![0; s];
    limbs_into(crate::asn1::strip(&rem.to_be_bytes()), &mut out);
    Some(out)
}

/// −x⁻¹ mod 2^w for odd x (Newton's iteration: each step doubles the correct low bits).
pub(crate) fn inverse_neg(x: Limb) -> Limb {
    let two: Limb = 2;
    let mut inv = x; // correct to 3 bits for odd x: 3, 6, 12, 24, 48, 96
    for _ in 0..5 {
        inv = inv.wrapping_mul(two.wrapping_sub(x.wrapping_mul(inv)));
    }
    inv.wrapping_neg()
}

/// Big-endian bytes into little-endian limbs (`out` is zeroed first; bytes beyond it are dropped:
/// callers check the length).
pub(crate) fn limbs_into(be: &[u8], out: &mut [Limb]) {
    out.fill(0);
    for (limb, chunk) in out.iter_mut().zip(be.rchunks(LIMB_BYTES)) {
        *limb = chunk
            .iter()
            .fold(0, |acc: Limb, b| acc << 8 | Limb::from(*b));
    }
}

/// Big-endian bytes as `s` little-endian limbs.
pub(crate) fn limbs(be: &[u8], s: usize) -> Vec<Limb> {
    let mut out: Vec<Limb> = vec![0; s];
    limbs_into(be, &mut out);
    out
}

/// Limbs as exactly `len` big-endian bytes (high limbs dropped, or zeros prepended).
pub(crate) fn be_bytes(x: &[Limb], len: usize) -> Vec<u8> {
    let mut out: Vec<u8> = x.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    let cut = out.len().saturating_sub(len);
    out.drain(..cut);
    let mut padded = vec![0u8; len.saturating_sub(out.len())];
    padded.append(&mut out);
    padded
}

/// a < b, same number of limbs (false when they differ).
#[allow(clippy::indexing_slicing)]
#[inline(always)]
pub(crate) fn less(a: &[Limb], b: &[Limb]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    for j in (0..a.len()).rev() {
        if a[j] != b[j] {
            return a[j] < b[j];
        }
    }
    false
}

/// x ← x − n mod 2^(w·s) (same lengths; nothing happens otherwise); returns the borrow out.
/// These three are inlined into their callers: the field additions of ECDSA call them in its point
/// formulas, and as calls (or iterator adapters, at opt-level "z") they cost ~8% of a chain.
#[allow(clippy::indexing_slicing)]
#[inline(always)]
pub(crate) fn sub_in_place(x: &mut [Limb], n: &[Limb]) -> bool {
    if x.len() != n.len() {
        return false;
    }
    let mut borrow: Wide = 0;
    for j in 0..x.len() {
        let d = Wide::from(x[j])
            .wrapping_sub(Wide::from(n[j]))
            .wrapping_sub(borrow);
        x[j] = d as Limb;
        borrow = d >> (Wide::BITS - 1);
    }
    borrow != 0
}

/// x ← x + y mod 2^(w·s) (same lengths; nothing happens otherwise); returns the carry out.
#[allow(clippy::indexing_slicing)]
#[inline(always)]
pub(crate) fn add_in_place(x: &mut [Limb], y: &[Limb]) -> bool {
    if x.len() != y.len() {
        return false;
    }
    let mut carry: Wide = 0;
    for j in 0..x.len() {
        let d = Wide::from(x[j]) + Wide::from(y[j]) + carry;
        x[j] = d as Limb;
        carry = d >> LIMB_BITS;
    }
    carry != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_neg_is_the_montgomery_constant() {
        for x in [
            1,
            3,
            Limb::MAX,
            Limb::MAX / 2 + 2,
            0x1234_5677,
            Limb::MAX - 0x1234_5678,
        ] {
            assert_eq!(x.wrapping_mul(inverse_neg(x)), Limb::MAX, "{x:#x}");
        }
    }

    #[test]
    fn limbs_and_bytes_round_trip() {
        // One byte more than a limb.
        let be: Vec<u8> = (1..=LIMB_BYTES as u8 + 1).collect();
        let l = limbs(&be, 3);
        assert_eq!(l[1], 1);
        assert_eq!(l[0].to_be_bytes().as_slice(), &be[1..]);
        assert_eq!(l[2], 0);
        assert_eq!(be_bytes(&l, be.len()), be);
        assert_eq!(be_bytes(&l, be.len() + 2), [&[0, 0][..], &be].concat());
    }

    #[test]
    fn square_is_mul_by_itself() {
        // n = 2^(4w−1) − 1 (odd), a few values below it.
        let n = [Limb::MAX, Limb::MAX, Limb::MAX, Limb::MAX >> 1];
        let n0 = inverse_neg(n[0]);
        for a in [
            [0; 4],
            [1, 0, 0, 0],
            [Limb::MAX, 5, 0, (Limb::MAX >> 1) - 1],
            [0x1234_5678, 0x9abc_def0, 0x0fed_cba9, 0x7654_3210],
        ] {
            let mut want: [Limb; 4] = [0; 4];
            mul(&mut want, &a, &a, &n, n0);
            let (mut got, mut scratch): ([Limb; 4], [Limb; 8]) = ([0; 4], [0; 8]);
            square(&mut got, &mut scratch, &a, &n, n0);
            assert_eq!(got, want);
        }
    }
}
