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

/// out ← a·b·R⁻¹ mod n, for a, b < n, all of n's length (CIOS).
pub(crate) fn mul(out: &mut [u32], a: &[u32], b: &[u32], n: &[u32], n0: u32) {
    out.fill(0);
    let n_low = n.first().copied().unwrap_or(0);
    // The words above `out`: out[s] + 2³²·out[s+1] in one u64 (at most 2³³).
    let mut top = 0u64;
    for &bi in b {
        let bi = u64::from(bi);
        let mut c = 0u64;
        for (tj, &aj) in out.iter_mut().zip(a) {
            let x = u64::from(*tj) + u64::from(aj) * bi + c;
            *tj = x as u32;
            c = x >> 32;
        }
        let high = top + c;
        // out + m·n is divisible by 2³²: add it and shift one word down.
        let Some((first, rest)) = out.split_first_mut() else {
            return;
        };
        let m = u64::from(first.wrapping_mul(n0));
        let mut c = (u64::from(*first) + m * u64::from(n_low)) >> 32;
        let mut dst = first;
        for (tj, &nj) in rest.iter_mut().zip(n.iter().skip(1)) {
            let x = u64::from(*tj) + m * u64::from(nj) + c;
            *dst = x as u32;
            c = x >> 32;
            dst = tj;
        }
        let x = high + c;
        *dst = x as u32;
        top = x >> 32;
    }
    if top != 0 || !less(out, n) {
        sub_in_place(out, n);
    }
}

/// a²·R⁻¹ mod n for a < n: the square (each cross product once, then doubled) and a separate
/// Montgomery reduction, 1.5·s² limb products where [`mul`] takes 2·s².
pub(crate) fn square(a: &[u32], n: &[u32], n0: u32) -> Vec<u32> {
    let s = n.len();
    let mut t = vec![0u32; 2 * s];
    // Cross products aᵢ·aⱼ, i < j, at word i + j.
    for (i, &ai) in a.iter().enumerate() {
        let (Some(row), Some(others)) = (t.get_mut(2 * i + 1..i + s + 1), a.get(i + 1..)) else {
            continue;
        };
        let ai = u64::from(ai);
        let mut c = 0u64;
        let (body, last) = row.split_at_mut(row.len().saturating_sub(1));
        for (tj, &aj) in body.iter_mut().zip(others) {
            let x = u64::from(*tj) + ai * u64::from(aj) + c;
            *tj = x as u32;
            c = x >> 32;
        }
        if let Some(last) = last.first_mut() {
            *last = c as u32;
        }
    }
    // Doubled (a² < 2^(64·s): no bit is lost), plus the squares aᵢ² at word 2i.
    let mut bit = 0u32;
    for limb in t.iter_mut() {
        let next = *limb >> 31;
        *limb = *limb << 1 | bit;
        bit = next;
    }
    let mut c = 0u64;
    for (pair, &ai) in t.chunks_exact_mut(2).zip(a) {
        let sq = u64::from(ai) * u64::from(ai);
        for (word, half) in pair.iter_mut().zip([sq & 0xffff_ffff, sq >> 32]) {
            let x = u64::from(*word) + half + c;
            *word = x as u32;
            c = x >> 32;
        }
    }
    // Montgomery reduction: s times, add m·n at word i to clear word i.
    let mut extra = 0u64;
    for i in 0..s {
        let Some(window) = t.get_mut(i..=i + s) else {
            break;
        };
        let (row, high) = window.split_at_mut(s);
        let m = u64::from(row.first().map_or(0, |w| w.wrapping_mul(n0)));
        let mut c = 0u64;
        for (tj, &nj) in row.iter_mut().zip(n) {
            let x = u64::from(*tj) + m * u64::from(nj) + c;
            *tj = x as u32;
            c = x >> 32;
        }
        if let Some(h) = high.first_mut() {
            let x = u64::from(*h) + c + extra;
            *h = x as u32;
            extra = x >> 32;
        }
    }
    let mut r = t.split_off(s);
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
