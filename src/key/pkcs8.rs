//! PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208, RFC 5958), with the algorithm-specific
//! keys inside (RFC 8410 for Ed25519/Ed448, RFC 3279 for DSA).

use super::*;

/// The fields of a PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey`.
pub(super) struct Pkcs8Fields<'a> {
    algorithm: AlgorithmId<'a>,
    private_key: &'a [u8],
    public_key: Option<&'a [u8]>,
}

/// `OneAsymmetricKey ::= SEQUENCE { version INTEGER { v1(0), v2(1) }, privateKeyAlgorithm
/// AlgorithmIdentifier, privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL, ...,
/// [[2: publicKey [1] IMPLICIT BIT STRING OPTIONAL ]], ... }` (RFC 5958 §2; v1 is RFC 5208's
/// PrivateKeyInfo). As the `pkcs8` crate did: the attributes are skipped unread, v1 must not and v2
/// must carry the public key, and later `[n]` EXPLICIT extension fields are ignored.
pub(super) fn read_pkcs8(der: &[u8]) -> DerResult<Pkcs8Fields<'_>> {
    let mut outer = Reader::new(der);
    let mut r = outer.sequence()?;
    let v2 = version(&mut r, &[0, 1])? == 1;
    let algorithm = r.algorithm()?;
    let private_key = r.octet_string()?;
    r.optional(asn1::context(0, true))?;
    if r.peek_tag() == Some(asn1::context(1, true)) {
        return Err(asn1::DerError::UnexpectedTag);
    }
    let public_key = match r.peek_tag() {
        Some(tag) if tag == asn1::context(1, false) => Some(r.any_bit_string(tag)?),
        _ => None,
    };
    if v2 != public_key.is_some() {
        return Err(asn1::DerError::Integer);
    }
    while !r.is_empty() {
        let field = r.any()?;
        if field.tag & 0xe0 != asn1::context(0, true) {
            return Err(asn1::DerError::UnexpectedTag);
        }
        let mut inner = field.reader();
        inner.any()?;
        inner.finish()?;
    }
    outer.finish()?;
    Ok(Pkcs8Fields {
        algorithm,
        private_key,
        public_key,
    })
}

/// PKCS#8 `PrivateKeyInfo` (v1, RFC 5208) or `OneAsymmetricKey` (v2, RFC 5958).
pub(super) fn decode_pkcs8(der: &[u8]) -> Result<Material, &'static str> {
    let pki = read_pkcs8(der).map_err(|_| "not a valid PKCS#8 PrivateKeyInfo")?;
    let key = pki.private_key;
    let public = pki.public_key;
    match pki.algorithm.oid {
        alg::RSA_ENCRYPTION | alg::RSASSA_PSS => {
            // The inner errors name the inner structure ("not a valid PKCS#1 RSAPrivateKey").
            decode_pkcs1(key).map(|k| Material::Rsa(Box::new(k)))
        }
        alg::EC_PUBLIC_KEY | alg::SM2_CURVE => {
            let outer = if pki.algorithm.oid == alg::SM2_CURVE {
                Some(alg::SM2_CURVE)
            } else {
                pki.algorithm
                    .parameters_oid()
                    .or_else(|| alg::ec_curve(&pki.algorithm).map(Curve::oid))
            };
            let mut ec = decode_sec1(key, outer, None)?;
            if ec.public.is_none() {
                ec.public = public.map(<[u8]>::to_vec);
            }
            Ok(Material::Ec(ec))
        }
        alg::ED25519 => {
            // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, the 32-byte seed.
            let seed = asn1::parse_one(key, asn1::OCTET_STRING)
                .ok()
                .and_then(|o| <[u8; 32]>::try_from(o.value).ok())
                .ok_or("Ed25519 private key is not a 32-byte CurvePrivateKey")?;
            Ok(Material::Ed25519 {
                seed: Zeroizing::new(seed),
                public: public.map(<[u8]>::to_vec),
            })
        }
        alg::ED448 => {
            let seed = asn1::parse_one(key, asn1::OCTET_STRING)
                .ok()
                .map(|o| o.value)
                .filter(|s| s.len() == 57)
                .ok_or("Ed448 private key is not a 57-byte CurvePrivateKey")?;
            Ok(Material::Ed448 {
                seed: Zeroizing::new(seed.to_vec()),
                public: public.map(<[u8]>::to_vec),
                derived: OnceCell::new(),
            })
        }
        alg::DSA => {
            // RFC 5958 / OpenSSL: parameters are Dss-Parms, privateKey is INTEGER x.
            let dp = pki
                .algorithm
                .parameters
                .and_then(|p| alg::dss_params(&p))
                .ok_or("DSA private key has no valid Dss-Parms")?;
            let x = single_uint(key).map_err(|_| "DSA private key is not an INTEGER")?;
            Ok(Material::Dsa(DsaKey {
                p: strip(dp.p).to_vec(),
                q: strip(dp.q).to_vec(),
                g: strip(dp.g).to_vec(),
                x: secret(x),
            }))
        }
        // X25519, X448, GOST, …: recognised as a PKCS#8 key of an unknown algorithm.
        _ => Ok(Material::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

    #[test]
    fn pkcs8_rsa_converts_to_pkcs1() {
        let k = key(RSA1024_P8);
        assert_eq!(k.format(), KeyFormat::Pkcs8);
        assert_eq!(k.info().format, "PKCS#8");
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, RSA1024_PUB), Match::Yes);
        assert_eq!(k.to_der().0, "PRIVATE KEY");
        assert_eq!(
            k.to_pkcs1_der().unwrap().as_slice(),
            der_of(RSA1024).as_slice()
        );
    }
}
