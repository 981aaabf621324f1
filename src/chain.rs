//! Completing a chain from its caIssuers URLs, and trust anchors (SPEC.md "Completing the chain").
//!
//! Pure: the core never fetches. A host (the Worker, the command line, a page through the Worker)
//! calls [`complete_chain`] with what it fetched so far, fetches every URL of
//! [`ChainCompletion::next`] and calls again, until `next` is empty. The limits are Chromium's
//! (`net/cert/internal/cert_issuer_source_aia.cc`; `reference/CHAIN.md`): at most
//! [`MAX_URLS_PER_CERTIFICATE`] URLs of a certificate, bodies of at most [`MAX_BODY_BYTES`], and
//! [`MAX_ROUNDS`] issuers added — so the host loops at most that many times.
//!
//! Nothing fetched is trusted: a fetched certificate continues the chain only when its subject is
//! the last certificate's issuer (RFC 5280 §6.1.3 (a)(4)) **and** its key verifies that
//! certificate's signature (§6.1.3 (a)(1)). A self-signed root is never added to the bundle (TLS
//! lets the server omit it, RFC 8446 §4.4.2) but makes the chain complete; so does reaching a
//! certificate of [`TrustAnchors`], when given.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::asn1::{self, ber};
use crate::cert::{Cert, Verdict};
use crate::error::Error;
use crate::finding::{CertInfo, Finding, Kind};
use crate::input::{self, MAX_FIELD_BYTES};
use crate::validate::MAX_CERTIFICATES;

/// Most issuers added, i.e. rounds of fetching (a chain is leaf, one or two intermediates, root).
pub const MAX_ROUNDS: usize = 4;
/// Most caIssuers URLs of one certificate fetched (Chromium's limit).
pub const MAX_URLS_PER_CERTIFICATE: usize = 5;
/// Largest body read from a caIssuers URL (Chromium's limit; an intermediate is 1–2 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Most fetched bodies looked at in one call: every URL of every round.
pub const MAX_FETCHED: usize = MAX_ROUNDS * MAX_URLS_PER_CERTIFICATE;
/// Most certificates in a trust-anchor set (Mozilla's has ~150, Windows' ~450).
pub const MAX_ANCHORS: usize = 4096;
/// Largest PEM text or DER total read as trust anchors.
pub const MAX_ANCHOR_BYTES: usize = 8 << 20;

/// id-signedData (RFC 5652 §5.1).
const SIGNED_DATA: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");

/// A set of trusted roots, parsed once and reused by every call (`trustAnchors()` in JS).
#[derive(Clone, Debug, Default)]
pub struct TrustAnchors {
    /// Scanned in order: a few hundred name comparisons cost microseconds, less than a map's code
    /// costs in the module.
    roots: Vec<Cert>,
}

/// How a certificate reaches a trust anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// It is one of the anchors (same subject and key).
    IsAnchor,
    /// An anchor's key signed it.
    IssuedByAnchor,
    /// An anchor has its issuer's name, but the signature could not be checked.
    Unverifiable(&'static str),
}

impl TrustAnchors {
    /// Anchors from DER certificates.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when one of them is not a certificate (its position is named,
    /// never its bytes), or there are more than [`MAX_ANCHORS`] or [`MAX_ANCHOR_BYTES`].
    pub fn from_der<'a, I: IntoIterator<Item = &'a [u8]>>(ders: I) -> Result<Self, Error> {
        let mut anchors = TrustAnchors::default();
        let mut total: usize = 0;
        for (i, der) in ders.into_iter().enumerate() {
            total = total.saturating_add(der.len());
            if i >= MAX_ANCHORS || total > MAX_ANCHOR_BYTES {
                return Err(too_many());
            }
            let cert = Cert::parse(der).map_err(|e| Error::InvalidArgument {
                reason: format!("roots[{i}] is not a certificate: {}", e.0),
            })?;
            anchors.push(cert);
        }
        Ok(anchors)
    }

    /// Anchors from PEM text: every `CERTIFICATE` block (text around the blocks, as in
    /// `cacert.pem`, is fine).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when a block is not a certificate or does not decode, the text
    /// holds no certificate, or the limits are passed.
    pub fn from_pem(text: &str) -> Result<Self, Error> {
        if text.len() > MAX_ANCHOR_BYTES {
            return Err(too_many());
        }
        let mut anchors = TrustAnchors::default();
        anchors
            .push_pem(text)
            .map_err(|why| Error::InvalidArgument {
                reason: format!("roots: {why}"),
            })?;
        Ok(anchors)
    }

    /// Anchors from a list of certificates, each DER or PEM text (as Node's
    /// `tls.rootCertificates` lists them), decided by content.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the item's position (never its content) when it is not a
    /// certificate or holds none; when the list is empty or the limits are passed.
    pub fn from_items<'a, I: IntoIterator<Item = &'a [u8]>>(items: I) -> Result<Self, Error> {
        let mut anchors = TrustAnchors::default();
        let mut total: usize = 0;
        for (i, item) in items.into_iter().enumerate() {
            total = total.saturating_add(item.len());
            if total > MAX_ANCHOR_BYTES {
                return Err(too_many());
            }
            let read = if item.first() == Some(&asn1::SEQUENCE) {
                Cert::parse(item)
                    .map(|cert| anchors.push(cert))
                    .map_err(|e| format!("is not a certificate: {}", e.0))
            } else {
                core::str::from_utf8(item)
                    .map_err(|_| String::from("is neither DER nor PEM text"))
                    .and_then(|text| anchors.push_pem(text))
            };
            read.map_err(|why| Error::InvalidArgument {
                reason: format!("roots[{i}]: {why}"),
            })?;
            if anchors.roots.len() > MAX_ANCHORS {
                return Err(too_many());
            }
        }
        if anchors.roots.is_empty() {
            return Err(Error::InvalidArgument {
                reason: "roots: the list is empty".into(),
            });
        }
        Ok(anchors)
    }

    /// Adds the `CERTIFICATE` blocks of `text`; `Err` says why in words (no position prefix).
    fn push_pem(&mut self, text: &str) -> Result<(), String> {
        let pem = input::read(text);
        if let Some(problem) = pem.problems.first() {
            return Err(problem.describe());
        }
        if pem.blocks.is_empty() {
            return Err("no CERTIFICATE block".into());
        }
        for (i, block) in pem.blocks.iter().enumerate() {
            if block.label != "CERTIFICATE" && block.label != "TRUSTED CERTIFICATE" {
                return Err(format!(
                    "block {} (line {}) is not a CERTIFICATE",
                    i + 1,
                    block.line
                ));
            }
            if self.roots.len() >= MAX_ANCHORS {
                return Err(too_many_reason());
            }
            // OpenSSL's TRUSTED CERTIFICATE is the certificate followed by its trust settings.
            let der = if block.label == "TRUSTED CERTIFICATE" {
                first_value(&block.der)
            } else {
                &block.der
            };
            let cert = Cert::parse(der)
                .map_err(|e| format!("block {} (line {}): {}", i + 1, block.line, e.0))?;
            self.push(cert);
        }
        Ok(())
    }

    fn push(&mut self, cert: Cert) {
        self.roots.push(cert);
    }

    /// How many anchors.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// No anchors.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Whether `cert` is an anchor or is signed by one.
    pub(crate) fn reaches(&self, cert: &Cert) -> Option<Reach> {
        if self.roots.iter().any(|r| r.same_key(cert)) {
            return Some(Reach::IsAnchor);
        }
        let mut unverifiable = None;
        for root in self.roots.iter().filter(|r| cert.named_issuer_is(r)) {
            match cert.signed_by(root) {
                Verdict::Valid => return Some(Reach::IssuedByAnchor),
                Verdict::Invalid => {}
                Verdict::Unsupported(why) => unverifiable = Some(Reach::Unverifiable(why)),
            }
        }
        unverifiable
    }
}

fn too_many() -> Error {
    Error::InvalidArgument {
        reason: format!("roots: {}", too_many_reason()),
    }
}

fn too_many_reason() -> String {
    format!(
        "more than {MAX_ANCHORS} certificates or {} MiB",
        MAX_ANCHOR_BYTES >> 20
    )
}

/// The first DER value of `bytes` (a TRUSTED CERTIFICATE's certificate), or all of it.
fn first_value(bytes: &[u8]) -> &[u8] {
    let mut r = asn1::Reader::new(bytes);
    r.any().map_or(bytes, |t| t.raw)
}

/// What a host fetched from one caIssuers URL.
#[derive(Clone, Copy)]
pub struct Fetched<'a> {
    /// The URL, as the certificate wrote it.
    pub url: &'a str,
    /// The body, as served (DER, PKCS#7 certs-only in BER or DER, or PEM).
    pub body: &'a [u8],
}

impl core::fmt::Debug for Fetched<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Fetched")
            .field("url", &self.url)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A certificate [`complete_chain`] added, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    /// Its facts, as in a report's chain.
    pub info: CertInfo,
    /// The URL it was fetched from.
    pub url: String,
}

/// What [`complete_chain`] found (`ChainCompletion` in JS).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainCompletion {
    /// PEM bundle, leaf first: the input's certificates, then every issuer added.
    pub certificate: String,
    /// The issuers added, in chain order.
    pub added: Vec<Added>,
    /// caIssuers URLs of the chain's last certificate still to fetch; empty when done.
    pub next: Vec<String>,
    /// The chain ends at a self-signed certificate, or reaches one of the trust anchors.
    pub complete: bool,
    /// Bodies that hold no certificate, issuers that do not sign, loops, limits.
    pub findings: Vec<Finding>,
}

/// Continues the chain in `certificate` (PEM text or DER) with the issuers found in `fetched`,
/// and says which URLs to fetch next. See the module documentation.
///
/// # Errors
/// [`Error::CertificateFormatInvalid`] when `certificate` holds no readable certificate.
pub fn complete_chain(
    certificate: &[u8],
    fetched: &[Fetched<'_>],
    roots: Option<&TrustAnchors>,
) -> Result<ChainCompletion, Error> {
    let mut chain = read_bundle(certificate)?;
    let mut out = ChainCompletion::default();

    // Every certificate of every body, with the body it came from; then what went wrong.
    let mut candidates: Vec<(Cert, usize)> = Vec::new();
    let mut unread: Vec<(usize, String)> = Vec::new();
    for (i, f) in fetched.iter().enumerate().take(MAX_FETCHED) {
        if fetched.iter().take(i).any(|g| g.url == f.url) {
            unread.push((
                i,
                String::from("fetched twice: the second body is not read"),
            ));
        } else if f.body.len() > MAX_BODY_BYTES {
            unread.push((
                i,
                // Not the exact length: a host may hand over only the first MAX_BODY_BYTES + 1.
                format!("is over {MAX_BODY_BYTES} bytes, the most a caIssuers body may be"),
            ));
        } else {
            match certificates_in(f.body) {
                Ok(certs) => candidates.extend(certs.into_iter().map(|c| (c, i))),
                Err(why) => unread.push((i, format!("is not a certificate: {why}"))),
            }
        }
    }
    for (i, why) in unread {
        let url = url_shown(fetched.get(i).map_or("", |f| f.url), i, &chain, &candidates);
        let kind = if why.starts_with("is not") {
            Kind::CertificateFormatInvalid
        } else {
            Kind::InputTooLarge
        };
        out.findings.extend(finding(
            kind,
            "fetched",
            format!("the body from {url} {why}"),
        ));
    }
    if fetched.len() > MAX_FETCHED {
        out.findings.extend(finding(
            Kind::InputTooLarge,
            "fetched",
            format!("more than {MAX_FETCHED} fetched bodies: the rest are not read"),
        ));
    }

    // A certificate before the last may already reach an anchor (a cross-signed root at the end
    // of the bundle, as Let's Encrypt served): clients stop there.
    let reached = |c: &Cert| {
        roots.is_some_and(|a| matches!(a.reaches(c), Some(Reach::IsAnchor | Reach::IssuedByAnchor)))
    };
    if chain.iter().rev().skip(1).any(&reached) {
        out.complete = true;
    }
    while !out.complete {
        let Some(last) = chain.last() else { break };
        if last.is_self_signed() || reached(last) {
            out.complete = true;
            break;
        }
        // Its issuer among the fetched certificates: the name, then the signature.
        let mut found = None;
        for (at, (cand, from)) in candidates.iter().enumerate() {
            if !last.named_issuer_is(cand) {
                continue;
            }
            let url = url_shown(
                fetched.get(*from).map_or("", |f| f.url),
                *from,
                &chain,
                &candidates,
            );
            match last.signed_by(cand) {
                Verdict::Valid => {
                    found = Some(at);
                    break;
                }
                Verdict::Invalid => out.findings.extend(finding(
                    Kind::ChainOrderInvalid,
                    "fetched",
                    format!(
                        "the certificate from {url} ({}) has the issuer's name but its key did not sign {}: not added",
                        cand.info.subject, last.info.subject
                    ),
                )),
                Verdict::Unsupported(why) => out.findings.extend(finding(
                    Kind::ChainIncomplete,
                    "fetched",
                    format!(
                        "the certificate from {url} ({}) has the issuer's name, but its signature over {} could not be checked ({why}): not added",
                        cand.info.subject, last.info.subject
                    ),
                )),
            }
        }
        if let Some(at) = found {
            let (cand, from) = candidates.swap_remove(at);
            if chain.iter().any(|c| c.der == cand.der) {
                out.findings.extend(finding(
                    Kind::ChainOrderInvalid,
                    "fetched",
                    format!(
                        "a loop: {} comes back as its own issuer's issuer; stopped",
                        cand.info.subject
                    ),
                ));
                break;
            }
            if cand.is_self_signed() {
                // The root: clients have it; it completes the chain but is not uploaded.
                out.complete = true;
                break;
            }
            if out.added.len() >= MAX_ROUNDS {
                out.findings.extend(finding(
                    Kind::ChainIncomplete,
                    "fetched",
                    format!(
                        "stopped after {MAX_ROUNDS} issuers added: {} is not added",
                        cand.info.subject
                    ),
                ));
                break;
            }
            let url = fetched
                .get(from)
                .map_or_else(String::new, |f| f.url.to_string());
            let mut info = cand.info.clone();
            info.index = u32::try_from(chain.len()).unwrap_or(u32::MAX);
            out.added.push(Added { info, url });
            chain.push(cand);
            continue;
        }
        // Not found: what to fetch next, or why there is nothing more to do.
        let mut urls: Vec<&String> = Vec::new();
        for u in last.info.ca_issuers.iter().filter(|u| fetchable(u)) {
            if !urls.contains(&u) {
                urls.push(u);
            }
        }
        if urls.len() > MAX_URLS_PER_CERTIFICATE {
            out.findings.extend(finding(
                Kind::ChainIncomplete,
                "certificate",
                format!(
                    "{} names {} caIssuers URLs; only the first {MAX_URLS_PER_CERTIFICATE} are fetched",
                    last.info.subject,
                    urls.len()
                ),
            ));
            urls.truncate(MAX_URLS_PER_CERTIFICATE);
        }
        let pending: Vec<String> = urls
            .iter()
            .filter(|u| !fetched.iter().any(|f| f.url == u.as_str()))
            .map(|u| (*u).clone())
            .collect();
        if !pending.is_empty() && out.added.len() >= MAX_ROUNDS {
            out.findings.extend(finding(
                Kind::ChainIncomplete,
                "certificate",
                format!(
                    "stopped after {MAX_ROUNDS} issuers added: the issuer of {} is not fetched",
                    last.info.subject
                ),
            ));
        } else if !pending.is_empty() {
            out.next = pending;
        } else if urls.is_empty() {
            out.findings.extend(finding(
                Kind::ChainIncomplete,
                "certificate",
                format!(
                    "{} names no http caIssuers URL: its issuer ({}) cannot be fetched; add it from the CA's bundle",
                    last.info.subject, last.info.issuer
                ),
            ));
        } else {
            // Everything it names was fetched and none of it is its issuer.
            for (i, f) in fetched.iter().enumerate() {
                if !urls.iter().any(|u| u.as_str() == f.url) {
                    continue;
                }
                if let Some(earlier) = out.added.iter().find(|a| a.url == f.url) {
                    out.findings.extend(finding(
                        Kind::ChainOrderInvalid,
                        "fetched",
                        format!(
                            "a loop: {} names {}, which gave {} earlier in the chain",
                            last.info.subject, f.url, earlier.info.subject
                        ),
                    ));
                    continue;
                }
                let names: Vec<&str> = candidates
                    .iter()
                    .filter(|(_, from)| *from == i)
                    .map(|(c, _)| c.info.subject.as_str())
                    .collect();
                if !names.is_empty()
                    && !candidates
                        .iter()
                        .any(|(c, from)| *from == i && last.named_issuer_is(c))
                {
                    out.findings.extend(finding(
                        Kind::ChainIncomplete,
                        "fetched",
                        format!(
                            "{} holds {}, not the issuer of {} ({})",
                            f.url,
                            names.join("; "),
                            last.info.subject,
                            last.info.issuer
                        ),
                    ));
                }
            }
        }
        break;
    }
    if out.complete {
        out.next.clear();
    }
    out.certificate = chain
        .iter()
        .map(|c| input::encode("CERTIFICATE", &c.der))
        .collect();
    Ok(out)
}

/// A URL a host may fetch: `http:` (as Chromium), or `https:`; printable ASCII without spaces.
fn fetchable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

/// How a message names fetched body `i`: its URL when a certificate names it (the certificate's
/// own data), else only its position — an unknown string from the caller is not repeated.
fn url_shown(url: &str, i: usize, chain: &[Cert], candidates: &[(Cert, usize)]) -> String {
    let named = chain
        .iter()
        .chain(candidates.iter().map(|(c, _)| c))
        .any(|c| c.info.ca_issuers.iter().any(|u| u == url));
    if named {
        url.to_string()
    } else {
        format!("fetched[{i}] (a URL no certificate here names)")
    }
}

/// A finding of the provider-neutral profile (no cloud takes part in completing a chain).
fn finding(kind: Kind, field: &str, detail: String) -> Option<Finding> {
    crate::provider::generic().finding(kind, None, field, Some(detail))
}

/// The certificates of the bundle to complete, leaf first.
fn read_bundle(certificate: &[u8]) -> Result<Vec<Cert>, Error> {
    let invalid = |reason: &str| Error::CertificateFormatInvalid {
        reason: reason.into(),
    };
    if certificate.len() > MAX_FIELD_BYTES {
        return Err(invalid("the certificate is over 1 MiB"));
    }
    let certs = match certificates_in(certificate) {
        Ok(certs) => certs,
        Err(why) => return Err(invalid(why)),
    };
    if certs.len() > MAX_CERTIFICATES {
        return Err(invalid("the bundle holds more than 16 certificates"));
    }
    Ok(certs)
}

/// The certificates in a body, decided by content (never by a media type): DER, PKCS#7
/// certs-only in BER or DER (RFC 5280 §4.2.2.1), or PEM text holding `CERTIFICATE` or `PKCS7`
/// blocks (CAs that serve PEM, crbug 870359).
fn certificates_in(body: &[u8]) -> Result<Vec<Cert>, &'static str> {
    if body.first() == Some(&asn1::SEQUENCE) {
        if let Ok(cert) = Cert::parse(body) {
            return Ok(alloc::vec![cert]);
        }
        return pkcs7_certificates(body);
    }
    let Ok(text) = core::str::from_utf8(body) else {
        return Err("neither DER, PKCS#7 nor PEM");
    };
    let pem = input::read(text);
    let mut out = Vec::new();
    for block in &pem.blocks {
        match block.label.as_str() {
            "CERTIFICATE" => out.push(
                Cert::parse(&block.der)
                    .map_err(|_| "a CERTIFICATE block is not an X.509 certificate")?,
            ),
            "PKCS7" | "CMS" => out.extend(pkcs7_certificates(&block.der)?),
            _ => {}
        }
        if out.len() > MAX_CERTIFICATES {
            return Err("more than 16 certificates");
        }
    }
    if out.is_empty() {
        return Err("neither DER, PKCS#7 nor PEM with a CERTIFICATE block");
    }
    Ok(out)
}

/// `ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER (id-signedData), content [0]
/// EXPLICIT SignedData }`, `SignedData ::= SEQUENCE { version, digestAlgorithms SET,
/// encapContentInfo SEQUENCE, certificates [0] IMPLICIT SET OF Certificate OPTIONAL, … }` (RFC
/// 5652 §3, §5.1): the certificates. The message may be BER; each certificate must be DER.
fn pkcs7_certificates(der: &[u8]) -> Result<Vec<Cert>, &'static str> {
    const NOT_PKCS7: &str = "not DER, and not a PKCS#7 SignedData message";
    let info = ber::parse(der).map_err(|_| NOT_PKCS7)?;
    let mut parts = info.children();
    let oid = match parts.next() {
        Some(Ok(t)) if t.tag == asn1::OBJECT_IDENTIFIER => {
            asn1::oid_from_value(t.value).map_err(|_| NOT_PKCS7)?
        }
        _ => return Err(NOT_PKCS7),
    };
    if info.tag != asn1::SEQUENCE || oid != SIGNED_DATA {
        return Err(NOT_PKCS7);
    }
    let explicit = match parts.next() {
        Some(Ok(t)) if t.tag == asn1::context(0, true) => t,
        _ => return Err(NOT_PKCS7),
    };
    let signed = match explicit.children().next() {
        Some(Ok(t)) if t.tag == asn1::SEQUENCE => t,
        _ => return Err(NOT_PKCS7),
    };
    let mut out = Vec::new();
    for part in signed.children() {
        let part = part.map_err(|_| NOT_PKCS7)?;
        if part.tag != asn1::context(0, true) {
            continue;
        }
        for cert in part.children() {
            let cert = cert.map_err(|_| NOT_PKCS7)?;
            // Other certificate formats (attribute certificates, [1]–[3]) are skipped.
            if cert.tag != asn1::SEQUENCE {
                continue;
            }
            out.push(
                Cert::parse(cert.raw)
                    .map_err(|_| "a certificate in the PKCS#7 message is not DER X.509")?,
            );
            if out.len() > MAX_CERTIFICATES {
                return Err("more than 16 certificates");
            }
        }
    }
    if out.is_empty() {
        return Err("a PKCS#7 message without certificates");
    }
    Ok(out)
}
