//! PKCS#12 password-based encryption (RFC 7292 Appendix B and C): the key derivation function over
//! the BMPString password, and the PBEs with 3DES and RC2 (RC4 is named and refused). What `openssl
//! pkcs8 -topk8` wrote by default before OpenSSL 1.1, what Java and Windows still write, and what
//! every PKCS#12 file made before OpenSSL 3 (and every macOS Keychain export) encrypts its
//! certificates with (RC2-40).

use super::*;
use zeroize::Zeroize;

/// A PKCS#12 password-based encryption scheme (RFC 7292 Appendix C), all with SHA-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pkcs12Pbe {
    /// `pbeWithSHAAnd3-KeyTripleDES-CBC`.
    Des3,
    /// `pbeWithSHAAnd2-KeyTripleDES-CBC`: K1‖K2, used as K1‖K2‖K1.
    Des2,
    /// `pbeWithSHAAnd128BitRC2-CBC`.
    Rc2With128,
    /// `pbeWithSHAAnd40BitRC2-CBC`.
    Rc2With40,
}

impl Pkcs12Pbe {
    /// The key bytes the KDF derives.
    const fn key_len(self) -> usize {
        match self {
            Pkcs12Pbe::Des3 => 24,
            Pkcs12Pbe::Des2 | Pkcs12Pbe::Rc2With128 => 16,
            Pkcs12Pbe::Rc2With40 => 5,
        }
    }

    /// Its name, for messages.
    const fn name(self) -> &'static str {
        match self {
            Pkcs12Pbe::Des3 | Pkcs12Pbe::Des2 => "PKCS#12 PBE (SHA-1, 3DES)",
            Pkcs12Pbe::Rc2With128 | Pkcs12Pbe::Rc2With40 => "PKCS#12 PBE (SHA-1, RC2)",
        }
    }
}

/// The scheme of a `pkcs-12PbeIds` OID (RFC 7292 Appendix C): `None` for another arc, an error
/// naming RC4 (`pbeWithSHAAnd128BitRC4` / `40BitRC4`), which no current tool writes.
pub(crate) fn pkcs12_pbe(oid: &Oid) -> Option<Result<Pkcs12Pbe, &'static str>> {
    let last = oid.as_bytes().strip_prefix(PKCS12_PBE_ARC)?;
    Some(match last {
        [1 | 2] => Err("PKCS#12 PBE with RC4 is not supported; re-export with AES"),
        [3] => Ok(Pkcs12Pbe::Des3),
        [4] => Ok(Pkcs12Pbe::Des2),
        [5] => Ok(Pkcs12Pbe::Rc2With128),
        [6] => Ok(Pkcs12Pbe::Rc2With40),
        _ => Err("unknown PKCS#12 PBE"),
    })
}

/// The hash of the PKCS#12 KDF: SHA-1 for the PBEs, the MAC's hash for the MAC key (RFC 7292
/// Appendix B.4, as OpenSSL's `PKCS12_key_gen` and RFC 9579 §1 use it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
// The SHA-2 ones serve only the MAC of a PKCS#12 file (feature `pkcs12`).
#[cfg_attr(not(feature = "pkcs12"), allow(dead_code))]
pub(crate) enum Pkcs12Hash {
    /// SHA-1 (u = 20, v = 64).
    Sha1,
    /// SHA-256 (u = 32, v = 64).
    Sha256,
    /// SHA-384 (u = 48, v = 128).
    Sha384,
    /// SHA-512 (u = 64, v = 128).
    Sha512,
}

/// PKCS#12 KDF iterations of SHA-1 per cost unit. One iteration hashes the previous 20-byte output:
/// one SHA-1 compression of a single padded block, 0.070 µs in the wasm build in Node (sha1 at
/// opt-level 3, Cargo.toml), against 0.35 µs per unit of PBKDF2-HMAC-SHA256 (0.69 µs per
/// iteration, 2 units: docs/PERFORMANCE.md). Six iterations per unit (0.42 µs) keeps the unit's
/// time within 20% of PBKDF2's, and a Firefox export (600,000 iterations for the MAC, the RC2
/// certificates' key and IV and the 3DES key's three blocks: 3.6 M) costs 600,000 units, the
/// default budget: the whole file opens in 0.41–0.44 s in Node (tests/fixtures/pfx/firefox-like.p12).
pub(crate) const PKCS12_ITERATIONS_PER_UNIT: u64 = 6;

impl Pkcs12Hash {
    /// Output bytes (u).
    pub(crate) const fn output_len(self) -> usize {
        match self {
            Pkcs12Hash::Sha1 => 20,
            Pkcs12Hash::Sha256 => 32,
            Pkcs12Hash::Sha384 => 48,
            Pkcs12Hash::Sha512 => 64,
        }
    }

    /// The work of deriving `out_len` bytes with `iterations`, in [`DEFAULT_MAX_KDF_COST`]'s units:
    /// one compression per iteration and output block, a SHA-1 compression priced at
    /// 1/[`PKCS12_ITERATIONS_PER_UNIT`] unit, SHA-256 at one, SHA-384/512 at two (as in PBKDF2).
    pub(crate) fn cost(self, iterations: u64, out_len: usize) -> u64 {
        let blocks = u64::try_from(out_len.div_ceil(self.output_len())).unwrap_or(u64::MAX);
        let work = iterations.saturating_mul(blocks);
        match self {
            Pkcs12Hash::Sha1 => work.div_ceil(PKCS12_ITERATIONS_PER_UNIT),
            Pkcs12Hash::Sha256 => work,
            Pkcs12Hash::Sha384 | Pkcs12Hash::Sha512 => work.saturating_mul(2),
        }
    }

    /// The PKCS#12 key derivation function (RFC 7292 Appendix B.2). `password` is the BMPString
    /// with its two terminating zero bytes (or none at all: the "absent" password some writers
    /// use); `id`: 1 key material, 2 IV, 3 MAC key.
    pub(crate) fn derive(
        self,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
        id: u8,
        out: &mut [u8],
    ) {
        // One loop for the four hashes (a generic one per hash cost ~1 KiB gzip of the package);
        // only the hash call differs.
        let (hash, v): (HashFn, usize) = match self {
            Pkcs12Hash::Sha1 => (digest::<sha1::Sha1>, 64),
            Pkcs12Hash::Sha256 => (digest::<sha2::Sha256>, 64),
            Pkcs12Hash::Sha384 => (digest::<sha2::Sha384>, 128),
            Pkcs12Hash::Sha512 => (digest::<sha2::Sha512>, 128),
        };
        kdf(hash, self, v, password, salt, iterations, id, out);
    }
}

/// A hash of the concatenation of the parts, written to the front of `out`.
type HashFn = fn(&[&[u8]], &mut [u8]);

fn digest<D: sha2::Digest>(parts: &[&[u8]], out: &mut [u8]) {
    let mut d = D::new();
    for p in parts {
        d.update(p);
    }
    let mut h = d.finalize();
    for (o, x) in out.iter_mut().zip(h.iter()) {
        *o = *x;
    }
    h.as_mut_slice().zeroize();
}

/// `s` repeated to the next multiple of `v` bytes (RFC 7292 B.2 steps 2–3; empty stays empty).
fn fill(s: &[u8], v: usize, into: &mut Vec<u8>) {
    let n = v.saturating_mul(s.len().div_ceil(v));
    into.extend(s.iter().cycle().take(n));
}

/// `a ← SHA-1ⁿ(a)` with the compression function on one padded block: the 20-byte message, `0x80`,
/// zeros and its bit length 160 (FIPS 180-4 §5.1.1), 3–4× faster than a hasher per iteration.
fn sha1_iterate(a: &mut [u8], n: u32) {
    const H0: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut block = Zeroizing::new([0u8; 64]);
    let (msg, pad) = block.split_at_mut(20);
    if let Some(p) = pad.first_mut() {
        *p = 0x80;
    }
    if let Some(len) = pad.last_mut() {
        *len = 160;
    }
    msg.copy_from_slice(a.get(..20).unwrap_or(&[0; 20]));
    let mut state = Zeroizing::new(H0);
    for _ in 0..n {
        *state = H0;
        sha1::block_api::compress(&mut state, core::slice::from_ref(&*block));
        let (msg, _) = block.split_at_mut(20);
        for (o, w) in msg.chunks_exact_mut(4).zip(state.iter()) {
            o.copy_from_slice(&w.to_be_bytes());
        }
    }
    let (msg, _) = block.split_at(20);
    for (o, x) in a.iter_mut().zip(msg) {
        *o = *x;
    }
}

#[allow(clippy::too_many_arguments)]
fn kdf(
    hash: HashFn,
    which: Pkcs12Hash,
    v: usize,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    id: u8,
    out: &mut [u8],
) {
    let u = which.output_len();
    let mut i_buf = Zeroizing::new(Vec::new());
    fill(salt, v, &mut i_buf);
    fill(password, v, &mut i_buf);
    let d = [id; 128];
    let d = d.get(..v).unwrap_or_default();
    let mut a_buf = Zeroizing::new([0u8; 64]);
    let mut next_buf = Zeroizing::new([0u8; 64]);
    let a = a_buf.get_mut(..u).unwrap_or_default();
    let next = next_buf.get_mut(..u).unwrap_or_default();
    let mut b: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::with_capacity(v));
    for chunk in out.chunks_mut(u) {
        hash(&[d, &i_buf], a);
        if which == Pkcs12Hash::Sha1 {
            sha1_iterate(a, iterations.saturating_sub(1));
        } else {
            for _ in 1..iterations {
                hash(&[a], next);
                a.copy_from_slice(next);
            }
        }
        for (o, x) in chunk.iter_mut().zip(a.iter()) {
            *o = *x;
        }
        // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes (constant time: no branch on
        // the bytes).
        b.clear();
        b.extend(a.iter().cycle().take(v));
        for block in i_buf.chunks_mut(v) {
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum.to_le_bytes()[0];
                carry = sum >> 8;
            }
        }
    }
}

/// The BMPString of a password with its two terminating zero bytes (RFC 7292 B.1): UTF-16BE.
pub(crate) fn bmp_password(passphrase: &str) -> Zeroizing<Vec<u8>> {
    let mut password = Zeroizing::new(Vec::with_capacity(passphrase.len().saturating_mul(2) + 2));
    for unit in passphrase.encode_utf16().chain([0]) {
        password.extend_from_slice(&unit.to_be_bytes());
    }
    password
}

/// `pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }` (RFC 7292 Appendix C).
fn pbe_params<'a>(alg: &AlgorithmId<'a>) -> Result<(&'a [u8], u32), KeyError> {
    const BAD: KeyError = KeyError::UnsupportedEncryption("invalid PKCS#12 PBE parameters");
    let params = alg.parameters.ok_or(BAD)?;
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
    Ok((salt, iterations))
}

/// The work of a PKCS#12 PBE: the KDF for the key and for the IV.
pub(crate) fn pkcs12_pbe_cost(alg: &AlgorithmId<'_>, pbe: Pkcs12Pbe) -> Result<u64, KeyError> {
    let (_, iterations) = pbe_params(alg)?;
    let i = u64::from(iterations);
    Ok(Pkcs12Hash::Sha1
        .cost(i, pbe.key_len())
        .saturating_add(Pkcs12Hash::Sha1.cost(i, 8)))
}

/// Decrypts data encrypted with a PKCS#12 PBE: key and IV from the PKCS#12 KDF with SHA-1 (RFC
/// 7292 B.2) over `password` (see [`Pkcs12Hash::derive`]). `Ok(None)`: the padding is wrong (a
/// wrong password).
pub(crate) fn decrypt_pkcs12_pbe(
    alg: &AlgorithmId<'_>,
    pbe: Pkcs12Pbe,
    data: &[u8],
    password: &[u8],
    max_kdf_cost: u64,
) -> Result<Option<Zeroizing<Vec<u8>>>, KeyError> {
    let (salt, iterations) = pbe_params(alg)?;
    let cost = pkcs12_pbe_cost(alg, pbe)?;
    if cost > max_kdf_cost {
        return Err(KeyError::KdfTooCostly {
            scheme: pbe.name(),
            cost,
            budget: max_kdf_cost,
        });
    }
    let mut key = Zeroizing::new([0u8; 24]);
    let key = key.get_mut(..pbe.key_len()).unwrap_or_default();
    let mut iv = Zeroizing::new([0u8; 8]);
    Pkcs12Hash::Sha1.derive(password, salt, iterations, 1, key);
    Pkcs12Hash::Sha1.derive(password, salt, iterations, 2, &mut *iv);
    let mut plain = Zeroizing::new(data.to_vec());
    let len = match pbe {
        Pkcs12Pbe::Des3 => CbcCipher::DesEde3.decrypt(key, &*iv, &mut plain),
        Pkcs12Pbe::Des2 => {
            let mut k3 = Zeroizing::new([0u8; 24]);
            let (k12, k1) = k3.split_at_mut(16);
            k12.copy_from_slice(key);
            k1.copy_from_slice(key.get(..8).unwrap_or_default());
            CbcCipher::DesEde3.decrypt(&*k3, &*iv, &mut plain)
        }
        Pkcs12Pbe::Rc2With128 | Pkcs12Pbe::Rc2With40 => {
            // The effective key length is the key's (RFC 2268 §2: T1 = 8·T for these two).
            let cipher = rc2::Rc2::new_with_eff_key_len(key, pbe.key_len().saturating_mul(8));
            cbc_decrypt_with(cipher, &*iv, &mut plain)
        }
    };
    Ok(len.map(|len| {
        plain.truncate(len);
        plain
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::hex;
    use alloc::vec;

    /// Vectors from OpenSSL 3.0's implementation, `openssl kdf -keylen L -kdfopt digest:H
    /// -kdfopt hexpass:P -kdfopt hexsalt:S -kdfopt iter:N -kdfopt id:I PKCS12KDF`, P the
    /// BMPString with its terminator ("smeg", "queeg"), `0000` (empty) and empty (absent). The first
    /// two are also BouncyCastle's PKCS12Test vectors.
    #[test]
    fn pkcs12_kdf_known_vectors() {
        type Case<'a> = (Pkcs12Hash, &'a [u8], &'a str, u32, u8, &'a str);
        let cases: [Case<'_>; 10] = [
            (
                Pkcs12Hash::Sha1,
                &bmp_password("smeg"),
                "0a58cf64530d823f",
                1,
                1,
                "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3",
            ),
            (
                Pkcs12Hash::Sha1,
                &bmp_password("smeg"),
                "0a58cf64530d823f",
                1,
                2,
                "79993dfe048d3b76",
            ),
            (
                Pkcs12Hash::Sha1,
                &bmp_password("smeg"),
                "642b99ab44fb4b1f",
                1,
                3,
                "a93eeaaabac1a7887b816a5e432f714ee7775c9b",
            ),
            (
                Pkcs12Hash::Sha1,
                &bmp_password("queeg"),
                "05deb4da97d7f7c3",
                1000,
                1,
                "2b2f8a8f9a0b0327be0e4accb7e6a6755c0ed41090e78c58",
            ),
            (
                Pkcs12Hash::Sha1,
                &bmp_password("queeg"),
                "05deb4da97d7f7c3",
                1000,
                2,
                "cf387edc688aa57c",
            ),
            (
                Pkcs12Hash::Sha1,
                &bmp_password("queeg"),
                "1682c0fc5b3f7ec5",
                1000,
                3,
                "022db40d747da404972b3144296ba4b80a96b1f3",
            ),
            (
                Pkcs12Hash::Sha512,
                &bmp_password("queeg"),
                "1682c0fc5b3f7ec5",
                1000,
                3,
                "443b0786aed10e1e2017055e346adeaacef6b2488eb7370bdf30ea3b32c1503b45474ac48d589f8fe9993ccab862289dbe89da2d0a941450c1b2ce41189ebf7d",
            ),
            (
                Pkcs12Hash::Sha256,
                &bmp_password("queeg"),
                "1682c0fc5b3f7ec5",
                1000,
                3,
                "2886c84718145a841a2efe4a91a5e48d50f53b8debc34f9883818ccf638e58d3",
            ),
            (
                Pkcs12Hash::Sha1,
                &bmp_password(""),
                "1682c0fc5b3f7ec5",
                1000,
                1,
                "ffb4c0ac97731ad7e12a9bc026be012f1e5e2b08bef65de3",
            ),
            (
                Pkcs12Hash::Sha1,
                &[],
                "1682c0fc5b3f7ec5",
                1000,
                1,
                "008a8dca33646243b1a8b148a914e90417d412bdbea41099",
            ),
        ];
        for (hash, pass, salt, iter, id, want) in cases {
            let want = hex(want);
            let mut out = vec![0u8; want.len()];
            hash.derive(pass, &hex(salt), iter, id, &mut out);
            assert_eq!(out, want, "{hash:?} {salt} {iter} {id}");
        }
    }

    /// The fast SHA-1 iteration equals the hasher's.
    #[test]
    fn sha1_iteration_matches_the_hasher() {
        use sha1::Digest;
        let mut a = [7u8; 20];
        let mut b = a;
        sha1_iterate(&mut a, 5);
        for _ in 0..5 {
            let h = sha1::Sha1::digest(b);
            b.copy_from_slice(&h);
        }
        assert_eq!(a, b);
        sha1_iterate(&mut a, 0);
        assert_eq!(a, b);
    }

    /// RFC 2268 §5 test vectors for the effective key lengths PKCS#12 uses (64-bit key, 64
    /// effective bits; 16-byte key, 128 effective bits), through the `rc2` crate as we call it.
    #[test]
    fn rc2_rfc2268_vectors() {
        use cbc::cipher::{Block, BlockCipherEncrypt};
        let cases = [
            (
                "ffffffffffffffff",
                64,
                "ffffffffffffffff",
                "278b27e42e2f0d49",
            ),
            (
                "3000000000000000",
                64,
                "1000000000000001",
                "30649edf9be7d2c2",
            ),
            (
                "88bca90e90875a7f0f79c384627bafb2",
                128,
                "0000000000000000",
                "2269552ab0f85ca6",
            ),
            (
                "88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e",
                129,
                "0000000000000000",
                "5b78d3a43dfff1f1",
            ),
        ];
        for (key, bits, plain, cipher) in cases {
            let c = rc2::Rc2::new_with_eff_key_len(&hex(key), bits);
            let mut block = Block::<rc2::Rc2>::try_from(hex(plain).as_slice()).unwrap();
            c.encrypt_block(&mut block);
            assert_eq!(block.to_vec(), hex(cipher), "{key}");
        }
    }

    #[test]
    fn pbe_oids_and_costs() {
        let oid = |s: &str| Oid::new_unwrap(s);
        assert_eq!(
            pkcs12_pbe(&oid("1.2.840.113549.1.12.1.6")),
            Some(Ok(Pkcs12Pbe::Rc2With40))
        );
        assert!(
            matches!(pkcs12_pbe(&oid("1.2.840.113549.1.12.1.1")), Some(Err(m)) if m.contains("RC4"))
        );
        assert_eq!(pkcs12_pbe(&oid("1.2.840.113549.1.5.13")), None);
        // 600,000 SHA-1 iterations: the MAC (20 bytes) 100,000 units, a 3DES bag 300,000 (key 2
        // blocks, IV 1), an RC2-40 bag 200,000: a Firefox export is the default budget.
        let sha1 = |i, n| Pkcs12Hash::Sha1.cost(i, n);
        assert_eq!(sha1(600_000, 20), 100_000);
        assert_eq!(sha1(600_000, 24) + sha1(600_000, 8), 300_000);
        assert_eq!(sha1(600_000, 5) + sha1(600_000, 8), 200_000);
        assert_eq!(Pkcs12Hash::Sha512.cost(2048, 64), 4096);
    }
}
