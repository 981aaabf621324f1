//! Montgomery arithmetic on little-endian `u32` limbs, in **variable time**: for public values only
//! (signature verification: the issuer's key, the signature, the signed data). OpenSSL, Go and
//! node-forge verify signatures with variable-time arithmetic for the same reason. Private keys
//! never come here: their checks use crypto-bigint (`src/key/bigint.rs`, `src/curves.rs`).
//!
//! 32-bit limbs because wasm32 multiplies 64-bit integers natively but has no 64×64→128 product
//! (crypto-bigint's 64-bit limbs pay a `__multi3` call for each); products are CIOS (Koç, Acar,
//! Kaliski, "Analyzing and comparing Montgomery multiplication algorithms", 1996). R = 2^(32·s)
//! for an s-limb modulus n, and `n0` = −n⁻¹ mod 2³².

use alloc::vec;
use alloc::vec::Vec;

/// out ← a·b·R⁻¹ mod n, for a, b < n, all of n's length (CIOS; nothing is written when the
/// lengths differ). Index loops after one length check: the bounds checks go, and no iterator
/// adapter is left as a call per row at opt-level "z".
#[allow(clippy::indexing_slicing)]
pub(crate) fn mul(out: &mut [u32], a: &[u32], b: &[u32], n: &[u32], n0: u32) {
    let s = n.len();
    if s == 0 || out.len() != s || a.len() != s || b.len() != s {
        return;
    }
    out.fill(0);
    // The words above `out`: out[s] + 2³²·out[s+1] in one u64 (at most 2³³).
    let mut top = 0u64;
    for &bi in b {
        let bi = u64::from(bi);
        let mut c = 0u64;
        for j in 0..s {
            let x = u64::from(out[j]) + u64::from(a[j]) * bi + c;
            out[j] = x as u32;
            c = x >> 32;
        }
        let high = top + c;
        // out + q·n is divisible by 2³²: add it and shift one word down.
        let q = u64::from(out[0].wrapping_mul(n0));
        let mut c = (u64::from(out[0]) + q * u64::from(n[0])) >> 32;
        for j in 1..s {
            let x = u64::from(out[j]) + q * u64::from(n[j]) + c;
            out[j - 1] = x as u32;
            c = x >> 32;
        }
        let x = high + c;
        out[s - 1] = x as u32;
        top = x >> 32;
    }
    if top != 0 || !less(out, n) {
        sub_in_place(out, n);
    }
}

/// a²·R⁻¹ mod n for a < n of n's length (empty otherwise): the square (each cross product once,
/// then doubled) and a separate Montgomery reduction, 1.5·s² limb products where [`mul`] takes
/// 2·s². Index loops after one length check, as in [`mul`].
#[allow(clippy::indexing_slicing)]
pub(crate) fn square(a: &[u32], n: &[u32], n0: u32) -> Vec<u32> {
    let s = n.len();
    if s == 0 || a.len() != s {
        return Vec::new();
    }
    let mut t = vec![0u32; 2 * s];
    // A slice, not the Vec: at opt-level "z", indexing a Vec is a call to `Index::index` per word
    // (3.5 ms for an RSA chain, 0.85 ms like this); the length check lets the bounds checks go.
    let t = t.as_mut_slice();
    if t.len() != 2 * s {
        return Vec::new();
    }
    // Cross products aᵢ·aⱼ, i < j, at word i + j.
    for i in 0..s {
        let ai = u64::from(a[i]);
        let mut c = 0u64;
        for j in i + 1..s {
            let x = u64::from(t[i + j]) + ai * u64::from(a[j]) + c;
            t[i + j] = x as u32;
            c = x >> 32;
        }
        t[i + s] = c as u32;
    }
    // Doubled (a² < 2^(64·s): no bit is lost), plus the squares aᵢ² at word 2i.
    let mut bit = 0u32;
    for word in t.iter_mut() {
        let next = *word >> 31;
        *word = *word << 1 | bit;
        bit = next;
    }
    let mut c = 0u64;
    for i in 0..s {
        let sq = u64::from(a[i]) * u64::from(a[i]);
        let x = u64::from(t[2 * i]) + (sq & 0xffff_ffff) + c;
        t[2 * i] = x as u32;
        let x = u64::from(t[2 * i + 1]) + (sq >> 32) + (x >> 32);
        t[2 * i + 1] = x as u32;
        c = x >> 32;
    }
    // Montgomery reduction: s times, add q·n at word i to clear word i.
    let mut extra = 0u64;
    for i in 0..s {
        let q = u64::from(t[i].wrapping_mul(n0));
        let mut c = 0u64;
        for j in 0..s {
            let x = u64::from(t[i + j]) + q * u64::from(n[j]) + c;
            t[i + j] = x as u32;
            c = x >> 32;
        }
        let x = u64::from(t[i + s]) + c + extra;
        t[i + s] = x as u32;
        extra = x >> 32;
    }
    let mut r = t[s..].to_vec();
    if extra != 0 || !less(&r, n) {
        sub_in_place(&mut r, n);
    }
    r
}

/// R² mod n = 2^(64·s) mod n (n big-endian, odd), as s limbs, by one variable-time division
/// (crypto-bigint's, linked for the key checks already); by Montgomery squarings from 2^(bits−1)
/// it took 11 products for RSA-2048.
pub(crate) fn r_squared(n: &[u8], s: usize) -> Option<Vec<u32>> {
    use crypto_bigint::{BoxedUint, NonZero};
    let mut r2 = vec![0u8; s.checked_mul(8)?.checked_add(1)?];
    *r2.first_mut()? = 1;
    let n = NonZero::new(BoxedUint::from_be_slice_vartime(n)).into_option()?;
    let rem = BoxedUint::from_be_slice_vartime(&r2).rem_vartime(&n);
    let mut out = vec![0u32; s];
    limbs_into(crate::alg::strip(&rem.to_be_bytes()), &mut out);
    Some(out)
}

/// −x⁻¹ mod 2³² for odd x (Newton's iteration: each step doubles the correct low bits).
pub(crate) fn inverse_neg(x: u32) -> u32 {
    let mut inv = x; // correct to 3 bits for odd x
    for _ in 0..4 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(x.wrapping_mul(inv)));
    }
    inv.wrapping_neg()
}

/// Big-endian bytes into little-endian limbs (`out` is zeroed first; bytes beyond it are dropped:
/// callers check the length).
pub(crate) fn limbs_into(be: &[u8], out: &mut [u32]) {
    out.fill(0);
    for (limb, chunk) in out.iter_mut().zip(be.rchunks(4)) {
        *limb = chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
    }
}

/// Big-endian bytes as `s` little-endian limbs.
pub(crate) fn limbs(be: &[u8], s: usize) -> Vec<u32> {
    let mut out = vec![0u32; s];
    limbs_into(be, &mut out);
    out
}

/// Limbs as exactly `len` big-endian bytes (high limbs dropped, or zeros prepended).
pub(crate) fn be_bytes(x: &[u32], len: usize) -> Vec<u8> {
    let mut out: Vec<u8> = x.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    let cut = out.len().saturating_sub(len);
    out.drain(..cut);
    let mut padded = vec![0u8; len.saturating_sub(out.len())];
    padded.append(&mut out);
    padded
}

/// a < b, same number of limbs.
pub(crate) fn less(a: &[u32], b: &[u32]) -> bool {
    a.iter().rev().cmp(b.iter().rev()) == core::cmp::Ordering::Less
}

/// x ← x − n mod 2^(32·s); returns the borrow out.
pub(crate) fn sub_in_place(x: &mut [u32], n: &[u32]) -> bool {
    let mut borrow = false;
    for (xi, &ni) in x.iter_mut().zip(n) {
        let (d, b1) = xi.overflowing_sub(ni);
        let (d, b2) = d.overflowing_sub(u32::from(borrow));
        *xi = d;
        borrow = b1 || b2;
    }
    borrow
}

/// x ← x + y mod 2^(32·s); returns the carry out.
pub(crate) fn add_in_place(x: &mut [u32], y: &[u32]) -> bool {
    let mut carry = false;
    for (xi, &yi) in x.iter_mut().zip(y) {
        let (d, c1) = xi.overflowing_add(yi);
        let (d, c2) = d.overflowing_add(u32::from(carry));
        *xi = d;
        carry = c1 || c2;
    }
    carry
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_neg_is_the_montgomery_constant() {
        for x in [1u32, 3, 0xffff_ffff, 0x8000_0001, 0x1234_5677] {
            assert_eq!(x.wrapping_mul(inverse_neg(x)), u32::MAX, "{x:#x}");
        }
    }

    #[test]
    fn limbs_and_bytes_round_trip() {
        let be = [0x01, 0x02, 0x03, 0x04, 0x05];
        let l = limbs(&be, 3);
        assert_eq!(l, [0x0203_0405, 0x01, 0]);
        assert_eq!(be_bytes(&l, 5), be);
        assert_eq!(be_bytes(&l, 7), [0, 0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn square_is_mul_by_itself() {
        // n = 2¹²⁷ − 1 (odd), a few values below it.
        let n = [u32::MAX, u32::MAX, u32::MAX, 0x7fff_ffff];
        let n0 = inverse_neg(n[0]);
        for a in [
            [0u32; 4],
            [1, 0, 0, 0],
            [u32::MAX, 5, 0, 0x7fff_fffe],
            [0x1234_5678, 0x9abc_def0, 0x0fed_cba9, 0x7654_3210],
        ] {
            let mut want = [0u32; 4];
            mul(&mut want, &a, &a, &n, n0);
            assert_eq!(square(&a, &n, n0), want);
        }
    }
}
