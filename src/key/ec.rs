//! EC keys (P-256, P-384, P-521, secp256k1, SM2): the scalar's range, the embedded public key, and
//! the match with a certificate by deriving the public point (SEC 1 §3.2.1).

use super::*;

/// Group orders of the curves we do not do arithmetic on, for the scalar range check (SEC 2 §2.4.1,
/// §2.7.1 [P-521 = secp521r1]; GM/T 0003.5 / GB/T 32918.5 for SM2).
pub(super) const ORDER_SECP256K1: &[u8] = &[
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

pub(super) const ORDER_SM2: &[u8] = &[
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b, 0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x23,
];

pub(super) const ORDER_P521: &[u8] = &[
    0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc, 0x01, 0x48, 0xf7, 0x09,
    0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c, 0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38,
    0x64, 0x09,
];

pub(super) const ORDER_P256: &[u8] = &[
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

pub(super) const ORDER_P384: &[u8] = &[
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
    0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
];

/// The scalar, left-padded to the curve's order length (the copy's work follows the lengths, which
/// the DER encoding shows, not the value).
pub(super) fn padded_scalar(k: &EcKey, len: usize) -> Option<Zeroizing<Vec<u8>>> {
    let pad = len.checked_sub(k.scalar.len())?;
    let mut out = Zeroizing::new(alloc::vec![0u8; pad]);
    out.extend_from_slice(&k.scalar);
    Some(out)
}

/// The group order of a curve, big-endian.
pub(super) const fn order(curve: Curve) -> &'static [u8] {
    match curve {
        Curve::P256 => ORDER_P256,
        Curve::P384 => ORDER_P384,
        Curve::P521 => ORDER_P521,
        Curve::Secp256k1 => ORDER_SECP256K1,
        Curve::Sm2 => ORDER_SM2,
    }
}

/// `04‖X‖Y` of the key's scalar times the generator, derived once per key (P-256/P-384 with the
/// p256/p384 crates, the others with `crate::arith::curves`' constant-time ladder); `None` for a
/// curve we do not know or a scalar outside [1, n−1]. Our own code touches the scalar only to
/// copy it (its length is the DER's) and for the constant-time range check.
pub(super) fn derived_point(k: &EcKey) -> Option<&[u8]> {
    k.derived
        .get_or_init(|| {
            let curve = k.curve?;
            let scalar = padded_scalar(k, order(curve).len())?;
            if !curves::scalar_in_range(&scalar, order(curve)) {
                return None;
            }
            match curve {
                Curve::P256 => p256::SecretKey::from_slice(&scalar)
                    .ok()
                    .map(|sk| sk.public_key().to_sec1_bytes().to_vec()),
                Curve::P384 => p384::SecretKey::from_slice(&scalar)
                    .ok()
                    .map(|sk| sk.public_key().to_sec1_bytes().to_vec()),
                Curve::P521 | Curve::Secp256k1 | Curve::Sm2 => {
                    curves::public_point(curve.params(), &scalar)
                }
            }
        })
        .as_deref()
}

/// EC consistency: scalar in [1, n−1] (SEC 1 §3.2.1); an embedded public key must be a point of
/// the curve and the scalar's point.
pub(super) fn check_ec(k: &EcKey) -> Result<(), &'static str> {
    const RANGE: &str = "the EC private scalar is not in [1, n−1]";
    const WRONG_PUB: &str = "the public key in the EC key file does not belong to its private key";
    let Some(curve) = k.curve else {
        return Ok(());
    };
    let order = order(curve);
    let scalar = padded_scalar(k, order.len()).ok_or(RANGE)?;
    if !curves::scalar_in_range(&scalar, order) {
        return Err(RANGE);
    }
    let Some(public) = &k.public else {
        return Ok(());
    };
    let (x, y) = curves::decode_point(curve.params(), public).map_err(|_| match curve {
        Curve::P256 => "the public key in the EC key file is not a valid P-256 point",
        Curve::P384 => "the public key in the EC key file is not a valid P-384 point",
        _ => "the public key in the EC key file is not a valid point of its curve",
    })?;
    let derived = derived_point(k).ok_or(RANGE)?;
    if same_xy(derived, &x, &y) {
        Ok(())
    } else {
        Err(WRONG_PUB)
    }
}

/// Whether `04‖X‖Y` has these coordinates.
pub(super) fn same_xy(uncompressed: &[u8], x: &[u8], y: &[u8]) -> bool {
    uncompressed.split_first().is_some_and(|(tag, rest)| {
        *tag == 4
            && rest.len() == x.len().saturating_add(y.len())
            && rest.starts_with(x)
            && rest.ends_with(y)
    })
}

pub(super) fn match_ec(k: &EcKey, spki: &Spki<'_>) -> Match {
    let cert_curve_oid = if spki.algorithm.oid == alg::SM2_CURVE {
        Some(alg::SM2_CURVE)
    } else if spki.algorithm.oid == alg::EC_PUBLIC_KEY {
        // A named curve, or explicit parameters recognised as one (reported on their own).
        spki.algorithm
            .parameters_oid()
            .or_else(|| alg::ec_curve(&spki.algorithm).map(Curve::oid))
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
    let Some(curve) = k.curve else {
        return Match::Unverifiable {
            reason: "the key's curve is not one we know",
        };
    };
    let Some(derived) = derived_point(k) else {
        return Match::No {
            reason: "the EC private scalar is not in [1, n−1]",
        };
    };
    // The derived point is a point of the curve by construction: a certificate point equal to it
    // byte for byte needs no validation. Anything else is decoded first (SEC 1 §2.3.4), so that an
    // invalid point is reported as such, never as a mere difference.
    if spki.key == derived {
        return Match::Yes;
    }
    match curves::decode_point(curve.params(), spki.key) {
        Err(reason) => Match::BadCertificateKey { reason },
        Ok((x, y)) if same_xy(derived, &x, &y) => Match::Yes,
        Ok(_) => Match::No {
            reason: "the public point derived from the private key differs from the certificate's",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

    /// The ladder's length is each order's bit length.
    #[test]
    fn ladder_lengths_are_the_orders() {
        for c in [
            Curve::P256,
            Curve::P384,
            Curve::P521,
            Curve::Secp256k1,
            Curve::Sm2,
        ] {
            assert_eq!(c.params().n_bits, bit_len(order(c)) as usize, "{c:?}");
        }
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
}
