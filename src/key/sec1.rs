//! SEC1 `ECPrivateKey` (RFC 5915 §3); its parameters name the curve, or are explicit parameters
//! equal to a named curve's.

use super::*;

/// The fields of a SEC1 `ECPrivateKey`.
pub(super) struct Sec1Fields<'a> {
    private_key: &'a [u8],
    curve: Option<Oid>,
    public_key: Option<&'a [u8]>,
}

/// `ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) }, privateKey OCTET STRING,
/// parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }` (RFC 5915 §3), both
/// tags EXPLICIT; the ECParameters are a namedCurve, or explicit parameters equal to a curve we
/// know (RFC 5480 §2.1.1 forbids them in PKIX, but OpenSSL writes them on request and reads them).
pub(super) fn read_sec1(der: &[u8]) -> DerResult<Sec1Fields<'_>> {
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
pub(super) fn decode_sec1(
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
    // Go x509.parseECPrivateKey: longer than the order is an error, shorter is zero-padded. The
    // octets beyond the field length must be zero; they are OR-ed together whole rather than
    // skipped while zero, so the time does not tell how many leading zero bytes the secret has
    // (the encoding's length is public, its value is not).
    let max_len = curve.map_or(66, Curve::field_len);
    let raw = k.private_key;
    let excess = raw.len().saturating_sub(max_len);
    let (head, scalar) = raw.split_at(excess);
    if head.iter().fold(0u8, |acc, b| acc | b) != 0 {
        return Err("EC private key is longer than the curve order");
    }
    Ok(EcKey {
        curve,
        curve_oid,
        scalar: Zeroizing::new(scalar.to_vec()),
        public: k.public_key.map(<[u8]>::to_vec),
        derived: OnceCell::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

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
}
