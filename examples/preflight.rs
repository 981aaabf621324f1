//! Runs `validate` on files and prints the report as JSON.
//!
//! `cargo run --example preflight -- CERT.pem [KEY.pem] [--provider ID] [--region R] [--passphrase P] [--now-ms N]`

use cert_preflight::{Input, ProviderId, validate};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    let (mut provider, mut region, mut passphrase, mut now_ms) = (None, None, None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--provider" => provider = args.next().and_then(|p| ProviderId::from_name(&p)),
            "--region" => region = args.next(),
            "--passphrase" => passphrase = args.next(),
            "--now-ms" => now_ms = args.next().and_then(|n| n.parse().ok()),
            _ => files.push(a),
        }
    }
    let read = |p: &String| {
        std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("{p}: {e}");
            std::process::exit(2)
        })
    };
    let Some(cert_path) = files.first() else {
        eprintln!(
            "usage: preflight CERT.pem [KEY.pem] [--provider ID] [--region R] [--passphrase P] [--now-ms N]"
        );
        std::process::exit(2)
    };
    let cert = read(cert_path);
    let key = files.get(1).map(read);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    let report = validate(&Input {
        certificate: &cert,
        private_key: key.as_deref(),
        provider,
        region: region.as_deref(),
        passphrase: passphrase.as_deref(),
        now_ms: now_ms.unwrap_or(now),
        ..Input::default()
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
