//! Big-integer helpers of the consistency checks. Montgomery computations (DSA) share one
//! precision, which crypto-bigint expects; the RSA check works on each value at its own size
//! ([`tight`], [`same`]). Variable-time division is fine here: the check runs on the user's own
//! machine, on a key they are about to upload, and has no remote observer.

use super::*;

/// A secret big integer that is zeroized on drop.
pub(super) type Secret = Zeroizing<BoxedUint>;

pub(super) fn big(bytes: &[u8], precision: u32) -> Option<Secret> {
    BoxedUint::from_be_slice(strip(bytes), precision)
        .ok()
        .map(Zeroizing::new)
}

/// `bytes` (big-endian, leading zeros allowed) at the precision its value needs, whole limbs.
pub(super) fn tight(bytes: &[u8]) -> Option<Secret> {
    let digits = strip(bytes);
    let bits = u32::try_from(digits.len()).ok()?.checked_mul(8)?.max(1);
    let limb = p256::elliptic_curve::bigint::Limb::BITS;
    big(digits, bits.div_ceil(limb).checked_mul(limb)?)
}

/// Equal values, whatever the two precisions.
pub(super) fn same(a: &BoxedUint, b: &BoxedUint) -> bool {
    a.partial_cmp(b) == Some(core::cmp::Ordering::Equal)
}

pub(super) fn nonzero(x: &BoxedUint) -> Option<Zeroizing<NonZero<BoxedUint>>> {
    NonZero::new(x.clone()).into_option().map(Zeroizing::new)
}

pub(super) fn odd(x: &BoxedUint) -> Option<Zeroizing<Odd<BoxedUint>>> {
    Odd::new(x.clone()).into_option().map(Zeroizing::new)
}
