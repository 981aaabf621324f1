//! Private keys: parsing, decryption, internal consistency and key ↔ certificate matching.
//!
//! Which PEM block is the key follows Go's `crypto/tls.X509KeyPair` (PROVIDERS.md §6): the first block
//! whose label is `PRIVATE KEY` or ends with ` PRIVATE KEY`. Its DER is read as the label says
//! (`RSA PRIVATE KEY` → PKCS#1, RFC 8017 A.1.2; `EC PRIVATE KEY` → SEC1, RFC 5915; `PRIVATE KEY` →
//! PKCS#8, RFC 5208 / RFC 5958; `ENCRYPTED PRIVATE KEY` → PKCS#8 EncryptedPrivateKeyInfo with PBES2,
//! RFC 8018) and, like Go, also as the other two formats when the label is wrong. Legacy OpenSSL PEM
//! encryption (`Proc-Type: 4,ENCRYPTED` + `DEK-Info`, RFC 1421 §4.6.1 with OpenSSL's cipher names
//! and `EVP_BytesToKey` key derivation) is decrypted for AES-128/192/256-CBC, DES-EDE3-CBC and DES-CBC.
//!
//! Every structure is read with the strict DER reader in [`crate::asn1`] (no trailing bytes, shortest
//! lengths and integers), and PBES2 is decrypted with the RustCrypto primitives directly (PBKDF2 with
//! HMAC-SHA1/SHA-2, scrypt; AES-CBC, AES-GCM, DES-EDE3-CBC).
//!
//! Secrets (decrypted DER, private components, derived keys) live in [`Zeroizing`] buffers and never
//! appear in `Debug` output or error messages.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use const_oid::ObjectIdentifier as Oid;
use p256::elliptic_curve::bigint::{BoxedUint, NonZero, Odd};
use zeroize::Zeroizing;

use crate::alg::{self, Curve, KeyAlgorithm, PublicKeyDesc, bit_len, ec_desc};
use crate::asn1::{self, AlgorithmId, DerResult, Reader, Spki};
use crate::curves;
use crate::finding::KeyInfo;

/// Largest RSA modulus we accept (bits). Far above anything a provider takes; it only bounds the
/// arithmetic `check_consistency` does on hostile input.
const MAX_RSA_BITS: u32 = 65_536;
/// Largest DSA `p` we do modular exponentiation with (bits).
const MAX_DSA_P_BITS: u32 = 16_384;
/// Largest DSA `q` (FIPS 186-4 uses 160, 224 and 256 bits).
const MAX_DSA_Q_BITS: u32 = 512;
/// Most additional primes we check in a multi-prime RSA key (RFC 8017 A.1.2 `OtherPrimeInfos`).
const MAX_OTHER_PRIMES: usize = 16;
/// PBKDF2 iteration ceiling: RFC 8018 §4.2 calls 10,000,000 appropriate "for especially critical keys".
const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// scrypt memory ceiling: 64 MiB, four times OpenSSL's `-scrypt` default. The scrypt crate
/// allocates 128·r·N bytes for V and 128·r·p for B (OpenSSL `EVP_PBE_scrypt` counts both too).
const MAX_SCRYPT_MEMORY: u64 = 64 * 1024 * 1024;
/// scrypt work ceiling (N·r·p).
const MAX_SCRYPT_WORK: u64 = 1 << 24;

/// id-PBES2, RFC 8018 A.4.
const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");
/// id-PBKDF2, RFC 8018 A.2.
const PBKDF2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.12");
/// id-scrypt, RFC 7914 §7.
const SCRYPT: Oid = Oid::new_unwrap("1.3.6.1.4.1.11591.4.11");
/// des-ede3-cbc, RFC 8018 B.2.2.
const DES_EDE3_CBC: Oid = Oid::new_unwrap("1.2.840.113549.3.7");
/// desCBC, RFC 8018 B.2.1.
const DES_CBC: Oid = Oid::new_unwrap("1.3.14.3.2.7");
/// aes128-CBC-PAD, aes192-CBC-PAD, aes256-CBC-PAD, RFC 8018 B.2.5.
const AES128_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.2");
const AES192_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.22");
const AES256_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.42");
/// id-aes128-GCM, id-aes256-GCM (RFC 5084 §3.2; the parameters as the `pkcs5` crate writes them).
const AES128_GCM: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.6");
const AES256_GCM: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.46");
/// id-hmacWithSHA1 and the SHA-2 PRFs, RFC 8018 B.1.
const HMAC_SHA1: Oid = Oid::new_unwrap("1.2.840.113549.2.7");
const HMAC_SHA224: Oid = Oid::new_unwrap("1.2.840.113549.2.8");
const HMAC_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.2.9");
const HMAC_SHA384: Oid = Oid::new_unwrap("1.2.840.113549.2.10");
const HMAC_SHA512: Oid = Oid::new_unwrap("1.2.840.113549.2.11");
/// The NULL tag (PRF parameters).
const NULL: u8 = 0x05;
/// The PKCS#5 arc; PBES1 schemes are `pkcs-5 1/3/4/6/10/11`, RFC 8018 A.3.
const PKCS5_ARC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05];
/// The PKCS#12 PBE arc (`pbeWithSHAAnd3-KeyTripleDES-CBC` and friends), RFC 7292 Appendix C.
const PKCS12_PBE_ARC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01];

/// Group orders of the curves we do not do arithmetic on, for the scalar range check (SEC 2 §2.4.1,
/// §2.7.1 [P-521 = secp521r1]; GM/T 0003.5 / GB/T 32918.5 for SM2).
const ORDER_SECP256K1: &[u8] = &[
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];
const ORDER_SM2: &[u8] = &[
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b, 0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x23,
];
const ORDER_P521: &[u8] = &[
    0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc, 0x01, 0x48, 0xf7, 0x09,
    0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c, 0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38,
    0x64, 0x09,
];
const ORDER_P256: &[u8] = &[
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];
const ORDER_P384: &[u8] = &[
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
    0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
];

/// The container format of a private key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyFormat {
    /// PKCS#1 `RSAPrivateKey` (`RSA PRIVATE KEY`).
    Pkcs1,
    /// PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (`PRIVATE KEY`).
    Pkcs8,
    /// SEC1 `ECPrivateKey` (`EC PRIVATE KEY`).
    Sec1,
}

impl KeyFormat {
    /// The name used in `KeyInfo.format`.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            KeyFormat::Pkcs1 => "PKCS#1",
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Sec1 => "SEC1",
        }
    }

    /// The PEM label of an unencrypted key in this format.
    pub(crate) const fn pem_label(self) -> &'static str {
        match self {
            KeyFormat::Pkcs1 => "RSA PRIVATE KEY",
            KeyFormat::Pkcs8 => "PRIVATE KEY",
            KeyFormat::Sec1 => "EC PRIVATE KEY",
        }
    }
}

/// Why the key field holds no usable private key. Messages are static and never contain key bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyError {
    /// No PEM block at all in the key field.
    NoPem,
    /// A `CERTIFICATE` where a key should be (Go: "found a certificate rather than a key").
    FoundCertificate,
    /// PEM blocks, but none whose label is `PRIVATE KEY` or ends with ` PRIVATE KEY`.
    NoKeyBlock {
        /// The labels of the blocks that were skipped, in order.
        labels: Vec<String>,
    },
    /// The key block's DER is unreadable or an unsupported structure.
    Malformed(&'static str),
    /// Encrypted and no passphrase given.
    Encrypted {
        /// Legacy OpenSSL `Proc-Type: 4,ENCRYPTED` PEM rather than PKCS#8.
        legacy: bool,
        /// From the label for legacy PEM (RSA/EC/DSA); `Unknown` for PKCS#8.
        algorithm: KeyAlgorithm,
    },
    /// A passphrase was given and decryption failed (bad padding, or the plaintext is not a key).
    WrongPassphrase {
        /// Legacy OpenSSL PEM encryption rather than PKCS#8.
        legacy: bool,
        /// From the label for legacy PEM (RSA/EC/DSA); `Unknown` for PKCS#8.
        algorithm: KeyAlgorithm,
    },
    /// An encryption scheme we do not implement (PBES1, PKCS#12 PBE, PBES2 with DES-CBC, an unknown
    /// legacy PEM cipher, …).
    UnsupportedEncryption(&'static str),
}

/// Whether a private key belongs to a certificate's public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// The key belongs to the certificate.
    Yes,
    /// It does not.
    No {
        /// Why (static English, no key bytes).
        reason: &'static str,
    },
    /// We cannot tell for this algorithm: the report must say so as an error, never pass it.
    Unverifiable {
        /// Why (static English, no key bytes).
        reason: &'static str,
    },
    /// The certificate's public key is not a valid key of its algorithm (a point off the curve,
    /// the point at infinity, a wrong length): the certificate itself is malformed.
    BadCertificateKey {
        /// Why (static English).
        reason: &'static str,
    },
}

/// The parts of a PEM block the key parser reads: a borrowed view of `input::Block`.
#[derive(Clone, Copy)]
pub(crate) struct KeyBlockView<'a> {
    /// The PEM label (`RSA PRIVATE KEY`, `EC PARAMETERS`, …).
    pub label: &'a str,
    /// RFC 1421 headers such as `("Proc-Type", "4,ENCRYPTED")`.
    pub headers: &'a [(String, String)],
    /// The decoded body.
    pub der: &'a [u8],
}

/// A parsed, unencrypted private key.
pub(crate) struct PrivateKey {
    /// The format the PEM label names (or the DER's, when the label names none); may differ from
    /// `der_format` when the label is wrong.
    label_format: KeyFormat,
    /// The structure actually found in the (decrypted) DER.
    der_format: KeyFormat,
    /// The input was encrypted and we decrypted it.
    encrypted: bool,
    /// The unencrypted DER, in `der_format`.
    der: Zeroizing<Vec<u8>>,
    /// The key itself.
    material: Material,
}

/// Algorithm-specific key material. Big integers are big-endian without leading zeros.
enum Material {
    Rsa(Box<RsaKey>),
    Ec(EcKey),
    Ed25519 {
        seed: Zeroizing<[u8; 32]>,
        public: Option<Vec<u8>>,
    },
    Ed448 {
        seed: Zeroizing<Vec<u8>>,
        public: Option<Vec<u8>>,
    },
    Dsa(DsaKey),
    Unknown,
}

struct RsaKey {
    n: Vec<u8>,
    e: Vec<u8>,
    d: Zeroizing<Vec<u8>>,
    p: Zeroizing<Vec<u8>>,
    q: Zeroizing<Vec<u8>>,
    dp: Zeroizing<Vec<u8>>,
    dq: Zeroizing<Vec<u8>>,
    qinv: Zeroizing<Vec<u8>>,
    /// `(prime, exponent, coefficient)` of each additional prime.
    others: Vec<[Zeroizing<Vec<u8>>; 3]>,
    /// The key as PKCS#1 DER.
    pkcs1: Zeroizing<Vec<u8>>,
}

struct EcKey {
    /// The named curve, when it is one we know.
    curve: Option<Curve>,
    /// The curve OID as written in the key.
    curve_oid: Oid,
    scalar: Zeroizing<Vec<u8>>,
    /// SEC1 point embedded in the key file (SEC1 `publicKey` or PKCS#8 v2 `publicKey`).
    public: Option<Vec<u8>>,
}

struct DsaKey {
    p: Vec<u8>,
    q: Vec<u8>,
    g: Vec<u8>,
    x: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for PrivateKey {
    /// Only the format and what [`PrivateKey::desc`] says; never key bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let desc = self.desc();
        f.debug_struct("PrivateKey")
            .field("format", &self.der_format)
            .field("encrypted", &self.encrypted)
            .field("algorithm", &desc.algorithm)
            .field("bits", &desc.bits)
            .field("curve", &desc.curve)
            .finish_non_exhaustive()
    }
}

/// Parses the key field's PEM blocks, with Go `X509KeyPair` semantics for which block is the key.
pub(crate) fn parse(
    blocks: &[crate::input::Block],
    passphrase: Option<&str>,
) -> Result<PrivateKey, KeyError> {
    let views: Vec<KeyBlockView<'_>> = blocks
        .iter()
        .map(|b| KeyBlockView {
            label: &b.label,
            headers: &b.headers,
            der: &b.der,
        })
        .collect();
    parse_views(&views, passphrase)
}

/// [`parse`] over borrowed views of the blocks.
pub(crate) fn parse_views(
    blocks: &[KeyBlockView<'_>],
    passphrase: Option<&str>,
) -> Result<PrivateKey, KeyError> {
    if blocks.is_empty() {
        return Err(KeyError::NoPem);
    }
    // Go tls.X509KeyPair: the first block typed "PRIVATE KEY" or "... PRIVATE KEY" is the key.
    let Some(block) = blocks
        .iter()
        .find(|b| b.label == "PRIVATE KEY" || b.label.ends_with(" PRIVATE KEY"))
    else {
        // Go reports "found a certificate rather than a key" only when the one skipped block is a
        // CERTIFICATE; a whole chain pasted into the key field is the same mistake, so we say so too.
        if blocks.iter().all(|b| b.label == "CERTIFICATE") {
            return Err(KeyError::FoundCertificate);
        }
        return Err(KeyError::NoKeyBlock {
            labels: blocks.iter().map(|b| String::from(b.label)).collect(),
        });
    };
    // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key; Go skips it. We use it
    // only when the SEC1 key itself names no curve (leniency: Go would fail such a key).
    let curve_hint = blocks
        .iter()
        .find(|b| b.label == "EC PARAMETERS")
        .and_then(|b| named_curve(b.der).ok());

    if is_legacy_encrypted(block.headers) {
        return decrypt_legacy(block, passphrase, curve_hint);
    }

    let label_format = match block.label {
        "RSA PRIVATE KEY" => Some(KeyFormat::Pkcs1),
        "EC PRIVATE KEY" => Some(KeyFormat::Sec1),
        "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => Some(KeyFormat::Pkcs8),
        _ => None,
    };

    // EncryptedPrivateKeyInfo is recognised under any label (and a plain key under the encrypted
    // label): the two structures cannot be confused, and Go, too, goes by the DER, not the label.
    if block.label == "ENCRYPTED PRIVATE KEY" {
        if let Some(enc) = EncryptedInfo::decode(block.der) {
            return decrypt_pkcs8(&enc, passphrase, curve_hint);
        }
    }
    let plain = decode_plain(block.der, label_format, curve_hint);
    let msg = match plain {
        Ok((der_format, material)) => {
            return Ok(PrivateKey {
                label_format: label_format.unwrap_or(der_format),
                der_format,
                encrypted: false,
                der: Zeroizing::new(block.der.to_vec()),
                material,
            });
        }
        Err(msg) => msg,
    };
    if let Some(enc) = EncryptedInfo::decode(block.der) {
        return decrypt_pkcs8(&enc, passphrase, curve_hint);
    }
    Err(KeyError::Malformed(match block.label {
        "OPENSSH PRIVATE KEY" => {
            "OpenSSH private keys are not supported; convert with ssh-keygen -p -m PEM"
        }
        "DSA PRIVATE KEY" => "traditional OpenSSL DSA keys are not supported; convert to PKCS#8",
        "ENCRYPTED PRIVATE KEY" => "not a valid PKCS#8 EncryptedPrivateKeyInfo",
        _ => msg,
    }))
}

/// RFC 1421 §4.6.1.1: `Proc-Type: 4,ENCRYPTED`.
fn is_legacy_encrypted(headers: &[(String, String)]) -> bool {
    headers.iter().any(|(k, v)| {
        k.trim().eq_ignore_ascii_case("Proc-Type")
            && v.split(',')
                .any(|p| p.trim().eq_ignore_ascii_case("ENCRYPTED"))
    })
}

/// A CBC cipher with PKCS#7 padding: a legacy OpenSSL PEM cipher, named in the `DEK-Info` header
/// (RFC 1421 §4.6.1.3 as OpenSSL's `PEM_write_bio_PrivateKey_traditional` extends it to its own
/// cipher names), or a PBES2 encryption scheme (RFC 8018 B.2; DES only in legacy PEM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CbcCipher {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
    Des,
}

impl CbcCipher {
    /// OpenSSL's names and aliases (`EVP_get_cipherbyname` is case-insensitive).
    fn from_name(name: &str) -> Option<Self> {
        const NAMES: [(&str, CbcCipher); 10] = [
            ("AES-128-CBC", CbcCipher::Aes128),
            ("AES128", CbcCipher::Aes128),
            ("AES-192-CBC", CbcCipher::Aes192),
            ("AES192", CbcCipher::Aes192),
            ("AES-256-CBC", CbcCipher::Aes256),
            ("AES256", CbcCipher::Aes256),
            ("DES-EDE3-CBC", CbcCipher::DesEde3),
            ("DES3", CbcCipher::DesEde3),
            ("DES-CBC", CbcCipher::Des),
            ("DES", CbcCipher::Des),
        ];
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, c)| *c)
    }

    const fn key_len(self) -> usize {
        match self {
            CbcCipher::Aes128 => 16,
            CbcCipher::Aes192 | CbcCipher::DesEde3 => 24,
            CbcCipher::Aes256 => 32,
            CbcCipher::Des => 8,
        }
    }

    /// The IV is one cipher block.
    const fn iv_len(self) -> usize {
        match self {
            CbcCipher::Aes128 | CbcCipher::Aes192 | CbcCipher::Aes256 => 16,
            CbcCipher::DesEde3 | CbcCipher::Des => 8,
        }
    }

    /// CBC-decrypts `buf` in place and checks the PKCS#7 padding strictly; the plaintext length.
    fn decrypt(self, key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<usize> {
        match self {
            CbcCipher::Aes128 => cbc_decrypt::<aes::Aes128Dec>(key, iv, buf),
            CbcCipher::Aes192 => cbc_decrypt::<aes::Aes192Dec>(key, iv, buf),
            CbcCipher::Aes256 => cbc_decrypt::<aes::Aes256Dec>(key, iv, buf),
            CbcCipher::DesEde3 => cbc_decrypt::<des::TdesEde3>(key, iv, buf),
            CbcCipher::Des => cbc_decrypt::<des::Des>(key, iv, buf),
        }
    }
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<usize>
where
    C: cbc::cipher::BlockCipherDecrypt + cbc::cipher::KeyInit,
{
    use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .ok()?
        .decrypt_padded::<Pkcs7>(buf)
        .ok()
        .map(<[u8]>::len)
}

/// The largest legacy key and IV (AES-256: 32-byte key, 16-byte IV).
const LEGACY_MAX_KEY: usize = 32;
const LEGACY_MAX_IV: usize = 16;

/// OpenSSL `EVP_BytesToKey(cipher, EVP_md5(), salt, pass, count = 1)`, which `PEM_do_header` uses:
/// `D₁ = MD5(pass ‖ salt)`, `Dᵢ = MD5(Dᵢ₋₁ ‖ pass ‖ salt)`, key = `D₁ ‖ D₂ ‖ …` cut to length.
fn evp_bytes_to_key(pass: &[u8], salt: &[u8], key: &mut [u8]) {
    use md5::{Digest, Md5};
    let mut prev: Zeroizing<[u8; 16]> = Zeroizing::new([0; 16]);
    for (i, chunk) in key.chunks_mut(16).enumerate() {
        let mut h = Md5::new();
        if i > 0 {
            h.update(prev.as_slice());
        }
        h.update(pass);
        h.update(salt);
        h.finalize_into((&mut *prev).into());
        for (k, d) in chunk.iter_mut().zip(prev.iter()) {
            *k = *d;
        }
    }
}

/// Decodes exactly `out.len()` bytes of hex.
fn decode_hex(hex: &str, out: &mut [u8]) -> bool {
    fn nibble(c: u8) -> Option<u8> {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let hex = hex.as_bytes();
    if hex.len() != out.len().saturating_mul(2) {
        return false;
    }
    for (o, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let (Some(hi), Some(lo)) = (
            pair.first().copied().and_then(nibble),
            pair.get(1).copied().and_then(nibble),
        ) else {
            return false;
        };
        *o = (hi << 4) | lo;
    }
    true
}

/// Reads `DEK-Info: <cipher>,<hex IV>` (RFC 1421 §4.6.1.3); the IV goes into `iv`.
fn dek_info(
    headers: &[(String, String)],
    iv: &mut [u8; LEGACY_MAX_IV],
) -> Result<CbcCipher, KeyError> {
    let value = headers
        .iter()
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("DEK-Info"))
        .map(|(_, v)| v.as_str())
        .ok_or(KeyError::Malformed(
            "legacy encrypted PEM (Proc-Type: 4,ENCRYPTED) without a DEK-Info header",
        ))?;
    let (name, iv_hex) = value.split_once(',').unwrap_or((value, ""));
    let cipher = CbcCipher::from_name(name.trim()).ok_or(KeyError::UnsupportedEncryption(
        "legacy PEM encryption with a cipher other than AES-CBC, DES-EDE3-CBC or DES-CBC is not supported; convert the key with openssl pkcs8 -topk8",
    ))?;
    let ok = iv
        .get_mut(..cipher.iv_len())
        .is_some_and(|out| decode_hex(iv_hex.trim(), out));
    if !ok {
        return Err(KeyError::Malformed(
            "the DEK-Info IV is not one cipher block of hexadecimal",
        ));
    }
    Ok(cipher)
}

/// Legacy OpenSSL PEM encryption (`Proc-Type: 4,ENCRYPTED`, `DEK-Info`): the key is
/// `EVP_BytesToKey(MD5, passphrase, salt = IV[..8], 1)`, the cipher CBC with PKCS#7 padding, and
/// the plaintext the DER the label names (PKCS#1, SEC1, or traditional DSA).
fn decrypt_legacy(
    block: &KeyBlockView<'_>,
    passphrase: Option<&str>,
    curve_hint: Option<Oid>,
) -> Result<PrivateKey, KeyError> {
    let (algorithm, label_format) = match block.label {
        "RSA PRIVATE KEY" => (KeyAlgorithm::Rsa, Some(KeyFormat::Pkcs1)),
        "EC PRIVATE KEY" => (KeyAlgorithm::Ec, Some(KeyFormat::Sec1)),
        "DSA PRIVATE KEY" => (KeyAlgorithm::Dsa, None),
        _ => (KeyAlgorithm::Unknown, None),
    };
    let Some(passphrase) = passphrase else {
        return Err(KeyError::Encrypted {
            legacy: true,
            algorithm,
        });
    };
    let mut iv = Zeroizing::new([0u8; LEGACY_MAX_IV]);
    let cipher = dek_info(block.headers, &mut iv)?;
    let iv = iv.get(..cipher.iv_len()).unwrap_or(&[]);
    let mut key = Zeroizing::new([0u8; LEGACY_MAX_KEY]);
    let key = key.get_mut(..cipher.key_len()).unwrap_or(&mut []);
    evp_bytes_to_key(passphrase.as_bytes(), iv.get(..8).unwrap_or(iv), key);

    let wrong = KeyError::WrongPassphrase {
        legacy: true,
        algorithm,
    };
    let mut plain = Zeroizing::new(block.der.to_vec());
    let len = cipher
        .decrypt(key, iv, &mut plain)
        .ok_or_else(|| wrong.clone())?;
    plain.truncate(len);
    match decode_plain(&plain, label_format, curve_hint) {
        Ok((der_format, material)) => Ok(PrivateKey {
            label_format: label_format.unwrap_or(der_format),
            der_format,
            encrypted: true,
            der: plain,
            material,
        }),
        // A wrong passphrase passes the padding check about once in 256 tries, but the plaintext
        // then is random bytes. A whole DER SEQUENCE means the passphrase was right and the key
        // itself is one we cannot read.
        Err(msg) if asn1::parse_one(&plain, asn1::SEQUENCE).is_ok() => {
            Err(KeyError::Malformed(if algorithm == KeyAlgorithm::Dsa {
                "traditional OpenSSL DSA keys are not supported; convert to PKCS#8"
            } else {
                msg
            }))
        }
        Err(_) => Err(wrong),
    }
}

/// Tries the label's format first, then (like Go) PKCS#1, PKCS#8 and SEC1. The error is the one from
/// the label's format (the most useful), or a generic one when the label names no format.
fn decode_plain(
    der: &[u8],
    label_format: Option<KeyFormat>,
    curve_hint: Option<Oid>,
) -> Result<(KeyFormat, Material), &'static str> {
    let mut first_err = None;
    let order = [
        label_format,
        Some(KeyFormat::Pkcs1),
        Some(KeyFormat::Pkcs8),
        Some(KeyFormat::Sec1),
    ];
    for (i, fmt) in order.iter().enumerate() {
        let Some(fmt) = *fmt else { continue };
        if i > 0 && Some(fmt) == label_format {
            continue;
        }
        let result = match fmt {
            KeyFormat::Pkcs1 => decode_pkcs1(der).map(|k| Material::Rsa(Box::new(k))),
            KeyFormat::Pkcs8 => decode_pkcs8(der),
            KeyFormat::Sec1 => decode_sec1(der, None, curve_hint).map(Material::Ec),
        };
        match result {
            Ok(m) => return Ok((fmt, m)),
            Err(e) => {
                if first_err.is_none() {
                    first_err = Some(e);
                }
            }
        }
    }
    Err(match label_format {
        Some(_) => first_err.unwrap_or("not a PKCS#1, PKCS#8 or SEC1 private key"),
        None => "not a PKCS#1, PKCS#8 or SEC1 private key",
    })
}

/// Big-endian integer without leading zero bytes.
fn strip(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or(&[])
}

fn secret(magnitude: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(strip(magnitude).to_vec())
}

/// The one OBJECT IDENTIFIER `der` holds (`ECParameters ::= namedCurve`, RFC 5480 §2.1.1).
fn named_curve(der: &[u8]) -> DerResult<Oid> {
    let mut r = Reader::new(der);
    let oid = r.oid()?;
    r.finish()?;
    Ok(oid)
}

/// The one non-negative INTEGER `der` holds, as its magnitude.
fn single_uint(der: &[u8]) -> DerResult<&[u8]> {
    let mut r = Reader::new(der);
    let v = r.uint()?;
    r.finish()?;
    Ok(v)
}

/// A version INTEGER that must be one of `allowed`.
fn version(r: &mut Reader<'_>, allowed: &[u64]) -> DerResult<u64> {
    let v = r.small_uint()?;
    if allowed.contains(&v) {
        Ok(v)
    } else {
        Err(asn1::DerError::Integer)
    }
}

/// The integers of a PKCS#1 `RSAPrivateKey`, as magnitudes.
struct RsaFields<'a> {
    n: &'a [u8],
    e: &'a [u8],
    d: &'a [u8],
    p: &'a [u8],
    q: &'a [u8],
    dp: &'a [u8],
    dq: &'a [u8],
    qinv: &'a [u8],
    /// `(prime, exponent, coefficient)` of each `OtherPrimeInfo`.
    others: Vec<[&'a [u8]; 3]>,
}

/// `RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent, prime1, prime2,
/// exponent1, exponent2, coefficient, otherPrimeInfos OtherPrimeInfos OPTIONAL }` (RFC 8017 A.1.2):
/// version 0 is two-prime (no otherPrimeInfos), version 1 multi-prime (`SEQUENCE SIZE(1..MAX) OF
/// OtherPrimeInfo ::= SEQUENCE { prime, exponent, coefficient }`).
fn read_pkcs1(der: &[u8]) -> DerResult<RsaFields<'_>> {
    let mut outer = Reader::new(der);
    let mut r = outer.sequence()?;
    let multi = version(&mut r, &[0, 1])? == 1;
    let mut k = RsaFields {
        n: r.uint()?,
        e: r.uint()?,
        d: r.uint()?,
        p: r.uint()?,
        q: r.uint()?,
        dp: r.uint()?,
        dq: r.uint()?,
        qinv: r.uint()?,
        others: Vec::new(),
    };
    if let Some(infos) = r.optional(asn1::SEQUENCE)? {
        let mut infos = infos.reader();
        while !infos.is_empty() {
            let mut info = infos.sequence()?;
            k.others.push([info.uint()?, info.uint()?, info.uint()?]);
            info.finish()?;
        }
        if k.others.is_empty() {
            return Err(asn1::DerError::Truncated);
        }
    }
    r.finish()?;
    outer.finish()?;
    let has_others = !k.others.is_empty();
    if multi != has_others {
        return Err(asn1::DerError::Integer);
    }
    Ok(k)
}

/// PKCS#1 `RSAPrivateKey`, RFC 8017 A.1.2 (two-prime and multi-prime).
fn decode_pkcs1(der: &[u8]) -> Result<RsaKey, &'static str> {
    let k = read_pkcs1(der).map_err(|_| "not a valid PKCS#1 RSAPrivateKey")?;
    if bit_len(k.n) > MAX_RSA_BITS {
        return Err("RSA modulus larger than 65536 bits");
    }
    if k.others.len() > MAX_OTHER_PRIMES {
        return Err("multi-prime RSA key with more than 16 additional primes");
    }
    Ok(RsaKey {
        n: strip(k.n).to_vec(),
        e: strip(k.e).to_vec(),
        d: secret(k.d),
        p: secret(k.p),
        q: secret(k.q),
        dp: secret(k.dp),
        dq: secret(k.dq),
        qinv: secret(k.qinv),
        others: k
            .others
            .iter()
            .map(|[r, d, t]| [secret(r), secret(d), secret(t)])
            .collect(),
        pkcs1: Zeroizing::new(der.to_vec()),
    })
}

/// The fields of a SEC1 `ECPrivateKey`.
struct Sec1Fields<'a> {
    private_key: &'a [u8],
    curve: Option<Oid>,
    public_key: Option<&'a [u8]>,
}

/// `ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) }, privateKey OCTET STRING,
/// parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }` (RFC 5915 §3), both
/// tags EXPLICIT; the ECParameters are a namedCurve, or explicit parameters equal to a curve we
/// know (RFC 5480 §2.1.1 forbids them in PKIX, but OpenSSL writes them on request and reads them).
fn read_sec1(der: &[u8]) -> DerResult<Sec1Fields<'_>> {
    let mut outer = Reader::new(der);
    let mut r = outer.sequence()?;
    version(&mut r, &[1])?;
    let private_key = r.octet_string()?;
    let curve = match r.optional(asn1::context(0, true))? {
        Some(params) => Some(match named_curve(params.value) {
            Ok(oid) => oid,
            // Explicit parameters that are a named curve's are read as that curve (OpenSSL does).
            Err(e) => alg::specified_curve(params.value)
                .map(Curve::oid)
                .ok_or(e)?,
        }),
        None => None,
    };
    let public_key = match r.optional(asn1::context(1, true))? {
        Some(public) => {
            let mut p = public.reader();
            let bits = p.bit_string()?;
            p.finish()?;
            Some(bits)
        }
        None => None,
    };
    r.finish()?;
    outer.finish()?;
    Ok(Sec1Fields {
        private_key,
        curve,
        public_key,
    })
}

/// SEC1 `ECPrivateKey`, RFC 5915 §3. `outer_curve` is the curve named by a PKCS#8 wrapper.
fn decode_sec1(
    der: &[u8],
    outer_curve: Option<Oid>,
    curve_hint: Option<Oid>,
) -> Result<EcKey, &'static str> {
    let k = read_sec1(der).map_err(
        |_| "not a valid SEC1 ECPrivateKey (explicit curve parameters are not supported)",
    )?;
    let curve_oid = match (outer_curve, k.curve) {
        (Some(a), Some(b)) if a != b => {
            return Err("the PKCS#8 algorithm and the SEC1 parameters name different curves");
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => curve_hint.ok_or("the EC private key names no curve")?,
    };
    let curve = Curve::from_oid(&curve_oid);
    let scalar = strip(k.private_key);
    // Go x509.parseECPrivateKey: longer than the order is an error, shorter is zero-padded.
    let max_len = curve.map_or(66, Curve::field_len);
    if scalar.len() > max_len {
        return Err("EC private key is longer than the curve order");
    }
    Ok(EcKey {
        curve,
        curve_oid,
        scalar: Zeroizing::new(scalar.to_vec()),
        public: k.public_key.map(<[u8]>::to_vec),
    })
}

/// The fields of a PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey`.
struct Pkcs8Fields<'a> {
    algorithm: AlgorithmId<'a>,
    private_key: &'a [u8],
    public_key: Option<&'a [u8]>,
}

/// `OneAsymmetricKey ::= SEQUENCE { version INTEGER { v1(0), v2(1) }, privateKeyAlgorithm
/// AlgorithmIdentifier, privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL, ...,
/// [[2: publicKey [1] IMPLICIT BIT STRING OPTIONAL ]], ... }` (RFC 5958 §2; v1 is RFC 5208's
/// PrivateKeyInfo). As the `pkcs8` crate did: the attributes are skipped unread, v1 must not and v2
/// must carry the public key, and later `[n]` EXPLICIT extension fields are ignored.
fn read_pkcs8(der: &[u8]) -> DerResult<Pkcs8Fields<'_>> {
    let mut outer = Reader::new(der);
    let mut r = outer.sequence()?;
    let v2 = version(&mut r, &[0, 1])? == 1;
    let algorithm = r.algorithm()?;
    let private_key = r.octet_string()?;
    r.optional(asn1::context(0, true))?;
    if r.peek_tag() == Some(asn1::context(1, true)) {
        return Err(asn1::DerError::UnexpectedTag);
    }
    let public_key = match r.peek_tag() {
        Some(tag) if tag == asn1::context(1, false) => Some(r.any_bit_string(tag)?),
        _ => None,
    };
    if v2 != public_key.is_some() {
        return Err(asn1::DerError::Integer);
    }
    while !r.is_empty() {
        let field = r.any()?;
        if field.tag & 0xe0 != asn1::context(0, true) {
            return Err(asn1::DerError::UnexpectedTag);
        }
        let mut inner = field.reader();
        inner.any()?;
        inner.finish()?;
    }
    outer.finish()?;
    Ok(Pkcs8Fields {
        algorithm,
        private_key,
        public_key,
    })
}

/// PKCS#8 `PrivateKeyInfo` (v1, RFC 5208) or `OneAsymmetricKey` (v2, RFC 5958).
fn decode_pkcs8(der: &[u8]) -> Result<Material, &'static str> {
    let pki = read_pkcs8(der).map_err(|_| "not a valid PKCS#8 PrivateKeyInfo")?;
    let key = pki.private_key;
    let public = pki.public_key;
    match pki.algorithm.oid {
        alg::RSA_ENCRYPTION | alg::RSASSA_PSS => {
            // The inner errors name the inner structure ("not a valid PKCS#1 RSAPrivateKey").
            decode_pkcs1(key).map(|k| Material::Rsa(Box::new(k)))
        }
        alg::EC_PUBLIC_KEY | alg::SM2_CURVE => {
            let outer = if pki.algorithm.oid == alg::SM2_CURVE {
                Some(alg::SM2_CURVE)
            } else {
                pki.algorithm
                    .parameters_oid()
                    .or_else(|| pki.algorithm.ec_curve().map(Curve::oid))
            };
            let mut ec = decode_sec1(key, outer, None)?;
            if ec.public.is_none() {
                ec.public = public.map(<[u8]>::to_vec);
            }
            Ok(Material::Ec(ec))
        }
        alg::ED25519 => {
            // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, the 32-byte seed.
            let seed = asn1::parse_one(key, asn1::OCTET_STRING)
                .ok()
                .and_then(|o| <[u8; 32]>::try_from(o.value).ok())
                .ok_or("Ed25519 private key is not a 32-byte CurvePrivateKey")?;
            Ok(Material::Ed25519 {
                seed: Zeroizing::new(seed),
                public: public.map(<[u8]>::to_vec),
            })
        }
        alg::ED448 => {
            let seed = asn1::parse_one(key, asn1::OCTET_STRING)
                .ok()
                .map(|o| o.value)
                .filter(|s| s.len() == 57)
                .ok_or("Ed448 private key is not a 57-byte CurvePrivateKey")?;
            Ok(Material::Ed448 {
                seed: Zeroizing::new(seed.to_vec()),
                public: public.map(<[u8]>::to_vec),
            })
        }
        alg::DSA => {
            // RFC 5958 / OpenSSL: parameters are Dss-Parms, privateKey is INTEGER x.
            let dp = pki
                .algorithm
                .parameters
                .and_then(|p| alg::dss_params(&p))
                .ok_or("DSA private key has no valid Dss-Parms")?;
            let x = single_uint(key).map_err(|_| "DSA private key is not an INTEGER")?;
            Ok(Material::Dsa(DsaKey {
                p: strip(dp.p).to_vec(),
                q: strip(dp.q).to_vec(),
                g: strip(dp.g).to_vec(),
                x: secret(x),
            }))
        }
        // X25519, X448, GOST, …: recognised as a PKCS#8 key of an unknown algorithm.
        _ => Ok(Material::Unknown),
    }
}

/// `EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData
/// OCTET STRING }` (RFC 5208 §6, RFC 5958 §3). The algorithm is read later, so that unsupported
/// schemes can be named.
#[derive(Clone, Copy)]
struct EncryptedInfo<'a> {
    algorithm: AlgorithmId<'a>,
    data: &'a [u8],
}

impl<'a> EncryptedInfo<'a> {
    fn decode(der: &'a [u8]) -> Option<Self> {
        let mut outer = Reader::new(der);
        let mut r = outer.sequence().ok()?;
        let info = EncryptedInfo {
            algorithm: r.algorithm().ok()?,
            data: r.octet_string().ok()?,
        };
        r.finish().ok()?;
        outer.finish().ok()?;
        Some(info)
    }
}

/// Names a key encryption scheme other than PBES2 and PKCS#12 3DES.
fn unsupported_scheme(oid: &Oid) -> &'static str {
    let arc = oid.as_bytes();
    if arc.starts_with(PKCS12_PBE_ARC) {
        return "PKCS#12 password-based encryption with RC2 or RC4 is not supported (only its 3DES variants); re-encrypt with PBES2 and AES";
    }
    if arc.starts_with(PKCS5_ARC) {
        return "PBES1 (PKCS#5 v1.5) encryption is not supported; re-encrypt with PBES2 and AES";
    }
    "unknown key encryption algorithm"
}

/// `pbeWithSHAAnd3-KeyTripleDES-CBC` (`false`) or `pbeWithSHAAnd2-KeyTripleDES-CBC` (`true`), RFC
/// 7292 Appendix C: what `openssl pkcs8 -topk8` wrote by default before OpenSSL 1.1, and what Java
/// and Windows exports still use.
fn pkcs12_3des(oid: &Oid) -> Option<bool> {
    const THREE_KEY: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.3");
    const TWO_KEY: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.4");
    match *oid {
        THREE_KEY => Some(false),
        TWO_KEY => Some(true),
        _ => None,
    }
}

/// Decrypts a PKCS#12-PBE 3DES `EncryptedPrivateKeyInfo`: `pkcs-12PbeParams ::= SEQUENCE { salt
/// OCTET STRING, iterations INTEGER }`, key and IV from the PKCS#12 KDF with SHA-1 (RFC 7292 B.2),
/// the password as a NUL-terminated BMPString (B.1). `Ok(None)`: the padding is wrong (a wrong
/// passphrase).
fn decrypt_pkcs12_3des(
    enc: &EncryptedInfo<'_>,
    passphrase: &str,
    two_key: bool,
) -> Result<Option<Zeroizing<Vec<u8>>>, KeyError> {
    const BAD: KeyError = KeyError::UnsupportedEncryption("invalid PKCS#12 PBE parameters");
    let params = enc.algorithm.parameters.ok_or(BAD)?;
    let read = || -> DerResult<(&[u8], u64)> {
        let mut r = Reader::new(params.raw);
        let mut seq = r.sequence()?;
        let salt = seq.octet_string()?;
        let iterations = seq.small_uint()?;
        seq.finish()?;
        r.finish()?;
        Ok((salt, iterations))
    };
    let (salt, iterations) = read().map_err(|_| BAD)?;
    if iterations == 0 {
        return Err(KeyError::UnsupportedEncryption(
            "invalid PKCS#12 PBE parameters: 0 iterations",
        ));
    }
    let iterations = u32::try_from(iterations)
        .ok()
        .filter(|i| *i <= MAX_PBKDF2_ITERATIONS)
        .ok_or(KeyError::UnsupportedEncryption(
            "PKCS#12 PBE iteration count above the bound (10,000,000)",
        ))?;
    let mut password = Zeroizing::new(Vec::with_capacity(passphrase.len().saturating_mul(2) + 2));
    for unit in passphrase.encode_utf16().chain([0]) {
        password.extend_from_slice(&unit.to_be_bytes());
    }
    let mut key = Zeroizing::new([0u8; 24]);
    if two_key {
        // des-ede-cbc: K1‖K2, used as K1‖K2‖K1.
        let (k12, k3) = key.split_at_mut(16);
        pkcs12_kdf(&password, salt, iterations, 1, k12);
        k3.copy_from_slice(k12.get(..8).unwrap_or_default());
    } else {
        pkcs12_kdf(&password, salt, iterations, 1, &mut *key);
    }
    let mut iv = [0u8; 8];
    pkcs12_kdf(&password, salt, iterations, 2, &mut iv);
    let mut plain = Zeroizing::new(enc.data.to_vec());
    let Some(len) = CbcCipher::DesEde3.decrypt(&*key, &iv, &mut plain) else {
        return Ok(None);
    };
    plain.truncate(len);
    Ok(Some(plain))
}

/// The PKCS#12 key derivation function with SHA-1 (RFC 7292 B.2; u = 20, v = 64). `id`: 1 key
/// material, 2 IV, 3 MAC key.
fn pkcs12_kdf(password: &[u8], salt: &[u8], iterations: u32, id: u8, out: &mut [u8]) {
    use sha1::{Digest, Sha1};
    const V: usize = 64;
    let fill = |src: &[u8]| -> Vec<u8> {
        let n = V.saturating_mul(src.len().div_ceil(V));
        src.iter().cycle().take(n).copied().collect()
    };
    let mut i_buf = Zeroizing::new(fill(salt));
    i_buf.extend_from_slice(&fill(password));
    let d = [id; V];
    for chunk in out.chunks_mut(20) {
        let mut a = Sha1::new().chain_update(d).chain_update(&*i_buf).finalize();
        for _ in 1..iterations {
            a = Sha1::digest(a);
        }
        for (o, x) in chunk.iter_mut().zip(a.iter()) {
            *o = *x;
        }
        // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes.
        let b: Vec<u8> = a.iter().cycle().take(V).copied().collect();
        for block in i_buf.chunks_mut(V) {
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum.to_le_bytes()[0];
                carry = sum >> 8;
            }
        }
    }
}

/// The PBKDF2 pseudorandom function, RFC 8018 B.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// The PBES2 key derivation function and its parameters.
#[derive(Clone, Copy, Debug)]
enum Kdf<'a> {
    /// RFC 8018 §5.2, A.2.
    Pbkdf2 {
        salt: &'a [u8],
        iterations: u32,
        prf: Prf,
    },
    /// RFC 7914 §7. `log_n` = log₂ N.
    Scrypt {
        salt: &'a [u8],
        log_n: u8,
        r: u32,
        p: u32,
    },
}

/// The PBES2 encryption scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pbes2Cipher {
    /// AES-CBC or DES-EDE3-CBC with PKCS#7 padding, RFC 8018 B.2.
    Cbc(CbcCipher),
    /// AES-128-GCM, a 16-byte tag after the ciphertext.
    Aes128Gcm,
    /// AES-256-GCM, likewise.
    Aes256Gcm,
}

impl Pbes2Cipher {
    const fn key_len(self) -> usize {
        match self {
            Pbes2Cipher::Cbc(c) => c.key_len(),
            Pbes2Cipher::Aes128Gcm => 16,
            Pbes2Cipher::Aes256Gcm => 32,
        }
    }

    /// The IV (CBC) or nonce (GCM) length.
    const fn iv_len(self) -> usize {
        match self {
            Pbes2Cipher::Cbc(c) => c.iv_len(),
            Pbes2Cipher::Aes128Gcm | Pbes2Cipher::Aes256Gcm => 12,
        }
    }

    /// Decrypts `buf` in place; the plaintext length, or `None` for bad padding or a bad tag.
    fn decrypt(self, key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<usize> {
        match self {
            Pbes2Cipher::Cbc(c) => c.decrypt(key, iv, buf),
            Pbes2Cipher::Aes128Gcm => gcm_decrypt::<aes_gcm::Aes128Gcm>(key, iv, buf),
            Pbes2Cipher::Aes256Gcm => gcm_decrypt::<aes_gcm::Aes256Gcm>(key, iv, buf),
        }
    }
}

/// AES-GCM with no associated data and the 16-byte tag appended to the ciphertext (what the `pkcs5`
/// crate writes); the plaintext length, or `None` when the tag does not verify.
fn gcm_decrypt<A>(key: &[u8], nonce: &[u8], buf: &mut [u8]) -> Option<usize>
where
    A: aes_gcm::AeadInOut + aes_gcm::KeyInit,
{
    const TAG_LEN: usize = 16;
    let msg_len = buf.len().checked_sub(TAG_LEN)?;
    let (msg, tag) = buf.split_at_mut(msg_len);
    let aead = A::new_from_slice(key).ok()?;
    let nonce = aes_gcm::aead::Nonce::<A>::try_from(nonce).ok()?;
    let tag = aes_gcm::aead::Tag::<A>::try_from(&*tag).ok()?;
    aead.decrypt_inout_detached(&nonce, &[], msg.into(), &tag)
        .ok()?;
    Some(msg_len)
}

/// PBES2-params, read and checked: a supported KDF with bounded work and a supported cipher.
#[derive(Clone, Copy, Debug)]
struct Pbes2<'a> {
    kdf: Kdf<'a>,
    cipher: Pbes2Cipher,
    iv: &'a [u8],
}

/// The largest key any PBES2 cipher here takes (AES-256).
const PBES2_MAX_KEY: usize = 32;

/// `PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme
/// AlgorithmIdentifier }` (RFC 8018 A.4). The error names what is not supported or not valid.
fn pbes2_params<'a>(alg: &AlgorithmId<'a>) -> Result<Pbes2<'a>, &'static str> {
    const INVALID: &str = "invalid PBES2 parameters";
    let (kdf_alg, cipher_alg) = alg
        .parameters
        .filter(|p| p.tag == asn1::SEQUENCE)
        .and_then(|p| {
            let mut r = p.reader();
            let kdf = r.algorithm().ok()?;
            let cipher = r.algorithm().ok()?;
            r.finish().ok()?;
            Some((kdf, cipher))
        })
        .ok_or(INVALID)?;
    if kdf_alg.oid != PBKDF2 && kdf_alg.oid != SCRYPT {
        return Err(
            "PBES2 with a key derivation function other than PBKDF2 or scrypt is not supported",
        );
    }
    let (cipher, bad_iv) = match cipher_alg.oid {
        AES128_CBC => (CbcCipher::Aes128.into(), INVALID_AES_CBC),
        AES192_CBC => (CbcCipher::Aes192.into(), INVALID_AES_CBC),
        AES256_CBC => (CbcCipher::Aes256.into(), INVALID_AES_CBC),
        AES128_GCM => (Pbes2Cipher::Aes128Gcm, INVALID_AES_GCM),
        AES256_GCM => (Pbes2Cipher::Aes256Gcm, INVALID_AES_GCM),
        DES_EDE3_CBC => (
            CbcCipher::DesEde3.into(),
            "invalid PBES2 DES-EDE3-CBC (3DES) parameters",
        ),
        DES_CBC => return Err("PBES2 with DES-CBC is not supported; re-encrypt with AES"),
        _ => {
            return Err(
                "PBES2 with a cipher other than AES-CBC, AES-GCM or DES-EDE3-CBC is not supported",
            );
        }
    };
    // The IV (RFC 8018 B.2) or GCM nonce is an OCTET STRING of exactly the cipher's length.
    let iv = cipher_alg
        .parameters
        .filter(|p| p.tag == asn1::OCTET_STRING && p.value.len() == cipher.iv_len())
        .ok_or(bad_iv)?
        .value;
    let params = kdf_alg.parameters.filter(|p| p.tag == asn1::SEQUENCE);
    let (kdf, key_len) = if kdf_alg.oid == PBKDF2 {
        let p = params.ok_or(INVALID_PBKDF2)?;
        read_pbkdf2(p.reader())?
    } else {
        let p = params.ok_or(INVALID_SCRYPT)?;
        read_scrypt(p.reader())?
    };
    // keyLength, when given, must be the cipher's (RFC 8018 A.2).
    if key_len.is_some_and(|len| usize::try_from(len).ok() != Some(cipher.key_len())) {
        return Err("invalid or unsupported PBES2 parameters");
    }
    Ok(Pbes2 { kdf, cipher, iv })
}

impl From<CbcCipher> for Pbes2Cipher {
    fn from(c: CbcCipher) -> Self {
        Pbes2Cipher::Cbc(c)
    }
}

const INVALID_AES_CBC: &str =
    "invalid PBES2 AES-CBC parameters (the IV must be an OCTET STRING of 16 bytes)";
const INVALID_AES_GCM: &str =
    "invalid PBES2 AES-GCM parameters (the nonce must be an OCTET STRING of 12 bytes)";
const INVALID_PBKDF2: &str = "invalid PBKDF2 parameters";
const INVALID_SCRYPT: &str = "invalid scrypt parameters";

/// `PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, otherSource
/// AlgorithmIdentifier }, iterationCount INTEGER (1..MAX), keyLength INTEGER (1..MAX) OPTIONAL, prf
/// AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }` (RFC 8018 A.2); only the specified salt. The
/// KDF and its keyLength.
fn read_pbkdf2(mut r: Reader<'_>) -> Result<(Kdf<'_>, Option<u64>), &'static str> {
    let bad = |_| INVALID_PBKDF2;
    let salt = r.octet_string().map_err(bad)?;
    let iterations = r.small_uint().map_err(bad)?;
    let key_len = match r.peek_tag() {
        Some(asn1::INTEGER) => Some(r.small_uint().map_err(bad)?),
        _ => None,
    };
    let prf = if r.is_empty() {
        Prf::Sha1
    } else {
        let prf = r.algorithm().map_err(bad)?;
        // The PRF parameters are NULL or absent (RFC 8018 B.1).
        if prf
            .parameters
            .is_some_and(|p| p.tag != NULL || !p.value.is_empty())
        {
            return Err(INVALID_PBKDF2);
        }
        match prf.oid {
            HMAC_SHA1 => Prf::Sha1,
            HMAC_SHA224 => Prf::Sha224,
            HMAC_SHA256 => Prf::Sha256,
            HMAC_SHA384 => Prf::Sha384,
            HMAC_SHA512 => Prf::Sha512,
            _ => {
                return Err(
                    "PBKDF2 with a PRF other than HMAC-SHA1, -SHA224, -SHA256, -SHA384 or -SHA512 is not supported",
                );
            }
        }
    };
    r.finish().map_err(bad)?;
    if iterations > u64::from(MAX_PBKDF2_ITERATIONS) {
        return Err("PBKDF2 iteration count above 10,000,000");
    }
    let iterations = u32::try_from(iterations).map_err(|_| INVALID_PBKDF2)?;
    Ok((
        Kdf::Pbkdf2 {
            salt,
            iterations,
            prf,
        },
        key_len,
    ))
}

/// `scrypt-params ::= SEQUENCE { salt OCTET STRING, costParameter INTEGER (1..MAX), blockSize
/// INTEGER (1..MAX), parallelizationParameter INTEGER (1..MAX), keyLength INTEGER (1..MAX)
/// OPTIONAL }` (RFC 7914 §7), with N a power of two ≥ 2 and the work bounded (the scrypt crate
/// multiplies r·p unchecked and allocates 128·r·(N + p) bytes, so this runs first). The KDF and
/// its keyLength.
fn read_scrypt(mut r: Reader<'_>) -> Result<(Kdf<'_>, Option<u64>), &'static str> {
    let bad = |_| INVALID_SCRYPT;
    let salt = r.octet_string().map_err(bad)?;
    let n = r.small_uint().map_err(bad)?;
    let block = r.small_uint().map_err(bad)?;
    let parallel = r.small_uint().map_err(bad)?;
    let key_len = if r.is_empty() {
        None
    } else {
        Some(r.small_uint().map_err(bad)?)
    };
    r.finish().map_err(bad)?;
    if n < 2 || !n.is_power_of_two() || block == 0 || parallel == 0 {
        return Err(INVALID_SCRYPT);
    }
    let memory = n
        .saturating_add(parallel)
        .saturating_mul(block)
        .saturating_mul(128);
    let work = n.saturating_mul(block).saturating_mul(parallel);
    if memory > MAX_SCRYPT_MEMORY || work > MAX_SCRYPT_WORK {
        return Err("scrypt parameters above the supported cost ((N+p)·r at most 2^19)");
    }
    let log_n = u8::try_from(n.trailing_zeros()).map_err(|_| INVALID_SCRYPT)?;
    let r = u32::try_from(block).map_err(|_| INVALID_SCRYPT)?;
    let p = u32::try_from(parallel).map_err(|_| INVALID_SCRYPT)?;
    Ok((Kdf::Scrypt { salt, log_n, r, p }, key_len))
}

impl Kdf<'_> {
    /// Derives `key.len()` bytes from the passphrase.
    fn derive(&self, passphrase: &[u8], key: &mut [u8]) -> Result<(), &'static str> {
        use pbkdf2::pbkdf2_hmac;
        match *self {
            Kdf::Pbkdf2 {
                salt,
                iterations,
                prf,
            } => {
                match prf {
                    Prf::Sha1 => pbkdf2_hmac::<sha1::Sha1>(passphrase, salt, iterations, key),
                    Prf::Sha224 => pbkdf2_hmac::<sha2::Sha224>(passphrase, salt, iterations, key),
                    Prf::Sha256 => pbkdf2_hmac::<sha2::Sha256>(passphrase, salt, iterations, key),
                    Prf::Sha384 => pbkdf2_hmac::<sha2::Sha384>(passphrase, salt, iterations, key),
                    Prf::Sha512 => pbkdf2_hmac::<sha2::Sha512>(passphrase, salt, iterations, key),
                }
                Ok(())
            }
            Kdf::Scrypt { salt, log_n, r, p } => {
                let params = scrypt::Params::new(log_n, r, p).map_err(|_| INVALID_SCRYPT)?;
                scrypt::scrypt(passphrase, salt, &params, key).map_err(|_| INVALID_SCRYPT)
            }
        }
    }
}

/// Decrypts PKCS#8 EncryptedPrivateKeyInfo (PBES2, RFC 8018 §6.2) into a [`PrivateKey`].
fn decrypt_pkcs8(
    enc: &EncryptedInfo<'_>,
    passphrase: Option<&str>,
    curve_hint: Option<Oid>,
) -> Result<PrivateKey, KeyError> {
    let Some(passphrase) = passphrase else {
        return Err(KeyError::Encrypted {
            legacy: false,
            algorithm: KeyAlgorithm::Unknown,
        });
    };
    let wrong = KeyError::WrongPassphrase {
        legacy: false,
        algorithm: KeyAlgorithm::Unknown,
    };
    if let Some(two_key) = pkcs12_3des(&enc.algorithm.oid) {
        let plain = decrypt_pkcs12_3des(enc, passphrase, two_key)?.ok_or_else(|| wrong.clone())?;
        let (der_format, material) =
            decode_plain(&plain, Some(KeyFormat::Pkcs8), curve_hint).map_err(|_| wrong)?;
        return Ok(PrivateKey {
            label_format: KeyFormat::Pkcs8,
            der_format,
            encrypted: true,
            der: plain,
            material,
        });
    }
    if enc.algorithm.oid != PBES2 {
        return Err(KeyError::UnsupportedEncryption(unsupported_scheme(
            &enc.algorithm.oid,
        )));
    }
    let params = pbes2_params(&enc.algorithm).map_err(KeyError::UnsupportedEncryption)?;
    let mut key = Zeroizing::new([0u8; PBES2_MAX_KEY]);
    let key = key
        .get_mut(..params.cipher.key_len())
        .ok_or(KeyError::UnsupportedEncryption(
            "invalid or unsupported PBES2 parameters",
        ))?;
    params
        .kdf
        .derive(passphrase.as_bytes(), key)
        .map_err(KeyError::UnsupportedEncryption)?;

    let mut plain = Zeroizing::new(enc.data.to_vec());
    let len = params
        .cipher
        .decrypt(key, params.iv, &mut plain)
        .ok_or_else(|| wrong.clone())?;
    plain.truncate(len);
    // A wrong passphrase passes the padding check about once in 256 tries; the plaintext then is
    // not a key, which is still a wrong passphrase.
    let (der_format, material) =
        decode_plain(&plain, Some(KeyFormat::Pkcs8), curve_hint).map_err(|_| wrong)?;
    Ok(PrivateKey {
        label_format: KeyFormat::Pkcs8,
        der_format,
        encrypted: true,
        der: plain,
        material,
    })
}

impl PrivateKey {
    /// The structure the key actually is (the decrypted DER's, for an encrypted key): what the
    /// report says, whatever the PEM label claimed.
    pub(crate) fn format(&self) -> KeyFormat {
        self.der_format
    }

    /// The PEM label names another structure than the DER holds (e.g. PKCS#1 `RSAPrivateKey` under
    /// `-----BEGIN PRIVATE KEY-----`): OpenSSL and Go read such a key, Python `cryptography` and
    /// Java refuse it. `(label's format, actual format)`.
    pub(crate) fn mislabelled(&self) -> Option<(KeyFormat, KeyFormat)> {
        (self.label_format != self.der_format).then_some((self.label_format, self.der_format))
    }

    /// The input was encrypted (and we decrypted it).
    pub(crate) fn was_encrypted(&self) -> bool {
        self.encrypted
    }

    /// Algorithm, size and curve, in the same terms as a certificate's key.
    pub(crate) fn desc(&self) -> PublicKeyDesc {
        match &self.material {
            Material::Rsa(k) => PublicKeyDesc {
                algorithm: KeyAlgorithm::Rsa,
                bits: bit_len(&k.n),
                curve: None,
            },
            Material::Ec(k) => ec_desc(k.curve),
            Material::Ed25519 { .. } => PublicKeyDesc {
                algorithm: KeyAlgorithm::Ed25519,
                bits: 256,
                curve: None,
            },
            Material::Ed448 { .. } => PublicKeyDesc {
                algorithm: KeyAlgorithm::Ed448,
                bits: 456,
                curve: None,
            },
            Material::Dsa(k) => PublicKeyDesc {
                algorithm: KeyAlgorithm::Dsa,
                bits: bit_len(&k.p),
                curve: None,
            },
            Material::Unknown => PublicKeyDesc {
                algorithm: KeyAlgorithm::Unknown,
                bits: 0,
                curve: None,
            },
        }
    }

    /// The report's view of the key.
    pub(crate) fn info(&self) -> KeyInfo {
        let desc = self.desc();
        KeyInfo {
            format: if self.encrypted {
                "encrypted"
            } else {
                self.der_format.as_str()
            },
            key_algorithm: desc.algorithm.as_str(),
            key_bits: desc.bits,
            curve: desc.curve.map(Curve::as_str),
        }
    }

    /// Internal consistency of the key file. RSA: n odd, 1 < e, p·q(·rᵢ…) = n, e·d ≡ 1 and
    /// dP/dQ/dᵢ = d mod (r−1) for every prime r, qInv·q ≡ 1 (mod p) and the multi-prime
    /// coefficients. EC: scalar in [1, n−1] on every named curve we know; on P-256/P-384 an
    /// embedded public key must be the scalar's point (elsewhere only well-formed). Ed25519: a
    /// PKCS#8 v2 public key must be the seed's. DSA: structural (q | p−1, g of order q, 0 < x < q).
    /// Ed448 and unknown algorithms: lengths only.
    pub(crate) fn check_consistency(&self) -> Result<(), &'static str> {
        match &self.material {
            Material::Rsa(k) => check_rsa(k),
            Material::Ec(k) => check_ec(k),
            Material::Ed25519 { seed, public } => match public {
                Some(pk) => {
                    let derived = ed25519_public(seed);
                    if pk.as_slice() == derived.as_slice() {
                        Ok(())
                    } else {
                        Err(
                            "the Ed25519 public key in the key file does not belong to its private key",
                        )
                    }
                }
                None => Ok(()),
            },
            // RFC 8032 §5.2.5: a 57-byte secret; an embedded public key must be the one it derives.
            Material::Ed448 { seed, public } => {
                let derived =
                    curves::ed448_public(seed).ok_or("the Ed448 private key is not 57 bytes")?;
                match public {
                    Some(pk) if pk.as_slice() != derived.as_slice() => Err(
                        "the Ed448 public key in the key file does not belong to its private key",
                    ),
                    _ => Ok(()),
                }
            }
            Material::Dsa(k) => check_dsa(k),
            Material::Unknown => Ok(()),
        }
    }

    /// Does this key belong to the certificate whose SubjectPublicKeyInfo is given? RSA: n and e.
    /// P-256/P-384: the point derived from the scalar (a public key stored in the key file is never
    /// trusted) against the SPKI point, compressed or not. Ed25519: derived from the seed. DSA:
    /// g^x mod p against y. P-521, secp256k1, SM2, Ed448: the public key embedded in the key file,
    /// else `Unverifiable`. A different algorithm or curve is `No`.
    pub(crate) fn matches(&self, spki: &Spki<'_>) -> Match {
        const DIFFERENT_ALG: Match = Match::No {
            reason: "the key's algorithm differs from the certificate's",
        };
        let cert = alg::describe_key(spki);
        let cert_key = spki.key;
        match &self.material {
            Material::Rsa(k) => {
                if cert.algorithm != KeyAlgorithm::Rsa {
                    return DIFFERENT_ALG;
                }
                let Some((n, e)) = alg::rsa_public_key(cert_key) else {
                    return Match::Unverifiable {
                        reason: "the certificate's RSA public key is unreadable",
                    };
                };
                if strip(n) != k.n.as_slice() {
                    Match::No {
                        reason: "the RSA modulus differs from the certificate's",
                    }
                } else if strip(e) != k.e.as_slice() {
                    Match::No {
                        reason: "the RSA public exponent differs from the certificate's",
                    }
                } else {
                    Match::Yes
                }
            }
            Material::Ec(k) => match_ec(k, spki),
            Material::Ed25519 { seed, .. } => {
                if cert.algorithm != KeyAlgorithm::Ed25519 {
                    return DIFFERENT_ALG;
                }
                let point = <[u8; 32]>::try_from(cert_key).ok();
                if point.is_none_or(|p| ed25519_dalek::VerifyingKey::from_bytes(&p).is_err()) {
                    return Match::BadCertificateKey {
                        reason: "the certificate's Ed25519 public key is not a 32-byte point of the curve",
                    };
                }
                if ed25519_public(seed).as_slice() == cert_key {
                    Match::Yes
                } else {
                    Match::No {
                        reason: "the Ed25519 public key derived from the private key differs from the certificate's",
                    }
                }
            }
            Material::Ed448 { seed, .. } => {
                if cert.algorithm != KeyAlgorithm::Ed448 {
                    return DIFFERENT_ALG;
                }
                if !curves::ed448_point_valid(cert_key) {
                    return Match::BadCertificateKey {
                        reason: "the certificate's Ed448 public key is not a 57-byte point of the curve",
                    };
                }
                match curves::ed448_public(seed) {
                    Some(pk) if pk.as_slice() == cert_key => Match::Yes,
                    Some(_) => Match::No {
                        reason: "the Ed448 public key derived from the private key differs from the certificate's",
                    },
                    None => Match::No {
                        reason: "the Ed448 private key is not 57 bytes",
                    },
                }
            }
            Material::Dsa(k) => {
                if cert.algorithm != KeyAlgorithm::Dsa {
                    return DIFFERENT_ALG;
                }
                match_dsa(k, spki)
            }
            Material::Unknown => {
                if cert.algorithm == KeyAlgorithm::Unknown {
                    Match::Unverifiable {
                        reason: "the key's algorithm is not one we can match",
                    }
                } else {
                    DIFFERENT_ALG
                }
            }
        }
    }

    /// The key as PKCS#1 `RSAPrivateKey` DER (RSA keys only), for providers that require PKCS#1.
    pub(crate) fn to_pkcs1_der(&self) -> Option<Zeroizing<Vec<u8>>> {
        match &self.material {
            Material::Rsa(k) => Some(k.pkcs1.clone()),
            _ => None,
        }
    }

    /// The unencrypted key's DER and PEM label, in the structure found in the DER.
    pub(crate) fn to_der(&self) -> (&'static str, Zeroizing<Vec<u8>>) {
        (self.der_format.pem_label(), self.der.clone())
    }
}

fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
    ed25519_dalek::SigningKey::from_bytes(seed)
        .verifying_key()
        .to_bytes()
}

// ---------------------------------------------------------------------------------------------
// Big-integer helpers. Operands of one computation share one precision, which crypto-bigint's
// Montgomery code expects. Variable-time division is fine here: the check runs on the user's own
// machine, on a key they are about to upload, and has no remote observer.

/// A secret big integer that is zeroized on drop.
type Secret = Zeroizing<BoxedUint>;

fn big(bytes: &[u8], precision: u32) -> Option<Secret> {
    BoxedUint::from_be_slice(strip(bytes), precision)
        .ok()
        .map(Zeroizing::new)
}

fn nonzero(x: &BoxedUint) -> Option<Zeroizing<NonZero<BoxedUint>>> {
    NonZero::new(x.clone()).into_option().map(Zeroizing::new)
}

fn odd(x: &BoxedUint) -> Option<Zeroizing<Odd<BoxedUint>>> {
    Odd::new(x.clone()).into_option().map(Zeroizing::new)
}

/// Precision (bits) enough for products of two numbers of `bits` bits, plus slack.
fn product_precision(bits: u32) -> u32 {
    bits.saturating_mul(2).saturating_add(128)
}

/// RSA consistency, RFC 8017 §3.2 and A.1.2: p·q(·r…) = n, dP = d mod (p−1), dQ = d mod (q−1),
/// e·d ≡ 1 (mod r−1) for every prime r, qInv·q ≡ 1 (mod p) and each tᵢ the inverse of the
/// product of the earlier primes mod rᵢ; n odd, 1 < e < n.
fn check_rsa(k: &RsaKey) -> Result<(), &'static str> {
    const BAD: &str = "an RSA key component is malformed";
    let n_bits = bit_len(&k.n);
    if n_bits < 2 {
        return Err("the RSA modulus is too small");
    }
    if k.n.last().is_none_or(|b| b & 1 == 0) {
        return Err("the RSA modulus is even");
    }
    if bit_len(&k.e) < 2 {
        return Err("the RSA public exponent is not greater than 1");
    }
    let secrets = [&k.d, &k.p, &k.q, &k.dp, &k.dq, &k.qinv];
    let too_long = secrets.iter().any(|s| bit_len(s) > n_bits)
        || bit_len(&k.e) > n_bits
        || k.others
            .iter()
            .any(|o| o.iter().any(|s| bit_len(s) > n_bits));
    if too_long {
        return Err("an RSA private key component is longer than the modulus");
    }
    // The product of primes with these bit lengths is at least 2^(Σ(bits−1)); beyond n it cannot
    // be n (this also keeps the product inside the precision below).
    let primes: Vec<&Zeroizing<Vec<u8>>> = [&k.p, &k.q]
        .into_iter()
        .chain(k.others.iter().map(|o| &o[0]))
        .collect();
    let mut low_bits: u32 = 0;
    for r in &primes {
        let b = bit_len(r);
        if b < 2 {
            return Err("an RSA prime is less than 2");
        }
        low_bits = low_bits.saturating_add(b - 1);
    }
    if low_bits >= n_bits {
        return Err("the product of the RSA primes is not the modulus");
    }

    let prec = product_precision(n_bits);
    let n = big(&k.n, prec).ok_or(BAD)?;
    let e = big(&k.e, prec).ok_or(BAD)?;
    let d = big(&k.d, prec).ok_or(BAD)?;
    let one = BoxedUint::one_with_precision(prec);

    // Product of all primes.
    let mut product = Zeroizing::new(one.clone());
    for r in &primes {
        let r = big(r, prec).ok_or(BAD)?;
        product = Zeroizing::new(product.wrapping_mul(&*r));
    }
    if *product != *n {
        return Err(if k.others.is_empty() {
            "p·q is not the RSA modulus"
        } else {
            "the product of the RSA primes is not the modulus"
        });
    }

    let ed = Zeroizing::new(e.wrapping_mul(&*d));
    let exps: Vec<&Zeroizing<Vec<u8>>> = [&k.dp, &k.dq]
        .into_iter()
        .chain(k.others.iter().map(|o| &o[1]))
        .collect();
    for (r, exp) in primes.iter().zip(exps) {
        let r = big(r, prec).ok_or(BAD)?;
        let r1 = Zeroizing::new(r.wrapping_sub(&one));
        let r1 = nonzero(&r1).ok_or(BAD)?;
        if *Zeroizing::new(ed.rem_vartime(&r1)) != one {
            return Err("e·d ≢ 1 (mod p−1) for an RSA prime p: the private exponent is wrong");
        }
        let exp = big(exp, prec).ok_or(BAD)?;
        if *Zeroizing::new(d.rem_vartime(&r1)) != *exp {
            return Err("an RSA CRT exponent (dP or dQ) is not d mod (p−1)");
        }
    }

    // qInv·q ≡ 1 (mod p), qInv < p.
    let p = big(&k.p, prec).ok_or(BAD)?;
    let q = big(&k.q, prec).ok_or(BAD)?;
    let qinv = big(&k.qinv, prec).ok_or(BAD)?;
    let p_nz = nonzero(&p).ok_or(BAD)?;
    let qinv_q = Zeroizing::new(qinv.wrapping_mul(&*q));
    if *qinv >= *p || *Zeroizing::new(qinv_q.rem_vartime(&p_nz)) != one {
        return Err("the RSA CRT coefficient is not q⁻¹ mod p");
    }
    // Multi-prime: tᵢ·(r₁·…·rᵢ₋₁) ≡ 1 (mod rᵢ), RFC 8017 §3.2.
    let mut running = Zeroizing::new(p.wrapping_mul(&*q));
    for other in &k.others {
        let r = big(&other[0], prec).ok_or(BAD)?;
        let t = big(&other[2], prec).ok_or(BAD)?;
        let r_nz = nonzero(&r).ok_or(BAD)?;
        let reduced = Zeroizing::new(running.rem_vartime(&r_nz));
        let t_reduced = Zeroizing::new(t.wrapping_mul(&*reduced));
        if *t >= *r || *Zeroizing::new(t_reduced.rem_vartime(&r_nz)) != one {
            return Err("a multi-prime RSA coefficient is not the inverse of the earlier primes");
        }
        running = Zeroizing::new(running.wrapping_mul(&*r));
    }
    Ok(())
}

/// The scalar, left-padded to the curve's field length.
fn padded_scalar(k: &EcKey, len: usize) -> Option<Zeroizing<Vec<u8>>> {
    let pad = len.checked_sub(k.scalar.len())?;
    let mut out = Zeroizing::new(alloc::vec![0u8; pad]);
    out.extend_from_slice(&k.scalar);
    Some(out)
}

/// Big-endian `a < b` for equal-length inputs.
fn be_less(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a < b
}

/// EC consistency: scalar in [1, n−1] (SEC 1 §3.2.1); for P-256/P-384 the embedded public key must
/// be the scalar's point; for other curves an embedded point must be well-formed.
fn check_ec(k: &EcKey) -> Result<(), &'static str> {
    const RANGE: &str = "the EC private scalar is not in [1, n−1]";
    const WRONG_PUB: &str = "the public key in the EC key file does not belong to its private key";
    let Some(curve) = k.curve else {
        return Ok(());
    };
    let order = match curve {
        Curve::P256 => ORDER_P256,
        Curve::P384 => ORDER_P384,
        Curve::P521 => ORDER_P521,
        Curve::Secp256k1 => ORDER_SECP256K1,
        Curve::Sm2 => ORDER_SM2,
    };
    let scalar = padded_scalar(k, order.len()).ok_or(RANGE)?;
    if scalar.iter().all(|b| *b == 0) || !be_less(&scalar, order) {
        return Err(RANGE);
    }
    let Some(public) = &k.public else {
        return Ok(());
    };
    match curve {
        Curve::P256 => {
            let sk = p256::SecretKey::from_slice(&scalar).map_err(|_| RANGE)?;
            let pk = p256::PublicKey::from_sec1_bytes(public)
                .map_err(|_| "the public key in the EC key file is not a valid P-256 point")?;
            if sk.public_key() == pk {
                Ok(())
            } else {
                Err(WRONG_PUB)
            }
        }
        Curve::P384 => {
            let sk = p384::SecretKey::from_slice(&scalar).map_err(|_| RANGE)?;
            let pk = p384::PublicKey::from_sec1_bytes(public)
                .map_err(|_| "the public key in the EC key file is not a valid P-384 point")?;
            if sk.public_key() == pk {
                Ok(())
            } else {
                Err(WRONG_PUB)
            }
        }
        Curve::P521 | Curve::Secp256k1 | Curve::Sm2 => {
            let (x, y) = curves::decode_point(curve.params(), public).map_err(
                |_| "the public key in the EC key file is not a valid point of its curve",
            )?;
            let derived = curves::public_point(curve.params(), &scalar).ok_or(RANGE)?;
            if same_xy(&derived, &x, &y) {
                Ok(())
            } else {
                Err(WRONG_PUB)
            }
        }
    }
}

/// Why a certificate's public key is not a valid key of its algorithm, if it is not: an EC point
/// that is not on its (known) curve, or is the point at infinity, truncated or oversized (SEC 1
/// §2.3.4); an Ed25519/Ed448 key of the wrong length or not a point (RFC 8410 §3); an RSA key that
/// does not parse (RFC 8017 A.1.1). Algorithms and curves we do not know are not judged here.
pub(crate) fn public_key_problem(spki: &Spki<'_>) -> Option<&'static str> {
    let desc = alg::describe_key(spki);
    match desc.algorithm {
        KeyAlgorithm::Rsa => alg::rsa_public_key(spki.key)
            .is_none()
            .then_some("the RSA public key does not parse"),
        KeyAlgorithm::Ec | KeyAlgorithm::Sm2 => desc
            .curve
            .and_then(|c| curves::decode_point(c.params(), spki.key).err()),
        KeyAlgorithm::Ed25519 => {
            let point = <[u8; 32]>::try_from(spki.key).ok();
            point
                .is_none_or(|p| ed25519_dalek::VerifyingKey::from_bytes(&p).is_err())
                .then_some("the Ed25519 public key is not a 32-byte point of the curve")
        }
        KeyAlgorithm::Ed448 => (!curves::ed448_point_valid(spki.key))
            .then_some("the Ed448 public key is not a 57-byte point of the curve"),
        KeyAlgorithm::Dsa | KeyAlgorithm::Unknown => None,
    }
}

/// Whether `04‖X‖Y` has these coordinates.
fn same_xy(uncompressed: &[u8], x: &[u8], y: &[u8]) -> bool {
    uncompressed.split_first().is_some_and(|(tag, rest)| {
        *tag == 4
            && rest.len() == x.len().saturating_add(y.len())
            && rest.starts_with(x)
            && rest.ends_with(y)
    })
}

fn match_ec(k: &EcKey, spki: &Spki<'_>) -> Match {
    let cert_curve_oid = if spki.algorithm.oid == alg::SM2_CURVE {
        Some(alg::SM2_CURVE)
    } else if spki.algorithm.oid == alg::EC_PUBLIC_KEY {
        // A named curve, or explicit parameters recognised as one (reported on their own).
        spki.algorithm
            .parameters_oid()
            .or_else(|| spki.algorithm.ec_curve().map(Curve::oid))
    } else {
        return Match::No {
            reason: "the key's algorithm differs from the certificate's",
        };
    };
    match cert_curve_oid {
        Some(oid) if oid == k.curve_oid => {}
        Some(_) => {
            return Match::No {
                reason: "the key's curve differs from the certificate's",
            };
        }
        None => {
            return Match::Unverifiable {
                reason: "the certificate's EC key names no curve",
            };
        }
    }
    let cert_point = spki.key;
    const DIFFERENT: Match = Match::No {
        reason: "the public point derived from the private key differs from the certificate's",
    };
    let Some(curve) = k.curve else {
        return Match::Unverifiable {
            reason: "the key's curve is not one we know",
        };
    };
    // SEC 1 §2.3.4: the certificate's point must be a point of the curve before anything is
    // compared with it (an invalid one would otherwise compare unequal, or worse, be skipped).
    let (x, y) = match curves::decode_point(curve.params(), cert_point) {
        Ok(xy) => xy,
        Err(reason) => return Match::BadCertificateKey { reason },
    };
    let order_len = match curve {
        Curve::P256 => ORDER_P256.len(),
        Curve::P384 => ORDER_P384.len(),
        Curve::P521 => ORDER_P521.len(),
        Curve::Secp256k1 => ORDER_SECP256K1.len(),
        Curve::Sm2 => ORDER_SM2.len(),
    };
    let Some(scalar) = padded_scalar(k, order_len) else {
        return Match::No {
            reason: "the EC private scalar is not in [1, n−1]",
        };
    };
    let derived = match curve {
        Curve::P256 => p256::SecretKey::from_slice(&scalar)
            .ok()
            .map(|sk| sk.public_key().to_sec1_bytes().to_vec()),
        Curve::P384 => p384::SecretKey::from_slice(&scalar)
            .ok()
            .map(|sk| sk.public_key().to_sec1_bytes().to_vec()),
        Curve::P521 | Curve::Secp256k1 | Curve::Sm2 => {
            curves::public_point(curve.params(), &scalar)
        }
    };
    match derived {
        Some(point) if same_xy(&point, &x, &y) => Match::Yes,
        Some(_) => DIFFERENT,
        None => Match::No {
            reason: "the EC private scalar is not in [1, n−1]",
        },
    }
}

/// DSA consistency (FIPS 186-4 §4.1 / §4.5, structural): p odd, 1 < q < p, q | p−1, 1 < g < p,
/// g^q ≡ 1 (mod p), 0 < x < q. Parameters beyond [`MAX_DSA_P_BITS`] / [`MAX_DSA_Q_BITS`] are not
/// checked (no provider takes DSA at all; the bound only caps the work on hostile input).
fn check_dsa(k: &DsaKey) -> Result<(), &'static str> {
    const BAD: &str = "the DSA domain parameters are malformed";
    const BAD_X: &str = "the DSA private key x is not in (0, q)";
    let p_bits = bit_len(&k.p);
    let q_bits = bit_len(&k.q);
    if p_bits > MAX_DSA_P_BITS || q_bits > MAX_DSA_Q_BITS {
        return Ok(());
    }
    if q_bits < 2 || q_bits >= p_bits || bit_len(&k.g) > p_bits {
        return Err(BAD);
    }
    if bit_len(&k.x) > q_bits {
        return Err(BAD_X);
    }
    // Everything is below p, so p's own precision does; Montgomery arithmetic wants one precision.
    let p = big(&k.p, p_bits).ok_or(BAD)?;
    let q = big(&k.q, p_bits).ok_or(BAD)?;
    let g = big(&k.g, p_bits).ok_or(BAD)?;
    let x = big(&k.x, p_bits).ok_or(BAD)?;
    let one = BoxedUint::one_with_precision(p_bits);
    let p_odd = odd(&p).ok_or("the DSA prime p is even")?;
    let q_nz = nonzero(&q).ok_or(BAD)?;
    if *Zeroizing::new(p.wrapping_sub(&one).rem_vartime(&q_nz))
        != BoxedUint::zero_with_precision(p_bits)
    {
        return Err("the DSA subgroup order q does not divide p−1");
    }
    if *g <= one || *g >= *p {
        return Err("the DSA generator g is not in (1, p)");
    }
    // The exponent at its own precision: pow_mod's work follows the exponent's precision.
    let q_exp = big(&k.q, q_bits).ok_or(BAD)?;
    if *Zeroizing::new(g.pow_mod(&q_exp, &p_odd)) != one {
        return Err("the DSA generator g does not have order q");
    }
    if bool::from(x.is_zero()) || *x >= *q {
        return Err(BAD_X);
    }
    Ok(())
}

/// y = g^x mod p compared with the certificate's y (RFC 3279 §2.3.2).
fn match_dsa(k: &DsaKey, spki: &Spki<'_>) -> Match {
    // The certificate may omit the parameters (inherited from the issuer, RFC 3279 §2.3.2); when
    // present they must be the key's.
    if let Some(params) = spki.algorithm.parameters {
        match alg::dss_params(&params) {
            Some(cp)
                if strip(cp.p) == k.p.as_slice()
                    && strip(cp.q) == k.q.as_slice()
                    && strip(cp.g) == k.g.as_slice() => {}
            Some(_) => {
                return Match::No {
                    reason: "the DSA domain parameters differ from the certificate's",
                };
            }
            None => {
                return Match::Unverifiable {
                    reason: "the certificate's DSA parameters are unreadable",
                };
            }
        }
    }
    let Ok(y) = single_uint(spki.key) else {
        return Match::Unverifiable {
            reason: "the certificate's DSA public key is unreadable",
        };
    };
    let Some(derived) = dsa_public(k) else {
        return Match::Unverifiable {
            reason: "the DSA key's parameters are malformed or too large",
        };
    };
    if strip(y) == strip(&derived) {
        Match::Yes
    } else {
        Match::No {
            reason: "the DSA public key g^x mod p differs from the certificate's",
        }
    }
}

fn dsa_public(k: &DsaKey) -> Option<Box<[u8]>> {
    let p_bits = bit_len(&k.p);
    // x < q has at most MAX_DSA_Q_BITS bits in any key check_dsa accepts; a longer x would make
    // the exponentiation slow for nothing.
    if p_bits > MAX_DSA_P_BITS || bit_len(&k.x) > MAX_DSA_Q_BITS || bit_len(&k.g) > p_bits {
        return None;
    }
    let p = big(&k.p, p_bits)?;
    let g = big(&k.g, p_bits)?;
    let x = big(&k.x, MAX_DSA_Q_BITS)?;
    let p_odd = odd(&p)?;
    let p_nz = nonzero(&p)?;
    let g = Zeroizing::new(g.rem_vartime(&p_nz));
    Some(g.pow_mod(&x, &p_odd).to_be_bytes())
}

#[cfg(test)]
mod tests {
    //! Keys made with OpenSSL 3.0 in a scratch directory, e.g. `openssl genrsa -traditional 1024`,
    //! `openssl ecparam -name prime256v1 -genkey`, `openssl genpkey -algorithm ed25519|ed448|SM2`,
    //! `openssl genpkey -paramfile dsaparam.pem`, `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf
    //! hmacWithSHA256 -passout pass:secret`, `openssl pkcs8 -topk8 -scrypt -scrypt_N 1024 -v2
    //! aes-128-cbc`, `openssl pkcs8 -topk8 -v2 des3`; legacy PEM encryption with `openssl rsa
    //! -aes128|-des3 -traditional`, `openssl ec -aes256|-aes192|-des3`, `openssl ec -provider legacy
    //! -provider default -des` and `openssl dsa -aes128`, all `-passout pass:secret`; public keys
    //! with `openssl pkey -pubout`. The
    //! tampered and hybrid keys (`RSA_BAD_*`, `SEC1_WRONGPUB`, `SEC1_NOPARAMS`, `ED_V2_*`, the
    //! hostile PBES2 parameters) were built with `openssl asn1parse -genconf`. Test keys only.
    use super::*;
    use crate::input::Block;
    use alloc::format;
    use alloc::vec;
    use base64ct::{Base64, Encoding};

    /// A minimal PEM splitter for the tests (headers, base64 body); input.rs does the real work.
    fn blocks(pem: &str) -> Vec<Block> {
        let mut out = Vec::new();
        type Open = (String, Vec<(String, String)>, String);
        let mut cur: Option<Open> = None;
        for line in pem.lines() {
            let line = line.trim();
            if let Some(label) = line
                .strip_prefix("-----BEGIN ")
                .and_then(|l| l.strip_suffix("-----"))
            {
                cur = Some((String::from(label), Vec::new(), String::new()));
            } else if line.starts_with("-----END ") {
                if let Some((label, headers, body)) = cur.take() {
                    out.push(Block {
                        label,
                        headers,
                        der: Zeroizing::new(Base64::decode_vec(&body).unwrap()),
                        line: 1,
                    });
                }
            } else if let Some((_, headers, body)) = cur.as_mut() {
                if let Some((k, v)) = line.split_once(": ") {
                    headers.push((String::from(k), String::from(v)));
                } else {
                    body.push_str(line);
                }
            }
        }
        out
    }

    fn key(pem: &str) -> PrivateKey {
        parse(&blocks(pem), None).unwrap()
    }

    fn key_with(pem: &str, pass: &str) -> Result<PrivateKey, KeyError> {
        parse(&blocks(pem), Some(pass))
    }

    fn err(pem: &str) -> KeyError {
        parse(&blocks(pem), None).unwrap_err()
    }

    fn der_of(pem: &str) -> Vec<u8> {
        blocks(pem).pop().unwrap().der.to_vec()
    }

    fn matches(k: &PrivateKey, pub_pem: &str) -> Match {
        let der = der_of(pub_pem);
        let spki = Spki::from_der(&der).unwrap();
        k.matches(&spki)
    }

    fn is_no(m: Match) -> bool {
        matches!(m, Match::No { .. })
    }

    fn desc(k: &PrivateKey) -> (KeyAlgorithm, u32, Option<Curve>) {
        let d = k.desc();
        (d.algorithm, d.bits, d.curve)
    }

    fn pem_of(label: &str, der: &[u8]) -> String {
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            Base64::encode_string(der)
        )
    }

    const RSA1024: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
    const RSA1024_P8: &str = "\
-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAMX4Z7wUEkZS9cLC
R3q8mdDj6XQ/KQF+X5TIchAqbVwvdMU5PnvLeJ1c8W7RDEeMRvACw3mU9wC0OPK4
D6KISt7Vr0LYyAPO6tKTFoWYkGkZdFkvKha+2fdejwRGgM8FIFpWSRSz+cS1tJBn
t80ZM7j43VUtXuRHkQJZy8w3qC0FAgMBAAECgYA4o48aMivgTs/dPrQwm1DugKZE
CeXzdXJnIMnxchIDs9gWrQABbv89FmBEsi5vMeUBueivGj1oyCca2iou+AtjIIHP
TT7qfPW8gco1gJFgooTD8pqX7aPpEvq9ro+2ZFJ9J7/kI8OX5oxyd9Pxe1MtqQGf
oG6rGgZOdNH2SXYFgQJBAO20eApcPxKDwCihfqsRdk9GDk0YEsFLrMI+1DWl48K3
73Z1mLv0iZJGSu0L0K2TM82gAIu/Ez/NQ8K/eKaA/pECQQDVNQo5rbe9WvR+hIwC
gpBSxucx71stbTacJuQbtERcT1Rsy9AGAU2tfQ7HucIMe0mqR6vSHezRrZ6ZOhrG
6mk1AkEAg9IpH9W4RJQ75Exq6oNskNnQ5IANJpTI4Y/mLzon7LwEWDUu1kzuXegN
dRewShHwEIBCzTzRd/hlM4LrbarrgQJBAIHMKo92vLdgmhwz4XDdv7NFOBbkWyPK
q0ZhPtnG4x83hHQ/mEMvo/SMf+UDp6klnXE29NmUMkpsYnNyNj8HEkkCQAEF7+iw
Lmf6Gf9rrW3JOIe5/Vlqatar3MP6SLtrAvRM8TNNbN47BWT8eTaIrqhiDne2Mp+K
9VOC76a4AoZSc0w=
-----END PRIVATE KEY-----
";
    const RSA1024_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0
PykBfl+UyHIQKm1cL3TFOT57y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C
2MgDzurSkxaFmJBpGXRZLyoWvtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1V
LV7kR5ECWcvMN6gtBQIDAQAB
-----END PUBLIC KEY-----
";
    const RSA1024B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC6FTMDUaZUSaA9LEHDQufUDYYF
76GZvo6H14F/Av28qCH5cfz9oQEN7By0UVchVqDSscqKHFWdogM0M2luzvgn/XwE
axTSQtfplyWpU5leSbS6nqyQcI3byPzeHs677O4+CKrcYAJCUvNNBxVs+EWf1LH2
8uaPmnjsfG59ufTNAwIDAQAB
-----END PUBLIC KEY-----
";
    const RSA4096: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIIJJwIBAAKCAgEAmniuvSeU0LqUTVWJ8IqRpvoIwSIvN0BeNLk5PmdtcU1REI0U
0iMTZ8BefPwXWDsi6c5UaO77ew6vd07BQeDZRDVY2VtJPwiVn1MO8/w3jAAGbXuU
NniNp4kQkz3bgWtx6w9Dg7DFQZioUBGolh9g1ibIkEYRn6PgvsXWby8HPF8JKMKa
NlWaKcI15rFmQefQQgtA2KrWkAOGOjzmmjeDN/MpAxFX1dnutmZZUxxkWNcZXi0q
4bgqWmWvEDfPBIM6F+piYiAT+XkRNS3Xf/KpYm2uRU6mKBXwAoQXtTbblgDl45aB
/iuWpa6hn3FNG9q2p4tl9XwfcmYdDdODX+NsqqrdcTpX1Xcib0ASB23emq/VTMUh
hftl1xNTmRzCKdXfhLPuw8gSfXUqmN8wgW4GYELBRjGq4fdBgpCJ2s1juZQKf4De
xRuTkbnhuWJPqnH86WBZOqiQwfT2OVVMrHSK+UrureoS/hO5Sy6UFRDiTf4G+J5K
COq60nIgoexqep28+pX7sRf5D5/B30GfXtJHmYtckXeXjWlot+ULZyh9tf8Ix1xM
cnz36MX53v8aFEis9l+gy9vJf8rwOQTIA5L0aDloC3oIMJSg6/0wChbYbbi1UtTx
3eUJgjoVi5X1cEqb0ekngNoJ/aqWi81X1nEF2y4w7phnRExpfBZRSlBN+E8CAwEA
AQKCAgAstJalycnI6ua2xvXH9uKWd7CG7LTLgcaB7cVCaT6EVwMKDjqjYmFgWo0+
ENtUvrCpB/zn7Zo8kBB6MAHAZimbEvFm3oOBSaO725btR+ZvjyZNE0Hezd75SLLS
Wkmn2Ae9Jsq8VzGPfXXgzmuDHwuwjsLm9lBtaklGDQ21Wd/3Oe31rPRimz2lrj5Z
SKg2lLdyFb2rty2nuk1jl3KJ2V0RmT8aUy+fhZYPleluIz5rc700w0+wydMAHIOg
5vXz8WKjv0K/8Va2kbJIOL8wmXMqOGICTvPJkCfJIp+V442DiTj/N/ThMY5E3xiJ
g4n0cMUCElbsyAJ14lWwRbG006YD/29G2ETx8CtfO5IVHtLHUm01RrjiJEiERUGq
O0zFQyKm+AlIRDb04Uwse+/jPuDnevuzsZgFrxT1oSu+EO4q5UTCAPplcUm5M1AK
NESHLfqt86XYmFnzmTJaUPDw4IQ9c/tuMM2p387VL6wTGMuIWVcuJqZKvyRa7IPo
ce7i0uKwhmxTfFsjMBLSz100OJMePYN3tBOjynQDc/6lxCh9TGF2M+IRSzDgwN5n
xbZL1Nr3V0vDJJgTEBWOejYJaS9f36FPyI5UjYhHIXZ9RSgojeYh06NIcDtB+Vj3
2N0J8imS+6ZGdKDuGkbmzFVyg36lYXEoHjO0bKIhCm7iisPZsQKCAQEA0e+HTepy
wMJkbTLzrEBH70WuZBSCE1qbh09HMYiFg4Wv2UyR5X/jYG68OLWq7SR8lLrruI93
6QNZeGCKFUd54kztp5g4kRM2+zVSbgjUF/I4pNocVhS3mCZwVWYCvSNjuuTQbzPI
B6SdXWXEDLilYOJCvW1EpUnoi/ZxS432eH7PI+yeUF2s5GO8AvuoQSUxiJd1aKDz
CL7g1V1lYD5M9jLOXK0I447Uj32AY+xEqIqslWgBPdc+7T78JjO8fxLXGC/9YJNX
GOfSy1kfW6Z3bUvhGZ3HoHY+fgoC0Z6nlkVQCE7o2JuE5+QrhGYnW39JNiAJjR2e
L6bq351Wb4OxhwKCAQEAvF2gLm5axki6MVHtqzAF1EzWwe5aBA4WJkNN83+2HLbn
/0ZerODKGa/CCFDD0CYjtjAoiw/lwWGpb9H44mFUVsm9jlWJ4ufDSwbdzkW87gay
NnHSDBpnJz4CXzbaEglHvDdZH73FBBFDp8gejWEoKdSO0epCKqXcrHQPbXW5sRDv
b5BdEnsKChin8iaubl/tvs1oS98GfQKSSxRHJYXb7/NLRbkfRGBR8Ej9p5vfbbmT
K5a2SRZBPeQ46v1YKXq7RInXkqVGmI4gzAygJqBiz4oca2Wh2SRo8B4k52tpAdFi
GmF+Y6wCPU37xMbi98MpFObwJbsfz7YBfRreWtpU+QKCAQAI3eUJFW3jVlKHii9g
hxaCtJ64+2TDDIClJmQLY4jAFVVoCCPhXZVs7UBl5MZjXbclUP/Du8uEu+97dhhe
7bXoKPegrH03I2ifE5F3tEfA+yoJTG0F9boLYxQ7hyN2eZgsvJ1RFQ7Nw9Yhq7qs
DuBtRyEqfwL3ODfqMW53kndmf3SgP84v9sTmoI/AUIC6v6dn7X23/ZRGOkmkuV0e
w4Lcoyi0IVrOwamYpeRWVBRSSgkgBlSHGCBARPjBZE4Bz/nlu6EoAxEarC/rBsic
Rluk8h9/xXo4/MWG7UVRNTI+1o6ayzpqa6chZDGyVd4zrxyYfKHqo+WafaJN74dH
DnjhAoIBAD6E9L10czyMtv/XqYLAFa85Ma58ZfQimMdqX10Kbm9pZeccfB/1HB8a
btRDujpD7mZx5YMCa8ebmpk6n9jDZTLJEtlDGtjtA6zLQqNMEkEOh+f6LzVFLieg
NTlVA1wpKF4YIMSgP9vxvvrZOQrDzIjVu/GARyXQl0XF37j88f0LGe11hO61V8ey
F0wP+qU3wbkqhAtqosSrLdMtj8+sditWHQ2vO+l97rRKBaaz3ZyVk3tMMoRflpfs
P9f+7lwWGEHPXnWV1bCcu9X9+snXQfSQao5a1TU1GH9aAfWteNTZoi4PXdvHI5cl
YwMU4BBL/j6px9s+GHjgd+4GFPcisEECggEACqeRLbfgou50rhpct2Q9WVQLZ2XB
MU/vcK3tU4KlrrT6dD7d3orUWy6AhGTWM2Adz3VHwsSlr2DOpC9ttn6tpR/QO4GP
clhOmoPAGSm/DnId48nW8nOIbkMc/KfqlBaH2CBahb8peg7AaqNL6enOHa4gWJdB
GEcRK+ILp+K2sKqO5hWX6R+BhLrvVfNaBdL5H8rVREeGnGZJEks0h4TDMts0t4wh
ZkxZ89tkK56du6yfdbXra92tcr3xxb33ZrWnT4rgwRVfe7ghm4NcIB/fBuP5/5lK
YZDA/SAQxhh8ZNgndTcwZDXrYJ+nvTKX8y60DL0CSNQt/PibEX77EzcVzA==
-----END RSA PRIVATE KEY-----
";
    const RSA4096_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAmniuvSeU0LqUTVWJ8IqR
pvoIwSIvN0BeNLk5PmdtcU1REI0U0iMTZ8BefPwXWDsi6c5UaO77ew6vd07BQeDZ
RDVY2VtJPwiVn1MO8/w3jAAGbXuUNniNp4kQkz3bgWtx6w9Dg7DFQZioUBGolh9g
1ibIkEYRn6PgvsXWby8HPF8JKMKaNlWaKcI15rFmQefQQgtA2KrWkAOGOjzmmjeD
N/MpAxFX1dnutmZZUxxkWNcZXi0q4bgqWmWvEDfPBIM6F+piYiAT+XkRNS3Xf/Kp
Ym2uRU6mKBXwAoQXtTbblgDl45aB/iuWpa6hn3FNG9q2p4tl9XwfcmYdDdODX+Ns
qqrdcTpX1Xcib0ASB23emq/VTMUhhftl1xNTmRzCKdXfhLPuw8gSfXUqmN8wgW4G
YELBRjGq4fdBgpCJ2s1juZQKf4DexRuTkbnhuWJPqnH86WBZOqiQwfT2OVVMrHSK
+UrureoS/hO5Sy6UFRDiTf4G+J5KCOq60nIgoexqep28+pX7sRf5D5/B30GfXtJH
mYtckXeXjWlot+ULZyh9tf8Ix1xMcnz36MX53v8aFEis9l+gy9vJf8rwOQTIA5L0
aDloC3oIMJSg6/0wChbYbbi1UtTx3eUJgjoVi5X1cEqb0ekngNoJ/aqWi81X1nEF
2y4w7phnRExpfBZRSlBN+E8CAwEAAQ==
-----END PUBLIC KEY-----
";
    const RSA3P_P8: &str = "\
-----BEGIN PRIVATE KEY-----
MIIClwIBADANBgkqhkiG9w0BAQEFAASCAoEwggJ9AgEBAoGBAJ1P7GB8k51XzVM9
4Tlvy/kHc1koAds4gXYfi2fjFFob2NT4P++Eb3YQMdak3MHuHbWxB0yFk1xjLFiL
7ANvns2X5mbbkSIiceQzkt6tFnMl6oHUJUJnanutF544xn+TA5zyOU4ubuQ/9zrH
wvYqRcFwR6KpVO2/V1hgTXOS9EZrAgMBAAECgYA1qFdGKffnyVUduZOjFcELNkFf
/cd0UPfHpMbWLpx4h9sT+YFFX3TtXmS8k6ggdeY3TIc9pdhIuzEqMMIAe6P869Hi
98zfYEj5uE9wh50Cm6cUGir/eOViT91Z1Caz3PEhFJ+ro8U2T9TddzfX3dkIfZP8
BGpL7jtrifOSlDFbAQIrNo1m5coo5kVH+db7PY37rI9SVoOKczFuNAB3XS1PDRIJ
oGeHbO+7DW9DjQIrGcJt82ua+TSeXG04To18NfifzgY7A8mG9cFc2wuNVAvXcOUc
pnSLBqu6sQIrMQnhotWc+Ir1DclMpmPZBqD70luC/NRFjaeRpYgSVNyPHMuUOMA0
NPp9DQIrGLSQDWFLre0YYN7jnPs3gO/mHIt/OD+lL7h3HSJ0NoJw6zbiBodJ+2ji
0QIrKIgpY5Fc1E6nDlWCFL2pxWEwPICM15w8EERM587FHbCda7aoXR706aQ36DCB
ijCBhwIrHKiLkxu10Dv40HbvBdHckE41ptt1DjmhiVQaBDVyjSIYgdrn/Q1ZC21t
BwIrCzfzg3/qeXywlzKnuPiBRkBHgm0QcqQe1zqEALfHgvYg79x4yjfKbs3ESwIr
FfEGKo7AgG+p1BcjdueVnuAK6vIMQDPYb9PskYnVJebzzNaCy5YYfDcgDQ==
-----END PRIVATE KEY-----
";
    const RSA3P_P8_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCdT+xgfJOdV81TPeE5b8v5B3NZ
KAHbOIF2H4tn4xRaG9jU+D/vhG92EDHWpNzB7h21sQdMhZNcYyxYi+wDb57Nl+Zm
25EiInHkM5LerRZzJeqB1CVCZ2p7rReeOMZ/kwOc8jlOLm7kP/c6x8L2KkXBcEei
qVTtv1dYYE1zkvRGawIDAQAB
-----END PUBLIC KEY-----
";
    const SEC1_WITH_PARAMS: &str = "\
-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEINL3/oHBv3G1nxzKBNAbxXLkfoev2/NdqNqZD2YbIYwSoAoGCCqGSM49
AwEHoUQDQgAEgJANO0UC2sHSNV5GDyEodUuVB0l5aknbb584kjWadZSBgMBcz55v
5KTz45T0uGtnAl3vJa/ktTKXDoYlSI85OA==
-----END EC PRIVATE KEY-----
";
    const P256B: &str = "\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoAoGCCqGSM49
AwEHoUQDQgAEwv6ooam0l8xyrXtsYVaemFk/Z306dwmmYoEFpTRkHV1GtPS1zT/W
OHCz4hV27HBwqmqJyOxwV3PJlxLlWgn01w==
-----END EC PRIVATE KEY-----
";
    const P256B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEwv6ooam0l8xyrXtsYVaemFk/Z306
dwmmYoEFpTRkHV1GtPS1zT/WOHCz4hV27HBwqmqJyOxwV3PJlxLlWgn01w==
-----END PUBLIC KEY-----
";
    const P256B_CPUB: &str = "\
-----BEGIN PUBLIC KEY-----
MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgADwv6ooam0l8xyrXtsYVaemFk/Z306
dwmmYoEFpTRkHV0=
-----END PUBLIC KEY-----
";
    const P256_WITH_PARAMS_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEgJANO0UC2sHSNV5GDyEodUuVB0l5
aknbb584kjWadZSBgMBcz55v5KTz45T0uGtnAl3vJa/ktTKXDoYlSI85OA==
-----END PUBLIC KEY-----
";
    const P256B_NOPUB_SEC1: &str = "\
-----BEGIN EC PRIVATE KEY-----
MDECAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoAoGCCqGSM49
AwEH
-----END EC PRIVATE KEY-----
";
    const SEC1_NOPARAMS: &str = "\
-----BEGIN EC PRIVATE KEY-----
MGsCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoUQDQgAEwv6o
oam0l8xyrXtsYVaemFk/Z306dwmmYoEFpTRkHV1GtPS1zT/WOHCz4hV27HBwqmqJ
yOxwV3PJlxLlWgn01w==
-----END EC PRIVATE KEY-----
";
    const SEC1_NOPARAMS_WITH_ECPARAMS: &str = "\
-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MGsCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoUQDQgAEwv6o
oam0l8xyrXtsYVaemFk/Z306dwmmYoEFpTRkHV1GtPS1zT/WOHCz4hV27HBwqmqJ
yOxwV3PJlxLlWgn01w==
-----END EC PRIVATE KEY-----
";
    const SEC1_WRONGPUB: &str = "\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoAoGCCqGSM49
AwEHoUQDQgAEgJANO0UC2sHSNV5GDyEodUuVB0l5aknbb584kjWadZSBgMBcz55v
5KTz45T0uGtnAl3vJa/ktTKXDoYlSI85OA==
-----END EC PRIVATE KEY-----
";
    const P384: &str = "\
-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDAH2NK5nylgsPrknaUpZUJ5HKzKyJT2e+goRRqrPjOiLIDkgo3NyOyg
YPtBBdQTCwGgBwYFK4EEACKhZANiAAQGQ1n7wrO8rgLhyHHC1juwRrxRRxap9Gtq
lLMJIluOZGtAuA/Po9TOzRJaSoVJJzBOA+qgCQQ+NeU4+NsyQp/Hd42heNJ+PMMd
xkbCxtuWc7e7JuA7WafyXDNgRwfL764=
-----END EC PRIVATE KEY-----
";
    const P384_P8: &str = "\
-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAH2NK5nylgsPrknaUp
ZUJ5HKzKyJT2e+goRRqrPjOiLIDkgo3NyOygYPtBBdQTCwGhZANiAAQGQ1n7wrO8
rgLhyHHC1juwRrxRRxap9GtqlLMJIluOZGtAuA/Po9TOzRJaSoVJJzBOA+qgCQQ+
NeU4+NsyQp/Hd42heNJ+PMMdxkbCxtuWc7e7JuA7WafyXDNgRwfL764=
-----END PRIVATE KEY-----
";
    const P384_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEBkNZ+8KzvK4C4chxwtY7sEa8UUcWqfRr
apSzCSJbjmRrQLgPz6PUzs0SWkqFSScwTgPqoAkEPjXlOPjbMkKfx3eNoXjSfjzD
HcZGwsbblnO3uybgO1mn8lwzYEcHy++u
-----END PUBLIC KEY-----
";
    const P384B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAETCWbnntvMBlEQGlJ0MM10UvN1vLxVud3
ssdbOxEBz195OJOU7ZdTz0OsJ8p5livCz1/IJCLxvtCmb62lLkc/SMmdGqyhcXWd
0cWw8fYmTZbG+xArYXoja3HRvrXkb10G
-----END PUBLIC KEY-----
";
    const ED25519: &str = "\
-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIHjTGE1BoteiJxy67CO5qJQeqfpbMgp0rNqOjUiHet7Z
-----END PRIVATE KEY-----
";
    const ED25519_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAFF3xBlUKtyUWSKjDKk3ltNZRsImzyvr2NJ36GAmtLro=
-----END PUBLIC KEY-----
";
    const ED25519B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA/N7f57CrhfAwMp90bYbxZyjVJlIdNqvCBcoPcfUkMfY=
-----END PUBLIC KEY-----
";
    const ED_V2_OK: &str = "\
-----BEGIN PRIVATE KEY-----
MFECAQEwBQYDK2VwBCIEIHjTGE1BoteiJxy67CO5qJQeqfpbMgp0rNqOjUiHet7Z
gSEAFF3xBlUKtyUWSKjDKk3ltNZRsImzyvr2NJ36GAmtLro=
-----END PRIVATE KEY-----
";
    const ED_V2_BAD: &str = "\
-----BEGIN PRIVATE KEY-----
MFECAQEwBQYDK2VwBCIEIHjTGE1BoteiJxy67CO5qJQeqfpbMgp0rNqOjUiHet7Z
gSEA/N7f57CrhfAwMp90bYbxZyjVJlIdNqvCBcoPcfUkMfY=
-----END PRIVATE KEY-----
";
    const ED448: &str = "\
-----BEGIN PRIVATE KEY-----
MEcCAQAwBQYDK2VxBDsEObSLod+j2VhlLB5SptrqBR4pQ3+C4kCB7leRrifKbcpI
el8hkL5aZqV7t6TMikfs2BzYpfR1znIj+A==
-----END PRIVATE KEY-----
";
    const ED448_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MEMwBQYDK2VxAzoAsCSXNPe68sG47pZVhptqhvA4hbN8DlsLm2TeRbKGcjEtWRqR
AVATwm+ZDCBu9SH43JIPTBO7YmgA
-----END PUBLIC KEY-----
";
    const DSA: &str = "\
-----BEGIN PRIVATE KEY-----
MIIBSgIBADCCASsGByqGSM44BAEwggEeAoGBAPxiUOANx8uzNuf8oVF8JRfrrZ8b
68PZiLbrxJi8tzuOhOn1kwK/FgUfJGVNmvxz829l1M503N6mjxDqwrQVi2j4Wp+B
QmRN6dYCnLQpAXfmdvCccIBlzIDUNw9tjNXRFLR9iAO2FI5ze48RsreXpS1lHF5A
A1wLarClCxpYYQslAhUAgC8ihmHW7CNFL+/7GUqd/quWDdsCgYAXXPWY1WOCnMGy
8muNtQH0ztp08NM+0RhRPAGyBbF18q4aFxy75RJ4wt+LXbyFZlssn6NIuTCSJ6VE
e/pMtm22dK3iwjJdnlNWQ8xAZ7zN7kN9BiQxiu/V43iWdJnPcuqiQYrdzLcaRknf
wYWRyy0llviL3pju85ESooAU5dFYjQQWAhQJ6Nwu3Q2Q6NJOK7O50eHSENWhTA==
-----END PRIVATE KEY-----
";
    const DSA_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIIBtzCCASsGByqGSM44BAEwggEeAoGBAPxiUOANx8uzNuf8oVF8JRfrrZ8b68PZ
iLbrxJi8tzuOhOn1kwK/FgUfJGVNmvxz829l1M503N6mjxDqwrQVi2j4Wp+BQmRN
6dYCnLQpAXfmdvCccIBlzIDUNw9tjNXRFLR9iAO2FI5ze48RsreXpS1lHF5AA1wL
arClCxpYYQslAhUAgC8ihmHW7CNFL+/7GUqd/quWDdsCgYAXXPWY1WOCnMGy8muN
tQH0ztp08NM+0RhRPAGyBbF18q4aFxy75RJ4wt+LXbyFZlssn6NIuTCSJ6VEe/pM
tm22dK3iwjJdnlNWQ8xAZ7zN7kN9BiQxiu/V43iWdJnPcuqiQYrdzLcaRknfwYWR
yy0llviL3pju85ESooAU5dFYjQOBhQACgYEA2uKjO0ApZk2BPAmGktN1aJS7N75/
X/MTZxjzeRuAeB70bRvV+q9dIz0xd1Sw3VqpOm+2F9ZDoVkJbhlhV9drOro+XR81
iMfiTrW50bLZJriSTmoZ/zK/wiX5PpT92gePwaQFUniGraxktuuJ398uzqsKZpHY
GgPNPrGcvaod6BQ=
-----END PUBLIC KEY-----
";
    const DSAB_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIIBtjCCASsGByqGSM44BAEwggEeAoGBAPxiUOANx8uzNuf8oVF8JRfrrZ8b68PZ
iLbrxJi8tzuOhOn1kwK/FgUfJGVNmvxz829l1M503N6mjxDqwrQVi2j4Wp+BQmRN
6dYCnLQpAXfmdvCccIBlzIDUNw9tjNXRFLR9iAO2FI5ze48RsreXpS1lHF5AA1wL
arClCxpYYQslAhUAgC8ihmHW7CNFL+/7GUqd/quWDdsCgYAXXPWY1WOCnMGy8muN
tQH0ztp08NM+0RhRPAGyBbF18q4aFxy75RJ4wt+LXbyFZlssn6NIuTCSJ6VEe/pM
tm22dK3iwjJdnlNWQ8xAZ7zN7kN9BiQxiu/V43iWdJnPcuqiQYrdzLcaRknfwYWR
yy0llviL3pju85ESooAU5dFYjQOBhAACgYAq8ksMcHoG3aLL5eXZ0I5EyEHJ9bUB
Pl23SzJM1onS3GoPkwYA0OSYvu7/h+Thwcy/5msArmLTRYr9bY9QVXiW39z+9k1Y
iq5dN7/t6WROQa3/51zfgUZeEJ/8NRQYQGBgBvtqU4bmnMf4b1iMFVCOFpzK6yZt
eijFlvpTLfyzhw==
-----END PUBLIC KEY-----
";
    const DSA_TRAD: &str = "\
-----BEGIN DSA PRIVATE KEY-----
MIIBuwIBAAKBgQD8YlDgDcfLszbn/KFRfCUX662fG+vD2Yi268SYvLc7joTp9ZMC
vxYFHyRlTZr8c/NvZdTOdNzepo8Q6sK0FYto+FqfgUJkTenWApy0KQF35nbwnHCA
ZcyA1DcPbYzV0RS0fYgDthSOc3uPEbK3l6UtZRxeQANcC2qwpQsaWGELJQIVAIAv
IoZh1uwjRS/v+xlKnf6rlg3bAoGAF1z1mNVjgpzBsvJrjbUB9M7adPDTPtEYUTwB
sgWxdfKuGhccu+USeMLfi128hWZbLJ+jSLkwkielRHv6TLZttnSt4sIyXZ5TVkPM
QGe8ze5DfQYkMYrv1eN4lnSZz3LqokGK3cy3GkZJ38GFkcstJZb4i96Y7vOREqKA
FOXRWI0CgYEA2uKjO0ApZk2BPAmGktN1aJS7N75/X/MTZxjzeRuAeB70bRvV+q9d
Iz0xd1Sw3VqpOm+2F9ZDoVkJbhlhV9drOro+XR81iMfiTrW50bLZJriSTmoZ/zK/
wiX5PpT92gePwaQFUniGraxktuuJ398uzqsKZpHYGgPNPrGcvaod6BQCFAno3C7d
DZDo0k4rs7nR4dIQ1aFM
-----END DSA PRIVATE KEY-----
";
    const SM2: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgI7FM7ewQ98QqS7t/
nDhV3T5/7kWBc7Aa9KdY+DBmXCqhRANCAARpeJFcOppg/8PU7Q+T7qL9cImXD2wn
Vj+Lun6S9VsYadD/wxjLymmHEgfDyNl9GeQeZWPxpFWxiGtFCLyh4kMU
-----END PRIVATE KEY-----
";
    const SM2_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEaXiRXDqaYP/D1O0Pk+6i/XCJlw9s
J1Y/i7p+kvVbGGnQ/8MYy8pphxIHw8jZfRnkHmVj8aRVsYhrRQi8oeJDFA==
-----END PUBLIC KEY-----
";
    const K1: &str = "\
-----BEGIN PRIVATE KEY-----
MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgFifBQqyP50KEyehhuuN/
i390ROgv7wwk2RUwhfOzFaGhRANCAATTzOKsA0fUOe+UfJfl0khlVuPjtyqGbBUg
ii1v8uHeTRuS+gPjTmjcL5v0NAQFi/b390gldg/eqa0k49yGkRPT
-----END PRIVATE KEY-----
";
    const K1_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAE08zirANH1DnvlHyX5dJIZVbj47cqhmwV
IIotb/Lh3k0bkvoD405o3C+b9DQEBYv29/dIJXYP3qmtJOPchpET0w==
-----END PUBLIC KEY-----
";
    const K1B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEe/ggmK7MvAk9lC7YNQ4dXi7aXqW/v5E7
xj9pdCqBNwPOyQ76rrnoLvXoQ5SEi5dUN4rPBk2im4qxhApxBy5BPQ==
-----END PUBLIC KEY-----
";
    const P521: &str = "\
-----BEGIN PRIVATE KEY-----
MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIAZAfkLxiSSlALDZ8k
VeceN4S/dR1UZTW6pGCEHAsuwyODiepwnD5Dt4WTnzlXMTvxfjFGZZWnuvDdke9K
65W5qEyhgYkDgYYABAGRvLpvOpLEH5FWrDvxHwVZ2JgKhXJE0tvXpFiJr2i43W+e
fnf3d1RxB+mxQHFSBmrSlJNhL3oLrkK+rjq8YRdBZAAfS3l9ElqockMO764rJA4c
ZkiwdIlxxfU+uQ5vHgKQktw3pZ7/Bc7rhH8qq08X8vlUUiqYbLmmsHWdPOvHijf1
lA==
-----END PRIVATE KEY-----
";
    const P521_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQBkby6bzqSxB+RVqw78R8FWdiYCoVy
RNLb16RYia9ouN1vnn5393dUcQfpsUBxUgZq0pSTYS96C65Cvq46vGEXQWQAH0t5
fRJaqHJDDu+uKyQOHGZIsHSJccX1PrkObx4CkJLcN6We/wXO64R/KqtPF/L5VFIq
mGy5prB1nTzrx4o39ZQ=
-----END PUBLIC KEY-----
";
    const P521_NOPUB: &str = "\
-----BEGIN EC PRIVATE KEY-----
MFACAQEEQgBkB+QvGJJKUAsNnyRV5x43hL91HVRlNbqkYIQcCy7DI4OJ6nCcPkO3
hZOfOVcxO/F+MUZllae68N2R70rrlbmoTKAHBgUrgQQAIw==
-----END EC PRIVATE KEY-----
";
    const ENC_PBKDF2: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAg8V8AByjSMSAICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEMdF3Bof12PILPT8su7SX/0EgZDz
E8KbIIZg9vNQ1GAN10CbktuvUUjfpwlZ0oeztPNodBtlFAaGi17XVXAuo2nmR6Li
Cea0/C3GtNC7Ez8nXluUY8PCcHgp/ITKeAl9l2xaR0c+lVwdIO7NNiIlYh8L4+Pi
D/LBUYzMYq+1VR3THsSfHWwFBB0uEqDc2o57Yd+iCGIF52hwlqI6WIL1JiTnqto=
-----END ENCRYPTED PRIVATE KEY-----
";
    const ENC_SCRYPT: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHkME8GCSqGSIb3DQEFDTBCMCEGCSsGAQQB2kcECzAUBAhmEq/X0E+JjwICBAAC
AQgCAQEwHQYJYIZIAWUDBAECBBDcDzvpMBbEX0/MfyqGmfk7BIGQTnGuGhyTWEF0
mYrfANPxfMGwIumN7ynzdXVxxZAIqJ6gvx4MRZHyc/a4g1bhTshGe9Xq4jYfmRgv
L1HPQWLjyUgVKZH6jF+VZah0QwEGKMyvdPyyIvD/qDwX+Jb15YD9/gHisUtq02kO
HndDk66gNeH83H4WIMGZJxOI1+jAu+oFVQGEethOq3tCY0UGmH7C
-----END ENCRYPTED PRIVATE KEY-----
";
    const ENC_SHA1: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHeMEkGCSqGSIb3DQEFDTA8MBsGCSqGSIb3DQEFDDAOBAip/ABSBbDxRgICCAAw
HQYJYIZIAWUDBAEWBBBnFpEvbf5yitXsCli4WG9oBIGQ52DNwkisGNE+l7UvJX4Z
vzTYgBrRc3dxCzOL+fKjilfHv1uLHduXziffi4euGfx3C7UVrvLrLhTh4EAtikDP
zwgAjkY07lf6So7ODYLvMBr7Km4kJKW6K/rKjTUrVaoqRy6aqALT5Qn1umDVZK8e
T+o0rDUKo6G4zzsI1Sf654rS9MQVnhzce3vD+AxdcM1O
-----END ENCRYPTED PRIVATE KEY-----
";
    const ENC_DES3: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHjME4GCSqGSIb3DQEFDTBBMCkGCSqGSIb3DQEFDDAcBAieUsSh0PxJqgICCAAw
DAYIKoZIhvcNAgkFADAUBggqhkiG9w0DBwQIdjVbnIsOhBoEgZApvmjIXEATGZdA
KXQfjw9fkCa7bPE25ReyYfc7dm16PZnNoJ2UbB7XpifEP3tzL3l0hlWDrs295Lzq
X4P9q4V0yUuISbIC0Kvqkin0FQZPVwWPZfjQ4rG9qL3vuRndTz2edzn2F2CymHK4
snOrVQ+YR6Ak3jwrgsz8ateDS6S98AiJZ3S7uS+k7AiRTJXNxS8=
-----END ENCRYPTED PRIVATE KEY-----
";
    const ENC_PBES1: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIGxMBwGCiqGSIb3DQEMAQMwDgQI2YwJNDOmzJ4CAggABIGQlQDYYq3nlHTwuwy0
RNVCn2CbVmHbVWScnXYzy8pQ6EukwiT5Indc+TzSd7doubW5gwuV18qHwH+TOSW3
0NExDXyrd9lWZPgRfuV074K1Db2Q+YnlcJ59w6jAac4gg5FRDNkcRZp3GyI4pUpT
ig10H2v/hklNNFBFfLgBU6WbNnAPlD1G/Vk1bvxjXUajMJ/l
-----END ENCRYPTED PRIVATE KEY-----
";
    const LEGACY_RSA: &str = "\
-----BEGIN RSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,6551071732FE293BD502E0EE31DE412B

6ZLi2j4CCd7X+s8NQqohB28QH4pg1f21Je7ADNCADiOdPETwCakCLmVpdE6DndkK
aseRk+fcwgALO5yry4Z+VjuVd1If9LRmzuswyoCPjhVVT6kUkWvLI+4SjWWJihNN
PI5QfCiyxk/tZ/0LXfiEo2Fr+geaL21W/EtKBZQrv1arFCX7mz39ikTClDQCJ/XG
90aAREMl5hhWtdn6TB9s513HlIFpKNotHvzStiV4F3awdEQJPtzWsixG4qoRFzcr
nqrPxgSPA5VpuveUuODoooV5ALBN/7JnDyTvDxC3bA6bb5mBDyVRJdhbkQX5SNB2
Ukq0QnMZrjoURT76olSDRXGIHXxfPZLg5Px54/imJ+jf66xBjPqJgS+PNVjK2Quo
EKttGLz4R1UxjF/KCkQzU3uxOEsFQ3WlpJltSHUOJyfz1WwLUmpna2rnHvSARnqu
GS9CzjvuhErr/0F+r0rkfm0ha7GbJE8imz8ENWkxnl+D0L5SnnjIyp3gtf64xsbc
JF32Pm3Ho/ixV1egIfEhT4r+aHqhD/LynIy2wxZ7+5rlUtXCO7H1b5hTeUgs9CuJ
mXgaTxBB+U7ZYF1RrGLNONiWjHwVjOo0KqlG80Zw8Q8jzbJok4TIfX++Ff54f/0A
u9cSKRUCXiSygBAR0Jb4x7PVQaHE4xuhKMbnJGboX6yKI1bzd6wIhaayqo7yHf7F
lWAdH2RIalEmMLaF9zo+15cbD5kykM0ghG5B29UcXIUh5V/kNLPT3pUHiBs7qrVW
Mg+eDTlEo+cAVgGKC1gTunW2inJLZgCYWXbGPzgIs/8tV1TE0CmpzWjQGH3HI4zL
-----END RSA PRIVATE KEY-----
";
    const LEGACY_EC: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-256-CBC,31C699B315BEF4FEE9C1C8192173BA4E

icRsgzE4EHx6VPLwf6qh0a+daMswefuQSRgdxfHQWXWuqXyHCCizDnRNrzQXCwZM
8XX9y+M1V6qWAovcAZWMwbIb6gX5nbDzu3OsS+KR1SP2FtVcCJhoo6Wtaq/gOM/F
E2ttyp8z6dIi8vhK6aT7RheGWAbXXyp2cqI/sqUtkME=
-----END EC PRIVATE KEY-----
";
    const LEGACY_EC_DES3: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: DES-EDE3-CBC,A41012988BA7F433

CRCPQHSx4qVFAAu5slvFG71iBUmUeY+t8mWKibWaCqQGmA5mWc+qsWtEjISaWXnc
Kwffz1SbD+xidjweA/BPkCMMIXXHSvhI1UujgCJLveuBFm2YSlFF81+Da3hlLdMw
kmCtKH/Eu3MGhE0qx5P+rro4uwujge1T/SaZxQC+ai0=
-----END EC PRIVATE KEY-----
";
    const LEGACY_EC_AES192: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-192-CBC,9D360A818C0C9699BF924B1BF9FA21A3

iCYKvVZbd3vR3z2Xe7dvpdMUiIP2uaCvMWtoKdVHSzZZC5xs3Ly4Q2PWPgExhdr2
LdG22af3YgoATIn8qO++iblCSLPd/GOVGMbLfFwwYSR3eUr9htWgsy1X/JzhBPSf
MFj8WNxl2e5oLRq5gkwFvS2xpQHGoSbQ4/kphONrfQ0=
-----END EC PRIVATE KEY-----
";
    const LEGACY_EC_DES: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: DES-CBC,656400268646FBFF

l/rdiL+TtMOs0MbzdUlPUb2mwStzf5TVqfmnDlnzfKaWtmaN48VH4oyPP7WWpb56
dGzjNTj/SJ2zPS2OXZG7Qhar7g4Wnl4mcMdg1JU7C4E7poRFk8rPvMRpXmRfCiE9
gL8wWIsIdKwxjV7gYitXUJ7OcdTUkAi3ArTdW9MKt6k=
-----END EC PRIVATE KEY-----
";
    const LEGACY_RSA_DES3: &str = "\
-----BEGIN RSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: DES-EDE3-CBC,FE7EAB54C52C5C3F

nvTSlRRhcjXG3FALI9fpGM5GpQwxvn+e3joO0azGSv40IG0f8Ppp+eIGs1KxAEmA
CaZFQHXQc6WAJwB9WUe2Z1oDLlQKcjgabqtDKTTBZThuBgVv9capGmnjiZWYZJkM
xbkosPF2olX1WzCLoP9/nZHpu06htUKLO2y9xbj5q4qIP6vHF13gtW5HpLzfVyvl
Qv/GFwrYnQoWIl9/SHReqd5zYOt7wS/1PyqFkgrnoQqJjHkFGP+EUvbGGrHeocvg
LVgSgGq8F9KUNN7YDbwneOEi8CDoveDd9WQDGx3K7lGudf01TFHfIYeG5LjEitgj
h1AgN8/yUTul/TdV6AWsZ+9KWold67B3ZOEx0HW8jnxwWmtFSzkCB+RQ/FSHAN6T
4uRzXlYcVYfWy4o4oznnYYPxy2uKDTH7GMXNLy958U363qxvi7g2WvHcXhgZDp4m
Q5aADUA1k41QsIqYfBKC+BTG147aO4wXaOS3UNW2ExHNpy8UkJd4hUPGCjpAK8gg
vX4c/hIfhagluhF4yMt3k9q1MYom8j0Z84nIP8H/fCOA7ClXFJ9HlLRpm3O6Tbrb
3qasSWOSSTFWD9X27dPVEebIyq4UjqA6CrwMSU8JCmn9Zp4KMh2+B5KZCuoIWyzq
5vJ3UfD6z+QZ28S6ThlvI5gx/fnQHTJ8gRvs5FUKH90IoyEVaNU8cVKyP1CTS3+8
BMW1wPLtqJu1aQJ8Tnuv+mU275hN+gwst0kekWeaj33bXt8PzXU98yW1L7hS74Ld
/yRupulLge8LXQ+kebewRaTNTyBKJO8TH51Zqgk0etnXRm92A6BX+Q==
-----END RSA PRIVATE KEY-----
";
    const LEGACY_DSA: &str = "\
-----BEGIN DSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,89BE615EFB2A28D87E7445FD6A752785

XSSlrK9axxjgVHi9S2Wjke03af+vU1l+vVhR29eL9TWrLWDeGxpaWsdGOxIP9ZkT
YDhl/0w9nzuIOQH4YlPAaWIC3Mh0Vz7ots7QaPjBfSJIezrgajFYdIa94hun3yzo
wasdJyyLQmfQULNQ8ETCS0Y6rulf1TKf2T2CYVTv6PIcQanL21L2y7Bvwx2yUNq/
FixcH49PDh3TxJudNBdsmg9xeE4y6scwuIiF3G0zxEuseRxEBzNchyX/fDDabiYx
EaCjaAKoSzpJSa+fSfbo/ZoVa+nOccqtgCXAwmVMglj3tM0uX4aAX1qbMylrrMt1
MjNbww9MimNHQw6GDLeEXfYdCGVybyQOJ9oDAcpOhrw3BaDjyNwdnISXT+fwZwX9
mEjLgqRWRFbCI3V902pE2NVm86KVr9LxbNPZFddfAPy171MLtwkZm5zqaa9a/Gri
6r3iRV4ly4dePzNmbMwBUcpQIOzwA5F8bl2HBDMAdSkob7B46CAkTMFFMzmNuf2+
QmihnDNp2GDa+oSa8iwbsRoEbynBQ6lPjfsOIUJpAd/Vr90x3v4ibabQzMqk/0Tg
6WcuFGoH7wphZqhkPrpWMw==
-----END DSA PRIVATE KEY-----
";
    const P256B_CERT: &str = "\
-----BEGIN CERTIFICATE-----
MIIBcjCCARmgAwIBAgIUEYRgBULUlR1XCH7ZXui0/EDZ1HUwCgYIKoZIzj0EAwIw
DzENMAsGA1UEAwwEdGVzdDAeFw0yNjExMjUwNDEzNDlaFw0yNjEyMjUwNDEzNDla
MA8xDTALBgNVBAMMBHRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATC/qih
qbSXzHKte2xhVp6YWT9nfTp3CaZigQWlNGQdXUa09LXNP9Y4cLPiFXbscHCqaonI
7HBXc8mXEuVaCfTXo1MwUTAdBgNVHQ4EFgQU6IMFtnVW+S+6yp6MhewhEBqHcOow
HwYDVR0jBBgwFoAU6IMFtnVW+S+6yp6MhewhEBqHcOowDwYDVR0TAQH/BAUwAwEB
/zAKBggqhkjOPQQDAgNHADBEAiA+C7+KfrP3iouWyeZuhU686hKNMOT9XShbyRe+
Rf7mewIgNKmuUABDIDOzzLf88uF3wi8bfO0CP5Zn5H6yvDa3Hr4=
-----END CERTIFICATE-----
";
    const RSA_BAD_P: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6TAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
    const RSA_BAD_D: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYMCQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
    const RSA_BAD_QINV: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNN
-----END RSA PRIVATE KEY-----
";
    const RSA_BAD_DP: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64MCQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
    /// SEC1 P-256 key whose scalar is 2^256 − 1 (above the order), and a secp256k1 key with scalar 0.
    const SEC1_BIG: &str = "MDECAQEEIP//////////////////////////////////////////oAoGCCqGSM49AwEH";
    const SEC1_ZERO: &str = "MA8CAQEEAQCgBwYFK4EEAAo=";
    const SCRYPT_N0: &str = "MGIwTgYJKoZIhvcNAQUNMEEwIAYJKwYBBAHaRwQLMBMECAECAwQFBgcIAgEAAgEIAgEBMB0GCWCGSAFlAwQBAgQQABEiM0RVZneImaq7zN3u/wQQABEiM0RVZneImaq7zN3u/w==";
    const SCRYPT_BIG: &str = "MGUwUQYJKoZIhvcNAQUNMEQwIwYJKwYBBAHaRwQLMBYECAECAwQFBgcIAgRAAAAAAgEIAgEBMB0GCWCGSAFlAwQBAgQQABEiM0RVZneImaq7zN3u/wQQABEiM0RVZneImaq7zN3u/w==";
    const PBKDF2_BIG: &str = "MG4wWgYJKoZIhvcNAQUNME0wLAYJKoZIhvcNAQUMMB8ECAECAwQFBgcIAgUA7msoADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQABEiM0RVZneImaq7zN3u/wQQABEiM0RVZneImaq7zN3u/w==";

    /// `openssl pkcs8 -topk8 -v2 aes-192-cbc -v2prf hmacWithSHA224|384|512 -iter 1000` of `P256B`.
    const ENC_SHA224: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiT1G3udnNKpQICA+gw
DAYIKoZIhvcNAggFADAdBglghkgBZQMEARYEEBYF6UJI6WH0gx4dYhD4mAoEgZBm
xmJkzNOuG/AiLkgJmeXflH5XvSW0rkARXXjQfkXEwFWKd6+SeLSSpmkSv8zkQjCL
y6Fhew/7D8QRNRaKmJMRPt12XHQJUj/5/eLwxf1FJ4J6VSJ8pY7kt3VOnnujNipt
mBe+ZehZ29kg4Ml3VCcBnsy4bUQdU9tZeTzADCDBnxWsYX+yAgA4bgZQDU60ceE=
-----END ENCRYPTED PRIVATE KEY-----
";
    const ENC_SHA384: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhRkOH6HZVYSwICA+gw
DAYIKoZIhvcNAgoFADAdBglghkgBZQMEARYEEDY9/9F5rRqHp/XuFBUxot4EgZCb
qcCTNxEuVuH+Ss1KM3yq8FuDXQ+Gg0ZiYIfkQ3wm0C/sUwQGBCBBRVQumHL+JV9p
q5PhxBBRz7YKGtUam/vIqMLL4GpwOxtrFwOml7edvMESGBaf8CdO6kanD/h02jh8
0bo39leAJhc66uf5i7tKoIXU3bBNo8komu6SCy8VJeaCptULBFV5ph2CAoEAs48=
-----END ENCRYPTED PRIVATE KEY-----
";
    const ENC_SHA512: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgb/O2xj1IlXAICA+gw
DAYIKoZIhvcNAgsFADAdBglghkgBZQMEARYEEGDlsOviGCkl8bU706huco8EgZBl
iSps6AZFT7hRrt3ENZF9nJWV1WRvbTWYUiHGfXz80sC1y19IWqtQXnPZM1RjeQSv
ynNhATonlcrzOr2PpYTc9tmcL1sH1tPtVwwkI8PANRJjniV8Wwf2CwWaM7s3QqzM
fxBqSkI/6gEaVbZoQ8rq1/rdNUPJKRGID+ybxJwrcxVvb8SH/a0bu+++BXrDwQk=
-----END ENCRYPTED PRIVATE KEY-----
";
    /// `openssl pkcs8 -topk8 -v2 des-cbc` (legacy provider) of `P256B`.
    const ENC_DES_CBC: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHgMEsGCSqGSIb3DQEFDTA+MCkGCSqGSIb3DQEFDDAcBAgj6E0ep/8gZgICCAAw
DAYIKoZIhvcNAgkFADARBgUrDgMCBwQIJ2Ag7RnGfjwEgZBaPd1ZAWptnp9d482n
NCQVe8oD1mdJPGuRsWgfbgHwswaV5usZAc8N+odQhKZTj2KQLQeKTKs8qnujfktf
C5w3EEmrl6pNGwKh2yANiSGuPA8n7mGdLOrok3wL01VKkl9CqnzKrv7YJIQmUm3c
dq/gSmSBFXyrjPjBljSnky19aOIXbJLR822/PWsdc6E03s4=
-----END ENCRYPTED PRIVATE KEY-----
";
    /// PBKDF2-HMAC-SHA256 (2048 rounds) + AES-128-GCM and AES-256-GCM of `P256B`'s PKCS#8, written
    /// by the `pkcs5` crate (`Parameters { kdf, encryption: Aes128Gcm/Aes256Gcm { nonce } }`,
    /// `encrypt`): the GCM parameters are the bare 12-byte nonce, the 16-byte tag follows the data.
    const ENC_GCM128: &str = "MIH6MFsGCSqGSIb3DQEFDTBOMDEGCSqGSIb3DQEFDDAkBBARERERERERERERERERERERAgIIADAMBggqhkiG9w0CCQUAMBkGCWCGSAFlAwQBBgQMIiIiIiIiIiIiIiIiBIGaPGMtQxHAS3L73gtj2ue1b6fqjiD+gkbmuZHabcNa60D0KH35O52OXzyPxfXFnc6kukGX+pXTVeSY9cBZrK9ngkILVvD+f5gJntku6Z9T4IGslUTrc5shLq+xW0qKYGa+qrdL6I1Shgv16rkJpaWpY9A8fyb+GSsxJosmHt2PlmxRtyEmVK3OMT9PNB0KPDB5jEBBWNxUpx4uIw==";
    const ENC_GCM256: &str = "MIH6MFsGCSqGSIb3DQEFDTBOMDEGCSqGSIb3DQEFDDAkBBASEhISEhISEhISEhISEhISAgIIADAMBggqhkiG9w0CCQUAMBkGCWCGSAFlAwQBLgQMIyMjIyMjIyMjIyMjBIGadX1vfKMO6n5fXAPSZ+7fc45roZY/f4FtvsvZW9O+7yY1thJWkY3355sIyY2zKsLBVo825FUeHcNOlSrw0IgZ5X7scXWRJHFQoaP3MiaZ8J9Eoo1j/6OcMx7YRW4JOoo4ptcelaW9KwItxOkrFADbZ3CF05YcaedxvtihsnF7O39kSlGJps0hV2r9WdvJWylN4LRG2dd007oGHg==";
    /// PBKDF2-HMAC-SHA256 (1000 rounds) with a 40-byte salt + AES-128-CBC of `P256B`'s PKCS#8: key
    /// from `openssl kdf ... PBKDF2`, data from `openssl enc -aes-128-cbc`, DER assembled by hand;
    /// `openssl pkcs8 -passin pass:secret` decrypts it.
    const ENC_SALT40: &str = "MIIBDDB3BgkqhkiG9w0BBQ0wajBJBgkqhkiG9w0BBQwwPAQopaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpQICA+gwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEAARIjNEVWZ3iJmqu8zd7v8EgZBhG+wC3+3mH6PssI8uz9yptFSFUH7zPrQ0mVqpQluZHp2w8FDHKvQOV1N36F+BVDhic32ajALWoXgzCZ9JFRcTc1Jso2/Db8/vjcSr4vQeh4/ZGGqvwwTfhixcAObf0/eeBKgwqvcpw5PvsogrtCoHA0yQ2O3KqtffeJ3zl3s6TDm4hogNX3dAX6dupiyx3l4=";

    /// A DER TLV with a definite length, for structures built by hand.
    fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
        let body = parts.concat();
        let mut out = vec![tag];
        match body.len() {
            n @ 0..=127 => out.push(n as u8),
            n @ 128..=255 => out.extend([0x81, n as u8]),
            n => out.extend([0x82, (n >> 8) as u8, n as u8]),
        }
        out.extend(body);
        out
    }

    fn oid_der(dotted: &str) -> Vec<u8> {
        tlv(0x06, &[Oid::new(dotted).unwrap().as_bytes()])
    }

    /// EncryptedPrivateKeyInfo { PBES2 { kdf, cipher }, data }.
    fn pbes2_der(kdf: &[u8], cipher: &[u8], data: &[u8]) -> Vec<u8> {
        let params = tlv(0x30, &[kdf, cipher]);
        let alg = tlv(0x30, &[&oid_der("1.2.840.113549.1.5.13"), &params]);
        tlv(0x30, &[&alg, &tlv(0x04, &[data])])
    }

    fn pbkdf2_alg(fields: &[&[u8]]) -> Vec<u8> {
        tlv(
            0x30,
            &[&oid_der("1.2.840.113549.1.5.12"), &tlv(0x30, fields)],
        )
    }

    fn scrypt_alg(fields: &[&[u8]]) -> Vec<u8> {
        tlv(
            0x30,
            &[&oid_der("1.3.6.1.4.1.11591.4.11"), &tlv(0x30, fields)],
        )
    }

    fn cipher_alg(dotted: &str, iv: &[u8]) -> Vec<u8> {
        tlv(0x30, &[&oid_der(dotted), &tlv(0x04, &[iv])])
    }

    fn unsupported(der: &[u8]) -> KeyError {
        key_with(&pem_of("ENCRYPTED PRIVATE KEY", der), "secret").unwrap_err()
    }

    #[test]
    fn pbes2_prfs_gcm_and_long_salts_decrypt() {
        let b64 = |s: &str| pem_of("ENCRYPTED PRIVATE KEY", &Base64::decode_vec(s).unwrap());
        for pem in [
            String::from(ENC_SHA224),
            String::from(ENC_SHA384),
            String::from(ENC_SHA512),
            b64(ENC_GCM128),
            b64(ENC_GCM256),
            b64(ENC_SALT40),
        ] {
            let k = key_with(&pem, "secret").unwrap();
            assert!(k.was_encrypted());
            assert_eq!(k.format(), KeyFormat::Pkcs8);
            assert_eq!(desc(&k), (KeyAlgorithm::Ec, 256, Some(Curve::P256)));
            assert_eq!(matches(&k, P256B_PUB), Match::Yes);
            assert_eq!(
                key_with(&pem, "wrong").unwrap_err(),
                KeyError::WrongPassphrase {
                    legacy: false,
                    algorithm: KeyAlgorithm::Unknown
                }
            );
        }
        // A GCM tag that does not verify, and data shorter than a tag, are a wrong passphrase too.
        let mut der = Base64::decode_vec(ENC_GCM128).unwrap();
        *der.last_mut().unwrap() ^= 1;
        assert!(matches!(
            unsupported(&der),
            KeyError::WrongPassphrase { legacy: false, .. }
        ));
        let short = pbes2_der(
            &pbkdf2_alg(&[&tlv(0x04, &[b"saltsalt"]), &[0x02, 0x01, 0x01]]),
            &cipher_alg("2.16.840.1.101.3.4.1.6", &[0; 12]),
            &[0; 15],
        );
        assert!(matches!(
            unsupported(&short),
            KeyError::WrongPassphrase { legacy: false, .. }
        ));
    }

    #[test]
    fn hostile_pbes2_parameters_are_named() {
        const AES128_CBC: &str = "2.16.840.1.101.3.4.1.2";
        let salt = tlv(0x04, &[b"saltsalt"]);
        let iter = [0x02, 0x02, 0x08, 0x00];
        let sha256 = tlv(0x30, &[&oid_der("1.2.840.113549.2.9"), &[0x05, 0x00]]);
        let aes = cipher_alg(AES128_CBC, &[7; 16]);
        let good_kdf = pbkdf2_alg(&[&salt, &iter, &sha256]);
        let data = [0u8; 32];
        // Sanity: the template itself is valid and fails only on the padding.
        assert!(matches!(
            unsupported(&pbes2_der(&good_kdf, &aes, &data)),
            KeyError::WrongPassphrase { .. }
        ));
        let cases: Vec<(Vec<u8>, &str)> = vec![
            // Short and long IVs (pkcs5 sliced the 3DES IV and panicked when it was short).
            (
                pbes2_der(&good_kdf, &cipher_alg("1.2.840.113549.3.7", &[1; 4]), &data),
                "invalid PBES2 DES-EDE3-CBC (3DES) parameters",
            ),
            (
                pbes2_der(&good_kdf, &cipher_alg("1.2.840.113549.3.7", &[1; 9]), &data),
                "invalid PBES2 DES-EDE3-CBC (3DES) parameters",
            ),
            (
                pbes2_der(&good_kdf, &cipher_alg(AES128_CBC, &[1; 15]), &data),
                "invalid PBES2 AES-CBC parameters (the IV must be an OCTET STRING of 16 bytes)",
            ),
            (
                pbes2_der(
                    &good_kdf,
                    &tlv(0x30, &[&oid_der(AES128_CBC), &[0x05, 0x00]]),
                    &data,
                ),
                "invalid PBES2 AES-CBC parameters (the IV must be an OCTET STRING of 16 bytes)",
            ),
            (
                pbes2_der(
                    &good_kdf,
                    &cipher_alg("2.16.840.1.101.3.4.1.46", &[1; 16]),
                    &data,
                ),
                "invalid PBES2 AES-GCM parameters (the nonce must be an OCTET STRING of 12 bytes)",
            ),
            // AES-192-GCM, SM4-CBC: not supported.
            (
                pbes2_der(
                    &good_kdf,
                    &cipher_alg("2.16.840.1.101.3.4.1.26", &[1; 12]),
                    &data,
                ),
                "PBES2 with a cipher other than AES-CBC, AES-GCM or DES-EDE3-CBC is not supported",
            ),
            (
                pbes2_der(
                    &good_kdf,
                    &cipher_alg("1.2.156.10197.1.104.2", &[1; 16]),
                    &data,
                ),
                "PBES2 with a cipher other than AES-CBC, AES-GCM or DES-EDE3-CBC is not supported",
            ),
            // A KDF other than PBKDF2/scrypt (here the PBES2 OID itself).
            (
                pbes2_der(
                    &tlv(0x30, &[&oid_der("1.2.840.113549.1.5.13"), &[0x05, 0x00]]),
                    &aes,
                    &data,
                ),
                "PBES2 with a key derivation function other than PBKDF2 or scrypt is not supported",
            ),
            // PBES2-params with a third member, or not a SEQUENCE.
            (
                {
                    let params = tlv(0x30, &[&good_kdf, &aes, &[0x05, 0x00]]);
                    let alg = tlv(0x30, &[&oid_der("1.2.840.113549.1.5.13"), &params]);
                    tlv(0x30, &[&alg, &tlv(0x04, &[&data])])
                },
                "invalid PBES2 parameters",
            ),
            (
                {
                    let alg = tlv(0x30, &[&oid_der("1.2.840.113549.1.5.13"), &[0x05, 0x00]]);
                    tlv(0x30, &[&alg, &tlv(0x04, &[&data])])
                },
                "invalid PBES2 parameters",
            ),
            // PBKDF2: hmacWithSHA512-224, a PRF with non-NULL parameters, a salt that is an
            // AlgorithmIdentifier (otherSource), a negative count, a wrong keyLength, trailing data.
            (
                pbes2_der(
                    &pbkdf2_alg(&[
                        &salt,
                        &iter,
                        &tlv(0x30, &[&oid_der("1.2.840.113549.2.12"), &[0x05, 0x00]]),
                    ]),
                    &aes,
                    &data,
                ),
                "PBKDF2 with a PRF other than HMAC-SHA1, -SHA224, -SHA256, -SHA384 or -SHA512 is not supported",
            ),
            (
                pbes2_der(
                    &pbkdf2_alg(&[
                        &salt,
                        &iter,
                        &tlv(0x30, &[&oid_der("1.2.840.113549.2.9"), &[0x04, 0x00]]),
                    ]),
                    &aes,
                    &data,
                ),
                "invalid PBKDF2 parameters",
            ),
            (
                pbes2_der(
                    &pbkdf2_alg(&[&tlv(0x30, &[&oid_der("1.2.3.4")]), &iter]),
                    &aes,
                    &data,
                ),
                "invalid PBKDF2 parameters",
            ),
            (
                pbes2_der(&pbkdf2_alg(&[&salt, &[0x02, 0x01, 0x80]]), &aes, &data),
                "invalid PBKDF2 parameters",
            ),
            (
                pbes2_der(
                    &pbkdf2_alg(&[&salt, &iter, &[0x02, 0x01, 0x20], &sha256]),
                    &aes,
                    &data,
                ),
                "invalid or unsupported PBES2 parameters",
            ),
            (
                pbes2_der(
                    &pbkdf2_alg(&[&salt, &iter, &sha256, &[0x05, 0x00]]),
                    &aes,
                    &data,
                ),
                "invalid PBKDF2 parameters",
            ),
            (
                pbes2_der(
                    &tlv(0x30, &[&oid_der("1.2.840.113549.1.5.12")]),
                    &aes,
                    &data,
                ),
                "invalid PBKDF2 parameters",
            ),
            (
                pbes2_der(
                    &pbkdf2_alg(&[&salt, &[0x02, 0x04, 0x00, 0x98, 0x96, 0x81]]),
                    &aes,
                    &data,
                ),
                "PBKDF2 iteration count above 10,000,000",
            ),
            // scrypt: N = 3, r = 0, p = 0, N = 2^20 (1 GiB), r·p beyond the work bound (the scrypt
            // crate multiplies r·p in u32), a wrong keyLength.
            (
                pbes2_der(
                    &scrypt_alg(&[&salt, &[2, 1, 3], &[2, 1, 8], &[2, 1, 1]]),
                    &aes,
                    &data,
                ),
                "invalid scrypt parameters",
            ),
            (
                pbes2_der(
                    &scrypt_alg(&[&salt, &[2, 2, 4, 0], &[2, 1, 0], &[2, 1, 1]]),
                    &aes,
                    &data,
                ),
                "invalid scrypt parameters",
            ),
            (
                pbes2_der(
                    &scrypt_alg(&[&salt, &[2, 2, 4, 0], &[2, 1, 8], &[2, 1, 0]]),
                    &aes,
                    &data,
                ),
                "invalid scrypt parameters",
            ),
            (
                pbes2_der(
                    &scrypt_alg(&[&salt, &[2, 3, 0x10, 0, 0], &[2, 1, 8], &[2, 1, 1]]),
                    &aes,
                    &data,
                ),
                "scrypt parameters above the supported cost ((N+p)·r at most 2^19)",
            ),
            (
                pbes2_der(
                    &scrypt_alg(&[
                        &salt,
                        &[2, 1, 2],
                        &[2, 4, 0x7f, 0xff, 0xff, 0xff],
                        &[2, 4, 0x7f, 0xff, 0xff, 0xff],
                    ]),
                    &aes,
                    &data,
                ),
                "scrypt parameters above the supported cost ((N+p)·r at most 2^19)",
            ),
            (
                pbes2_der(
                    &scrypt_alg(&[&salt, &[2, 1, 2], &[2, 1, 1], &[2, 1, 1], &[2, 1, 32]]),
                    &aes,
                    &data,
                ),
                "invalid or unsupported PBES2 parameters",
            ),
        ];
        for (der, why) in cases {
            assert_eq!(
                unsupported(&der),
                KeyError::UnsupportedEncryption(why),
                "{}",
                Base64::encode_string(&der)
            );
        }
        // scrypt with keyLength = the cipher's key length is accepted.
        let ok = pbes2_der(
            &scrypt_alg(&[&salt, &[2, 1, 2], &[2, 1, 1], &[2, 1, 1], &[2, 1, 16]]),
            &aes,
            &data,
        );
        assert!(matches!(unsupported(&ok), KeyError::WrongPassphrase { .. }));
        // DES-CBC, PKCS#12 PBE, PBES1 and unknown schemes keep their names.
        assert_eq!(
            key_with(ENC_DES_CBC, "secret").unwrap_err(),
            KeyError::UnsupportedEncryption(
                "PBES2 with DES-CBC is not supported; re-encrypt with AES"
            )
        );
        let scheme = |dotted: &str| {
            let alg = tlv(0x30, &[&oid_der(dotted), &tlv(0x30, &[])]);
            unsupported(&tlv(0x30, &[&alg, &tlv(0x04, &[&data])]))
        };
        assert_eq!(
            scheme("1.2.840.113549.1.5.3"),
            KeyError::UnsupportedEncryption(
                "PBES1 (PKCS#5 v1.5) encryption is not supported; re-encrypt with PBES2 and AES"
            )
        );
        assert_eq!(
            scheme("1.2.840.113549.1.12.1.3"),
            KeyError::UnsupportedEncryption("invalid PKCS#12 PBE parameters")
        );
        assert_eq!(
            scheme("1.2.840.113549.1.12.1.6"),
            KeyError::UnsupportedEncryption(
                "PKCS#12 password-based encryption with RC2 or RC4 is not supported (only its 3DES variants); re-encrypt with PBES2 and AES"
            )
        );
        assert_eq!(
            scheme("1.2.3.4"),
            KeyError::UnsupportedEncryption("unknown key encryption algorithm")
        );
    }

    #[test]
    fn key_structures_are_strict_der() {
        let malformed = |label: &str, der: &[u8]| match parse(&blocks(&pem_of(label, der)), None) {
            Err(KeyError::Malformed(why)) => why,
            other => panic!("{label}: {other:?}"),
        };
        // Trailing bytes after each format.
        for (label, pem) in [
            ("RSA PRIVATE KEY", RSA1024),
            ("EC PRIVATE KEY", P256B),
            ("PRIVATE KEY", RSA1024_P8),
            ("PRIVATE KEY", ED25519),
        ] {
            let mut der = der_of(pem);
            der.push(0);
            malformed(label, &der);
        }
        // PKCS#1 version 1 (multi-prime) without otherPrimeInfos.
        let mut der = der_of(RSA1024);
        assert_eq!(der[4..7], [0x02, 0x01, 0x00]);
        der[6] = 1;
        assert_eq!(
            malformed("RSA PRIVATE KEY", &der),
            "not a valid PKCS#1 RSAPrivateKey"
        );
        // SEC1 with explicit (specifiedCurve) parameters: [0] holds a SEQUENCE, not an OID.
        let mut der = der_of(P256B);
        assert_eq!(der[41..43], [0x06, 0x08]);
        der[41] = 0x30;
        assert_eq!(
            malformed("EC PRIVATE KEY", &der),
            "not a valid SEC1 ECPrivateKey (explicit curve parameters are not supported)"
        );
        // SEC1 version 0.
        let mut der = der_of(P256B);
        der[4] = 0;
        malformed("EC PRIVATE KEY", &der);
        // PKCS#8 v1 with a public key, v2 without one, and [1] encoded as constructed.
        let mut der = der_of(ED_V2_OK);
        der[4] = 0;
        assert_eq!(
            malformed("PRIVATE KEY", &der),
            "not a valid PKCS#8 PrivateKeyInfo"
        );
        let mut der = der_of(ED25519);
        der[4] = 1;
        malformed("PRIVATE KEY", &der);
        let mut der = der_of(ED_V2_OK);
        der[4] = 0;
        assert_eq!(der[48], 0x81);
        der[48] = 0xa1;
        malformed("PRIVATE KEY", &der);
        // Attributes ([0], skipped) and a later [n] EXPLICIT extension field are accepted.
        let v1 = der_of(ED25519);
        let inner = &v1[2..];
        let attrs = tlv(0xa0, &[&tlv(0x30, &[&oid_der("1.2.3.4"), &tlv(0x31, &[])])]);
        let ext = tlv(0xa3, &[&[0x05, 0x00]]);
        let k = key(&pem_of("PRIVATE KEY", &tlv(0x30, &[inner, &attrs, &ext])));
        assert_eq!(matches(&k, ED25519_PUB), Match::Yes);
        // ... but not a primitive one.
        malformed("PRIVATE KEY", &tlv(0x30, &[inner, &[0x83, 0x00]]));
        // A curve hint that is not exactly one OID is ignored.
        let params = format!(
            "{}{}",
            pem_of("EC PARAMETERS", &[0x06, 0x03, 0x2b, 0x81, 0x04, 0x00]),
            SEC1_NOPARAMS
        );
        assert!(matches!(err(&params), KeyError::Malformed(_)));
    }

    #[test]
    fn pkcs1_rsa() {
        let k = key(RSA1024);
        assert_eq!(k.format(), KeyFormat::Pkcs1);
        assert_eq!(k.mislabelled(), None);
        assert!(!k.was_encrypted());
        assert_eq!(desc(&k), (KeyAlgorithm::Rsa, 1024, None));
        assert_eq!(k.info().format, "PKCS#1");
        assert_eq!(k.info().key_algorithm, "RSA");
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, RSA1024_PUB), Match::Yes);
        assert!(is_no(matches(&k, RSA1024B_PUB)));
        assert!(is_no(matches(&k, P256B_PUB)));
        assert!(is_no(matches(&k, ED25519_PUB)));
        let (label, der) = k.to_der();
        assert_eq!(label, "RSA PRIVATE KEY");
        assert_eq!(der.as_slice(), der_of(RSA1024).as_slice());
        assert_eq!(
            k.to_pkcs1_der().unwrap().as_slice(),
            der_of(RSA1024).as_slice()
        );
    }

    #[test]
    fn pkcs8_rsa_converts_to_pkcs1() {
        let k = key(RSA1024_P8);
        assert_eq!(k.format(), KeyFormat::Pkcs8);
        assert_eq!(k.info().format, "PKCS#8");
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, RSA1024_PUB), Match::Yes);
        assert_eq!(k.to_der().0, "PRIVATE KEY");
        assert_eq!(
            k.to_pkcs1_der().unwrap().as_slice(),
            der_of(RSA1024).as_slice()
        );
    }

    #[test]
    fn rsa_4096_and_multi_prime() {
        let k = key(RSA4096);
        assert_eq!(desc(&k), (KeyAlgorithm::Rsa, 4096, None));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, RSA4096_PUB), Match::Yes);
        assert!(is_no(matches(&k, RSA1024_PUB)));

        let k = key(RSA3P_P8);
        assert_eq!(desc(&k), (KeyAlgorithm::Rsa, 1024, None));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, RSA3P_P8_PUB), Match::Yes);
    }

    #[test]
    fn tampered_rsa_keys_are_inconsistent() {
        for (pem, what) in [
            (RSA_BAD_P, "p·q"),
            (RSA_BAD_D, "e·d"),
            (RSA_BAD_QINV, "coefficient"),
            (RSA_BAD_DP, "dP"),
        ] {
            let k = key(pem);
            let why = k.check_consistency().unwrap_err();
            assert!(why.contains(what), "tampered {what}: {why}");
            // n and e are untouched, so only the consistency check can tell.
            assert_eq!(matches(&k, RSA1024_PUB), Match::Yes);
        }
    }

    #[test]
    fn sec1_with_and_without_ec_parameters() {
        let k = key(SEC1_WITH_PARAMS);
        assert_eq!(k.format(), KeyFormat::Sec1);
        assert_eq!(k.info().format, "SEC1");
        assert_eq!(desc(&k), (KeyAlgorithm::Ec, 256, Some(Curve::P256)));
        assert_eq!(k.info().curve, Some("P-256"));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, P256_WITH_PARAMS_PUB), Match::Yes);
        assert!(is_no(matches(&k, P256B_PUB)));
        assert!(is_no(matches(&k, P384_PUB)));
        assert!(is_no(matches(&k, RSA1024_PUB)));
        assert_eq!(k.to_der().0, "EC PRIVATE KEY");

        let k = key(P256B);
        assert_eq!(matches(&k, P256B_PUB), Match::Yes);
        assert_eq!(matches(&k, P256B_CPUB), Match::Yes, "compressed SPKI point");

        let k = key(P256B_NOPUB_SEC1);
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, P256B_PUB), Match::Yes);

        // No curve in the key itself: unreadable alone, fine after an EC PARAMETERS block.
        assert!(matches!(err(SEC1_NOPARAMS), KeyError::Malformed(_)));
        let k = key(SEC1_NOPARAMS_WITH_ECPARAMS);
        assert_eq!(desc(&k), (KeyAlgorithm::Ec, 256, Some(Curve::P256)));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, P256B_PUB), Match::Yes);
    }

    #[test]
    fn sec1_with_someone_elses_public_key() {
        let k = key(SEC1_WRONGPUB);
        assert!(k.check_consistency().is_err());
        // The embedded point is P256_WITH_PARAMS's, but we derive from the scalar (P256B's).
        assert!(is_no(matches(&k, P256_WITH_PARAMS_PUB)));
        assert_eq!(matches(&k, P256B_PUB), Match::Yes);
    }

    #[test]
    fn ec_scalar_out_of_range() {
        for (b64, spki) in [(SEC1_BIG, P256B_PUB), (SEC1_ZERO, K1_PUB)] {
            let k = key(&pem_of("EC PRIVATE KEY", &Base64::decode_vec(b64).unwrap()));
            assert_eq!(
                k.check_consistency(),
                Err("the EC private scalar is not in [1, n−1]")
            );
            assert!(!matches!(matches(&k, spki), Match::Yes));
        }
    }

    #[test]
    fn p384() {
        for pem in [P384, P384_P8] {
            let k = key(pem);
            assert_eq!(desc(&k), (KeyAlgorithm::Ec, 384, Some(Curve::P384)));
            assert_eq!(k.check_consistency(), Ok(()));
            assert_eq!(matches(&k, P384_PUB), Match::Yes);
            assert!(is_no(matches(&k, P384B_PUB)));
            assert!(is_no(matches(&k, P256B_PUB)));
        }
        assert_eq!(key(P384_P8).format(), KeyFormat::Pkcs8);
    }

    #[test]
    fn ed25519() {
        let k = key(ED25519);
        assert_eq!(desc(&k), (KeyAlgorithm::Ed25519, 256, None));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, ED25519_PUB), Match::Yes);
        assert!(is_no(matches(&k, ED25519B_PUB)));
        assert!(is_no(matches(&k, ED448_PUB)));
        assert!(is_no(matches(&k, RSA1024_PUB)));

        // PKCS#8 v2 (OneAsymmetricKey) with the right and with a foreign public key.
        let k = key(ED_V2_OK);
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, ED25519_PUB), Match::Yes);
        let k = key(ED_V2_BAD);
        assert!(k.check_consistency().is_err());
        assert_eq!(
            matches(&k, ED25519_PUB),
            Match::Yes,
            "derived from the seed"
        );
        assert!(is_no(matches(&k, ED25519B_PUB)));
    }

    #[test]
    fn ed448_is_derived_and_matched() {
        let k = key(ED448);
        assert_eq!(desc(&k), (KeyAlgorithm::Ed448, 456, None));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(
            matches(&k, ED448_PUB),
            Match::Yes,
            "derived from the seed (RFC 8032 §5.2.5)"
        );
        assert!(is_no(matches(&k, ED25519_PUB)));
    }

    #[test]
    fn dsa() {
        let k = key(DSA);
        assert_eq!(desc(&k), (KeyAlgorithm::Dsa, 1024, None));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, DSA_PUB), Match::Yes);
        assert!(is_no(matches(&k, DSAB_PUB)), "same parameters, other y");
        assert!(is_no(matches(&k, RSA1024_PUB)));
        assert!(matches!(err(DSA_TRAD), KeyError::Malformed(_)));
    }

    #[test]
    fn sm2_secp256k1_p521_derived_from_the_scalar() {
        let k = key(SM2);
        assert_eq!(desc(&k), (KeyAlgorithm::Sm2, 256, Some(Curve::Sm2)));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, SM2_PUB), Match::Yes);
        assert!(is_no(matches(&k, K1_PUB)));

        let k = key(K1);
        assert_eq!(desc(&k), (KeyAlgorithm::Ec, 256, Some(Curve::Secp256k1)));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, K1_PUB), Match::Yes);
        assert!(is_no(matches(&k, K1B_PUB)));
        assert!(is_no(matches(&k, P256B_PUB)));

        let k = key(P521);
        assert_eq!(desc(&k), (KeyAlgorithm::Ec, 521, Some(Curve::P521)));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, P521_PUB), Match::Yes);
        let k = key(P521_NOPUB);
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(
            matches(&k, P521_PUB),
            Match::Yes,
            "no embedded public key: derived"
        );
    }

    /// N = 2, r = 1, p = 2^23 is within the N·r and N·r·p bounds, but the scrypt crate's B buffer
    /// is 128·r·p bytes: 1 GiB, and 16 s of PBKDF2 to fill it (seen in review during fuzzing).
    #[test]
    fn scrypt_parallelism_counts_toward_the_memory_bound() {
        let salt = tlv(0x04, &[b"saltsalt"]);
        let aes = cipher_alg("2.16.840.1.101.3.4.1.42", &[0; 16]);
        let p_2_23: &[u8] = &[2, 4, 0, 0x80, 0, 0];
        let der = pbes2_der(
            &scrypt_alg(&[&salt, &[2, 1, 2], &[2, 1, 1], p_2_23]),
            &aes,
            &[0; 32],
        );
        assert_eq!(
            unsupported(&der),
            KeyError::UnsupportedEncryption(
                "scrypt parameters above the supported cost ((N+p)·r at most 2^19)"
            )
        );
        // OpenSSL's default (N = 2^14, r = 8, p = 1) stays within it: only the padding fails.
        let der = pbes2_der(
            &scrypt_alg(&[&salt, &[2, 2, 0x40, 0], &[2, 1, 8], &[2, 1, 1]]),
            &aes,
            &[0; 32],
        );
        assert!(matches!(
            unsupported(&der),
            KeyError::WrongPassphrase { legacy: false, .. }
        ));
    }

    #[test]
    fn encrypted_pkcs8_pbkdf2_and_scrypt() {
        for pem in [ENC_PBKDF2, ENC_SCRYPT] {
            assert_eq!(
                err(pem),
                KeyError::Encrypted {
                    legacy: false,
                    algorithm: KeyAlgorithm::Unknown
                }
            );
            assert_eq!(
                key_with(pem, "wrong").unwrap_err(),
                KeyError::WrongPassphrase {
                    legacy: false,
                    algorithm: KeyAlgorithm::Unknown,
                }
            );
            let k = key_with(pem, "secret").unwrap();
            assert!(k.was_encrypted());
            assert_eq!(k.format(), KeyFormat::Pkcs8);
            assert_eq!(k.info().format, "encrypted");
            assert_eq!(desc(&k), (KeyAlgorithm::Ec, 256, Some(Curve::P256)));
            assert_eq!(k.check_consistency(), Ok(()));
            assert_eq!(matches(&k, P256B_PUB), Match::Yes);
            let (label, der) = k.to_der();
            assert_eq!(label, "PRIVATE KEY");
            assert_eq!(key(&pem_of(label, &der)).desc(), k.desc());
        }
    }

    #[test]
    fn unsupported_encryption_is_named() {
        // PBKDF2-HMAC-SHA1 + AES (OpenSSL 1.x default) decrypts.
        assert!(key_with(ENC_SHA1, "secret").is_ok());
        // PBES2 + DES-EDE3-CBC (`openssl pkcs8 -topk8 -v2 des3`) decrypts.
        let k = key_with(ENC_DES3, "secret").unwrap();
        assert!(k.was_encrypted());
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, P256B_PUB), Match::Yes);
        assert_eq!(
            key_with(ENC_DES3, "wrong").unwrap_err(),
            KeyError::WrongPassphrase {
                legacy: false,
                algorithm: KeyAlgorithm::Unknown
            }
        );
        assert!(matches!(
            err(ENC_PBES1),
            KeyError::Encrypted { legacy: false, .. }
        ));
        // PBE-SHA1-3DES (PKCS#12 PBE, `openssl pkcs8 -topk8 -v1`): decrypted since it is common.
        assert!(key_with(ENC_PBES1, "secret").is_ok());
        assert!(matches!(
            key_with(ENC_PBES1, "wrong"),
            Err(KeyError::WrongPassphrase { .. })
        ));
        // Hostile PBES2 parameters: scrypt N = 0 (the old pkcs5 path panicked), N = 2^30, 4·10⁹ PBKDF2 rounds.
        for b64 in [SCRYPT_N0, SCRYPT_BIG, PBKDF2_BIG] {
            let pem = pem_of("ENCRYPTED PRIVATE KEY", &Base64::decode_vec(b64).unwrap());
            assert!(matches!(
                key_with(&pem, "secret"),
                Err(KeyError::UnsupportedEncryption(_))
            ));
        }
    }

    #[test]
    fn legacy_encrypted_pem() {
        assert_eq!(
            err(LEGACY_RSA),
            KeyError::Encrypted {
                legacy: true,
                algorithm: KeyAlgorithm::Rsa
            }
        );
        assert_eq!(
            err(LEGACY_EC),
            KeyError::Encrypted {
                legacy: true,
                algorithm: KeyAlgorithm::Ec
            }
        );
        assert_eq!(
            err(LEGACY_DSA),
            KeyError::Encrypted {
                legacy: true,
                algorithm: KeyAlgorithm::Dsa
            }
        );
    }

    #[test]
    fn legacy_encrypted_pem_decrypts() {
        // AES-128 (RSA), AES-256, AES-192, DES-EDE3, DES (EC), DES-EDE3 (RSA).
        for (pem, format, public) in [
            (LEGACY_RSA, KeyFormat::Pkcs1, RSA1024_PUB),
            (LEGACY_EC, KeyFormat::Sec1, P256B_PUB),
            (LEGACY_EC_AES192, KeyFormat::Sec1, P256B_PUB),
            (LEGACY_EC_DES3, KeyFormat::Sec1, P256B_PUB),
            (LEGACY_EC_DES, KeyFormat::Sec1, P256B_PUB),
            (LEGACY_RSA_DES3, KeyFormat::Pkcs1, RSA1024_PUB),
        ] {
            let k = key_with(pem, "secret").unwrap();
            assert!(k.was_encrypted());
            assert_eq!(k.format(), format);
            assert_eq!(k.mislabelled(), None);
            assert_eq!(k.info().format, "encrypted");
            assert_eq!(k.check_consistency(), Ok(()));
            assert_eq!(matches(&k, public), Match::Yes);
            assert!(is_no(matches(&k, P384_PUB)));
            let (label, der) = k.to_der();
            assert_eq!(label, format.pem_label());
            let plain = if format == KeyFormat::Pkcs1 {
                RSA1024
            } else {
                P256B
            };
            assert_eq!(der.as_slice(), der_of(plain).as_slice());
            assert_eq!(
                format!("{k:?}"),
                format!("{:?}", key(plain)).replace("encrypted: false", "encrypted: true")
            );

            let algorithm = if format == KeyFormat::Pkcs1 {
                KeyAlgorithm::Rsa
            } else {
                KeyAlgorithm::Ec
            };
            for wrong in ["wrong", "", "secret ", "Secret"] {
                assert_eq!(
                    key_with(pem, wrong).unwrap_err(),
                    KeyError::WrongPassphrase {
                        legacy: true,
                        algorithm
                    },
                    "{wrong:?}"
                );
            }
        }
    }

    #[test]
    fn legacy_encrypted_dsa_is_recognised() {
        // Decrypts, but traditional DSA DER is not read (as unencrypted, see `dsa`).
        assert!(matches!(
            key_with(LEGACY_DSA, "secret"),
            Err(KeyError::Malformed(m)) if m.contains("DSA")
        ));
        assert_eq!(
            key_with(LEGACY_DSA, "wrong").unwrap_err(),
            KeyError::WrongPassphrase {
                legacy: true,
                algorithm: KeyAlgorithm::Dsa
            }
        );
    }

    /// `LEGACY_EC` with its `DEK-Info` value replaced.
    fn with_dek_info(dek: &str) -> Vec<Block> {
        let mut bs = blocks(LEGACY_EC);
        for b in &mut bs {
            for (k, v) in &mut b.headers {
                if k == "DEK-Info" {
                    *v = String::from(dek);
                }
            }
        }
        bs
    }

    #[test]
    fn legacy_dek_info_errors() {
        const IV: &str = "31C699B315BEF4FEE9C1C8192173BA4E";
        // Sanity: the replacement itself works, lower-case names and hex too.
        assert!(parse(&with_dek_info(&format!("AES-256-CBC,{IV}")), Some("secret")).is_ok());
        let lower = format!("aes-256-cbc,{}", IV.to_ascii_lowercase());
        assert!(parse(&with_dek_info(&lower), Some("secret")).is_ok());
        // Same IV, the other AES key sizes: the padding (or the DER) gives the cipher away.
        for name in ["AES-128-CBC", "AES-192-CBC"] {
            assert!(matches!(
                parse(&with_dek_info(&format!("{name},{IV}")), Some("secret")),
                Err(KeyError::WrongPassphrase { legacy: true, .. })
            ));
        }
        for dek in [
            format!("BF-CBC,{IV}"),
            format!("AES-256-GCM,{IV}"),
            format!("CAMELLIA-256-CBC,{IV}"),
            String::from("SM4-CBC"),
            String::new(),
        ] {
            assert!(
                matches!(
                    parse(&with_dek_info(&dek), Some("secret")),
                    Err(KeyError::UnsupportedEncryption(_))
                ),
                "{dek:?}"
            );
        }
        for dek in [
            String::from("AES-256-CBC"),
            String::from("AES-256-CBC,"),
            format!("AES-256-CBC,{}", &IV[..31]),
            format!("AES-256-CBC,{}", &IV[..30]),
            format!("AES-256-CBC,{IV}00"),
            format!("AES-256-CBC,{}", &IV[..16]),
            format!("AES-256-CBC,{}zz", &IV[..30]),
            format!("AES-256-CBC,{}é", &IV[..30]),
            format!("AES-256-CBC,{}é", &IV[..29]),
            format!("DES-EDE3-CBC,{IV}"),
            format!("AES-256-CBC,{}-1", &IV[..30]),
        ] {
            assert!(
                matches!(
                    parse(&with_dek_info(&dek), Some("secret")),
                    Err(KeyError::Malformed(_))
                ),
                "{dek:?}"
            );
        }
        // Without DEK-Info.
        let mut bs = blocks(LEGACY_EC);
        for b in &mut bs {
            b.headers.retain(|(k, _)| k != "DEK-Info");
        }
        assert!(matches!(
            parse(&bs, Some("secret")),
            Err(KeyError::Malformed(_))
        ));
        assert!(matches!(
            parse(&bs, None),
            Err(KeyError::Encrypted { legacy: true, .. })
        ));
        // Every prefix of the header value.
        let full = format!("AES-256-CBC,{IV}");
        for len in 0..full.len() {
            let r = parse(&with_dek_info(&full[..len]), Some("secret"));
            assert!(
                matches!(
                    r,
                    Err(KeyError::Malformed(_) | KeyError::UnsupportedEncryption(_))
                ),
                "{len}"
            );
        }
    }

    #[test]
    fn wrong_inputs() {
        assert_eq!(parse(&[], None).unwrap_err(), KeyError::NoPem);
        assert_eq!(err(P256B_CERT), KeyError::FoundCertificate);
        let both = format!("{P256B_CERT}{P256B_CERT}");
        assert_eq!(err(&both), KeyError::FoundCertificate);
        let mixed = format!(
            "{P256B_CERT}{}",
            pem_of("EC PARAMETERS", &der_of(SEC1_WITH_PARAMS)[..0])
        );
        assert_eq!(
            err(&mixed),
            KeyError::NoKeyBlock {
                labels: vec![String::from("CERTIFICATE"), String::from("EC PARAMETERS")]
            }
        );
        assert_eq!(
            err(P256B_PUB),
            KeyError::NoKeyBlock {
                labels: vec![String::from("PUBLIC KEY")]
            }
        );
        for label in [
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
            "OPENSSH PRIVATE KEY",
        ] {
            let pem = pem_of(label, b"\x30\x03\x02\x01\x00garbage");
            assert!(matches!(err(&pem), KeyError::Malformed(_)), "{label}");
        }
    }

    #[test]
    fn wrong_label_is_accepted_like_go() {
        // PKCS#1 DER under a PKCS#8 label, and SEC1 DER under an RSA label.
        let k = key(&pem_of("PRIVATE KEY", &der_of(RSA1024)));
        assert_eq!(
            k.format(),
            KeyFormat::Pkcs1,
            "what the DER is, not what the label says"
        );
        assert_eq!(k.mislabelled(), Some((KeyFormat::Pkcs8, KeyFormat::Pkcs1)));
        assert_eq!(k.info().format, "PKCS#1");
        assert_eq!(k.to_der().0, "RSA PRIVATE KEY");
        assert_eq!(matches(&k, RSA1024_PUB), Match::Yes);
        let k = key(&pem_of("RSA PRIVATE KEY", &der_of(P256B)));
        assert_eq!(k.format(), KeyFormat::Sec1);
        assert_eq!(k.mislabelled(), Some((KeyFormat::Pkcs1, KeyFormat::Sec1)));
        assert_eq!(key(RSA1024).mislabelled(), None);
        assert_eq!(matches(&k, P256B_PUB), Match::Yes);
        // Encrypted PKCS#8 under a plain label is still recognised as encrypted.
        let pem = pem_of("PRIVATE KEY", &der_of(ENC_PBKDF2));
        assert!(matches!(
            err(&pem),
            KeyError::Encrypted { legacy: false, .. }
        ));
    }

    #[test]
    fn debug_output_holds_no_secret() {
        let k = key(RSA1024);
        assert_eq!(
            format!("{k:?}"),
            "PrivateKey { format: Pkcs1, encrypted: false, algorithm: Rsa, bits: 1024, curve: None, .. }"
        );
        let k = key(P256B);
        assert_eq!(
            format!("{k:?}"),
            "PrivateKey { format: Sec1, encrypted: false, algorithm: Ec, bits: 256, curve: Some(P256), .. }"
        );
    }

    #[test]
    fn hostile_numbers_do_not_panic() {
        // DSA (p, q, g, x) = (0,0,0,0), (1,1,1,1), (5,3,2,7), (65537,2,3,1); RSA with zero, one and
        // tiny components; an SPKI for DSA without parameters, so the exponentiation runs.
        let dsa_spki = Base64::decode_vec("MBEwCQYHKoZIzjgEAQMEAAIBBQ==").unwrap();
        let dsa_spki = Spki::from_der(&dsa_spki).unwrap();
        let rsa_spki = der_of(RSA1024_PUB);
        let rsa_spki = Spki::from_der(&rsa_spki).unwrap();
        for (label, b64) in [
            (
                "PRIVATE KEY",
                "MB4CAQAwFAYHKoZIzjgEATAJAgEAAgEAAgEABAMCAQA=",
            ),
            (
                "PRIVATE KEY",
                "MB4CAQAwFAYHKoZIzjgEATAJAgEBAgEBAgEBBAMCAQE=",
            ),
            (
                "PRIVATE KEY",
                "MB4CAQAwFAYHKoZIzjgEATAJAgEFAgEDAgECBAMCAQc=",
            ),
            (
                "PRIVATE KEY",
                "MCACAQAwFgYHKoZIzjgEATALAgMBAAECAQICAQMEAwIBAQ==",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQACAQACAQACAQACAQACAQACAQACAQA=",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQECAQECAQECAQECAQECAQECAQECAQE=",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQMCAQMCAQMCAQMCAQECAQMCAQMCAQM=",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQ8CAQMCAQMCAQUCAQMCAQMCAQMCAQM=",
            ),
            (
                "RSA PRIVATE KEY",
                "MC8CAQACCwD/////////////AgEBAgEBAgsA/////////////wIBAQIBAQIBAQIBAQ==",
            ),
        ] {
            let k = key(&pem_of(label, &Base64::decode_vec(b64).unwrap()));
            assert!(k.check_consistency().is_err(), "{b64}");
            let _ = k.matches(&dsa_spki);
            let _ = k.matches(&rsa_spki);
        }
    }

    #[test]
    fn every_prefix_of_every_key_is_safe() {
        let spki_der = der_of(RSA1024_PUB);
        let spki = Spki::from_der(&spki_der).unwrap();
        for pem in [
            RSA1024,
            RSA1024_P8,
            RSA3P_P8,
            SEC1_WITH_PARAMS,
            P384_P8,
            ED_V2_BAD,
            ED448,
            DSA,
            SM2,
            K1,
            P521,
            ENC_PBKDF2,
            ENC_DES3,
            LEGACY_RSA,
            LEGACY_EC_DES3,
            LEGACY_EC_DES,
            LEGACY_DSA,
        ] {
            let bs = blocks(pem);
            let b = bs.last().unwrap();
            for len in 0..b.der.len() {
                let view = KeyBlockView {
                    label: &b.label,
                    headers: &b.headers,
                    der: &b.der[..len],
                };
                for pass in [None, Some("secret")] {
                    if let Ok(k) = parse_views(&[view], pass) {
                        let _ = k.check_consistency();
                        let _ = k.matches(&spki);
                        let _ = k.to_der();
                        let _ = k.info();
                    }
                }
            }
        }
    }
}
