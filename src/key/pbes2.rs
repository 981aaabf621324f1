//! Encrypted PKCS#8 (`EncryptedPrivateKeyInfo`, RFC 5958 §3) with PBES2 (RFC 8018): PBKDF2 with
//! HMAC-SHA1/SHA-2 or scrypt (RFC 7914), AES-CBC, DES-EDE3-CBC (not AES-GCM); the bounds on their work;
//! and the names of the schemes we do not decrypt.

use super::*;

/// PBKDF2 iteration ceiling: RFC 8018 §4.2 calls 10,000,000 appropriate "for especially critical keys".
pub(super) const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// scrypt memory ceiling: 64 MiB, four times OpenSSL's `-scrypt` default. The scrypt crate
/// allocates 128·r·N bytes for V and 128·r·p for B (OpenSSL `EVP_PBE_scrypt` counts both too).
pub(super) const MAX_SCRYPT_MEMORY: u64 = 64 * 1024 * 1024;

/// scrypt work ceiling (N·r·p).
pub(super) const MAX_SCRYPT_WORK: u64 = 1 << 24;

/// id-PBES2, RFC 8018 A.4.
pub(super) const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");

/// id-PBKDF2, RFC 8018 A.2.
pub(super) const PBKDF2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.12");

/// id-scrypt, RFC 7914 §7.
pub(super) const SCRYPT: Oid = Oid::new_unwrap("1.3.6.1.4.1.11591.4.11");

/// des-ede3-cbc, RFC 8018 B.2.2.
pub(super) const DES_EDE3_CBC: Oid = Oid::new_unwrap("1.2.840.113549.3.7");

/// desCBC, RFC 8018 B.2.1.
pub(super) const DES_CBC: Oid = Oid::new_unwrap("1.3.14.3.2.7");

/// aes128-CBC-PAD, aes192-CBC-PAD, aes256-CBC-PAD, RFC 8018 B.2.5.
pub(super) const AES128_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.2");

pub(super) const AES192_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.22");

pub(super) const AES256_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.42");

/// id-aes128-GCM, id-aes256-GCM (RFC 5084 §3.2; the parameters as the `pkcs5` crate writes them).
pub(super) const AES128_GCM: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.6");

pub(super) const AES256_GCM: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.46");

/// id-hmacWithSHA1 and the SHA-2 PRFs, RFC 8018 B.1.
pub(super) const HMAC_SHA1: Oid = Oid::new_unwrap("1.2.840.113549.2.7");

pub(super) const HMAC_SHA224: Oid = Oid::new_unwrap("1.2.840.113549.2.8");

pub(super) const HMAC_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.2.9");

pub(super) const HMAC_SHA384: Oid = Oid::new_unwrap("1.2.840.113549.2.10");

pub(super) const HMAC_SHA512: Oid = Oid::new_unwrap("1.2.840.113549.2.11");

/// The NULL tag (PRF parameters).
pub(super) const NULL: u8 = 0x05;

/// The PKCS#5 arc; PBES1 schemes are `pkcs-5 1/3/4/6/10/11`, RFC 8018 A.3.
pub(super) const PKCS5_ARC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05];

/// The PKCS#12 PBE arc (`pbeWithSHAAnd3-KeyTripleDES-CBC` and friends), RFC 7292 Appendix C.
pub(super) const PKCS12_PBE_ARC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01];

/// `EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData
/// OCTET STRING }` (RFC 5208 §6, RFC 5958 §3). The algorithm is read later, so that unsupported
/// schemes can be named.
#[derive(Clone, Copy)]
pub(super) struct EncryptedInfo<'a> {
    pub(super) algorithm: AlgorithmId<'a>,
    pub(super) data: &'a [u8],
}

impl<'a> EncryptedInfo<'a> {
    pub(super) fn decode(der: &'a [u8]) -> Option<Self> {
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
pub(super) fn unsupported_scheme(oid: &Oid) -> &'static str {
    let arc = oid.as_bytes();
    if arc.starts_with(PKCS5_ARC) {
        return "PBES1 (PKCS#5 v1.5) encryption is not supported; re-encrypt with PBES2 and AES";
    }
    "unknown key encryption algorithm"
}

/// The PBKDF2 pseudorandom function, RFC 8018 B.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// The PBES2 key derivation function and its parameters.
#[derive(Clone, Copy, Debug)]
pub(super) enum Kdf<'a> {
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
pub(super) enum Pbes2Cipher {
    /// AES-CBC or DES-EDE3-CBC with PKCS#7 padding, RFC 8018 B.2.
    Cbc(CbcCipher),
}

impl Pbes2Cipher {
    pub(super) const fn key_len(self) -> usize {
        match self {
            Pbes2Cipher::Cbc(c) => c.key_len(),
        }
    }

    /// The IV length.
    pub(super) const fn iv_len(self) -> usize {
        match self {
            Pbes2Cipher::Cbc(c) => c.iv_len(),
        }
    }

    /// Decrypts `buf` in place; the plaintext length, or `None` for bad padding or a bad tag.
    pub(super) fn decrypt(self, key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<usize> {
        match self {
            Pbes2Cipher::Cbc(c) => c.decrypt(key, iv, buf),
        }
    }
}

/// PBES2-params, read and checked: a supported KDF with bounded work and a supported cipher.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pbes2<'a> {
    kdf: Kdf<'a>,
    cipher: Pbes2Cipher,
    iv: &'a [u8],
}

/// The largest key any PBES2 cipher here takes (AES-256).
pub(super) const PBES2_MAX_KEY: usize = 32;

/// `PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme
/// AlgorithmIdentifier }` (RFC 8018 A.4). The error names what is not supported or not valid.
pub(super) fn pbes2_params<'a>(alg: &AlgorithmId<'a>) -> Result<Pbes2<'a>, &'static str> {
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
    let (cipher, bad_iv): (Pbes2Cipher, &str) = match cipher_alg.oid {
        AES128_CBC => (CbcCipher::Aes128.into(), INVALID_AES_CBC),
        AES192_CBC => (CbcCipher::Aes192.into(), INVALID_AES_CBC),
        AES256_CBC => (CbcCipher::Aes256.into(), INVALID_AES_CBC),
        // Left out to keep the module inside its size budget (GHASH + CTR ≈ 2.5 KiB gzip): OpenSSL,
        // Go, Java and Python never write PBES2 with GCM.
        AES128_GCM | AES256_GCM => {
            return Err(
                "PBES2 with AES-GCM is not supported; re-encrypt with AES-CBC (openssl pkcs8 -topk8 -v2 aes-256-cbc)",
            );
        }
        DES_EDE3_CBC => (
            CbcCipher::DesEde3.into(),
            "invalid PBES2 DES-EDE3-CBC (3DES) parameters",
        ),
        DES_CBC => return Err("PBES2 with DES-CBC is not supported; re-encrypt with AES"),
        _ => {
            return Err("PBES2 with a cipher other than AES-CBC or DES-EDE3-CBC is not supported");
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

pub(super) const INVALID_AES_CBC: &str =
    "invalid PBES2 AES-CBC parameters (the IV must be an OCTET STRING of 16 bytes)";

pub(super) const INVALID_PBKDF2: &str = "invalid PBKDF2 parameters";

pub(super) const INVALID_SCRYPT: &str = "invalid scrypt parameters";

/// `PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, otherSource
/// AlgorithmIdentifier }, iterationCount INTEGER (1..MAX), keyLength INTEGER (1..MAX) OPTIONAL, prf
/// AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }` (RFC 8018 A.2); only the specified salt. The
/// KDF and its keyLength.
pub(super) fn read_pbkdf2(mut r: Reader<'_>) -> Result<(Kdf<'_>, Option<u64>), &'static str> {
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
    if iterations == 0 {
        return Err("invalid PBKDF2 parameters: 0 iterations (RFC 8018 requires a positive count)");
    }
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
pub(super) fn read_scrypt(mut r: Reader<'_>) -> Result<(Kdf<'_>, Option<u64>), &'static str> {
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
    // RFC 7914 §2: N < 2^(128·r/8) and r·p < 2^30 (OpenSSL refuses the rest too).
    if u64::from(n.trailing_zeros()) >= block.saturating_mul(16)
        || block.saturating_mul(parallel) >= 1 << 30
    {
        return Err("invalid scrypt parameters: RFC 7914 requires N < 2^(16·r) and r·p < 2^30");
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
    /// The work of deriving `key_len` bytes, in [`DEFAULT_MAX_KDF_COST`]'s units: PBKDF2 runs two
    /// compressions per iteration and output block (SHA-384/512 compressions count double, being
    /// twice as wide), scrypt 4·N·r·p Salsa20/8 cores (RFC 7914 §5: 2·N BlockMix of 2r cores each
    /// per parallel lane).
    pub(super) fn cost(&self, key_len: usize) -> u64 {
        match *self {
            Kdf::Pbkdf2 {
                iterations, prf, ..
            } => {
                let (out, width) = match prf {
                    Prf::Sha1 => (20, 1),
                    Prf::Sha224 => (28, 1),
                    Prf::Sha256 => (32, 1),
                    Prf::Sha384 => (48, 2),
                    Prf::Sha512 => (64, 2),
                };
                let blocks = u64::try_from(key_len.div_ceil(out)).unwrap_or(u64::MAX);
                u64::from(iterations)
                    .saturating_mul(blocks)
                    .saturating_mul(2 * width)
            }
            Kdf::Scrypt { log_n, r, p, .. } => (1u64 << log_n.min(63))
                .saturating_mul(u64::from(r))
                .saturating_mul(u64::from(p))
                .saturating_mul(4),
        }
    }

    /// The function's name, for messages.
    pub(super) const fn name(&self) -> &'static str {
        match self {
            Kdf::Pbkdf2 { .. } => "PBKDF2",
            Kdf::Scrypt { .. } => "scrypt",
        }
    }

    /// Derives `key.len()` bytes from the passphrase.
    pub(super) fn derive(&self, passphrase: &[u8], key: &mut [u8]) -> Result<(), &'static str> {
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
pub(super) fn decrypt_pkcs8(
    enc: &EncryptedInfo<'_>,
    passphrase: Option<&str>,
    curve_hint: Option<Oid>,
    max_kdf_cost: u64,
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
    let plain = match decrypt_any(
        &enc.algorithm,
        enc.data,
        &bmp_password(passphrase),
        passphrase.as_bytes(),
        max_kdf_cost,
    )? {
        Some(plain) => plain,
        None => return Err(wrong),
    };
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

/// The work of decrypting data encrypted with `alg` (PBES2 or a PKCS#12 PBE), in
/// [`DEFAULT_MAX_KDF_COST`]'s units; the error names what is not supported.
#[cfg(feature = "pkcs12")]
pub(crate) fn decrypt_cost(alg: &AlgorithmId<'_>) -> Result<u64, KeyError> {
    if let Some(pbe) = pkcs12_pbe(&alg.oid) {
        return pkcs12_pbe_cost(alg, pbe.map_err(KeyError::UnsupportedEncryption)?);
    }
    if alg.oid != PBES2 {
        return Err(KeyError::UnsupportedEncryption(unsupported_scheme(
            &alg.oid,
        )));
    }
    let params = pbes2_params(alg).map_err(KeyError::UnsupportedEncryption)?;
    Ok(params.kdf.cost(params.cipher.key_len()))
}

/// Decrypts `data` encrypted with `alg`: a PKCS#12 PBE over `bmp` (the BMPString password, RFC
/// 7292 B.1) or PBES2 over `utf8` (RFC 8018 §6.2, the password's UTF-8 bytes, as OpenSSL, Java
/// and Windows use it in PKCS#12 files too). `Ok(None)`: the padding is wrong (a wrong password);
/// [`KeyError::KdfTooCostly`] before any work when the KDF costs more than `max_kdf_cost`.
pub(crate) fn decrypt_any(
    alg: &AlgorithmId<'_>,
    data: &[u8],
    bmp: &[u8],
    utf8: &[u8],
    max_kdf_cost: u64,
) -> Result<Option<Zeroizing<Vec<u8>>>, KeyError> {
    if let Some(pbe) = pkcs12_pbe(&alg.oid) {
        let pbe = pbe.map_err(KeyError::UnsupportedEncryption)?;
        return decrypt_pkcs12_pbe(alg, pbe, data, bmp, max_kdf_cost);
    }
    if alg.oid != PBES2 {
        return Err(KeyError::UnsupportedEncryption(unsupported_scheme(
            &alg.oid,
        )));
    }
    let params = pbes2_params(alg).map_err(KeyError::UnsupportedEncryption)?;
    let cost = params.kdf.cost(params.cipher.key_len());
    if cost > max_kdf_cost {
        return Err(KeyError::KdfTooCostly {
            scheme: params.kdf.name(),
            cost,
            budget: max_kdf_cost,
        });
    }
    let mut key = Zeroizing::new([0u8; PBES2_MAX_KEY]);
    let key = key
        .get_mut(..params.cipher.key_len())
        .ok_or(KeyError::UnsupportedEncryption(
            "invalid or unsupported PBES2 parameters",
        ))?;
    params
        .kdf
        .derive(utf8, key)
        .map_err(KeyError::UnsupportedEncryption)?;
    let mut plain = Zeroizing::new(data.to_vec());
    Ok(params
        .cipher
        .decrypt(key, params.iv, &mut plain)
        .map(|len| {
            plain.truncate(len);
            plain
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

    #[test]
    fn pbes2_prfs_and_long_salts_decrypt_gcm_is_named() {
        let b64 = |s: &str| pem_of("ENCRYPTED PRIVATE KEY", &Base64::decode_vec(s).unwrap());
        for pem in [
            String::from(ENC_SHA224),
            String::from(ENC_SHA384),
            String::from(ENC_SHA512),
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
        // PBES2 with AES-GCM (as the `pkcs5` crate writes it) is refused by name: no tool of
        // OpenSSL, Go, Java or Python writes it, and its code does not fit the size budget.
        for gcm in [ENC_GCM128, ENC_GCM256] {
            assert_eq!(
                unsupported(&Base64::decode_vec(gcm).unwrap()),
                KeyError::UnsupportedEncryption(
                    "PBES2 with AES-GCM is not supported; re-encrypt with AES-CBC (openssl pkcs8 -topk8 -v2 aes-256-cbc)"
                )
            );
        }
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
                "PBES2 with AES-GCM is not supported; re-encrypt with AES-CBC (openssl pkcs8 -topk8 -v2 aes-256-cbc)",
            ),
            // AES-192-GCM, SM4-CBC: not supported.
            (
                pbes2_der(
                    &good_kdf,
                    &cipher_alg("2.16.840.1.101.3.4.1.26", &[1; 12]),
                    &data,
                ),
                "PBES2 with a cipher other than AES-CBC or DES-EDE3-CBC is not supported",
            ),
            (
                pbes2_der(
                    &good_kdf,
                    &cipher_alg("1.2.156.10197.1.104.2", &[1; 16]),
                    &data,
                ),
                "PBES2 with a cipher other than AES-CBC or DES-EDE3-CBC is not supported",
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
                "invalid scrypt parameters: RFC 7914 requires N < 2^(16·r) and r·p < 2^30",
            ),
            (
                // N = 2^16 with r = 1: N must be below 2^(16·r) (RFC 7914 §2); OpenSSL refuses it.
                pbes2_der(
                    &scrypt_alg(&[&salt, &[2, 3, 1, 0, 0], &[2, 1, 1], &[2, 1, 1]]),
                    &aes,
                    &data,
                ),
                "invalid scrypt parameters: RFC 7914 requires N < 2^(16·r) and r·p < 2^30",
            ),
            (
                pbes2_der(&pbkdf2_alg(&[&salt, &[2, 1, 0]]), &aes, &data),
                "invalid PBKDF2 parameters: 0 iterations (RFC 8018 requires a positive count)",
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
        // RC2-40 is decrypted now (PKCS#12 files); its parameters here are invalid. RC4 is named.
        assert_eq!(
            scheme("1.2.840.113549.1.12.1.6"),
            KeyError::UnsupportedEncryption("invalid PKCS#12 PBE parameters")
        );
        assert!(matches!(
            scheme("1.2.840.113549.1.12.1.1"),
            KeyError::UnsupportedEncryption(m) if m.contains("RC4")
        ));
        assert_eq!(
            scheme("1.2.3.4"),
            KeyError::UnsupportedEncryption("unknown key encryption algorithm")
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
}
