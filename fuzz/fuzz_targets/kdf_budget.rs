//! Encrypted keys with arbitrary key-derivation parameters and an arbitrary work budget: the
//! budget must hold for any input (no derivation above it, no panic, an answer in bounded time).
//!
//! Layout: `kind budget[4] a[4] b[4] c[2] rest`. kind bit 0: PBKDF2 (iterations = a, PRF by
//! bits 1-3) or scrypt (N = 2^(a mod 32), r = b mod 64, p = c); bit 4: PKCS#12 PBE 3DES
//! (iterations = a) instead; `budget` is `maxKdfCost` (0 = the default). `rest` is the salt (≤ 32
//! bytes) and the encrypted data. The certificate is the rsa/2048 fixture. Budgets are taken below
//! 2^21 units, so that what the budget allows runs within libFuzzer's -timeout.
#![no_main]

use cert_preflight::{DEFAULT_MAX_KDF_COST, Input, Kind, validate};
use libfuzzer_sys::fuzz_target;

const CERT: &str = include_str!("../../tests/fixtures/rsa/2048/fullchain.pem");

fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let body: Vec<u8> = parts.concat();
    let n = body.len();
    let mut out = vec![tag];
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend([0x81, n as u8]);
    } else {
        out.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend(body);
    out
}

fn int(v: u64) -> Vec<u8> {
    let mut b: Vec<u8> = v
        .to_be_bytes()
        .into_iter()
        .skip_while(|x| *x == 0)
        .collect();
    if b.is_empty() || b[0] & 0x80 != 0 {
        b.insert(0, 0);
    }
    tlv(0x02, &[&b])
}

fn oid(der: &[u8]) -> Vec<u8> {
    tlv(0x06, &[der])
}

const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
const SCRYPT: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b];
const AES256_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a];
const PBE_SHA1_3DES: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03];
/// hmacWithSHA1, -SHA224, -SHA256, -SHA384, -SHA512 (last arc 7..11).
fn prf(i: u8) -> Vec<u8> {
    oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 7 + i % 5])
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 15 {
        return;
    }
    let (head, rest) = data.split_at(15);
    let kind = head[0];
    // At most 2^21 units (about 1.5 s): a larger budget is the caller's choice to wait.
    let budget = u64::from(u32::from_be_bytes([head[1], head[2], head[3], head[4]])) % (1 << 21);
    let a = u32::from_be_bytes([head[5], head[6], head[7], head[8]]);
    let b = u32::from_be_bytes([head[9], head[10], head[11], head[12]]);
    let c = u16::from_be_bytes([head[13], head[14]]);
    let (salt, body) = rest.split_at(rest.len().min(32));
    let salt = tlv(0x04, &[salt]);
    let (algorithm, cost) = if kind & 0x10 != 0 {
        let params = tlv(0x30, &[&salt, &int(u64::from(a))]);
        (
            tlv(0x30, &[&oid(PBE_SHA1_3DES), &params]),
            u64::from(a).saturating_mul(3),
        )
    } else if kind & 1 == 0 {
        let kdf = tlv(
            0x30,
            &[
                &oid(PBKDF2),
                &tlv(
                    0x30,
                    &[
                        &salt,
                        &int(u64::from(a)),
                        &tlv(0x30, &[&prf(kind >> 1), &[0x05, 0x00]]),
                    ],
                ),
            ],
        );
        let cipher = tlv(0x30, &[&oid(AES256_CBC), &tlv(0x04, &[&[7u8; 16]])]);
        let width = if (kind >> 1) % 5 >= 3 { 2 } else { 1 };
        let out = [20u64, 28, 32, 48, 64][usize::from((kind >> 1) % 5)];
        (
            tlv(0x30, &[&oid(PBES2), &tlv(0x30, &[&kdf, &cipher])]),
            u64::from(a)
                .saturating_mul(32u64.div_ceil(out))
                .saturating_mul(2 * width),
        )
    } else {
        let (n, r, p) = (1u64 << (a % 32), u64::from(b % 64), u64::from(c));
        let kdf = tlv(
            0x30,
            &[
                &oid(SCRYPT),
                &tlv(0x30, &[&salt, &int(n), &int(r), &int(p)]),
            ],
        );
        let cipher = tlv(0x30, &[&oid(AES256_CBC), &tlv(0x04, &[&[7u8; 16]])]);
        (
            tlv(0x30, &[&oid(PBES2), &tlv(0x30, &[&kdf, &cipher])]),
            n.saturating_mul(r).saturating_mul(p).saturating_mul(4),
        )
    };
    let mut data16 = body.to_vec();
    data16.resize(body.len().div_ceil(16).max(1) * 16, 0);
    let der = tlv(0x30, &[&algorithm, &tlv(0x04, &[&data16])]);
    let b64 = base64_encode(&der);
    let key = format!(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n{b64}\n-----END ENCRYPTED PRIVATE KEY-----\n"
    );
    let max = if budget == 0 { None } else { Some(budget) };
    let report = validate(&Input {
        certificate: CERT,
        private_key: Some(&key),
        passphrase: Some("correct horse"),
        now_ms: 1_780_272_000_000,
        max_kdf_cost: max,
        ..Input::default()
    });
    assert_eq!(report.ok, report.errors.is_empty());
    // Above the budget nothing was derived: the answer says so (parameters that are invalid
    // anyway may be refused for that first).
    if cost > max.unwrap_or(DEFAULT_MAX_KDF_COST) {
        assert!(!report.ok);
        assert!(report.errors.iter().any(
            |f| f.kind == Kind::PrivateKeyEncrypted || f.kind == Kind::PrivateKeyFormatInvalid
        ));
    }
});

fn base64_encode(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.len();
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= n {
                out.push(T[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
