//! DSA keys: structural consistency (FIPS 186-4 §4.1, §4.5) and the match y = gˣ mod p.

use super::*;

/// Largest DSA `p` we do modular exponentiation with (bits).
pub(super) const MAX_DSA_P_BITS: u32 = 16_384;

/// Largest DSA `q` (FIPS 186-4 uses 160, 224 and 256 bits).
pub(super) const MAX_DSA_Q_BITS: u32 = 512;

/// DSA consistency (FIPS 186-4 §4.1 / §4.5, structural): p odd, 1 < q < p, q | p−1, 1 < g < p,
/// g^q ≡ 1 (mod p), 0 < x < q. Parameters beyond [`MAX_DSA_P_BITS`] / [`MAX_DSA_Q_BITS`] are not
/// checked (no provider takes DSA at all; the bound only caps the work on hostile input).
pub(super) fn check_dsa(k: &DsaKey) -> Result<(), &'static str> {
    const BAD: &str = "the DSA domain parameters are malformed";
    const BAD_X: &str = "the DSA private key x is not in (0, q)";
    let p_bits = bit_len(&k.p);
    let q_bits = bit_len(&k.q);
    // A bound refuses, it never skips the check (a skipped check would let the key pass).
    if p_bits > MAX_DSA_P_BITS || q_bits > MAX_DSA_Q_BITS {
        return Err(
            "its DSA parameters are beyond the sizes that can be checked (p ≤ 16,384 bits, q ≤ 512 bits)",
        );
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
    // x's range by crypto-bigint's constant-time `is_zero` and `Ord` (p, q and g are public).
    if bool::from(x.is_zero()) || *x >= *q {
        return Err(BAD_X);
    }
    Ok(())
}

/// y = g^x mod p compared with the certificate's y (RFC 3279 §2.3.2).
pub(super) fn match_dsa(k: &DsaKey, spki: &Spki<'_>) -> Match {
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

/// y = g^x mod p. Constant time in the secret x: crypto-bigint's `pow_mod` is
/// `BoxedMontyForm::pow`, a fixed 4-bit-window exponentiation whose window count follows the
/// exponent's *precision* (x is held at [`MAX_DSA_Q_BITS`] whatever its value), whose table entry
/// is picked by a constant-time scan of all 16 (`ct_assign`), and whose Montgomery products end in
/// a masked subtraction (crypto-bigint 0.7.11, `modular/pow.rs` `pow_montgomery_form_amm`). The
/// divisions here (`rem_vartime`) are on g and p, public domain parameters; `bit_len(x)` only
/// bounds the work and follows the encoded length.
pub(super) fn dsa_public(k: &DsaKey) -> Option<Box<[u8]>> {
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
    use super::*;
    use crate::key::test_util::*;

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
    fn oversized_dsa_parameters_are_refused_not_skipped() {
        let big = DsaKey {
            p: alloc::vec![0xff; 2050],
            q: alloc::vec![0x80; 32],
            g: alloc::vec![2],
            x: Zeroizing::new(alloc::vec![3]),
        };
        assert!(check_dsa(&big).is_err());
        let wide_q = DsaKey {
            p: alloc::vec![0xff; 256],
            q: alloc::vec![0xff; 65],
            g: alloc::vec![2],
            x: Zeroizing::new(alloc::vec![3]),
        };
        assert!(check_dsa(&wide_q).is_err());
    }
}
