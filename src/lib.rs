#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod alg;
mod arith;
mod asn1;
mod cert;
mod chain;
mod error;
mod finding;
mod fingerprint;
mod hash;
mod input;
mod key;
#[cfg(feature = "pkcs12")]
mod pfx;
mod provider;
mod request;
mod sign;
mod validate;
#[cfg(all(target_arch = "wasm32", feature = "std"))]
pub mod wasm;

pub use alg::{Curve, KeyAlgorithm, PublicKeyDesc};
#[doc(hidden)]
pub use cert::differential;
pub use cert::fingerprint;
pub use chain::{
    Added, ChainCompletion, Fetched, MAX_BODY_BYTES, MAX_ROUNDS, MAX_URLS_PER_CERTIFICATE,
    TrustAnchors, complete_chain,
};
pub use error::{Error, Result};
pub use finding::{CertInfo, Confidence, Finding, KeyInfo, Kind, Normalized, Report, Severity};
pub use fingerprint::{FingerprintAlgorithm, FingerprintFormat, fingerprint_der};
pub use key::DEFAULT_MAX_KDF_COST;
pub use provider::{
    CodeEntry, EcPolicy, Fields, KeyRequired, Language, Profile, ProviderId, RsaSizes, Rules, Text,
    When, generic,
};
pub use request::{
    ApiRequest, BuildOptions, ParamValue, Params, RequestError, build_request, regions,
};
pub use sign::{
    Acs3Input, Credentials, RpcSignature, SignAlgorithm, SignError, SignOptions, SignatureParts,
    Tc3Input, sign_acs3, sign_request, sign_rpc_hmac_sha1, sign_tc3,
};
pub use validate::{CertificateType, Input, MAX_CERTIFICATES, validate};
