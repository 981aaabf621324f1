//! PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2), multi-prime included.

use super::*;

/// The integers of a PKCS#1 `RSAPrivateKey`, as magnitudes.
pub(super) struct RsaFields<'a> {
    n: &'a [u8],
    e: &'a [u8],
    d: &'a [u8],
    p: &'a [u8],
    q: &'a [u8],
    dp: &'a [u8],
    dq: &'a [u8],
    qinv: &'a [u8],
    /// `(prime, exponent, coefficient)` of each `OtherPrimeInfo`.
    others: Vec<[&'a [u8]; 3]>,
}

/// `RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent, prime1, prime2,
/// exponent1, exponent2, coefficient, otherPrimeInfos OtherPrimeInfos OPTIONAL }` (RFC 8017 A.1.2):
/// version 0 is two-prime (no otherPrimeInfos), version 1 multi-prime (`SEQUENCE SIZE(1..MAX) OF
/// OtherPrimeInfo ::= SEQUENCE { prime, exponent, coefficient }`).
pub(super) fn read_pkcs1(der: &[u8]) -> DerResult<RsaFields<'_>> {
    let mut outer = Reader::new(der);
    let mut r = outer.sequence()?;
    let multi = version(&mut r, &[0, 1])? == 1;
    let mut k = RsaFields {
        n: r.uint()?,
        e: r.uint()?,
        d: r.uint()?,
        p: r.uint()?,
        q: r.uint()?,
        dp: r.uint()?,
        dq: r.uint()?,
        qinv: r.uint()?,
        others: Vec::new(),
    };
    if let Some(infos) = r.optional(asn1::SEQUENCE)? {
        let mut infos = infos.reader();
        while !infos.is_empty() {
            let mut info = infos.sequence()?;
            k.others.push([info.uint()?, info.uint()?, info.uint()?]);
            info.finish()?;
        }
        if k.others.is_empty() {
            return Err(asn1::DerError::Truncated);
        }
    }
    r.finish()?;
    outer.finish()?;
    let has_others = !k.others.is_empty();
    if multi != has_others {
        return Err(asn1::DerError::Integer);
    }
    Ok(k)
}

/// PKCS#1 `RSAPrivateKey`, RFC 8017 A.1.2 (two-prime and multi-prime).
pub(super) fn decode_pkcs1(der: &[u8]) -> Result<RsaKey, &'static str> {
    let k = read_pkcs1(der).map_err(|_| "not a valid PKCS#1 RSAPrivateKey")?;
    if bit_len(k.n) > MAX_RSA_BITS {
        return Err("RSA modulus larger than 65536 bits");
    }
    if k.others.len() > MAX_OTHER_PRIMES {
        return Err("multi-prime RSA key with more than 16 additional primes");
    }
    Ok(RsaKey {
        n: strip(k.n).to_vec(),
        e: strip(k.e).to_vec(),
        d: secret(k.d),
        p: secret(k.p),
        q: secret(k.q),
        dp: secret(k.dp),
        dq: secret(k.dq),
        qinv: secret(k.qinv),
        others: k
            .others
            .iter()
            .map(|[r, d, t]| [secret(r), secret(d), secret(t)])
            .collect(),
        pkcs1: Zeroizing::new(der.to_vec()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

    #[test]
    fn pkcs1_rsa() {
        let k = key(RSA1024);
        assert_eq!(k.format(), KeyFormat::Pkcs1);
        assert_eq!(k.mislabelled(), None);
        assert!(!k.was_encrypted());
        assert_eq!(desc(&k), (KeyAlgorithm::Rsa, 1024, None));
        assert_eq!(k.info().format, "PKCS#1");
        assert_eq!(k.info().key_algorithm, "RSA");
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, RSA1024_PUB), Match::Yes);
        assert!(is_no(matches(&k, RSA1024B_PUB)));
        assert!(is_no(matches(&k, P256B_PUB)));
        assert!(is_no(matches(&k, ED25519_PUB)));
        let (label, der) = k.to_der();
        assert_eq!(label, "RSA PRIVATE KEY");
        assert_eq!(der.as_slice(), der_of(RSA1024).as_slice());
        assert_eq!(
            k.to_pkcs1_der().unwrap().as_slice(),
            der_of(RSA1024).as_slice()
        );
    }
}
