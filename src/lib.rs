#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod alg;
mod finding;
mod input;
mod key;

pub use alg::{Curve, KeyAlgorithm, PublicKeyDesc};
pub use finding::{CertInfo, Finding, KeyInfo, Kind, Normalized, Report, Severity};
