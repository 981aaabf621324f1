//! Arbitrary bytes as a PKCS#12 file through `validate` (the `pfx` input), and as DER certificate
//! and key bytes.
//!
//! Layout: `flags data`. flags bits 0-1: how `data` is given: 0 the PFX itself; 1 the
//! AuthenticatedSafe of a PFX without a MAC (so mutations reach the contents, which a MAC would
//! otherwise stop); 2 the SafeContents of one plain `data` content of such a PFX (the bags); 3 as
//! `certificate_bytes` (the first half) and `private_key_bytes` (the rest). Bit 2: passphrase
//! "secret" (else none); bit 3: provider aliyun-slb (PKCS#1 normalization); bits 4-5: maxKdfCost
//! (default, 1,000, 100,000, 2,000,000).
//!
//! Checks: no panic; `ok` is "no errors"; a clean report's normalized PEM pair validates clean as
//! PEM; the passphrase never appears in the report.
#![no_main]

use cert_preflight::{Input, ProviderId, validate};
use libfuzzer_sys::fuzz_target;

const NOW_MS: i64 = 1_750_000_000_000;

fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let n = body.len();
    let mut out = vec![tag];
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = (n as u64)
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend(body);
    out
}

const DATA: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];

/// `ContentInfo { data, [0] { OCTET STRING body } }`.
fn data_content(body: &[u8]) -> Vec<u8> {
    tlv(0x30, &[DATA, &tlv(0xa0, &tlv(0x04, body))].concat())
}

/// A PFX without a MAC around an AuthenticatedSafe.
fn pfx(auth_safe: &[u8]) -> Vec<u8> {
    tlv(0x30, &[&[0x02, 0x01, 0x03][..], &data_content(auth_safe)].concat())
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let wrapped;
    let (pfx_bytes, cert, key) = match flags & 3 {
        0 => (Some(rest), None, None),
        1 => {
            wrapped = pfx(rest);
            (Some(&wrapped[..]), None, None)
        }
        2 => {
            wrapped = pfx(&tlv(0x30, &data_content(rest)));
            (Some(&wrapped[..]), None, None)
        }
        _ => {
            let (c, k) = rest.split_at(rest.len() / 2);
            (None, Some(c), Some(k))
        }
    };
    let input = Input {
        pfx: pfx_bytes,
        certificate_bytes: cert,
        private_key_bytes: key,
        passphrase: (flags & 4 != 0).then_some("secret"),
        provider: (flags & 8 != 0).then_some(ProviderId::AliyunSlb),
        max_kdf_cost: match (flags >> 4) & 3 {
            0 => None,
            1 => Some(1_000),
            2 => Some(100_000),
            _ => Some(2_000_000),
        },
        now_ms: NOW_MS,
        ..Input::default()
    };
    let report = validate(&input);
    assert_eq!(report.ok, report.errors.is_empty());
    for f in report.errors.iter().chain(&report.warnings) {
        assert!(!f.code.is_empty());
        assert!(!f.detail.as_deref().unwrap_or("").contains("secret"));
    }
    if report.ok
        && let Some(n) = &report.normalized
    {
        let again = validate(&Input {
            certificate: &n.certificate,
            private_key: n.private_key.as_deref().map(String::as_str),
            provider: input.provider,
            now_ms: NOW_MS,
            ..Input::default()
        });
        assert!(again.ok, "normalized PEM has errors: {:?}", again.errors);
    }
});
