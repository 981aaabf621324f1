//! Every piece of arithmetic this crate does itself, in one place for review. Everything else
//! (SHA-1/2, HMAC, PBKDF2, scrypt, AES, DES, Ed25519, P-256/P-384 key derivation, big-integer
//! operations on private values) is delegated to audited crates (RustCrypto, dalek).
//!
//! | module | what | secrets? | oracle |
//! |---|---|---|---|
//! | [`montgomery`] | Montgomery products (CIOS), squaring, R² mod n, on 32-bit (wasm32) or 64-bit limbs | no: public data only, **variable time** | `square == mul`, crypto-bigint's `pow` (unit tests, `tests/wasm_cases/signatures.rs`, fuzz `signature_differential`) |
//! | [`rsa`] | RSA signature verification: s^e mod n, PKCS#1 v1.5 and PSS encodings | no: the issuer's key, the signature, the signed data; **variable time** | the `rsa` crate on both corpora, signed and damaged (unit tests, `tests/algorithms.rs`, fuzz `signature_differential`) |
//! | [`ecdsa`] | ECDSA verification on P-256/P-384 (interleaved width-5 NAF, Jacobian) | no: public; **variable time** | p256/p384's `ecdsa` on RFC 6979 signatures, damaged variants and the corpora (unit tests, `tests/wasm_cases/signatures.rs`, fuzz `signature_differential`) |
//! | [`curves`] | public keys from private scalars on P-521, secp256k1, SM2, Ed448; point validation on every curve we know | **yes**: the private scalar | openssl's public keys (`tests/algorithms.rs`), the field-operation count test (unit tests) |
//! | [`bigint`] | helpers around crypto-bigint for the RSA and DSA key-consistency checks | **yes**: private exponents and primes, computed on by crypto-bigint | the fixtures' keys and tampered keys (`src/key/rsa.rs`, `src/key/dsa.rs` tests) |
//!
//! The variable-time modules must never receive a private value: they are only called from
//! `crate::cert::verify`, on certificates.

pub(crate) mod bigint;
pub(crate) mod curves;
pub(crate) mod ecdsa;
pub(crate) mod montgomery;
pub(crate) mod rsa;
