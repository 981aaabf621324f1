//! RSA signature verification, RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2) and RSASSA-PSS (§8.1.2,
//! EMSA-PSS with MGF1 of the message hash), in **variable time**.
//!
//! Everything here is public: the issuer's key, the signature and the signed certificate. OpenSSL,
//! Go and node-forge verify with variable-time arithmetic for the same reason. This replaces the
//! `rsa` crate's constant-time verifier, which stays a dev-dependency and the oracle of the tests
//! below and of `tests/algorithms.rs`: on wasm32 it spent ~40 Montgomery products of 64-bit limbs
//! (each limb product a `__multi3` call) per e = 65537 signature, where this takes 17 products of
//! 32-bit limbs (wasm's native 64-bit multiply; 64-bit limbs on 64-bit targets).
//!
//! The arithmetic is `crate::arith::montgomery`'s (CIOS, Koç–Acar–Kaliski 1996), left-to-right
//! square-and-multiply over the public exponent.

use alloc::vec;
use alloc::vec::Vec;

use crate::arith::montgomery::{self, LIMB_BYTES, Limb, be_bytes, inverse_neg, less, limbs};
use crate::hash::Hash;

/// Moduli we verify with, in bits (as the `rsa` crate was told: 512..=16384).
const BITS: core::ops::RangeInclusive<u32> = 512..=16384;
/// Largest public exponent (the `rsa` crate's bound, 2³³ − 1).
const MAX_E: u64 = (1 << 33) - 1;

/// Why a key is not used.
pub(crate) const OUTSIDE: &str = "RSA key outside 512..16384 bits or exponent outside 2..2^33";
/// An exponent wider than 64 bits.
pub(crate) const E_TOO_LARGE: &str = "RSA public exponent too large";

/// An RSA public key ready for verification: n in limbs, −n⁻¹ mod 2^w, R² mod n (R = 2^(w·s)).
pub(crate) struct PublicKey {
    n: Vec<Limb>,
    n0: Limb,
    rr: Vec<Limb>,
    e: u64,
    /// The modulus's length in bytes (k) and bits.
    k: usize,
    bits: u32,
}

impl PublicKey {
    /// From the big-endian n and e of an `RSAPublicKey`; `Err` says why the key is not used.
    pub(crate) fn new(n: &[u8], e: &[u8]) -> Result<Self, &'static str> {
        let n = crate::asn1::strip(n);
        let e_bytes = crate::asn1::strip(e);
        if e_bytes.len() > 8 {
            return Err(E_TOO_LARGE);
        }
        let e = e_bytes.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b));
        let bits = crate::asn1::bit_len(n);
        let odd = n.last().is_some_and(|b| b & 1 == 1);
        // e < n holds whenever n has at least 512 bits and e ≤ 2³³ − 1.
        if !BITS.contains(&bits) || !odd || !(2..=MAX_E).contains(&e) {
            return Err(OUTSIDE);
        }
        let limbs_n = limbs(n, n.len().div_ceil(LIMB_BYTES));
        let mut key = PublicKey {
            n0: limbs_n.first().map_or(0, |&low| inverse_neg(low)),
            rr: Vec::new(),
            e,
            k: n.len(),
            bits,
            n: limbs_n,
        };
        key.rr = montgomery::r_squared(n, key.s()).ok_or(OUTSIDE)?;
        Ok(key)
    }

    fn s(&self) -> usize {
        self.n.len()
    }

    fn mul(&self, a: &[Limb], b: &[Limb]) -> Vec<Limb> {
        let mut t: Vec<Limb> = vec![0; self.s()];
        montgomery::mul(&mut t, a, b, &self.n, self.n0);
        t
    }

    /// s^e mod n as k big-endian bytes; `None` when s ≥ n (RFC 8017 §5.2.2 step 1).
    pub(crate) fn public_op(&self, signature: &[u8]) -> Option<Vec<u8>> {
        if signature.len() != self.k {
            return None;
        }
        let s = limbs(signature, self.s());
        if !less(&s, &self.n) {
            return None;
        }
        let base = self.mul(&s, &self.rr);
        let mut acc = base.clone();
        let mut squared: Vec<Limb> = vec![0; self.s()];
        let mut scratch: Vec<Limb> = vec![0; 2 * self.s()];
        for i in (0..63 - self.e.leading_zeros()).rev() {
            montgomery::square(&mut squared, &mut scratch, &acc, &self.n, self.n0);
            core::mem::swap(&mut acc, &mut squared);
            if self.e >> i & 1 == 1 {
                acc = self.mul(&acc, &base);
            }
        }
        let mut one: Vec<Limb> = vec![0; self.s()];
        if let Some(low) = one.first_mut() {
            *low = 1;
        }
        Some(be_bytes(&self.mul(&acc, &one), self.k))
    }

    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2): EM = 00 01 FF…FF 00 DigestInfo(hash, digest), at
    /// least eight FF bytes, compared whole.
    pub(crate) fn verify_pkcs1(&self, hash: Hash, digest: &[u8], signature: &[u8]) -> bool {
        let Some(em) = self.public_op(signature) else {
            return false;
        };
        let prefix = digest_info(hash);
        let t_len = prefix.len() + digest.len();
        let Some(ff) = self.k.checked_sub(t_len + 3).filter(|ff| *ff >= 8) else {
            return false;
        };
        let mut expected = Vec::with_capacity(self.k);
        expected.extend_from_slice(&[0, 1]);
        expected.resize(2 + ff, 0xff);
        expected.push(0);
        expected.extend_from_slice(prefix);
        expected.extend_from_slice(digest);
        em == expected
    }

    /// RSASSA-PSS (RFC 8017 §8.1.2, EMSA-PSS-VERIFY §9.1.2) with MGF1 of `hash` and exactly
    /// `salt` bytes of salt.
    pub(crate) fn verify_pss(
        &self,
        hash: Hash,
        digest: &[u8],
        signature: &[u8],
        salt: usize,
    ) -> bool {
        let Some(m) = self.public_op(signature) else {
            return false;
        };
        // emBits = modBits − 1; EM = I2OSP(m, emLen), which fails when m needs more bytes.
        let em_bits = self.bits - 1;
        let em_len = em_bits.div_ceil(8) as usize;
        let Some((extra, em)) = m.split_at_checked(self.k - em_len) else {
            return false;
        };
        let h_len = digest.len();
        let Some(db_len) = em_len.checked_sub(h_len + 1) else {
            return false;
        };
        if extra.iter().any(|b| *b != 0)
            || em_len < h_len.saturating_add(salt).saturating_add(2)
            || em.last() != Some(&0xbc)
        {
            return false;
        }
        let (masked_db, rest) = em.split_at(db_len);
        let h = rest.get(..h_len).unwrap_or_default();
        // The 8·emLen − emBits leftmost bits of maskedDB must be zero.
        let unused = 8 * em_len as u32 - em_bits;
        let high_mask = 0xffu8.checked_shr(unused).unwrap_or(0);
        if masked_db.first().is_some_and(|b| b & !high_mask != 0) {
            return false;
        }
        let mut db: Vec<u8> = masked_db
            .iter()
            .zip(mgf1(hash, h, db_len))
            .map(|(a, b)| a ^ b)
            .collect();
        if let Some(first) = db.first_mut() {
            *first &= high_mask;
        }
        // DB = PS (zeros) ‖ 01 ‖ salt.
        let ps = db_len - salt - 1;
        let (padding, salt_bytes) = db.split_at(ps);
        if padding.iter().any(|b| *b != 0) || salt_bytes.first() != Some(&1) {
            return false;
        }
        let mut m_prime = vec![0u8; 8];
        m_prime.extend_from_slice(digest);
        m_prime.extend_from_slice(salt_bytes.get(1..).unwrap_or_default());
        hash.digest(&m_prime) == h
    }
}

/// MGF1 (RFC 8017 B.2.1): `len` bytes of Hash(seed ‖ counter) blocks.
fn mgf1(hash: Hash, seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 64);
    let mut input = seed.to_vec();
    input.extend_from_slice(&[0; 4]);
    let mut counter = 0u32;
    while out.len() < len {
        if let Some(tail) = input.last_chunk_mut::<4>() {
            *tail = counter.to_be_bytes();
        }
        out.extend_from_slice(&hash.digest(&input));
        counter = counter.wrapping_add(1);
    }
    out.truncate(len);
    out
}

/// The DER DigestInfo prefix before the digest (RFC 8017 §9.2, note 1).
fn digest_info(hash: Hash) -> &'static [u8] {
    match hash {
        Hash::Sha1 => &[
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ],
        Hash::Sha224 => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x04, 0x05, 0x00, 0x04, 0x1c,
        ],
        Hash::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        Hash::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        Hash::Sha512 => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::verify::{Scheme, Verdict, scheme, verify_rsa};

    /// The verdict of the `rsa` crate's constant-time verifier (what this module replaced), or
    /// `None` when it does not take the key.
    fn oracle(scheme: Scheme, digest: &[u8], signature: &[u8], n: &[u8], e: &[u8]) -> Option<bool> {
        use ::rsa::{BoxedUint, pkcs1v15::Pkcs1v15Sign, pss::Pss};
        use sha1::Sha1;
        use sha2::{Sha224, Sha256, Sha384, Sha512};
        let precision = crate::asn1::bit_len(n).div_ceil(64) * 64;
        let n = BoxedUint::from_be_slice(n, precision).ok()?;
        let e = BoxedUint::from_be_slice(e, 64).ok()?;
        let key = ::rsa::PublicKey::new_with_size_limits(n, e, 512..=16384).ok()?;
        let ok = match scheme {
            Scheme::RsaPkcs1(Hash::Sha1) => {
                key.verify(Pkcs1v15Sign::new::<Sha1>(), digest, signature)
            }
            Scheme::RsaPkcs1(Hash::Sha224) => {
                key.verify(Pkcs1v15Sign::new::<Sha224>(), digest, signature)
            }
            Scheme::RsaPkcs1(Hash::Sha256) => {
                key.verify(Pkcs1v15Sign::new::<Sha256>(), digest, signature)
            }
            Scheme::RsaPkcs1(Hash::Sha384) => {
                key.verify(Pkcs1v15Sign::new::<Sha384>(), digest, signature)
            }
            Scheme::RsaPkcs1(Hash::Sha512) => {
                key.verify(Pkcs1v15Sign::new::<Sha512>(), digest, signature)
            }
            Scheme::RsaPss { hash, salt } => match hash {
                Hash::Sha1 => key.verify(Pss::<Sha1>::new_with_salt(salt), digest, signature),
                Hash::Sha224 => key.verify(Pss::<Sha224>::new_with_salt(salt), digest, signature),
                Hash::Sha256 => key.verify(Pss::<Sha256>::new_with_salt(salt), digest, signature),
                Hash::Sha384 => key.verify(Pss::<Sha384>::new_with_salt(salt), digest, signature),
                Hash::Sha512 => key.verify(Pss::<Sha512>::new_with_salt(salt), digest, signature),
            },
            Scheme::Ecdsa(_) | Scheme::Ed25519 => return None,
        };
        Some(ok.is_ok())
    }

    /// Ours against the `rsa` crate on every RSA-signed certificate of the fixture corpus with
    /// every RSA certificate named as its issuer (impostors included), on the signature as signed
    /// and damaged (a bit flipped at each end, s = n − 1, s = 0, one byte short, a PSS salt length
    /// off by one), and the public operation itself against crypto-bigint's `pow`.
    #[test]
    fn agrees_with_the_rsa_crate_on_the_corpus() {
        use crate::cert::Signed;
        use p256::elliptic_curve::bigint::{
            BoxedUint, Odd,
            modular::{BoxedMontyForm, BoxedMontyParams},
        };
        let certs = crate::cert::verify::tests::corpus_certificates();
        let parsed: Vec<_> = certs
            .iter()
            .map(|d| crate::cert::Cert::parse(d).unwrap())
            .collect();
        let (mut valid, mut invalid, mut pss, mut powers) = (0, 0, 0, 0);
        for (der, cert) in certs.iter().zip(&parsed) {
            let Ok(signed) = Signed::parse(der) else {
                continue;
            };
            let (Ok(scheme @ (Scheme::RsaPkcs1(_) | Scheme::RsaPss { .. })), Some(signature)) =
                (scheme(&signed.algorithm), signed.signature)
            else {
                continue;
            };
            let hash = match scheme {
                Scheme::RsaPkcs1(h) | Scheme::RsaPss { hash: h, .. } => h,
                _ => unreachable!(),
            };
            let digest = hash.digest(signed.tbs.raw);
            for issuer in parsed.iter().filter(|i| cert.named_issuer_is(i)) {
                let Some((n, e)) = issuer
                    .spki()
                    .and_then(|k| crate::alg::rsa_public_key(k.key))
                else {
                    continue;
                };
                let mut flipped_first = signature.to_vec();
                flipped_first[0] ^= 0x40;
                let mut flipped_last = signature.to_vec();
                *flipped_last.last_mut().unwrap() ^= 1;
                let mut n_minus_1 = crate::asn1::strip(n).to_vec();
                *n_minus_1.last_mut().unwrap() ^= 1;
                let zero = vec![0u8; signature.len()];
                let mut schemes = vec![scheme];
                if let Scheme::RsaPss { hash, salt } = scheme {
                    schemes.push(Scheme::RsaPss {
                        hash,
                        salt: salt + 1,
                    });
                    schemes.push(Scheme::RsaPss {
                        hash,
                        salt: salt.saturating_sub(1),
                    });
                }
                for scheme in schemes {
                    for sig in [
                        signature,
                        &flipped_first,
                        &flipped_last,
                        &n_minus_1,
                        &zero,
                        &signature[1..],
                    ] {
                        let ours = verify_rsa(scheme, &digest, sig, issuer.spki().unwrap().key);
                        let theirs = oracle(scheme, &digest, sig, n, e);
                        match (ours, theirs) {
                            (Verdict::Valid, Some(true)) => {
                                valid += 1;
                                pss += usize::from(matches!(scheme, Scheme::RsaPss { .. }));
                            }
                            (Verdict::Invalid, Some(false)) => invalid += 1,
                            (Verdict::Unsupported(_), None) => {}
                            other => panic!("{:?} ours/theirs {other:?}", cert.info.subject),
                        }
                    }
                }
                // The public operation on the signature (any value below n) against crypto-bigint.
                if let Ok(key) = PublicKey::new(n, e) {
                    let bits = crate::asn1::bit_len(n).div_ceil(64) * 64;
                    let modulus = Odd::new(BoxedUint::from_be_slice(n, bits).unwrap()).unwrap();
                    let params = BoxedMontyParams::new_vartime(modulus);
                    let s = BoxedUint::from_be_slice(signature, bits);
                    let below_n = s.ok().filter(|s| s < params.modulus().as_ref());
                    let Some(s) = below_n.filter(|_| signature.len() == key.k) else {
                        assert_eq!(key.public_op(signature), None);
                        continue;
                    };
                    let e_big = BoxedUint::from_be_slice(e, 64).unwrap();
                    let want = BoxedMontyForm::new(s, &params).pow(&e_big).retrieve();
                    let want = be_bytes(&limbs(&want.to_be_bytes(), key.s()), key.k);
                    assert_eq!(key.public_op(signature), Some(want));
                    powers += 1;
                }
            }
        }
        // The corpus holds RSA-2048/4096 PKCS#1 v1.5 and PSS chains, impostors and real-world CAs.
        assert!(
            valid >= 100 && pss >= 9 && invalid >= 500 && powers >= 100,
            "{valid} valid ({pss} PSS), {invalid} invalid, {powers} powers"
        );
        std::println!("{valid} valid ({pss} PSS), {invalid} invalid, {powers} powers");
    }

    /// s^e mod n against crypto-bigint's constant-time `pow` for odd moduli of awkward sizes (a
    /// partial top limb, one bit over a limb, an odd number of limbs) and the extreme exponents.
    #[test]
    fn public_operation_matches_crypto_bigint() {
        use p256::elliptic_curve::bigint::{
            BoxedUint, Odd,
            modular::{BoxedMontyForm, BoxedMontyParams},
        };
        let stream = |seed: u32, len| crate::cert::verify::tests::stream(&seed.to_be_bytes(), len);
        let mut checked = 0;
        for (seed, bits) in (0u32..).zip([
            512u32, 513, 520, 544, 1023, 1025, 1056, 2047, 2049, 3072, 4097,
        ]) {
            let len = bits.div_ceil(8) as usize;
            let mut n = stream(seed, len);
            n[0] &= 0xff >> (len as u32 * 8 - bits);
            n[0] |= 0x80 >> (len as u32 * 8 - bits);
            *n.last_mut().unwrap() |= 1;
            let precision = bits.div_ceil(64) * 64;
            let params = BoxedMontyParams::new_vartime(
                Odd::new(BoxedUint::from_be_slice(&n, precision).unwrap()).unwrap(),
            );
            for e in [2u64, 3, 65_537, (1 << 33) - 1] {
                let key = PublicKey::new(&n, &e.to_be_bytes()).unwrap();
                for round in 0..4 {
                    let mut s = stream(seed * 100 + round, len);
                    s[0] %= n[0].max(1); // below n
                    let want = BoxedMontyForm::new(
                        BoxedUint::from_be_slice(&s, precision).unwrap(),
                        &params,
                    )
                    .pow(&BoxedUint::from(e))
                    .retrieve();
                    let want = be_bytes(&limbs(&want.to_be_bytes(), key.s()), key.k);
                    assert_eq!(key.public_op(&s), Some(want), "{bits} bits, e = {e}");
                    checked += 1;
                }
                // n itself, and n − 1 (the largest value taken).
                assert_eq!(key.public_op(&n), None);
            }
        }
        assert_eq!(checked, 11 * 4 * 4);
    }

    #[test]
    fn keys_outside_the_bounds_are_not_used() {
        let n = [&[0x80u8][..], &[0x11; 63], &[0x01]].concat(); // 520 bits, odd
        assert!(PublicKey::new(&n, &[1, 0, 1]).is_ok());
        assert_eq!(PublicKey::new(&n, &[1]).err(), Some(OUTSIDE));
        assert_eq!(PublicKey::new(&n, &[2, 0, 0, 0, 0]).err(), Some(OUTSIDE)); // 2³³
        assert_eq!(PublicKey::new(&n, &[1; 9]).err(), Some(E_TOO_LARGE));
        let even = [&n[..64], &[0x02]].concat();
        assert_eq!(PublicKey::new(&even, &[3]).err(), Some(OUTSIDE));
        assert_eq!(PublicKey::new(&n[1..], &[3]).err(), Some(OUTSIDE)); // 512 bits - 8
        let huge = [&[0x01u8][..], &[0; 2047], &[0x01]].concat(); // 16385 bits, odd
        assert_eq!(PublicKey::new(&huge, &[3]).err(), Some(OUTSIDE));
    }
}
