//! Legacy OpenSSL PEM encryption: `Proc-Type: 4,ENCRYPTED` + `DEK-Info` (RFC 1421 §4.6.1 with
//! OpenSSL's cipher names) and `EVP_BytesToKey` key derivation.

use super::*;

/// RFC 1421 §4.6.1.1: `Proc-Type: 4,ENCRYPTED`.
pub(super) fn is_legacy_encrypted(headers: &[(String, String)]) -> bool {
    headers.iter().any(|(k, v)| {
        k.trim().eq_ignore_ascii_case("Proc-Type")
            && v.split(',')
                .any(|p| p.trim().eq_ignore_ascii_case("ENCRYPTED"))
    })
}

/// The largest legacy key and IV (AES-256: 32-byte key, 16-byte IV).
pub(super) const LEGACY_MAX_KEY: usize = 32;

pub(super) const LEGACY_MAX_IV: usize = 16;

/// OpenSSL `EVP_BytesToKey(cipher, EVP_md5(), salt, pass, count = 1)`, which `PEM_do_header` uses:
/// `D₁ = MD5(pass ‖ salt)`, `Dᵢ = MD5(Dᵢ₋₁ ‖ pass ‖ salt)`, key = `D₁ ‖ D₂ ‖ …` cut to length.
pub(super) fn evp_bytes_to_key(pass: &[u8], salt: &[u8], key: &mut [u8]) {
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
pub(super) fn decode_hex(hex: &str, out: &mut [u8]) -> bool {
    pub(super) fn nibble(c: u8) -> Option<u8> {
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
pub(super) fn dek_info(
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
pub(super) fn decrypt_legacy(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

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
}
