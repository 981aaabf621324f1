//! PKCS#12 password-based encryption with 3DES (RFC 7292 Appendix B.2 and C): what
//! `openssl pkcs8 -topk8` wrote by default before OpenSSL 1.1, and Java and Windows still write.

use super::*;

/// `pbeWithSHAAnd3-KeyTripleDES-CBC` (`false`) or `pbeWithSHAAnd2-KeyTripleDES-CBC` (`true`), RFC
/// 7292 Appendix C: what `openssl pkcs8 -topk8` wrote by default before OpenSSL 1.1, and what Java
/// and Windows exports still use.
pub(super) fn pkcs12_3des(oid: &Oid) -> Option<bool> {
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
pub(super) fn decrypt_pkcs12_3des(
    enc: &EncryptedInfo<'_>,
    passphrase: &str,
    two_key: bool,
    max_kdf_cost: u64,
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
    // Three SHA-1 outputs (24 key bytes, 8 IV bytes), one compression per iteration each.
    let cost = iterations.saturating_mul(3);
    if cost > max_kdf_cost {
        return Err(KeyError::KdfTooCostly {
            scheme: "PKCS#12 PBE",
            cost,
            budget: max_kdf_cost,
        });
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
pub(super) fn pkcs12_kdf(password: &[u8], salt: &[u8], iterations: u32, id: u8, out: &mut [u8]) {
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
