//! RSA keys: internal consistency (RFC 8017 §3.2) and bounds.

use super::*;
use core::cmp::Ordering;
use p256::elliptic_curve::bigint::ConcatenatingMul;

/// Largest RSA modulus we accept (bits). Far above anything a provider takes; it only bounds the
/// arithmetic `check_consistency` does on hostile input.
pub(super) const MAX_RSA_BITS: u32 = 65_536;

/// Most additional primes we check in a multi-prime RSA key (RFC 8017 A.1.2 `OtherPrimeInfos`).
pub(super) const MAX_OTHER_PRIMES: usize = 16;

/// RSA consistency, RFC 8017 §3.2 and A.1.2: p·q(·r…) = n, dP = d mod (p−1), dQ = d mod (q−1),
/// e·d ≡ 1 (mod r−1) for every prime r, qInv·q ≡ 1 (mod p) and each tᵢ the inverse of the
/// product of the earlier primes mod rᵢ; n odd, 1 < e < n.
///
/// Constant time in the private values (SPEC, Non-negotiables): the products are crypto-bigint's
/// `concatenating_mul`, the remainders its constant-time `rem` (never `rem_vartime`, whose time
/// follows the divisor's value), the comparisons its constant-time `Ord`/`PartialEq`; each value
/// is held at the precision of its encoding (`tight`). `bit_len` and the precision of each value
/// depend on the encoded lengths, which the DER shows anyway (big integers are kept without
/// leading zero bytes, so only the top byte's bits are more), and decide only whether the key is
/// refused before any arithmetic.
pub(super) fn check_rsa(k: &RsaKey) -> Result<(), &'static str> {
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
    // be n (a cheap refusal before any multiplication, which also bounds the product's size).
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

    // Every value at its own size (products widen, remainders take the divisor's): the
    // arithmetic is on 1024-bit halves of an RSA-2048 key, not on 4224-bit containers.
    let fit = |bytes: &[u8]| tight(bytes).ok_or(BAD);
    let n = fit(&k.n)?;
    let e = fit(&k.e)?;
    let d = fit(&k.d)?;
    let one = BoxedUint::one();
    // p, q, then the other primes, each read once.
    let primes = primes
        .iter()
        .map(|r| fit(r))
        .collect::<Result<Vec<Secret>, _>>()?;
    let (Some(p), Some(q)) = (primes.first(), primes.get(1)) else {
        return Err(BAD);
    };

    // Product of all primes.
    let mut product = Zeroizing::new(p.concatenating_mul(&**q));
    for r in primes.iter().skip(2) {
        product = Zeroizing::new(product.concatenating_mul(&**r));
    }
    if !same(&product, &n) {
        return Err(if k.others.is_empty() {
            "p·q is not the RSA modulus"
        } else {
            "the product of the RSA primes is not the modulus"
        });
    }

    let exps: Vec<&Zeroizing<Vec<u8>>> = [&k.dp, &k.dq]
        .into_iter()
        .chain(k.others.iter().map(|o| &o[1]))
        .collect();
    for (r, exp) in primes.iter().zip(exps) {
        let r1 = Zeroizing::new(r.wrapping_sub(&one));
        let r1 = nonzero(&r1).ok_or(BAD)?;
        // d mod (r−1) once: e·d ≡ e·(d mod (r−1)) (mod r−1), a product half as long to divide.
        let d_r = Zeroizing::new(d.rem(&r1));
        let ed = Zeroizing::new(e.concatenating_mul(&*d_r));
        if !same(&Zeroizing::new(ed.rem(&r1)), &one) {
            return Err("e·d ≢ 1 (mod p−1) for an RSA prime p: the private exponent is wrong");
        }
        if !same(&d_r, &*fit(exp)?) {
            return Err("an RSA CRT exponent (dP or dQ) is not d mod (p−1)");
        }
    }

    // qInv·q ≡ 1 (mod p), qInv < p.
    let qinv = fit(&k.qinv)?;
    let p_nz = nonzero(p).ok_or(BAD)?;
    let qinv_q = Zeroizing::new(qinv.concatenating_mul(&**q));
    if qinv.partial_cmp(&**p) != Some(Ordering::Less)
        || !same(&Zeroizing::new(qinv_q.rem(&p_nz)), &one)
    {
        return Err("the RSA CRT coefficient is not q⁻¹ mod p");
    }
    // Multi-prime: tᵢ·(r₁·…·rᵢ₋₁) ≡ 1 (mod rᵢ), RFC 8017 §3.2.
    let mut running = Zeroizing::new(p.concatenating_mul(&**q));
    for (other, r) in k.others.iter().zip(primes.iter().skip(2)) {
        let t = fit(&other[2])?;
        let r_nz = nonzero(r).ok_or(BAD)?;
        let reduced = Zeroizing::new(running.rem(&r_nz));
        let t_reduced = Zeroizing::new(t.concatenating_mul(&*reduced));
        if t.partial_cmp(&**r) != Some(Ordering::Less)
            || !same(&Zeroizing::new(t_reduced.rem(&r_nz)), &one)
        {
            return Err("a multi-prime RSA coefficient is not the inverse of the earlier primes");
        }
        running = Zeroizing::new(running.concatenating_mul(&**r));
    }
    Ok(())
}

/// Does the RSA key belong to the certificate's `RSAPublicKey`? n and e must be equal (the key's
/// own consistency, p·q = n and the rest, is [`check_rsa`]'s).
pub(super) fn match_rsa(k: &RsaKey, cert_key: &[u8]) -> Match {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

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

    /// A private exponent far shorter than p − 1 (the constant-time division with a dividend of
    /// fewer limbs than its divisor) is refused, never a panic.
    #[test]
    fn a_short_private_exponent_is_inconsistent() {
        let Material::Rsa(mut k) = key(RSA4096).material else {
            panic!("RSA4096 is an RSA key");
        };
        for d in [&[3u8][..], &[1, 0, 1], &[0xff; 9]] {
            k.d = Zeroizing::new(d.to_vec());
            assert!(check_rsa(&k).is_err(), "d = {d:02x?}");
        }
        k.dp = Zeroizing::new(alloc::vec![7]);
        assert!(check_rsa(&k).is_err());
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
}
