//! Big-integer helpers of the consistency checks. Operands of one computation share one
//! precision, which crypto-bigint's Montgomery code expects. Variable-time division is fine here:
//! the check runs on the user's own machine, on a key they are about to upload, and has no remote
//! observer.

use super::*;

// ---------------------------------------------------------------------------------------------
// Big-integer helpers. Operands of one computation share one precision, which crypto-bigint's
// Montgomery code expects. Variable-time division is fine here: the check runs on the user's own
// machine, on a key they are about to upload, and has no remote observer.

/// A secret big integer that is zeroized on drop.
pub(super) type Secret = Zeroizing<BoxedUint>;

pub(super) fn big(bytes: &[u8], precision: u32) -> Option<Secret> {
    BoxedUint::from_be_slice(strip(bytes), precision)
        .ok()
        .map(Zeroizing::new)
}

pub(super) fn nonzero(x: &BoxedUint) -> Option<Zeroizing<NonZero<BoxedUint>>> {
    NonZero::new(x.clone()).into_option().map(Zeroizing::new)
}

pub(super) fn odd(x: &BoxedUint) -> Option<Zeroizing<Odd<BoxedUint>>> {
    Odd::new(x.clone()).into_option().map(Zeroizing::new)
}

/// Precision (bits) enough for products of two numbers of `bits` bits, plus slack.
pub(super) fn product_precision(bits: u32) -> u32 {
    bits.saturating_mul(2).saturating_add(128)
}
