#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod alg;
mod cert;
mod error;
mod finding;
mod fingerprint;
mod input;
mod key;
mod provider;
mod validate;
#[cfg(feature = "wasm")]
mod wasm;

pub use alg::{Curve, KeyAlgorithm, PublicKeyDesc};
pub use error::{Error, Result};
pub use finding::{CertInfo, Finding, KeyInfo, Kind, Normalized, Report, Severity};
pub use fingerprint::{FingerprintAlgorithm, FingerprintFormat, fingerprint, fingerprint_der};
pub use provider::{
    CodeEntry, EcPolicy, Fields, KeyRequired, Profile, ProviderId, RsaSizes, Rules, When, generic,
};
pub use validate::{CertificateType, Input, MAX_CERTIFICATES, validate};
