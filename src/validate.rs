//! `validate`: every check of SPEC.md "Checks the core must make", worded by the chosen provider.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use zeroize::Zeroizing;

use crate::alg::KeyAlgorithm;
use crate::cert::{Cert, Verdict};
use crate::chain::{Reach, TrustAnchors};
use crate::finding::{
    Finding, KeyInfo, Kind, MAX_FINDINGS_PER_FIELD, Normalized, Report, Severity,
};
use crate::input::{self, MAX_FIELD_BYTES, Pem};
use crate::key::{self, KeyError, KeyFormat, Match, PrivateKey};
use crate::provider::{self, EcPolicy, KeyRequired, Language, Profile, ProviderId, RsaSizes, When};

/// Most certificates accepted in one bundle (SPEC.md `InputTooLarge`).
pub const MAX_CERTIFICATES: usize = 16;

/// `certificateType` (Tencent `CertificateType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertificateType {
    /// A server certificate (`SVR`).
    Server,
    /// A client-CA certificate (`CA`).
    Ca,
}

impl CertificateType {
    /// Parses `"SVR"` / `"CA"`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "SVR" => Some(Self::Server),
            "CA" => Some(Self::Ca),
            _ => None,
        }
    }
}

/// What to validate (SPEC.md `ValidateInput`). Secrets are borrowed, never copied into the report.
#[derive(Clone, Copy, Default)]
pub struct Input<'a> {
    /// PEM certificate(s), leaf first.
    pub certificate: &'a str,
    /// PEM private key.
    pub private_key: Option<&'a str>,
    /// The provider whose rules and codes apply; `None` = provider-neutral checks.
    pub provider: Option<ProviderId>,
    /// The region (aliyun-slb: EC keys only in `ecc_regions`).
    pub region: Option<&'a str>,
    /// The current time in milliseconds since the Unix epoch (the core never reads a clock).
    pub now_ms: i64,
    /// Passphrase of an encrypted private key.
    pub passphrase: Option<&'a str>,
    /// `SVR` or `CA`.
    pub certificate_type: Option<CertificateType>,
    /// aliyun-slb regions that accept EC keys (default none).
    pub ecc_regions: &'a [&'a str],
    /// aliyun-cas SM2 signing certificate.
    pub sign_certificate: Option<&'a str>,
    /// aliyun-cas SM2 signing key.
    pub sign_private_key: Option<&'a str>,
    /// aliyun-cas SM2 encryption certificate.
    pub encrypt_certificate: Option<&'a str>,
    /// aliyun-cas SM2 encryption key.
    pub encrypt_private_key: Option<&'a str>,
    /// Work budget of decrypting an encrypted key, in [`crate::DEFAULT_MAX_KDF_COST`]'s units;
    /// `None` = that default (about half a second). Above it the key is not decrypted and the
    /// report says why and how to proceed.
    pub max_kdf_cost: Option<u64>,
    /// Trusted roots: with them, `ChainIncomplete` means the chain does not reach one, and a chain
    /// ending at a self-signed certificate outside them is `ChainUntrusted`.
    pub roots: Option<&'a crate::chain::TrustAnchors>,
    /// A PKCS#12 / PFX file (DER or BER, or the same in base64), opened with `passphrase`; its
    /// chain and key are then checked as a PEM upload would be, and `normalized` is the PEM pair.
    /// Exclusive with `certificate`, `certificate_bytes`, `private_key` and `private_key_bytes`
    /// (see [`Input::check`]).
    pub pfx: Option<&'a [u8]>,
    /// The certificate field as bytes: DER (one certificate, or several one after the other),
    /// bare base64 of DER, or PEM text. Exclusive with a non-empty `certificate`.
    pub certificate_bytes: Option<&'a [u8]>,
    /// The key field as bytes: DER (PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8, opened with
    /// `passphrase`), bare base64 of DER, or PEM text. Exclusive with a non-empty `private_key`.
    pub private_key_bytes: Option<&'a [u8]>,
    /// The language of the findings' messages; `None` = the provider's default (the API's own:
    /// tencent-ssl and aliyun-cas zh-CN, aliyun-slb and no provider en-US).
    pub language: Option<crate::provider::Language>,
}

impl Input<'_> {
    /// The malformed calls (SPEC.md: `InvalidArgument`, thrown by the binding before
    /// [`validate`]): `pfx` together with a certificate or key field, or a field given both as
    /// text and as bytes. [`validate`] reports the same as a `ParameterInvalid` finding.
    pub fn check(&self) -> Result<(), crate::Error> {
        let text = |t: Option<&str>| t.is_some_and(|t| !t.trim().is_empty());
        let reason = if self.pfx.is_some()
            && (text(Some(self.certificate))
                || text(self.private_key)
                || self.certificate_bytes.is_some()
                || self.private_key_bytes.is_some())
        {
            "pfx is exclusive with certificate and privateKey: give the PKCS#12 file alone"
        } else if text(Some(self.certificate)) && self.certificate_bytes.is_some() {
            "certificate is given both as text and as bytes"
        } else if text(self.private_key) && self.private_key_bytes.is_some() {
            "privateKey is given both as text and as bytes"
        } else {
            return Ok(());
        };
        Err(crate::Error::InvalidArgument {
            reason: reason.into(),
        })
    }
}

impl core::fmt::Debug for Input<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let redact = |o: Option<&str>| o.map(|_| "<redacted>");
        f.debug_struct("Input")
            .field("certificate_len", &self.certificate.len())
            .field("private_key", &redact(self.private_key))
            .field("provider", &self.provider)
            .field("region", &self.region)
            .field("now_ms", &self.now_ms)
            .field("passphrase", &redact(self.passphrase))
            .field("certificate_type", &self.certificate_type)
            .field("ecc_regions", &self.ecc_regions)
            .field("roots", &self.roots.map(crate::chain::TrustAnchors::len))
            .field("pfx_len", &self.pfx.map(<[u8]>::len))
            .field(
                "certificate_bytes_len",
                &self.certificate_bytes.map(<[u8]>::len),
            )
            .field(
                "private_key_bytes",
                &self.private_key_bytes.map(|_| "<redacted>"),
            )
            .field("language", &self.language)
            .field("sign_private_key", &redact(self.sign_private_key))
            .field("encrypt_private_key", &redact(self.encrypt_private_key))
            .finish_non_exhaustive()
    }
}

/// Collects findings in the profile's words.
struct Sink {
    profile: &'static Profile,
    /// The language the messages are picked in.
    language: Language,
    /// The input was not PEM text (DER, base64, PKCS#12): `normalized` is always offered.
    always_normalize: bool,
    errors: Vec<Finding>,
    warnings: Vec<Finding>,
    /// Findings left out past [`MAX_FINDINGS_PER_FIELD`]: field, the first left-out kind and
    /// sub-condition, how many.
    left_out: Vec<(String, Kind, Option<When>, usize)>,
}

impl Sink {
    fn has(&self, kind: Kind) -> bool {
        self.errors
            .iter()
            .chain(&self.warnings)
            .any(|f| f.kind == kind)
    }

    fn push(&mut self, kind: Kind, when: Option<When>, field: &str, detail: Option<String>) {
        let listed = self
            .errors
            .iter()
            .chain(&self.warnings)
            .filter(|f| f.field == field)
            .count();
        if listed >= MAX_FINDINGS_PER_FIELD {
            match self.left_out.iter_mut().find(|(f, ..)| f == field) {
                Some((.., n)) => *n = n.saturating_add(1),
                None => self.left_out.push((field.to_string(), kind, when, 1)),
            }
            return;
        }
        self.add(kind, when, field, detail);
    }

    fn add(&mut self, kind: Kind, when: Option<When>, field: &str, detail: Option<String>) {
        let Some(finding) = self
            .profile
            .finding_in(kind, when, field, detail, self.language)
        else {
            return;
        };
        match finding.severity {
            Severity::Error => self.errors.push(finding),
            Severity::Warning => self.warnings.push(finding),
        }
    }
}

/// A certificate field read and parsed.
struct Bundle {
    /// Every certificate block that parsed, in input order.
    certs: Vec<Cert>,
    /// The first CERTIFICATE block parsed (it is the leaf the clouds check the key against).
    leaf_ok: bool,
    /// All blocks parsed and nothing unreadable: a normalized form can be produced.
    complete: bool,
    /// Why the text is not canonical.
    style: Vec<String>,
}

/// A key field read: the parsed key, or only what can be told about a key we could not open.
enum KeyRead {
    Parsed(alloc::boxed::Box<ReadKey>),
    Locked(KeyInfo),
}

/// A key field read and parsed.
struct ReadKey {
    key: PrivateKey,
    /// Why the text is not canonical (or has to be converted for this provider).
    style: Vec<String>,
    /// The provider needs another form (PKCS#1 / decrypted) than what was given.
    converted: bool,
}

/// Field names for one certificate/key pair.
#[derive(Clone, Copy)]
struct PairFields<'a> {
    certificate: &'a str,
    private_key: &'a str,
}

/// Validates an upload. Never panics; bad content gives findings, not errors.
pub fn validate(input: &Input<'_>) -> Report {
    let profile = input
        .provider
        .map_or_else(provider::generic, ProviderId::profile);
    let mut sink = Sink {
        profile,
        language: input.language.unwrap_or(profile.language),
        always_normalize: false,
        errors: Vec::new(),
        warnings: Vec::new(),
        left_out: Vec::new(),
    };
    if let Err(crate::Error::InvalidArgument { reason }) = input.check() {
        let field = if input.pfx.is_some() {
            "pfx"
        } else {
            profile.fields.certificate
        };
        sink.push(Kind::ParameterInvalid, None, field, Some(reason));
        return finish(sink, None, None);
    }
    if let Some(pfx) = input.pfx {
        #[cfg(feature = "pkcs12")]
        return validate_pfx(input, pfx, sink);
        #[cfg(not(feature = "pkcs12"))]
        {
            sink.push(
                Kind::PfxFormatInvalid,
                None,
                "pfx",
                Some(format!(
                    "this build reads no PKCS#12 files (cargo feature `pkcs12`); {} bytes not read",
                    pfx.len()
                )),
            );
            return finish(sink, None, None);
        }
    }
    let cert = input::certificate_as_pem(input.certificate, input.certificate_bytes);
    let key = input::private_key_as_pem(input.private_key, input.private_key_bytes);
    let bytes_given = input.certificate_bytes.is_some() || input.private_key_bytes.is_some();
    let pem = cert.source == "pem" && key.source == "pem";
    if pem && !bytes_given {
        return validate_text(input, sink);
    }
    if let Some(n) = [input.certificate_bytes, input.private_key_bytes]
        .iter()
        .flatten()
        .map(|b| b.len())
        .find(|n| *n > MAX_FIELD_BYTES)
    {
        let field = if input.certificate_bytes.is_some_and(|b| b.len() == n) {
            profile.fields.certificate
        } else {
            profile.fields.private_key
        };
        sink.push(
            Kind::InputTooLarge,
            None,
            field,
            Some(format!("{n} bytes; the limit is {MAX_FIELD_BYTES}")),
        );
        return finish(sink, None, None);
    }
    let mut inner = *input;
    inner.certificate = cert.text.as_ref().map_or("", input::Text::as_str);
    inner.private_key = key.text.as_ref().map(input::Text::as_str);
    inner.certificate_bytes = None;
    inner.private_key_bytes = None;
    sink.always_normalize = !pem;
    let mut report = validate_text(&inner, sink);
    set_sources(&mut report, cert.source, key.source);
    report
}

/// Marks where the report's certificates and key came from.
fn set_sources(report: &mut Report, cert: &'static str, key: &'static str) {
    for c in report.chain.iter_mut().chain(report.certificate.as_mut()) {
        c.source = cert;
    }
    if let Some(k) = report.private_key.as_mut() {
        k.source = key;
    }
}

#[cfg(feature = "pkcs12")]
/// A PKCS#12 file: opened, its chain built from the bags (leaf = the certificate the key belongs
/// to, then its issuers by name and signature), then checked as the PEM pair it holds.
fn validate_pfx(input: &Input<'_>, bytes: &[u8], mut sink: Sink) -> Report {
    use crate::pfx::{self, PfxError};
    const FIELD: &str = "pfx";
    if bytes.len() > MAX_FIELD_BYTES {
        sink.push(
            Kind::InputTooLarge,
            None,
            FIELD,
            Some(format!(
                "{} bytes; the limit is {MAX_FIELD_BYTES}",
                bytes.len()
            )),
        );
        return finish(sink, None, None);
    }
    let Some(der) = pfx::binary_or_base64(bytes) else {
        sink.push(
            Kind::PfxFormatInvalid,
            None,
            FIELD,
            Some("neither DER nor base64".to_string()),
        );
        return finish(sink, None, None);
    };
    let budget = input.max_kdf_cost.unwrap_or(key::DEFAULT_MAX_KDF_COST);
    let contents = match pfx::open(&der, input.passphrase, budget) {
        Ok(c) => c,
        Err(e) => {
            let (kind, detail) = match e {
                PfxError::Format(why) => (Kind::PfxFormatInvalid, why.to_string()),
                PfxError::Unsupported(why) => {
                    (Kind::PfxFormatInvalid, format!("not supported: {why}"))
                }
                PfxError::WrongPassword(why) => (Kind::PfxPasswordIncorrect, why.to_string()),
                PfxError::NoPassword => (
                    Kind::PrivateKeyEncrypted,
                    "the PKCS#12 file is protected by a password: give it as passphrase"
                        .to_string(),
                ),
                PfxError::TooCostly { cost, budget } => (
                    Kind::PrivateKeyEncrypted,
                    format!(
                        "opening this PKCS#12 file costs {cost} work units, above the budget of {budget}: pass maxKdfCost: {cost} or more to open it"
                    ),
                ),
            };
            sink.push(kind, None, FIELD, Some(detail));
            return finish(sink, None, None);
        }
    };
    // More than MAX_CERTIFICATES is the certificate field's InputTooLarge, once they are PEM.
    let mut certs = Vec::with_capacity(contents.certs.len());
    for der in &contents.certs {
        match Cert::parse(der) {
            Ok(c) => certs.push(c),
            Err(e) => sink.push(Kind::PfxFormatInvalid, None, FIELD, Some(e.0)),
        }
    }
    let keys = &contents.keys;
    // The leaf: the certificate a key of the file is proved to belong to (else the first one, as
    // OpenSSL writes it), then each one's issuer by name and signature.
    let owned = keys.iter().enumerate().find_map(|(k, key)| {
        certs
            .iter()
            .position(|c| c.spki().is_some_and(|s| key.matches(&s) == Match::Yes))
            .map(|c| (k, c))
    });
    let (key_index, leaf) = owned.unwrap_or((0, 0));
    let mut order: Vec<usize> = Vec::new();
    let mut next = Some(leaf).filter(|&i| i < certs.len());
    while let Some(i) = next {
        order.push(i);
        next = certs
            .get(i)
            .filter(|c| !c.is_self_issued())
            .and_then(|last| {
                (0..certs.len()).find(|j| {
                    !order.contains(j)
                        && certs.get(*j).is_some_and(|p| {
                            last.named_issuer_is(p) && last.signed_by(p) == Verdict::Valid
                        })
                })
            });
    }
    let mut unused = String::new();
    for (i, c) in certs.iter().enumerate() {
        if !order.contains(&i) {
            unused.push_str("; ");
            unused.push_str(&c.info.subject);
        }
    }
    let other_keys = keys.len().saturating_sub(1);
    if !unused.is_empty() || other_keys > 0 || contents.other_bags > 0 {
        let leaf_name = certs.get(leaf).map_or("", |c| c.info.subject.as_str());
        let key_note = match owned {
            Some(_) => "",
            None if other_keys > 0 => " (no key belongs to a certificate: the first was checked)",
            None => "",
        };
        sink.push(
            Kind::PfxContentUnused,
            None,
            FIELD,
            Some(format!(
                "left out, not on the path from {leaf_name}: {} certificate(s), {other_keys} other private key(s){key_note}, {} other bag(s){unused}",
                certs.len().saturating_sub(order.len()),
                contents.other_bags
            )),
        );
    }
    let cert_text: String = order
        .iter()
        .filter_map(|&i| certs.get(i))
        .map(|c| input::encode("CERTIFICATE", &c.der))
        .collect();
    let key_text = keys.get(key_index).map(|k| {
        let (label, der) = k.to_der();
        Zeroizing::new(input::encode(label, &der))
    });
    let mut inner = *input;
    inner.pfx = None;
    inner.passphrase = None;
    inner.certificate = &cert_text;
    inner.private_key = key_text.as_deref().map(String::as_str);
    sink.always_normalize = true;
    let mut report = validate_text(&inner, sink);
    set_sources(&mut report, "pkcs12", "pkcs12");
    report
}

/// [`validate`] of PEM text fields.
fn validate_text(input: &Input<'_>, mut sink: Sink) -> Report {
    let profile = sink.profile;
    let rules = &profile.rules;

    let sm_fields = [
        input.sign_certificate,
        input.sign_private_key,
        input.encrypt_certificate,
        input.encrypt_private_key,
    ];
    let sm_given = sm_fields
        .iter()
        .any(|f| f.is_some_and(|s| !s.trim().is_empty()));
    if rules.sm2_dual_fields && sm_given && input.certificate.trim().is_empty() {
        return validate_sm2_dual(input, sink);
    }

    let fields = PairFields {
        certificate: profile.fields.certificate,
        private_key: profile.fields.private_key,
    };
    let key_required = match rules.key_required {
        KeyRequired::No => false,
        KeyRequired::Always => true,
        KeyRequired::UnlessCaType => input.certificate_type != Some(CertificateType::Ca),
    };
    let (bundle, key) = check_pair(
        &mut sink,
        input,
        input.certificate,
        input.private_key,
        fields,
        key_required,
    );

    if let Some(leaf) = bundle
        .as_ref()
        .filter(|b| b.leaf_ok)
        .and_then(|b| b.certs.first())
    {
        let sm2 = bundle
            .as_ref()
            .is_some_and(|b| b.certs.iter().any(Cert::is_sm2))
            || matches!(key.as_ref(), Some(KeyRead::Parsed(k)) if k.key.desc().algorithm == KeyAlgorithm::Sm2);
        check_algorithm(&mut sink, input, leaf, sm2, fields.certificate);
        if let Some(ty) = input.certificate_type {
            check_type(&mut sink, ty, leaf, fields.certificate);
        }
    }

    finish(sink, bundle, key)
}

/// aliyun-cas SM mode: `SignCert` + `SignPrivateKey` + `EncryptCert` + `EncryptPrivateKey`, all four
/// required and all SM2 (PROVIDERS.md §2.2, inferred from the field descriptions and the console guide).
fn validate_sm2_dual(input: &Input<'_>, mut sink: Sink) -> Report {
    const NEED: &str =
        "SM2 uploads need all four of SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey";
    let pairs = [
        (
            input.sign_certificate,
            input.sign_private_key,
            PairFields {
                certificate: "SignCert",
                private_key: "SignPrivateKey",
            },
        ),
        (
            input.encrypt_certificate,
            input.encrypt_private_key,
            PairFields {
                certificate: "EncryptCert",
                private_key: "EncryptPrivateKey",
            },
        ),
    ];
    let mut chain = Vec::new();
    let mut first: Option<(Option<Bundle>, Option<KeyRead>)> = None;
    for (cert_text, key_text, fields) in pairs {
        let cert_text = cert_text.filter(|s| !s.trim().is_empty());
        let key_text = key_text.filter(|s| !s.trim().is_empty());
        for (given, field) in [
            (cert_text.is_some(), fields.certificate),
            (key_text.is_some(), fields.private_key),
        ] {
            if !given {
                sink.push(Kind::ParameterMissing, None, field, Some(NEED.to_string()));
            }
        }
        let Some(cert_text) = cert_text else {
            continue;
        };
        let (bundle, key) = check_pair(&mut sink, input, cert_text, key_text, fields, false);
        if let Some(leaf) = bundle
            .as_ref()
            .filter(|b| b.leaf_ok)
            .and_then(|b| b.certs.first())
        {
            if !leaf.is_sm2() {
                sink.push(
                    Kind::ParameterInvalid,
                    None,
                    fields.certificate,
                    Some(format!("{} is not an SM2 certificate", fields.certificate)),
                );
            }
        }
        if let Some(KeyRead::Parsed(k)) = key.as_ref() {
            if k.key.desc().algorithm != KeyAlgorithm::Sm2 {
                sink.push(
                    Kind::ParameterInvalid,
                    None,
                    fields.private_key,
                    Some(format!("{} is not an SM2 private key", fields.private_key)),
                );
            }
        }
        if first.is_none() {
            first = Some((bundle, key));
        } else if let Some(b) = bundle {
            chain.extend(b.certs);
        }
    }
    let (bundle, key) = first.unwrap_or((None, None));
    let mut report = finish(sink, bundle, key);
    report.chain.extend(chain.into_iter().map(|c| c.info));
    // The normalized form of the four-field upload is not a single certificate/key pair.
    report.normalized = None;
    report
}

/// Reads, parses and cross-checks one certificate field and its key field.
fn check_pair(
    sink: &mut Sink,
    input: &Input<'_>,
    cert_text: &str,
    key_text: Option<&str>,
    fields: PairFields<'_>,
    key_required: bool,
) -> (Option<Bundle>, Option<KeyRead>) {
    let bundle = read_certificates(sink, cert_text, fields.certificate);
    let mut bad_leaf_key = false;
    if let Some(b) = bundle.as_ref() {
        if let Some(leaf) = b.certs.first().filter(|_| b.leaf_ok) {
            check_validity(sink, leaf, input.now_ms, fields.certificate);
            // SEC 1 §2.3.4, RFC 8410 §3: the leaf's public key must be a key of its algorithm,
            // with or without a private key to match.
            // RFC 5480 §2.1.1: PKIX certificates name their curve; Go, BoringSSL and browsers
            // refuse explicit parameters even when they equal a named curve's.
            if let Some(spki) = leaf.spki().filter(|s| {
                s.algorithm.oid == crate::alg::EC_PUBLIC_KEY && s.algorithm.explicit_ec_parameters()
            }) {
                let named = crate::alg::ec_curve(&spki.algorithm).map_or_else(
                    || "parameters of no curve we know".to_string(),
                    |c| format!("the parameters of {}", c.as_str()),
                );
                sink.push(
                    Kind::KeyAlgorithmNotSupported,
                    None,
                    fields.certificate,
                    Some(format!(
                        "the certificate's EC key has explicit curve parameters ({named}) instead of a named curve; RFC 5480 requires a named curve and TLS clients refuse it"
                    )),
                );
            }
            if leaf.non_ascii_dns_name {
                sink.push(
                    Kind::CertificateFormatInvalid,
                    Some(When::NonAsciiName),
                    fields.certificate,
                    Some(
                        "a subjectAltName dNSName holds bytes outside printable ASCII (shown as \\xNN); no client will match it (use the IDNA A-label, xn--…)"
                            .to_string(),
                    ),
                );
            }
            if let Some(reason) = leaf.spki().and_then(|s| crate::key::public_key_problem(&s)) {
                bad_leaf_key = true;
                sink.push(
                    Kind::CertificateFormatInvalid,
                    None,
                    fields.certificate,
                    Some(format!(
                        "the leaf certificate's public key is invalid: {reason}"
                    )),
                );
            }
        }
        // A bundle with an unreadable block has no chain to judge; the format error says it all.
        if b.leaf_ok && b.complete {
            check_chain(sink, &b.certs, fields.certificate, input.roots);
        }
    }

    let key_text = key_text.filter(|k| !k.trim().is_empty());
    let Some(key_text) = key_text else {
        if key_required {
            sink.push(Kind::PrivateKeyMissing, None, fields.private_key, None);
        }
        return (bundle, None);
    };
    let key = read_key(sink, key_text, input, fields.private_key);
    if let Some(KeyRead::Parsed(k)) = key.as_ref() {
        // A certificate whose own public key is invalid has already been reported; nothing can
        // belong to it.
        if bad_leaf_key {
            return (bundle, key);
        }
        if let Err(reason) = k.key.check_consistency() {
            sink.push(
                Kind::CertificateMismatch,
                Some(When::KeyInconsistent),
                fields.private_key,
                Some(format!(
                    "the private key fails its own consistency check: {reason}"
                )),
            );
        } else if let Some(b) = bundle.as_ref().filter(|b| b.leaf_ok) {
            check_match(sink, &k.key, &b.certs, fields.private_key);
        }
    }
    (bundle, key)
}

/// What a field without a PEM block holds instead, for the finding's detail: NUL or other
/// control bytes (binary data: a DER file, a .p12, a bad copy), or text whose first line is shown
/// only when it cannot be a secret. Empty when it is ordinary text.
fn what_instead(text: &str) -> String {
    let nul = text.bytes().filter(|b| *b == 0).count();
    let control = text
        .bytes()
        .filter(|b| b.is_ascii_control() && !b.is_ascii_whitespace())
        .count();
    if nul > 0 {
        format!(
            "; the text holds {nul} NUL byte(s): binary data (a DER or PKCS#12 file?), paste the PEM text instead"
        )
    } else if control > 0 {
        format!(
            "; the text holds {control} control character(s): binary data, paste the PEM text instead"
        )
    } else if text.contains("-----BEGIN") {
        "; a -----BEGIN line must start its own line".to_string()
    } else {
        String::new()
    }
}

/// SPEC.md `InputTooLarge`: a field over 1 MiB is not read at all.
fn too_large(sink: &mut Sink, text: &str, field: &str) -> bool {
    let over = text.len() > MAX_FIELD_BYTES;
    if over {
        sink.push(
            Kind::InputTooLarge,
            None,
            field,
            Some(format!(
                "{} bytes; the limit is {MAX_FIELD_BYTES}",
                text.len()
            )),
        );
    }
    over
}

/// Splits the certificate field into blocks, parses each certificate, reports format problems.
fn read_certificates(sink: &mut Sink, text: &str, field: &str) -> Option<Bundle> {
    if too_large(sink, text, field) {
        return None;
    }
    if text.trim().is_empty() {
        sink.push(Kind::CertificateMissing, None, field, None);
        return None;
    }
    let pem = input::read(text);
    if !pem.found_begin {
        sink.push(
            Kind::CertificateFormatInvalid,
            Some(When::Pem),
            field,
            Some(format!(
                "no PEM block (-----BEGIN CERTIFICATE-----) found{}",
                what_instead(text)
            )),
        );
        return None;
    }
    for problem in &pem.problems {
        sink.push(
            Kind::CertificateFormatInvalid,
            Some(When::Pem),
            field,
            Some(problem.describe()),
        );
    }
    let mut style: Vec<String> = pem.style.iter().map(|s| s.describe().to_string()).collect();
    let mut wrong_label = false;
    for block in pem.blocks.iter().filter(|b| b.label != "CERTIFICATE") {
        match block.label.as_str() {
            // Parameters blocks are dropped from the normalized form (CLB refuses DH PARAMETERS, §1.3).
            "DH PARAMETERS" | "EC PARAMETERS" => {
                style.push(format!("a {} block (dropped)", block.label));
            }
            label => {
                wrong_label = true;
                sink.push(
                    Kind::CertificateFormatInvalid,
                    Some(When::Pem),
                    field,
                    Some(wrong_label_detail(label, block.line)),
                );
            }
        }
    }
    let blocks: Vec<&input::Block> = pem
        .blocks
        .iter()
        .filter(|b| b.label == "CERTIFICATE")
        .collect();
    if blocks.len() > MAX_CERTIFICATES {
        sink.push(
            Kind::InputTooLarge,
            None,
            field,
            Some(format!(
                "{} certificates; the limit is {MAX_CERTIFICATES}",
                blocks.len()
            )),
        );
        return None;
    }
    if blocks.is_empty() {
        if pem.problems.is_empty() && !wrong_label {
            sink.push(
                Kind::CertificateFormatInvalid,
                Some(When::Pem),
                field,
                Some("no CERTIFICATE block found".to_string()),
            );
        }
        return None;
    }
    let mut certs = Vec::with_capacity(blocks.len());
    let mut leaf_ok = false;
    let mut all_parsed = true;
    for (i, block) in blocks.iter().enumerate() {
        match Cert::parse(&block.der) {
            Ok(mut c) => {
                leaf_ok |= i == 0;
                c.info.index = u32::try_from(i).unwrap_or(u32::MAX);
                certs.push(c);
            }
            Err(e) => {
                all_parsed = false;
                sink.push(
                    Kind::CertificateFormatInvalid,
                    Some(When::Der),
                    field,
                    Some(format!(
                        "certificate #{} (line {}): {}",
                        i + 1,
                        block.line,
                        e.0
                    )),
                );
            }
        }
    }
    Some(Bundle {
        certs,
        leaf_ok,
        complete: all_parsed && pem.problems.is_empty() && !wrong_label,
        style,
    })
}

fn wrong_label_detail(label: &str, line: usize) -> String {
    let what = if label == "PRIVATE KEY" || label.ends_with(" PRIVATE KEY") {
        "a private key"
    } else if label.contains("CERTIFICATE REQUEST") {
        "a certificate signing request"
    } else if label.ends_with("PUBLIC KEY") {
        "a public key"
    } else {
        "a block that is not a certificate"
    };
    format!(
        "{what} ({}, line {line}) is in the certificate field",
        input::label_shown(label)
    )
}

/// RFC 5280 §4.1.2.5: the validity period includes both notBefore and notAfter.
fn check_validity(sink: &mut Sink, leaf: &Cert, now_ms: i64, field: &str) {
    let ms = |secs: i64| secs.saturating_mul(1000);
    if now_ms > ms(leaf.not_after) {
        sink.push(
            Kind::CertificateExpired,
            None,
            field,
            Some(format!("notAfter is {}", leaf.info.not_after)),
        );
    }
    if now_ms < ms(leaf.not_before) {
        sink.push(
            Kind::CertificateNotYetValid,
            None,
            field,
            Some(format!("notBefore is {}", leaf.info.not_before)),
        );
    }
}

/// Each certificate after the leaf must be the issuer of the one before it — by name (RFC 5280
/// §6.1.3 (a)(4)) and by signature (§6.1.3 (a)(1)); the last must be self-signed (by names and key
/// identifiers, [`Cert::is_self_signed`]: its signature over itself proves nothing and is not
/// checked) or the chain is incomplete. Signatures the library cannot check are reported in
/// `detail`, never refused.
fn check_chain(sink: &mut Sink, certs: &[Cert], field: &str, roots: Option<&TrustAnchors>) {
    for (i, pair) in certs.windows(2).enumerate() {
        let (Some(child), Some(parent)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let (n, m) = (i + 1, i + 2);
        if !child.named_issuer_is(parent) {
            sink.push(
                Kind::ChainOrderInvalid,
                None,
                field,
                Some(format!(
                    "certificate #{m} ({}) is not the issuer of certificate #{n} (issued by {})",
                    parent.info.subject, child.info.issuer
                )),
            );
            continue;
        }
        match child.signed_by(parent) {
            Verdict::Valid => {}
            Verdict::Invalid => sink.push(
                Kind::ChainOrderInvalid,
                None,
                field,
                Some(format!(
                    "certificate #{m} has the issuer's name but its key did not sign certificate #{n}"
                )),
            ),
            Verdict::Unsupported(why) => sink.push(
                Kind::ChainIncomplete,
                None,
                field,
                Some(format!("signature of certificate #{n} not checked: {why}")),
            ),
        }
    }
    let Some(last) = certs.last() else {
        return;
    };
    let Some(anchors) = roots else {
        if !last.is_self_signed() {
            sink.push(
                Kind::ChainIncomplete,
                None,
                field,
                Some(format!(
                    "the last certificate ({}) is issued by {}, which is not in the bundle",
                    last.info.subject, last.info.issuer
                )),
            );
        }
        return;
    };
    // With roots, the chain is complete where a certificate is an anchor or is signed by one (the
    // root need not be uploaded, RFC 8446 §4.4.2); clients stop there, so a cross-signed root
    // after it changes nothing.
    let mut unverifiable = None;
    for c in certs {
        match anchors.reaches(c) {
            Some(Reach::IsAnchor | Reach::IssuedByAnchor) => return,
            Some(Reach::Unverifiable(why)) => unverifiable = Some((c, why)),
            None => {}
        }
    }
    let n = anchors.len();
    let detail = if let Some((c, why)) = unverifiable {
        format!(
            "{} is issued by a trusted root by name, but its signature could not be checked: {why}",
            c.info.subject
        )
    } else if last.is_self_signed() {
        sink.push(
            Kind::ChainUntrusted,
            None,
            field,
            Some(format!(
                "the chain ends at the self-signed {}, which is not one of the {n} trusted roots",
                last.info.subject
            )),
        );
        return;
    } else {
        format!(
            "the last certificate ({}) is issued by {}, which is neither in the bundle nor one of the {n} trusted roots",
            last.info.subject, last.info.issuer
        )
    };
    sink.push(Kind::ChainIncomplete, None, field, Some(detail));
}

/// Does the key belong to the leaf? If not, say which certificate it does belong to.
fn check_match(sink: &mut Sink, key: &PrivateKey, certs: &[Cert], field: &str) {
    let Some(leaf_spki) = certs.first().and_then(Cert::spki) else {
        return;
    };
    match key.matches(&leaf_spki) {
        Match::Yes => {}
        // Never a silent pass: what cannot be proved is an error (SPEC: "an algorithm pair that
        // cannot be compared is an error, never silence").
        Match::Unverifiable { reason } => sink.push(
            Kind::KeyAlgorithmNotSupported,
            None,
            field,
            Some(format!(
                "the key could not be proved to belong to the certificate: {reason}"
            )),
        ),
        Match::BadCertificateKey { reason } => sink.push(
            Kind::CertificateFormatInvalid,
            None,
            field,
            Some(format!(
                "the leaf certificate's public key is invalid: {reason}"
            )),
        ),
        Match::No { reason } => {
            let owner = certs.iter().enumerate().skip(1).find(|(_, c)| {
                c.spki()
                    .is_some_and(|s| matches!(key.matches(&s), Match::Yes))
            });
            let detail = match owner {
                Some((i, c)) => format!(
                    "{reason}; the key belongs to certificate #{} ({}) — the server certificate must come first",
                    i + 1,
                    c.info.subject
                ),
                None => reason.to_string(),
            };
            sink.push(
                Kind::CertificateMismatch,
                Some(When::KeyMismatch),
                field,
                Some(detail),
            );
        }
    }
}

/// The provider's key-algorithm rules, applied to the leaf (PROVIDERS.md §1.3, §2.3, §3.3, §4).
fn check_algorithm(sink: &mut Sink, input: &Input<'_>, leaf: &Cert, sm2: bool, field: &str) {
    let rules = &sink.profile.rules;
    if sm2 {
        if !rules.sm2_in_main_fields {
            sink.push(
                Kind::Sm2CertificateNotSupported,
                None,
                field,
                Some(
                    "SM2 key or SM3withSM2 signature (OID 1.2.156.10197.1.301 / .501)".to_string(),
                ),
            );
        }
        return;
    }
    let key = leaf.key;
    match key.algorithm {
        KeyAlgorithm::Rsa => {
            let refused = match rules.rsa_sizes {
                RsaSizes::Only(sizes) => !sizes.contains(&key.bits),
                RsaSizes::AtLeast(min) => key.bits < min,
            };
            if refused {
                let allowed = match rules.rsa_sizes {
                    RsaSizes::Only(sizes) => {
                        let list: Vec<String> = sizes.iter().map(u32::to_string).collect();
                        // EVIDENCE.md S8: the list is documented; that other sizes are refused is
                        // our reading of it.
                        format!(
                            "the documented sizes are {}; other sizes being refused is inferred from that list",
                            list.join(", ")
                        )
                    }
                    RsaSizes::AtLeast(min) => format!("at least {min}"),
                };
                sink.push(
                    Kind::IllegalKeyLength,
                    None,
                    field,
                    Some(format!("RSA {} bits; {allowed}", key.bits)),
                );
            }
        }
        KeyAlgorithm::Ec => {
            if rules.ec == EcPolicy::OnlyInEccRegions {
                let region = input.region.unwrap_or("");
                if !input.ecc_regions.contains(&region) {
                    // The region is quoted only when it is (nearly) a CLB region: a caller's
                    // value may be anything, a secret in the wrong argument included.
                    let curve = key.curve.map_or("", |c| c.as_str());
                    let detail = if region.is_empty() {
                        format!("EC {curve} key and no region: EC is accepted only in eccRegions")
                    } else {
                        let known = crate::request::regions(ProviderId::AliyunSlb);
                        format!(
                            "EC {curve} key; region {} is not in eccRegions",
                            crate::error::shown(region, known)
                        )
                    };
                    sink.push(Kind::EccCertificateNotSupport, None, field, Some(detail));
                }
            }
        }
        other => {
            if !rules.also_accepted.contains(&other) {
                let why = match other {
                    KeyAlgorithm::Dsa => {
                        "DSA: no TLS 1.3 client and no current browser completes a handshake with a DSA certificate"
                    }
                    KeyAlgorithm::Unknown => {
                        "the certificate's key algorithm is not one a TLS server can sign with (X25519/X448 are for key agreement only)"
                    }
                    _ => "",
                };
                let detail = if why.is_empty() {
                    format!("{} keys are not accepted", other.as_str())
                } else {
                    why.to_string()
                };
                sink.push(Kind::KeyAlgorithmNotSupported, None, field, Some(detail));
            }
        }
    }
}

/// `certificateType` against basicConstraints cA (PROVIDERS.md §3.3).
fn check_type(sink: &mut Sink, ty: CertificateType, leaf: &Cert, field: &str) {
    match (ty, leaf.info.is_ca) {
        (CertificateType::Ca, false) => sink.push(
            Kind::CertificateTypeMismatch,
            Some(When::CaTypeNotCa),
            field,
            Some(
                "certificateType is CA but the certificate has no basicConstraints cA=TRUE"
                    .to_string(),
            ),
        ),
        (CertificateType::Server, true) => sink.push(
            Kind::CertificateTypeMismatch,
            Some(When::SvrTypeIsCa),
            field,
            Some("certificateType is SVR but the certificate is a CA (cA=TRUE)".to_string()),
        ),
        _ => {}
    }
}

/// Reads the key field. Key bytes never reach a message.
fn read_key(sink: &mut Sink, text: &str, input: &Input<'_>, field: &str) -> Option<KeyRead> {
    if too_large(sink, text, field) {
        return None;
    }
    let pem: Pem = input::read(text);
    if !pem.found_begin {
        // No BEGIN line at all: say what the field holds instead (its stray END lines are noise).
        sink.push(
            Kind::PrivateKeyFormatInvalid,
            None,
            field,
            Some(format!(
                "no PEM block (-----BEGIN ... PRIVATE KEY-----) found{}",
                what_instead(text)
            )),
        );
        return None;
    }
    for problem in &pem.problems {
        sink.push(
            Kind::PrivateKeyFormatInvalid,
            None,
            field,
            Some(problem.describe()),
        );
    }
    let budget = input.max_kdf_cost.unwrap_or(key::DEFAULT_MAX_KDF_COST);
    let key = match key::parse_with_budget(&pem.blocks, input.passphrase, budget) {
        Ok(key) => key,
        Err(e) => {
            let locked = match &e {
                KeyError::KdfTooCostly { .. } => Some(KeyInfo {
                    format: "encrypted",
                    key_algorithm: KeyAlgorithm::Unknown.as_str(),
                    key_bits: 0,
                    curve: None,
                    source: "pem",
                }),
                KeyError::Encrypted { algorithm, .. }
                | KeyError::WrongPassphrase { algorithm, .. } => Some(KeyInfo {
                    format: "encrypted",
                    key_algorithm: algorithm.as_str(),
                    key_bits: 0,
                    curve: None,
                    source: "pem",
                }),
                _ => None,
            };
            let (kind, detail) = match e {
                KeyError::NoPem => (
                    Kind::PrivateKeyFormatInvalid,
                    format!(
                        "no PEM block (-----BEGIN ... PRIVATE KEY-----) found{}",
                        what_instead(text)
                    ),
                ),
                KeyError::FoundCertificate => (
                    Kind::PrivateKeyFormatInvalid,
                    "a certificate is in the private key field".to_string(),
                ),
                KeyError::NoKeyBlock { labels } => {
                    let shown: Vec<String> = labels.iter().map(|l| input::label_shown(l)).collect();
                    (
                        Kind::PrivateKeyFormatInvalid,
                        format!("no private key block (found {})", shown.join(", ")),
                    )
                }
                KeyError::Malformed(why) => (Kind::PrivateKeyFormatInvalid, why.to_string()),
                KeyError::Encrypted { legacy, .. } => (
                    Kind::PrivateKeyEncrypted,
                    if legacy {
                        "the key is encrypted (Proc-Type: 4,ENCRYPTED)".to_string()
                    } else {
                        "the key is encrypted (ENCRYPTED PRIVATE KEY)".to_string()
                    },
                ),
                KeyError::WrongPassphrase { .. } => (
                    Kind::PrivateKeyEncrypted,
                    "the passphrase does not decrypt the key".to_string(),
                ),
                KeyError::UnsupportedEncryption(why) => {
                    (Kind::PrivateKeyEncrypted, why.to_string())
                }
                KeyError::KdfTooCostly {
                    scheme,
                    cost,
                    budget,
                } => (
                    Kind::PrivateKeyEncrypted,
                    format!(
                        "decrypting this key ({scheme}) would cost {cost} work units, above the budget of {budget} (maxKdfCost; the default {} is about half a second): decrypt it first (openssl pkey -in key.pem -out plain.pem) or raise maxKdfCost",
                        key::DEFAULT_MAX_KDF_COST
                    ),
                ),
            };
            // A PEM problem already explains an unreadable key; don't report the same thing twice.
            if kind != Kind::PrivateKeyFormatInvalid || pem.problems.is_empty() {
                sink.push(kind, None, field, Some(detail));
            }
            return locked.map(KeyRead::Locked);
        }
    };
    let rules = &sink.profile.rules;
    let mut style: Vec<String> = pem.style.iter().map(|s| s.describe().to_string()).collect();
    if pem.blocks.iter().any(|b| b.label == "EC PARAMETERS") {
        style.push("an EC PARAMETERS block (dropped)".to_string());
    }
    let mut converted = false;
    // A label that names another structure is odd in every profile: say so, and the normalized
    // PEM carries the right label.
    if let Some((label, actual)) = key.mislabelled() {
        converted = true;
        style.push(format!(
            "a {} key under a {} label (the label is fixed)",
            actual.as_str(),
            label.as_str()
        ));
    }
    if key.was_encrypted() && !rules.takes_key_password {
        converted = true;
        style.push(
            "the key was decrypted with the passphrase (the provider takes only unencrypted keys)"
                .to_string(),
        );
    }
    if rules.rsa_key_pkcs1
        && key.desc().algorithm == KeyAlgorithm::Rsa
        && key.format() != KeyFormat::Pkcs1
    {
        converted = true;
        style.push("the RSA key was converted to PKCS#1 (RSA PRIVATE KEY)".to_string());
    }
    Some(KeyRead::Parsed(alloc::boxed::Box::new(ReadKey {
        key,
        style,
        converted,
    })))
}

/// Builds the report: canonical-form findings, `normalized`, and the facts.
fn finish(mut sink: Sink, bundle: Option<Bundle>, key: Option<KeyRead>) -> Report {
    for (field, kind, when, n) in core::mem::take(&mut sink.left_out) {
        sink.add(
            kind,
            when,
            &field,
            Some(format!(
                "and {n} more finding(s) about {field}, not listed (at most {MAX_FINDINGS_PER_FIELD} per field)"
            )),
        );
    }
    let profile = sink.profile;
    let fields = profile.fields;
    let parsed = match key.as_ref() {
        Some(KeyRead::Parsed(k)) => Some(k),
        _ => None,
    };
    let complete = bundle.as_ref().filter(|b| b.complete);
    // Leaf-first order, when the given order is wrong and signatures prove the right one.
    let order = complete.and_then(|b| {
        let needs = sink.has(Kind::ChainOrderInvalid) || has_duplicates(&b.certs);
        needs
            .then(|| leaf_first_order(&b.certs, parsed.map(|k| &k.key)))
            .flatten()
    });
    let mut cert_reasons: Vec<String> = complete.map(|b| b.style.clone()).unwrap_or_default();
    if let (Some(order), Some(b)) = (order.as_ref(), complete) {
        if order.len() < b.certs.len() {
            cert_reasons.push("duplicate certificates (dropped)".to_string());
        }
        if order.windows(2).any(|w| w.first() > w.get(1)) {
            cert_reasons.push(
                "the chain was re-ordered leaf first (each certificate signed by the next)"
                    .to_string(),
            );
        }
    }
    let key_style = parsed.filter(|k| !k.style.is_empty());
    if profile.rules.canonical_pem && !cert_reasons.is_empty() {
        sink.push(
            Kind::PemNotCanonical,
            Some(When::Pem),
            fields.certificate,
            Some(cert_reasons.join("; ")),
        );
    }
    if let Some(k) = key_style.filter(|k| profile.rules.canonical_pem || k.converted) {
        sink.push(
            Kind::PemNotCanonical,
            Some(When::KeyConverted),
            fields.private_key,
            Some(k.style.join("; ")),
        );
    }

    // The fixed form is offered whenever the input was not canonical (or not PEM) and every block
    // could be read.
    let normalized = complete
        .filter(|_| sink.always_normalize || !cert_reasons.is_empty() || key_style.is_some())
        .map(|b| {
            let certificate = match order.as_ref() {
                Some(order) => order
                    .iter()
                    .filter_map(|i| b.certs.get(*i))
                    .map(|c| input::encode("CERTIFICATE", &c.der))
                    .collect(),
                None => b
                    .certs
                    .iter()
                    .map(|c| input::encode("CERTIFICATE", &c.der))
                    .collect(),
            };
            Normalized {
                certificate,
                private_key: parsed.map(|k| canonical_key(&k.key, profile)),
            }
        });

    let private_key = key.map(|k| match k {
        KeyRead::Parsed(k) => k.key.info(),
        KeyRead::Locked(info) => info,
    });
    // chain[0] is the leaf or nothing: when the first block is unreadable, an intermediate must
    // not pass for the leaf (SPEC: "chain[0] is the leaf or nothing").
    let chain = bundle
        .filter(|b| b.leaf_ok)
        .map(|b| b.certs.into_iter().map(|c| c.info).collect::<Vec<_>>())
        .unwrap_or_default();
    let leaf_ok = !chain.is_empty();
    Report {
        ok: sink.errors.is_empty(),
        errors: sink.errors,
        warnings: sink.warnings,
        certificate: if leaf_ok {
            chain.first().cloned()
        } else {
            None
        },
        chain,
        private_key,
        normalized,
    }
}

fn has_duplicates(certs: &[Cert]) -> bool {
    certs
        .iter()
        .enumerate()
        .any(|(i, c)| certs.iter().skip(i + 1).any(|d| d.der == c.der))
}

/// The bundle's certificates in leaf-first order, if signatures prove one: the leaf is the certificate
/// the key belongs to (or, without a key, the only one that issued none of the others), and each next
/// certificate is the one that names and signs the previous. Exact duplicates are dropped. `None` when
/// any certificate cannot be placed — then the order is left as given.
fn leaf_first_order(certs: &[Cert], key: Option<&PrivateKey>) -> Option<Vec<usize>> {
    let unique: Vec<usize> = (0..certs.len())
        .filter(|&i| {
            let der = certs.get(i).map(|c| &c.der);
            !certs.iter().take(i).any(|c| Some(&c.der) == der)
        })
        .collect();
    let issues = |child: &Cert, parent: &Cert| {
        child.named_issuer_is(parent) && child.signed_by(parent) == Verdict::Valid
    };
    let cert = |i: usize| certs.get(i);
    let leaf = match key {
        Some(key) => unique.iter().copied().find(|&i| {
            cert(i)
                .and_then(Cert::spki)
                .is_some_and(|s| key.matches(&s) == Match::Yes)
        })?,
        None => {
            let mut leaves = unique.iter().copied().filter(|&i| {
                unique.iter().all(|&j| {
                    i == j || !matches!((cert(j), cert(i)), (Some(c), Some(p)) if issues(c, p))
                })
            });
            let leaf = leaves.next()?;
            if leaves.next().is_some() {
                return None;
            }
            leaf
        }
    };
    let mut order = alloc::vec![leaf];
    while order.len() < unique.len() {
        let last = cert(*order.last()?)?;
        if last.is_self_issued() {
            return None;
        }
        let next = unique
            .iter()
            .copied()
            .find(|i| !order.contains(i) && cert(*i).is_some_and(|p| issues(last, p)))?;
        order.push(next);
    }
    Some(order)
}

/// The key in the form the provider takes: PKCS#1 for RSA where required, else its own format.
fn canonical_key(key: &PrivateKey, profile: &Profile) -> Zeroizing<String> {
    if profile.rules.rsa_key_pkcs1 {
        if let Some(der) = key.to_pkcs1_der() {
            return Zeroizing::new(input::encode("RSA PRIVATE KEY", &der));
        }
    }
    let (label, der) = key.to_der();
    Zeroizing::new(input::encode(label, &der))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn unknown_pem_labels_are_described_not_quoted() {
        let secret = "Z5xQm3RkT8vW2nJp6yHc9LbA4dFg7s";
        let block = format!("-----BEGIN {secret}-----\nAAAA\n-----END {secret}-----\n");
        let report = validate(&Input {
            certificate: &block,
            private_key: Some(&block),
            ..Input::default()
        });
        let details: Vec<&str> = report
            .errors
            .iter()
            .chain(&report.warnings)
            .filter_map(|f| f.detail.as_deref())
            .collect();
        assert!(
            details
                .iter()
                .any(|d| d.contains("a label of 30 characters")),
            "{details:?}"
        );
        assert!(!format!("{report:?}").contains(secret), "{details:?}");
        // Known labels are named.
        assert_eq!(
            wrong_label_detail("RSA PRIVATE KEY", 3),
            "a private key (RSA PRIVATE KEY, line 3) is in the certificate field"
        );
    }

    #[test]
    fn input_debug_hides_secrets() {
        let input = Input {
            certificate: "CERT-TEXT",
            private_key: Some("SECRET-KEY-TEXT"),
            passphrase: Some("SECRET-PASSPHRASE"),
            sign_private_key: Some("SECRET-SIGN-KEY"),
            encrypt_private_key: Some("SECRET-ENC-KEY"),
            ..Input::default()
        };
        let debug = format!("{input:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("<redacted>"));
    }

    #[test]
    fn certificate_type_names() {
        assert_eq!(CertificateType::from_name("CA"), Some(CertificateType::Ca));
        assert_eq!(
            CertificateType::from_name("SVR"),
            Some(CertificateType::Server)
        );
        assert_eq!(CertificateType::from_name("svr"), None);
    }

    #[test]
    fn empty_input_is_certificate_missing_in_every_profile() {
        for provider in [
            None,
            Some(ProviderId::AliyunSlb),
            Some(ProviderId::TencentSsl),
        ] {
            let r = validate(&Input {
                certificate: "  \n",
                provider,
                ..Input::default()
            });
            assert_eq!(
                r.errors.first().map(|f| f.kind),
                Some(Kind::CertificateMissing)
            );
            assert!(!r.ok && r.certificate.is_none() && r.chain.is_empty());
        }
    }
}
