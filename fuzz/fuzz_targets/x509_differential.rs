//! Arbitrary DER to our certificate reader and to RustCrypto's `x509-cert`: both must accept it
//! with the same fields, or both refuse it, or differ in one of the ways listed (with reasons) in
//! `tests/x509_differential/mod.rs`, the same list `tests/x509_oracle.rs` checks on the corpora.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/x509_differential/mod.rs"]
mod x509_differential;

fuzz_target!(|der: &[u8]| {
    if let Err(why) = x509_differential::compare(der) {
        panic!("unexplained difference: {why}");
    }
});
