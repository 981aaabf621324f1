//! CBC decryption with PKCS#7 padding: the legacy OpenSSL PEM ciphers and the PBES2 CBC schemes.

/// A CBC cipher with PKCS#7 padding: a legacy OpenSSL PEM cipher, named in the `DEK-Info` header
/// (RFC 1421 §4.6.1.3 as OpenSSL's `PEM_write_bio_PrivateKey_traditional` extends it to its own
/// cipher names), or a PBES2 encryption scheme (RFC 8018 B.2; DES only in legacy PEM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CbcCipher {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
    Des,
}

impl CbcCipher {
    /// OpenSSL's names and aliases (`EVP_get_cipherbyname` is case-insensitive).
    pub(super) fn from_name(name: &str) -> Option<Self> {
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

    pub(super) const fn key_len(self) -> usize {
        match self {
            CbcCipher::Aes128 => 16,
            CbcCipher::Aes192 | CbcCipher::DesEde3 => 24,
            CbcCipher::Aes256 => 32,
            CbcCipher::Des => 8,
        }
    }

    /// The IV is one cipher block.
    pub(super) const fn iv_len(self) -> usize {
        match self {
            CbcCipher::Aes128 | CbcCipher::Aes192 | CbcCipher::Aes256 => 16,
            CbcCipher::DesEde3 | CbcCipher::Des => 8,
        }
    }

    /// CBC-decrypts `buf` in place and checks the PKCS#7 padding strictly; the plaintext length.
    pub(super) fn decrypt(self, key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<usize> {
        match self {
            CbcCipher::Aes128 => cbc_decrypt::<aes::Aes128Dec>(key, iv, buf),
            CbcCipher::Aes192 => cbc_decrypt::<aes::Aes192Dec>(key, iv, buf),
            CbcCipher::Aes256 => cbc_decrypt::<aes::Aes256Dec>(key, iv, buf),
            CbcCipher::DesEde3 => cbc_decrypt::<des::TdesEde3>(key, iv, buf),
            CbcCipher::Des => cbc_decrypt::<des::Des>(key, iv, buf),
        }
    }
}

pub(super) fn cbc_decrypt<C>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<usize>
where
    C: cbc::cipher::BlockCipherDecrypt + cbc::cipher::KeyInit,
{
    cbc_decrypt_with(C::new_from_slice(key).ok()?, iv, buf)
}

/// [`cbc_decrypt`] with a cipher already keyed (RC2 takes its effective key length apart). Only the
/// block decryption is per cipher; the chaining and the padding are [`cbc`]'s, once for all
/// (the `cbc` crate's `Decryptor` and `block-padding`, monomorphized for each of the six ciphers,
/// were 1 KB of the module each).
pub(super) fn cbc_decrypt_with<C>(cipher: C, iv: &[u8], buf: &mut [u8]) -> Option<usize>
where
    C: cbc::cipher::BlockCipherDecrypt,
{
    use cbc::cipher::Block;
    let decrypt = |blocks: &mut [u8]| {
        cipher.decrypt_blocks(Block::<C>::slice_as_chunks_mut(blocks).0);
    };
    cbc(&decrypt, C::block_size(), iv, buf)
}

/// CBC decryption in place (NIST SP 800-38A §6.2: Pᵢ = D(Cᵢ) ⊕ Cᵢ₋₁, C₀ = IV) by `decrypt`, which
/// decrypts whole `n`-byte blocks in place (all at once: the cipher's parallel path), then the
/// PKCS#7 padding (RFC 5652 §6.3) checked strictly: 1 to `n` bytes, each the count; the plaintext
/// length. `None` for an IV that is not one block or a text that is not whole blocks.
fn cbc(decrypt: &dyn Fn(&mut [u8]), n: usize, iv: &[u8], buf: &mut [u8]) -> Option<usize> {
    let len = buf.len();
    if n == 0 || iv.len() != n || len == 0 || len % n != 0 {
        return None;
    }
    // Cᵢ₋₁ for every block: the IV, then the ciphertext but its last block (public).
    let previous: alloc::vec::Vec<u8> = iv.iter().chain(buf.get(..len - n)?).copied().collect();
    decrypt(buf);
    for (b, c) in buf.iter_mut().zip(&previous) {
        *b ^= c;
    }
    let pad = *buf.last()?;
    let body = len.checked_sub(usize::from(pad))?;
    let padding = buf.get(body..)?;
    (pad != 0 && usize::from(pad) <= n && padding.iter().all(|&b| b == pad)).then_some(body)
}
