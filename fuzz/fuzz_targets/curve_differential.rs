//! Our constant-time public-key derivations (`src/arith/curves.rs`: P-521, secp256k1, SM2, Ed448)
//! against the RustCrypto crates we could not afford to ship (`p521`, `k256`, `sm2`,
//! `ed448-goldilocks`), through the public API: the input's scalar (or Ed448 seed) goes into a key
//! file (SEC 1 `EC PRIVATE KEY`, or PKCS#8 v2 for Ed448) whose embedded public key is the oracle's,
//! and `validate` must find the key consistent; with the oracle's public key of another scalar (the
//! input's with its last byte changed) it must find it inconsistent. A scalar outside [1, n−1]
//! (the oracle refuses it) must be refused as out of range, whatever public key is embedded.
//!
//! Layout: `kind secret`: kind mod 4 picks the curve (P-521, secp256k1, SM2, Ed448), bit 7 embeds
//! the other scalar's public key; `secret` is the scalar (the order's length: 66, 32, 32 bytes,
//! big-endian) or the 57-byte Ed448 seed; extra bytes are ignored.
#![no_main]

use cert_preflight::{Input, Kind, Report, validate};
use libfuzzer_sys::fuzz_target;
use p256::elliptic_curve::{CurveArithmetic, SecretKey, sec1::ModulusSize, sec1::ToSec1Point};

/// DER OBJECT IDENTIFIERs: secp521r1, secp256k1, SM2, id-Ed448.
const P521: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23];
const K1: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a];
const SM2: &[u8] = &[0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];
const ED448: &[u8] = &[0x06, 0x03, 0x2b, 0x65, 0x71];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, secret)) = data.split_first() else {
        return;
    };
    let other = kind & 0x80 != 0;
    match kind % 4 {
        0 => ec::<p521::NistP521>(P521, 66, secret, other),
        1 => ec::<k256::Secp256k1>(K1, 32, secret, other),
        2 => ec::<sm2::Sm2>(SM2, 32, secret, other),
        _ => ed448(secret, other),
    }
});

fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let body: Vec<u8> = parts.concat();
    let n = body.len();
    let mut out = vec![tag];
    if n < 0x80 {
        out.push(n as u8);
    } else {
        out.extend([0x81, n as u8]);
    }
    out.extend(body);
    out
}

fn pem(label: &str, der: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = Vec::with_capacity(der.len().div_ceil(3) * 4);
    for chunk in der.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                b64.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                b64.push(b'=');
            }
        }
    }
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The key alone (no certificate): its consistency check is what is judged.
fn check(key: &str) -> Report {
    let report = validate(&Input {
        certificate: "",
        private_key: Some(key),
        now_ms: 1_780_272_000_000,
        ..Input::default()
    });
    assert_eq!(report.ok, report.errors.is_empty());
    report
}

/// The consistency finding's detail, if any.
fn inconsistency(report: &Report) -> Option<String> {
    report
        .errors
        .iter()
        .find(|f| f.kind == Kind::CertificateMismatch)
        .map(|f| f.detail.clone().unwrap_or_default())
}

/// The oracle's `04‖X‖Y`, or `None` for a scalar outside [1, n−1].
fn oracle<C>(scalar: &[u8]) -> Option<Vec<u8>>
where
    C: CurveArithmetic,
    C::AffinePoint: ToSec1Point<C>,
    C::FieldBytesSize: ModulusSize,
{
    let key = SecretKey::<C>::from_slice(scalar).ok()?;
    Some(
        key.public_key()
            .as_affine()
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
    )
}

fn ec<C>(curve: &[u8], len: usize, secret: &[u8], other: bool)
where
    C: CurveArithmetic,
    C::AffinePoint: ToSec1Point<C>,
    C::FieldBytesSize: ModulusSize,
{
    let Some(scalar) = secret.get(..len) else {
        return;
    };
    let mut changed = scalar.to_vec();
    changed[len - 1] ^= 1;
    let own = oracle::<C>(scalar);
    let embedded = if other {
        oracle::<C>(&changed)
    } else {
        own.clone()
    };
    // Without a point from the oracle, the generator's: any point of the curve will do.
    let mut one = vec![0u8; len];
    one[len - 1] = 1;
    let Some(point) = embedded.or_else(|| oracle::<C>(&one)) else {
        return;
    };
    let der = tlv(
        0x30,
        &[
            &[0x02, 0x01, 0x01],
            &tlv(0x04, &[scalar]),
            &tlv(0xa0, &[curve]),
            &tlv(0xa1, &[&tlv(0x03, &[&[0], &point])]),
        ],
    );
    let report = check(&pem("EC PRIVATE KEY", &der));
    let found = inconsistency(&report);
    match own {
        None => assert!(
            found
                .as_deref()
                .is_some_and(|d| d.contains("not in [1, n−1]")),
            "{scalar:02x?}: {found:?}"
        ),
        Some(own) if own == point => assert_eq!(found, None, "{scalar:02x?}"),
        Some(_) => assert!(
            found
                .as_deref()
                .is_some_and(|d| d.contains("does not belong")),
            "{scalar:02x?}: {found:?}"
        ),
    }
}

fn ed448(secret: &[u8], other: bool) {
    let Some(seed) = secret.get(..57) else {
        return;
    };
    let public = |seed: &[u8]| {
        let key = ed448_goldilocks::SigningKey::try_from(seed).expect("57 bytes");
        key.verifying_key().to_bytes()
    };
    let mut changed = seed.to_vec();
    changed[56] ^= 1;
    let embedded = public(if other { &changed } else { seed });
    let der = tlv(
        0x30,
        &[
            &[0x02, 0x01, 0x01],
            &tlv(0x30, &[ED448]),
            &tlv(0x04, &[&tlv(0x04, &[seed])]),
            &tlv(0x81, &[&[0], &embedded]),
        ],
    );
    let report = check(&pem("PRIVATE KEY", &der));
    let found = inconsistency(&report);
    if other {
        assert!(
            found
                .as_deref()
                .is_some_and(|d| d.contains("does not belong")),
            "{seed:02x?}: {found:?}"
        );
    } else {
        assert_eq!(found, None, "{seed:02x?}");
    }
}
