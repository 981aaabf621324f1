//! `complete_chain` on arbitrary fetched bodies: the fixture leaves of `tests/fixtures/aia/` (each
//! names its issuer's URL) with up to four bodies cut from the input, each given the URL the leaf
//! names or another one. Besides "does not panic": every issuer added must verify — the completed
//! bundle's pairs are checked again by `validate` (no ChainOrderInvalid may appear), `next` is
//! empty when the chain is complete, and no more than MAX_ROUNDS issuers are ever added.
//! Input: `leaf urls (len_hi len_lo body)*`, at most four bodies (seeded by `seed.py` with the
//! fixture bodies).
#![no_main]

use cert_preflight::{Fetched, Input, Kind, MAX_ROUNDS, complete_chain, validate};
use libfuzzer_sys::fuzz_target;

const LEAVES: &[&str] = &[
    include_str!("../../tests/fixtures/aia/leaf-der.pem"),
    include_str!("../../tests/fixtures/aia/leaf-two.pem"),
    include_str!("../../tests/fixtures/aia/leaf-p7c-ber.pem"),
    include_str!("../../tests/fixtures/aia/leaf-impostor.pem"),
    include_str!("../../tests/fixtures/aia/leaf-loop.pem"),
];
const URLS: &[&str] = &[
    "http://127.0.0.1:18790/int1.der",
    "http://127.0.0.1:18790/int2.der",
    "http://127.0.0.1:18790/int1-ber.p7c",
    "http://127.0.0.1:18790/impostor.der",
    "http://127.0.0.1:18790/loop-a.der",
    "http://127.0.0.1:18790/loop-b.der",
    "http://127.0.0.1:18790/root.der",
    "http://elsewhere.invalid/x",
];

fuzz_target!(|data: &[u8]| {
    let [leaf, urls, rest @ ..] = data else {
        return;
    };
    let leaf = LEAVES[usize::from(*leaf) % LEAVES.len()];
    let mut bodies: Vec<&[u8]> = Vec::new();
    let mut rest = rest;
    while let [hi, lo, tail @ ..] = rest {
        let n = (usize::from(*hi) << 8 | usize::from(*lo)).min(tail.len());
        let (body, after) = tail.split_at(n);
        bodies.push(body);
        rest = after;
        if bodies.len() == 4 {
            break;
        }
    }
    let fetched: Vec<Fetched<'_>> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| Fetched {
            url: URLS[usize::from(urls >> (2 * i) & 3) + if i % 2 == 1 { 4 } else { 0 }],
            body,
        })
        .collect();
    let out = complete_chain(leaf.as_bytes(), &fetched, None).expect("the fixture leaf parses");
    assert!(out.added.len() <= MAX_ROUNDS);
    if out.complete {
        assert!(out.next.is_empty());
    }
    let report = validate(&Input {
        certificate: &out.certificate,
        now_ms: 1_780_272_000_000,
        ..Input::default()
    });
    assert!(
        !report
            .warnings
            .iter()
            .chain(&report.errors)
            .any(|f| f.kind == Kind::ChainOrderInvalid),
        "an added issuer does not verify: {:?}",
        report.warnings
    );
});
