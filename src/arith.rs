//! Every piece of arithmetic this crate does itself, in one place for review. Everything else
//! (SHA-1/2, HMAC, PBKDF2, scrypt, AES, DES, Ed25519 key derivation and verification, P-256/P-384
//! key derivation, big-integer operations on private values) is delegated to audited crates
//! (RustCrypto, dalek).
//!
//! Rule (SPEC, Non-negotiables): a private value is computed on only by those crates or by code
//! with no secret-dependent branch, memory index or loop count; the variable-time code here sees
//! public data only.
//!
//! | module | what | secrets? | oracle |
//! |---|---|---|---|
//! | [`montgomery`] | Montgomery products (CIOS), squaring, R² mod n, on 32-bit (wasm32) or 64-bit limbs | no: public data only, **variable time** | `square == mul`, crypto-bigint's `pow` (unit tests, `tests/wasm_cases/signatures.rs`, fuzz `signature_differential`) |
//! | [`rsa`] | RSA signature verification: s^e mod n, PKCS#1 v1.5 and PSS encodings | no: the issuer's key, the signature, the signed data; **variable time** | the `rsa` crate on both corpora, signed and damaged (unit tests, `tests/algorithms.rs`, fuzz `signature_differential`) |
//! | [`ecdsa`] | ECDSA verification on P-256/P-384 (interleaved width-5 NAF, Jacobian) | no: public; **variable time** | p256/p384's `ecdsa` on RFC 6979 signatures, damaged variants and the corpora (unit tests, `tests/wasm_cases/signatures.rs`, fuzz `signature_differential`) |
//! | [`curves`] | public keys from private scalars on P-521, secp256k1, SM2, Ed448 (the crates would cost 5–18 KiB each); the scalar's range check on every curve; point validation on every curve we know | **yes**: the private scalar, **constant time**: a Montgomery ladder over the order's bit length with constant-time swaps and complete formulas (RCB 2016 Algorithm 1, RFC 8032 §5.2.4), on crypto-bigint's constant-time Montgomery arithmetic at each curve's fixed precision; point validation is on public data, variable time | the field-operation count test (equal for every scalar), k256/p521/sm2/ed448-goldilocks on edge and random scalars (unit tests), openssl's public keys of fresh random keys and the fixtures (`tests/algorithms.rs`), fuzz `curve_differential` |
//! | [`bigint`] | helpers around crypto-bigint for the RSA and DSA key-consistency checks | **yes**: private exponents and primes, computed on by crypto-bigint's constant-time operations only (`rem`, `pow_mod`, `concatenating_mul`, comparisons) | the fixtures' keys and tampered keys (`src/key/rsa.rs`, `src/key/dsa.rs` tests) |
//!
//! The variable-time modules must never receive a private value: they are only called from
//! `crate::cert::verify`, on certificates.

pub(crate) mod bigint;
pub(crate) mod curves;
pub(crate) mod ecdsa;
pub(crate) mod montgomery;
pub(crate) mod rsa;
