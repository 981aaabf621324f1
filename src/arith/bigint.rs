//! Big-integer helpers of the RSA and DSA consistency checks, on private values (primes, private
//! exponents, CRT coefficients): everything computed on them is crypto-bigint's constant-time
//! arithmetic (`concatenating_mul`, `rem`, `pow_mod`, `Ord`/`PartialEq`, which compare limb by
//! limb with masks), at a precision fixed by the encoding's length. Montgomery computations (DSA)
//! share one precision, which crypto-bigint expects; the RSA check works on each value at its own
//! size ([`tight`], [`same`]). `strip` (`crate::asn1`) skips leading zero bytes with an early exit:
//! on a DER INTEGER (minimal encoding) that reveals at most whether a sign byte is present, i.e.
//! the encoding's length, which the DER length field already shows.

use crypto_bigint::{BoxedUint, NonZero, Odd};
use zeroize::Zeroizing;

use crate::asn1::strip;

/// A secret big integer that is zeroized on drop.
pub(crate) type Secret = Zeroizing<BoxedUint>;

pub(crate) fn big(bytes: &[u8], precision: u32) -> Option<Secret> {
    BoxedUint::from_be_slice(strip(bytes), precision)
        .ok()
        .map(Zeroizing::new)
}

/// `bytes` (big-endian, leading zeros allowed) at the precision its value needs, whole limbs.
pub(crate) fn tight(bytes: &[u8]) -> Option<Secret> {
    let digits = strip(bytes);
    let bits = u32::try_from(digits.len()).ok()?.checked_mul(8)?.max(1);
    let limb = p256::elliptic_curve::bigint::Limb::BITS;
    big(digits, bits.div_ceil(limb).checked_mul(limb)?)
}

/// Equal values, whatever the two precisions (crypto-bigint's `cmp`: constant time).
pub(crate) fn same(a: &BoxedUint, b: &BoxedUint) -> bool {
    a.partial_cmp(b) == Some(core::cmp::Ordering::Equal)
}

pub(crate) fn nonzero(x: &BoxedUint) -> Option<Zeroizing<NonZero<BoxedUint>>> {
    NonZero::new(x.clone()).into_option().map(Zeroizing::new)
}

pub(crate) fn odd(x: &BoxedUint) -> Option<Zeroizing<Odd<BoxedUint>>> {
    Odd::new(x.clone()).into_option().map(Zeroizing::new)
}
