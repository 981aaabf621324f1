//! Lenient multi-block PEM reader, strict about what matters.
//!
//! Uploads arrive in every shape people paste: CRLF from Windows editors, a UTF-8 byte-order
//! mark, `openssl x509 -text` or `openssl s_client -showcerts` output around the blocks, indented
//! lines, base64 wrapped at 76 columns or not at all. [`read`] accepts all of that (SPEC.md,
//! "Checks the core must make": surrounding text and whitespace are accepted) and records each
//! departure from canonical [RFC 7468 §2] PEM as a [`Style`], so a provider that cares can flag it.
//!
//! What it is strict about is the payload: the base64 of a block is decoded with the standard
//! padded alphabet and no slack (invalid character, bad padding, non-zero trailing bits or an
//! empty body make the block a [`Problem`], never a guess), and BEGIN/END must pair up.
//!
//! The reader does not interpret the DER. It runs in one pass over the lines, so its time is
//! linear in the input, and buffers holding a block's base64 or decoded bytes are [`Zeroizing`].
//!
//! [RFC 7468 §2]: https://www.rfc-editor.org/rfc/rfc7468#section-2

use alloc::{
    format,
    string::{String, ToString},
    vec::Vec,
};
use base64ct::{Base64, Encoding};
use core::fmt;
use zeroize::Zeroizing;

/// Largest accepted field, in bytes (SPEC: `InputTooLarge` over 1 MiB). The caller checks it
/// before [`read`].
pub(crate) const MAX_FIELD_BYTES: usize = 1 << 20;

/// RFC 7468 §2: "each line consists of exactly 64 characters except for the final line".
const LINE_WIDTH: usize = 64;

/// How the text departs from canonical PEM (each reported once, in first-seen order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// A UTF-8 byte-order mark at the start.
    Bom,
    /// CR LF (or lone CR) line endings.
    Crlf,
    /// A base64 line other than the last of its block is not exactly 64 characters, or the last
    /// one is longer than 64.
    LineWidth,
    /// Blank lines inside a block or between blocks. The one blank line that ends RFC 1421
    /// headers is canonical; blank lines before the first block or after the last one are
    /// [`Style::LeadingWhitespace`] / [`Style::TrailingWhitespace`].
    BlankLine,
    /// Non-whitespace text outside blocks (`openssl x509 -text`, `openssl s_client` output).
    SurroundingText,
    /// Leading or trailing whitespace on a BEGIN, END, header or base64 line.
    Indentation,
    /// Whitespace (blank lines) before the first BEGIN, and no other text there.
    LeadingWhitespace,
    /// Anything but a single line ending after the last END line, all of it whitespace. No
    /// line ending at all is canonical too.
    TrailingWhitespace,
}

impl Style {
    /// A short English phrase for a finding's detail.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Bom => "a UTF-8 byte-order mark",
            Self::Crlf => "CRLF line endings",
            Self::LineWidth => "base64 lines not wrapped at 64 columns",
            Self::BlankLine => "blank lines inside or between PEM blocks",
            Self::SurroundingText => "text outside the PEM blocks",
            Self::Indentation => "leading or trailing spaces on PEM lines",
            Self::LeadingWhitespace => "whitespace before the first PEM block",
            Self::TrailingWhitespace => "extra whitespace after the last PEM block",
        }
    }
}

/// One PEM block whose base64 decoded.
#[derive(Clone)]
pub(crate) struct Block {
    /// The type label, e.g. `CERTIFICATE`, `RSA PRIVATE KEY`, `EC PARAMETERS`.
    pub label: String,
    /// RFC 1421 encapsulated headers in order, e.g. `("Proc-Type", "4,ENCRYPTED")`,
    /// `("DEK-Info", "AES-128-CBC,0123...")`. Folded values are joined with one space.
    pub headers: Vec<(String, String)>,
    /// The decoded bytes. They may be key material, so they are zeroized on drop.
    pub der: Zeroizing<Vec<u8>>,
    /// 1-based line number of the BEGIN line.
    pub line: usize,
}

/// Shows the label, line and length only: `der` may be a private key.
impl fmt::Debug for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Block")
            .field("label", &self.label)
            .field("line", &self.line)
            .field("der_len", &self.der.len())
            .finish_non_exhaustive()
    }
}

/// A block that could not be read; it is not in [`Pem::blocks`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Invalid character, bad padding, padding in the middle, or an empty body.
    BadBase64 {
        /// The block's label.
        label: String,
        /// 1-based line of the BEGIN line.
        line: usize,
    },
    /// A BEGIN without a matching END before the next BEGIN or the end of the text.
    MissingEnd {
        /// The block's label.
        label: String,
        /// 1-based line of the BEGIN line.
        line: usize,
    },
    /// The END line names another label than the BEGIN line.
    LabelMismatch {
        /// The BEGIN label.
        begin: String,
        /// The END label.
        end: String,
        /// 1-based line of the BEGIN line.
        line: usize,
    },
    /// An END line outside any block.
    StrayEnd {
        /// The END label.
        label: String,
        /// 1-based line of the END line.
        line: usize,
    },
}

impl Problem {
    /// An English sentence fragment for a finding's detail.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::BadBase64 { label, line } => {
                format!(
                    "invalid base64 in the {} block at line {line}",
                    label_shown(label)
                )
            }
            Self::MissingEnd { label, line } => {
                format!(
                    "the {} block at line {line} has no END line",
                    label_shown(label)
                )
            }
            Self::LabelMismatch { begin, end, line } => format!(
                "the {} block at line {line} ends with END {}",
                label_shown(begin),
                label_shown(end)
            ),
            Self::StrayEnd { label, line } => {
                format!(
                    "END {} at line {line} has no matching BEGIN",
                    label_shown(label)
                )
            }
        }
    }
}

/// PEM labels people paste (RFC 7468 §5-§13, OpenSSL's legacy ones, OpenSSH's and PGP's): named
/// in details as they are. Any other label is the caller's text — a line such as
/// `-----BEGIN <anything>-----` can carry a secret — and is described by its length.
pub(crate) const PEM_LABELS: &[&str] = &[
    "CERTIFICATE",
    "TRUSTED CERTIFICATE",
    "X509 CERTIFICATE",
    "X.509 CERTIFICATE",
    "X509 CRL",
    "CERTIFICATE REQUEST",
    "NEW CERTIFICATE REQUEST",
    "PKCS7",
    "CMS",
    "ATTRIBUTE CERTIFICATE",
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "SSH2 ENCRYPTED PRIVATE KEY",
    "PGP PRIVATE KEY BLOCK",
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "SSH2 PUBLIC KEY",
    "PGP PUBLIC KEY BLOCK",
    "EC PARAMETERS",
    "DH PARAMETERS",
    "X9.42 DH PARAMETERS",
    "DSA PARAMETERS",
    "PARAMETERS",
    "PKCS12",
];

/// A block's label as a detail names it: itself when it is one of [`PEM_LABELS`].
pub(crate) fn label_shown(label: &str) -> String {
    if PEM_LABELS.contains(&label) {
        label.to_string()
    } else {
        format!("a label of {} characters", label.chars().count())
    }
}

/// What [`read`] found.
#[derive(Debug)]
pub(crate) struct Pem {
    /// Blocks whose base64 decoded, in input order.
    pub blocks: Vec<Block>,
    /// Blocks that could not be read, in input order.
    pub problems: Vec<Problem>,
    /// Departures from canonical PEM, each once, in first-seen order; empty means canonical.
    pub style: Vec<Style>,
    /// At least one `-----BEGIN x-----` line was seen.
    pub found_begin: bool,
}

/// How a line ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    Lf,
    CrLf,
    Cr,
    None,
}

/// One line: its text without the ending, where it starts, and where the next one starts.
struct Line<'a> {
    text: &'a str,
    start: usize,
    next: usize,
    ending: Ending,
}

/// Splits on LF, CR LF and lone CR. A final empty line after the last ending is not a line.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let start = self.pos;
        let (text, ending, ending_len) = match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
            None => (rest, Ending::None, 0),
            // CR and LF are ASCII, so `i` is a char boundary.
            Some(i) => {
                let (text, after) = rest.split_at_checked(i)?;
                if after.starts_with("\r\n") {
                    (text, Ending::CrLf, 2)
                } else if after.starts_with('\r') {
                    (text, Ending::Cr, 1)
                } else {
                    (text, Ending::Lf, 1)
                }
            }
        };
        self.pos = start.saturating_add(text.len()).saturating_add(ending_len);
        Some(Line {
            text,
            start,
            next: self.pos,
            ending,
        })
    }
}

/// A BEGIN or END line.
enum Marker<'a> {
    Begin(&'a str),
    End(&'a str),
}

/// `-----BEGIN <label>-----` or `-----END <label>-----`, given a line without surrounding
/// whitespace. Anything else on the line makes it plain text.
fn marker(trimmed: &str) -> Option<Marker<'_>> {
    if let Some(rest) = trimmed.strip_prefix("-----BEGIN ") {
        let label = rest.strip_suffix("-----")?;
        valid_label(label).then_some(Marker::Begin(label))
    } else if let Some(rest) = trimmed.strip_prefix("-----END ") {
        let label = rest.strip_suffix("-----")?;
        valid_label(label).then_some(Marker::End(label))
    } else {
        None
    }
}

/// RFC 7468 §3 `label`, a little looser: printable ASCII (spaces and hyphens allowed inside,
/// even doubled), starting and ending with a `labelchar` (`%x21-2C / %x2E-7E`). The empty
/// label the ABNF allows is refused: no upload means anything by it.
fn valid_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    let edge = |c: &u8| matches!(c, 0x21..=0x2C | 0x2E..=0x7E);
    bytes.first().is_some_and(edge)
        && bytes.last().is_some_and(edge)
        && bytes.iter().all(|c| matches!(c, 0x20..=0x7E))
}

/// Where the reader is inside an open block.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Nothing after BEGIN yet.
    Start,
    /// Inside RFC 1421 headers.
    Headers,
    /// After the blank line that ends the headers.
    AfterHeaders,
    /// Inside the base64.
    Body,
}

/// A block whose END has not been seen yet.
struct Open<'a> {
    label: &'a str,
    line: usize,
    headers: Vec<(String, String)>,
    phase: Phase,
    /// Byte offset of the first base64 line.
    body_start: Option<usize>,
    /// Trimmed length of the latest base64 line.
    last_width: Option<usize>,
    /// Leading whitespace of the first header line.
    header_indent: usize,
}

impl<'a> Open<'a> {
    fn new(label: &'a str, line: usize) -> Self {
        Self {
            label,
            line,
            headers: Vec::new(),
            phase: Phase::Start,
            body_start: None,
            last_width: None,
            header_indent: 0,
        }
    }
}

/// Reader state for one pass.
struct Reader<'a> {
    text: &'a str,
    pem: Pem,
    open: Option<Open<'a>>,
    /// Before the first BEGIN: a blank line / a text line was seen.
    before_blank: bool,
    before_text: bool,
    /// A blank line outside blocks since the last END (flagged at the next BEGIN).
    pending_blank: bool,
    /// Where the line after the last END line starts.
    after_last_end: Option<usize>,
}

impl<'a> Reader<'a> {
    fn flag(&mut self, style: Style) {
        if !self.pem.style.contains(&style) {
            self.pem.style.push(style);
        }
    }

    fn line(&mut self, number: usize, line: &Line<'a>) {
        if matches!(line.ending, Ending::CrLf | Ending::Cr) {
            self.flag(Style::Crlf);
        }
        let trimmed = line.text.trim_ascii();
        let padded = trimmed.len() != line.text.len();
        match (marker(trimmed), self.open.take()) {
            (Some(Marker::Begin(label)), open) => {
                if let Some(open) = open {
                    self.pem.problems.push(Problem::MissingEnd {
                        label: open.label.to_string(),
                        line: open.line,
                    });
                } else if !self.pem.found_begin {
                    // Text before the first block is already SurroundingText.
                    if self.before_blank && !self.before_text {
                        self.flag(Style::LeadingWhitespace);
                    }
                } else if self.pending_blank {
                    self.flag(Style::BlankLine);
                }
                if padded {
                    self.flag(Style::Indentation);
                }
                self.pending_blank = false;
                self.pem.found_begin = true;
                self.open = Some(Open::new(label, number));
            }
            (Some(Marker::End(label)), open) => {
                if padded {
                    self.flag(Style::Indentation);
                }
                self.after_last_end = Some(line.next);
                self.pending_blank = false;
                match open {
                    None => self.pem.problems.push(Problem::StrayEnd {
                        label: label.to_string(),
                        line: number,
                    }),
                    Some(open) if open.label != label => {
                        self.pem.problems.push(Problem::LabelMismatch {
                            begin: open.label.to_string(),
                            end: label.to_string(),
                            line: open.line,
                        });
                    }
                    Some(open) => self.close(open, line.start),
                }
            }
            (None, None) => {
                if trimmed.is_empty() {
                    if self.pem.found_begin {
                        self.pending_blank = true;
                    } else {
                        self.before_blank = true;
                    }
                } else {
                    self.flag(Style::SurroundingText);
                    if !self.pem.found_begin {
                        self.before_text = true;
                    }
                }
            }
            (None, Some(mut open)) => {
                self.inside(&mut open, line, trimmed, padded);
                self.open = Some(open);
            }
        }
    }

    /// A line inside an open block that is not a marker.
    fn inside(&mut self, open: &mut Open<'a>, line: &Line<'a>, trimmed: &str, padded: bool) {
        if trimmed.is_empty() {
            match open.phase {
                // RFC 1421 §4.4: one blank line separates the headers from the text.
                Phase::Headers => open.phase = Phase::AfterHeaders,
                Phase::Start | Phase::AfterHeaders | Phase::Body => self.flag(Style::BlankLine),
            }
            return;
        }
        // A folded header line is indented more than the first header line, so a block
        // indented as a whole still has one header per line.
        let indent = line
            .text
            .len()
            .saturating_sub(line.text.trim_ascii_start().len());
        let folded = indent > open.header_indent;
        match open.phase {
            Phase::Headers if folded => {
                // RFC 822 §3.1.1 unfolding; not Indentation, folding needs the whitespace.
                if let Some((_, value)) = open.headers.last_mut() {
                    value.push(' ');
                    value.push_str(trimmed);
                }
                return;
            }
            // Base64 has no ':', so a line with one, before any base64, is a header.
            Phase::Start | Phase::Headers => {
                if let Some((name, value)) = trimmed.split_once(':') {
                    if open.phase == Phase::Start {
                        open.header_indent = indent;
                    }
                    open.headers.push((
                        name.trim_ascii().to_string(),
                        value.trim_ascii().to_string(),
                    ));
                    open.phase = Phase::Headers;
                    if padded {
                        self.flag(Style::Indentation);
                    }
                    return;
                }
            }
            Phase::AfterHeaders | Phase::Body => {}
        }
        // A base64 line. (Headers not followed by a blank line are accepted as they are.)
        open.phase = Phase::Body;
        if padded {
            self.flag(Style::Indentation);
        }
        if open.body_start.is_none() {
            open.body_start = Some(line.start);
        }
        if open.last_width.is_some_and(|w| w != LINE_WIDTH) {
            self.flag(Style::LineWidth);
        }
        open.last_width = Some(trimmed.len());
    }

    /// Decodes a block whose END line starts at `end`.
    fn close(&mut self, open: Open<'a>, end: usize) {
        if open.last_width.is_some_and(|w| w > LINE_WIDTH) {
            self.flag(Style::LineWidth);
        }
        let body = open
            .body_start
            .and_then(|start| self.text.get(start..end))
            .unwrap_or("");
        // A certificate is public: the table decoder. Anything else may be a key: base64ct's
        // constant-time one (no secret byte indexes a table).
        let decoded = if open.label == "CERTIFICATE" {
            decode_public(body)
        } else {
            decode_body(body)
        };
        match decoded {
            Some(der) => self.pem.blocks.push(Block {
                label: open.label.to_string(),
                headers: open.headers,
                der,
                line: open.line,
            }),
            None => self.pem.problems.push(Problem::BadBase64 {
                label: open.label.to_string(),
                line: open.line,
            }),
        }
    }
}

/// Strict base64 (standard alphabet, padded, canonical trailing bits) of the body with all
/// whitespace removed; `None` if it is invalid or empty. Both buffers are zeroized on drop and
/// sized up front, so no reallocation leaves a copy behind.
fn decode_body(body: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut b64 = Zeroizing::new(Vec::with_capacity(body.len()));
    b64.extend(body.bytes().filter(|b| !b.is_ascii_whitespace()));
    if b64.is_empty() {
        return None;
    }
    // `Base64::decode` needs room for 3 bytes per 4 characters, rounded up.
    let mut der =
        Zeroizing::new(alloc::vec![0u8; (b64.len() / 4).saturating_mul(3).saturating_add(3)]);
    let len = Base64::decode(b64.as_slice(), der.as_mut_slice())
        .ok()?
        .len();
    der.truncate(len);
    Some(der)
}

/// The value of each standard base64 character; `INVALID` for every other byte.
// Evaluated at compile time: an index out of range would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
const BASE64_VALUES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const INVALID: u8 = 0xff;

/// [`decode_body`] for public data (certificates), by table lookup, without copying the body
/// first: the same strict rules (standard alphabet, padded to whole quanta, `=` only at the end,
/// canonical trailing bits), several times faster than the constant-time decoder.
fn decode_public(body: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::with_capacity(body.len() / 4 * 3 + 3));
    let mut quantum = [0u8; 4];
    let (mut filled, mut padding) = (0usize, 0usize);
    for b in body.bytes().filter(|b| !b.is_ascii_whitespace()) {
        if padding > 0 && b != b'=' {
            return None; // data after padding
        }
        let value = if b == b'=' {
            padding += 1;
            // `=` completes a quantum holding at least two characters, at most two of it.
            if filled < 2 || padding > 2 {
                return None;
            }
            0
        } else {
            *BASE64_VALUES.get(usize::from(b))?
        };
        if value == INVALID {
            return None;
        }
        *quantum.get_mut(filled)? = value;
        filled += 1;
        if filled == 4 {
            let [a, b, c, d] = quantum;
            let bytes = [(a << 2) | (b >> 4), (b << 4) | (c >> 2), (c << 6) | d];
            match padding {
                0 => out.extend_from_slice(&bytes),
                // Canonical: the bits after the last whole byte are zero (RFC 4648 §3.5).
                1 if c & 0b11 == 0 => out.extend_from_slice(bytes.get(..2)?),
                2 if b & 0b1111 == 0 => out.extend_from_slice(bytes.get(..1)?),
                _ => return None,
            }
            filled = 0;
            if padding > 0 {
                // Only `=`s may follow, and a full quantum of them cannot (checked above).
                padding = 3;
            }
        }
    }
    (filled == 0 && !out.is_empty()).then_some(out)
}

/// Reads every PEM block in `text`. Never fails: unreadable blocks become [`Problem`]s, and
/// text without any block gives an empty [`Pem`] with `found_begin == false`.
pub(crate) fn read(text: &str) -> Pem {
    let mut style = Vec::new();
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => {
            style.push(Style::Bom);
            rest
        }
        None => text,
    };
    let mut reader = Reader {
        text,
        pem: Pem {
            blocks: Vec::new(),
            problems: Vec::new(),
            style,
            found_begin: false,
        },
        open: None,
        before_blank: false,
        before_text: false,
        pending_blank: false,
        after_last_end: None,
    };
    for (index, line) in (Lines { text, pos: 0 }).enumerate() {
        reader.line(index.saturating_add(1), &line);
    }
    if let Some(open) = reader.open.take() {
        reader.pem.problems.push(Problem::MissingEnd {
            label: open.label.to_string(),
            line: open.line,
        });
    }
    // Canonical text stops at the last END line's own line ending (or has none). Text after
    // it is SurroundingText already; whitespace alone is TrailingWhitespace.
    if let Some(tail) = reader.after_last_end.and_then(|at| text.get(at..)) {
        if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_whitespace()) {
            reader.flag(Style::TrailingWhitespace);
        }
    }
    reader.pem
}

/// Canonical PEM of one block: `-----BEGIN {label}-----\n`, base64 in 64-column lines,
/// `-----END {label}-----\n`.
///
/// Uses pem-rfc7468's encoder when it takes the input. It refuses some labels [`read`] accepts
/// (a hyphen, doubled spaces) and writes an empty line for empty `der`; those go through
/// base64ct here. The result holds `der` in base64: zeroizing it is the caller's business.
pub(crate) fn encode(label: &str, der: &[u8]) -> String {
    if !der.is_empty() {
        if let Ok(pem) = pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der) {
            return pem;
        }
    }
    let b64 = Zeroizing::new(Base64::encode_string(der));
    let lines = b64.len().div_ceil(LINE_WIDTH);
    let mut out = String::with_capacity(
        b64.len()
            .saturating_add(lines)
            .saturating_add(label.len().saturating_mul(2))
            .saturating_add(32),
    );
    out.push_str("-----BEGIN ");
    out.push_str(label);
    out.push_str("-----\n");
    // Base64 is ASCII, so 64-byte chunks are whole characters.
    for chunk in b64.as_bytes().chunks(LINE_WIDTH) {
        out.extend(chunk.iter().map(|&b| char::from(b)));
        out.push('\n');
    }
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

/// A field as PEM text: the text given, or PEM made from DER bytes or bare base64 (SPEC.md "Input
/// containers"). Key text made here is zeroized on drop.
pub(crate) enum Text<'a> {
    /// The caller's own text.
    Borrowed(&'a str),
    /// Text made from DER.
    Owned(Zeroizing<String>),
}

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s,
        }
    }
}

/// A field read as PEM, and where it came from: `"pem"` or `"der"`.
pub(crate) struct AsPem<'a> {
    pub(crate) text: Option<Text<'a>>,
    pub(crate) source: &'static str,
}

/// The DER a text holds as bare base64 (no PEM armour; whitespace ignored; strict padded
/// alphabet), when it decodes to something that starts like a DER SEQUENCE.
pub(crate) fn bare_base64(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    if text.contains("-----") || text.len() < 16 {
        return None;
    }
    decode_body(text).filter(|der| der.first() == Some(&0x30))
}

/// Bytes as text when they are PEM (UTF-8 with a BEGIN line), else the DER they are or hold as
/// bare base64.
fn bytes_or_text(bytes: &[u8]) -> Result<&str, Zeroizing<Vec<u8>>> {
    match core::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN") => Ok(text),
        Ok(text) => Err(bare_base64(text).unwrap_or_else(|| Zeroizing::new(bytes.to_vec()))),
        Err(_) => Err(Zeroizing::new(bytes.to_vec())),
    }
}

/// The certificate field as PEM: DER certificates one after the other (each a CERTIFICATE block;
/// bytes that are not DER become one block, which the certificate reader then names as invalid).
pub(crate) fn certificate_as_pem<'a>(text: &'a str, bytes: Option<&'a [u8]>) -> AsPem<'a> {
    let der = match bytes {
        Some(bytes) => match bytes_or_text(bytes) {
            Ok(text) => {
                return AsPem {
                    text: Some(Text::Borrowed(text)),
                    source: "pem",
                };
            }
            Err(der) => der,
        },
        None => match bare_base64(text) {
            Some(der) => der,
            None => {
                return AsPem {
                    text: Some(Text::Borrowed(text)),
                    source: "pem",
                };
            }
        },
    };
    let mut out = String::new();
    let mut rest: &[u8] = &der;
    // One block more than a bundle may hold is enough for the reader to say it is too many.
    for _ in 0..=crate::validate::MAX_CERTIFICATES {
        if rest.is_empty() {
            break;
        }
        let raw = crate::asn1::Reader::new(rest)
            .any()
            .map_or(rest, |tlv| tlv.raw);
        out.push_str(&encode("CERTIFICATE", raw));
        rest = rest.get(raw.len()..).unwrap_or_default();
    }
    AsPem {
        text: Some(Text::Owned(Zeroizing::new(out))),
        source: "der",
    }
}

/// The key field as PEM: DER (PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8) under the label of the
/// structure it is.
pub(crate) fn private_key_as_pem<'a>(text: Option<&'a str>, bytes: Option<&'a [u8]>) -> AsPem<'a> {
    let der = match (text, bytes) {
        (_, Some(bytes)) => match bytes_or_text(bytes) {
            Ok(text) => {
                return AsPem {
                    text: Some(Text::Borrowed(text)),
                    source: "pem",
                };
            }
            Err(der) => der,
        },
        (Some(text), None) => match bare_base64(text) {
            Some(der) => der,
            None => {
                return AsPem {
                    text: Some(Text::Borrowed(text)),
                    source: "pem",
                };
            }
        },
        (None, None) => {
            return AsPem {
                text: None,
                source: "pem",
            };
        }
    };
    AsPem {
        text: Some(Text::Owned(Zeroizing::new(encode(
            crate::key::der_label(&der),
            &der,
        )))),
        source: "der",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

    use super::*;
    use alloc::vec;

    /// The table decoder of certificates agrees with base64ct's on every input: valid encodings
    /// of random lengths, with whitespace, and each of them damaged (a character replaced,
    /// removed, padding moved or added, trailing bits set).
    #[test]
    fn public_decoder_agrees_with_base64ct() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let noise = b"AZaz09+/=-_ \n\r\t.!";
        let mut checked = 0;
        for len in 0..70usize {
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let mut text = Base64::encode_string(&bytes);
            if len % 3 == 1 {
                text.insert(text.len() / 2, '\n');
            }
            let mut variants = alloc::vec![text.clone()];
            for _ in 0..40 {
                let mut t = text.clone().into_bytes();
                if t.is_empty() {
                    break;
                }
                let at = (next() as usize) % t.len();
                match next() % 4 {
                    0 => t[at] = noise[(next() as usize) % noise.len()],
                    1 => {
                        t.remove(at);
                    }
                    2 => t.insert(at, noise[(next() as usize) % noise.len()]),
                    _ => t[at] ^= 1,
                }
                variants.push(String::from_utf8_lossy(&t).into_owned());
            }
            for v in variants {
                let ours = decode_public(&v).map(|d| d.to_vec());
                let theirs = decode_body(&v).map(|d| d.to_vec());
                assert_eq!(ours, theirs, "{v:?}");
                checked += 1;
            }
        }
        assert!(checked > 2000);
        for odd in [
            "", " ", "=", "====", "QQ", "QQ=", "QQ==", "QR==", "QUI=", "QUJ=", "QQ==QQ==",
            "QUJD\n", "QQ==\n=",
        ] {
            assert_eq!(
                decode_public(odd).map(|d| d.to_vec()),
                decode_body(odd).map(|d| d.to_vec()),
                "{odd:?}"
            );
        }
    }

    /// `openssl ecparam -name prime256v1 -genkey -noout -out k.pem;
    /// openssl req -new -x509 -key k.pem -subj /CN=a -days 1` (throwaway).
    const CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBbTCCAROgAwIBAgIUdaoyBUzgh8RG5seSPcwSUa9WEqcwCgYIKoZIzj0EAwIw
DDEKMAgGA1UEAwwBYTAeFw0yNjExMjUwNDEzMTRaFw0yNjExMjYwNDEzMTRaMAwx
CjAIBgNVBAMMAWEwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATiMSSefWinfQL7
PTMQmrRpOi3KBvgdqv1pBh7/Z23YCE8XaEC1DYhLZYJDzWgtMZRsXiGBrPXHAHsI
UWlLN4b7o1MwUTAdBgNVHQ4EFgQU9r7AzXhVdm8m7bNgUFBdu2P+oU8wHwYDVR0j
BBgwFoAU9r7AzXhVdm8m7bNgUFBdu2P+oU8wDwYDVR0TAQH/BAUwAwEB/zAKBggq
hkjOPQQDAgNIADBFAiAy38iyQ0ZeS2dQ4HEFWA9xPAOXfCAnqY60805g8kVFiwIh
AJYjt+ffpszbnxyLfF9nQeEqMbIiXcyN0cKwVHaUG2ev
-----END CERTIFICATE-----
";

    /// `openssl ec -in k.pem -aes128 -passout pass:x` (throwaway, legacy encrypted PEM).
    const ENC_KEY: &str = "-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,9596F101ECF28F8711B7E972F4893D14

f/wyWGpEDvlv4jEBRPQ3AyhCga2PeEAk1LWhFKFPTtMEhyjLSBFbGSl0Ff5aXZR9
qakvMwlaLA9+P0aLJY/ui9svITupfasorX3gZOIO1nNlsNYq4jStm6LrZI5mazN/
SwFumZoOG2ye56/9HdeQyZpTiVs+PG0z8sEWiprgdxg=
-----END EC PRIVATE KEY-----
";

    /// `openssl ecparam -name prime256v1 -genkey` (throwaway, SEC1 after EC PARAMETERS).
    const PARAMS_KEY: &str = "-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIAUV1yCaEmHoEJ9bmMPV88wEq4+XzCn2qwCgo7HIXX7coAoGCCqGSM49
AwEHoUQDQgAESziLJqXaLFxVtjgUOaeJx7mqxUlKXci+ounhjtzPivI6Msqal1A5
ZJzHbZ0AQRK8Cvfsn4mxgWNXSCcXPPi7eQ==
-----END EC PRIVATE KEY-----
";

    /// The certificate's DER, from the canonical PEM.
    fn cert_der() -> Vec<u8> {
        let pem = read(CERT);
        pem.blocks[0].der.to_vec()
    }

    /// The certificate's base64 on one line.
    fn cert_b64() -> String {
        CERT.lines().filter(|l| !l.starts_with("-----")).collect()
    }

    /// The certificate with its base64 wrapped at `width`.
    fn cert_wrapped(width: usize) -> String {
        let b64 = cert_b64();
        let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
        for chunk in b64.as_bytes().chunks(width) {
            out.push_str(core::str::from_utf8(chunk).unwrap());
            out.push('\n');
        }
        out.push_str("-----END CERTIFICATE-----\n");
        out
    }

    /// One certificate block, no problems, the given style.
    fn assert_cert(text: &str, style: &[Style]) {
        let pem = read(text);
        assert_eq!(pem.problems, vec![], "{text:?}");
        assert_eq!(pem.style, style, "{text:?}");
        assert!(pem.found_begin);
        assert_eq!(pem.blocks.len(), 1);
        assert_eq!(pem.blocks[0].label, "CERTIFICATE");
        assert_eq!(pem.blocks[0].der.as_slice(), cert_der().as_slice());
    }

    #[test]
    fn canonical_inputs_have_no_style() {
        let pem = read(CERT);
        assert_eq!(pem.style, vec![]);
        assert_eq!(pem.problems, vec![]);
        assert_eq!(pem.blocks.len(), 1);
        let block = &pem.blocks[0];
        assert_eq!((block.label.as_str(), block.line), ("CERTIFICATE", 1));
        assert_eq!(block.headers, vec![]);
        assert_eq!(block.der.len(), 0x16d + 4);
        assert_eq!(block.der[..2], [0x30, 0x82]);
        // A missing final newline is canonical too.
        assert_cert(CERT.trim_end(), &[]);
        for text in [ENC_KEY, PARAMS_KEY] {
            let pem = read(text);
            assert_eq!((pem.style, pem.problems), (vec![], vec![]), "{text}");
        }
        let all = [CERT, PARAMS_KEY, ENC_KEY].concat();
        let pem = read(&all);
        assert_eq!(
            (pem.style, pem.problems.len(), pem.blocks.len()),
            (vec![], 0, 4)
        );
    }

    #[test]
    fn style_bom() {
        assert_cert(&["\u{FEFF}", CERT].concat(), &[Style::Bom]);
    }

    #[test]
    fn style_crlf_and_lone_cr() {
        assert_cert(&CERT.replace('\n', "\r\n"), &[Style::Crlf]);
        assert_cert(&CERT.replace('\n', "\r"), &[Style::Crlf]);
        // Mixed endings are still read.
        assert_cert(&CERT.replacen('\n', "\r\n", 3), &[Style::Crlf]);
    }

    #[test]
    fn crlf_and_bom_together() {
        let text = ["\u{FEFF}", &CERT.replace('\n', "\r\n")].concat();
        assert_cert(&text, &[Style::Bom, Style::Crlf]);
        let pem = read(&text);
        assert_eq!(pem.blocks[0].line, 1);
    }

    #[test]
    fn style_line_width() {
        // 76 columns (MIME), one line, and a short line in the middle.
        assert_cert(&cert_wrapped(76), &[Style::LineWidth]);
        assert_cert(&cert_wrapped(10_000), &[Style::LineWidth]);
        assert_cert(&cert_wrapped(32), &[Style::LineWidth]);
        assert_cert(&cert_wrapped(64), &[]);
        // A final line exactly 64 wide is fine.
        let exact = encode("X", &[7; 96]);
        assert_eq!(exact.lines().nth(2).map(str::len), Some(64));
        assert_eq!(read(&exact).style, vec![]);
    }

    #[test]
    fn style_blank_line() {
        // Inside the base64, before END, right after BEGIN, and between blocks.
        assert_cert(&CERT.replacen("Iw\n", "Iw\n\n", 1), &[Style::BlankLine]);
        assert_cert(
            &CERT.replace("\n-----END", "\n\n-----END"),
            &[Style::BlankLine],
        );
        assert_cert(
            &CERT.replace("-----\nMII", "-----\n\nMII"),
            &[Style::BlankLine],
        );
        let pem = read(&[CERT, "\n \t\n", PARAMS_KEY].concat());
        assert_eq!((pem.style, pem.blocks.len()), (vec![Style::BlankLine], 3));
        // A second blank line after headers.
        let pem = read(&ENC_KEY.replace("D14\n\n", "D14\n\n\n"));
        assert_eq!((pem.style, pem.blocks.len()), (vec![Style::BlankLine], 1));
    }

    #[test]
    fn style_surrounding_text() {
        let text = [
            "Certificate:\n    Data:\n        Version: 3 (0x2)\n",
            CERT,
            "trailing words\n",
        ]
        .concat();
        assert_cert(&text, &[Style::SurroundingText]);
        // Text that looks like a marker but has more on the line is text.
        let text = ["x -----BEGIN CERTIFICATE-----\n", CERT].concat();
        assert_cert(&text, &[Style::SurroundingText]);
    }

    #[test]
    fn s_client_showcerts_output() {
        let text = [
            "CONNECTED(00000003)\n",
            "depth=0 CN = a\n",
            "verify return:1\n",
            "---\n",
            "Certificate chain\n",
            " 0 s:CN = a\n",
            "   i:CN = a\n",
            "   a:PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256\n",
            CERT,
            " 1 s:CN = a\n",
            "   i:CN = a\n",
            CERT,
            "---\n",
            "Server certificate\n",
            "subject=CN = a\n",
            "\n",
            "---\n",
            "DONE\n",
        ]
        .concat();
        let pem = read(&text);
        assert_eq!(pem.problems, vec![]);
        assert_eq!(pem.style, vec![Style::SurroundingText]);
        let lines: Vec<_> = pem
            .blocks
            .iter()
            .map(|b| (b.label.as_str(), b.line))
            .collect();
        assert_eq!(lines, vec![("CERTIFICATE", 9), ("CERTIFICATE", 21)]);
        assert!(pem.blocks.iter().all(|b| *b.der == *cert_der()));
    }

    #[test]
    fn style_indentation() {
        let indented: String = CERT.lines().map(|l| ["    ", l, "\n"].concat()).collect();
        assert_cert(&indented, &[Style::Indentation]);
        // Trailing spaces and tabs on one base64 line, then on the END line.
        assert_cert(&CERT.replacen("Iw\n", "Iw \t\n", 1), &[Style::Indentation]);
        assert_cert(
            &CERT.replace("CERTIFICATE-----\n", "CERTIFICATE-----  \n"),
            &[Style::Indentation],
        );
        // A whole indented block keeps one header per line (folding needs deeper indentation).
        let indented: String = ENC_KEY.lines().map(|l| ["  ", l, "\n"].concat()).collect();
        let pem = read(&indented);
        assert_eq!(pem.style, vec![Style::Indentation]);
        assert_eq!(pem.blocks[0].headers, read(ENC_KEY).blocks[0].headers);
    }

    #[test]
    fn style_leading_whitespace() {
        assert_cert(&["\n \n\t\n", CERT].concat(), &[Style::LeadingWhitespace]);
        assert_cert(
            &["\r\n", CERT].concat(),
            &[Style::Crlf, Style::LeadingWhitespace],
        );
        // With text before the block, that text is what gets flagged.
        assert_cert(&["\nhello\n\n", CERT].concat(), &[Style::SurroundingText]);
    }

    #[test]
    fn style_trailing_whitespace() {
        assert_cert(&[CERT, "\n"].concat(), &[Style::TrailingWhitespace]);
        assert_cert(&[CERT, "  "].concat(), &[Style::TrailingWhitespace]);
        assert_cert(&[CERT, "\n\n\n"].concat(), &[Style::TrailingWhitespace]);
        // A single CRLF is only CRLF.
        assert_cert(&CERT.replace('\n', "\r\n"), &[Style::Crlf]);
        assert_cert(
            &[&CERT.replace('\n', "\r\n"), "\r\n"].concat(),
            &[Style::Crlf, Style::TrailingWhitespace],
        );
    }

    #[test]
    fn all_styles_in_first_seen_order() {
        let text = [
            "\u{FEFF}\r\n",
            &cert_wrapped(76).replace("-----BEGIN", "  -----BEGIN"),
            "\n",
            PARAMS_KEY,
            "note\n",
            CERT,
            "\n\n",
        ]
        .concat();
        let pem = read(&text);
        assert_eq!(pem.problems, vec![]);
        assert_eq!(pem.blocks.len(), 4);
        assert_eq!(
            pem.style,
            vec![
                Style::Bom,
                Style::Crlf,
                Style::LeadingWhitespace,
                Style::Indentation,
                Style::LineWidth,
                Style::BlankLine,
                Style::SurroundingText,
                Style::TrailingWhitespace,
            ]
        );
        let mut phrases: Vec<_> = pem.style.iter().map(|s| s.describe()).collect();
        assert!(phrases.iter().all(|p| !p.is_empty()));
        phrases.sort_unstable();
        phrases.dedup();
        assert_eq!(phrases.len(), 8);
        assert_eq!(Style::Crlf.describe(), "CRLF line endings");
    }

    #[test]
    fn legacy_encrypted_key_headers() {
        let pem = read(ENC_KEY);
        let block = &pem.blocks[0];
        assert_eq!(block.label, "EC PRIVATE KEY");
        let headers: Vec<_> = block
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            headers,
            vec![
                ("Proc-Type", "4,ENCRYPTED"),
                ("DEK-Info", "AES-128-CBC,9596F101ECF28F8711B7E972F4893D14"),
            ]
        );
        assert_eq!(block.der.len(), 128);
        // Folded header, CRLF, and no blank line after the headers.
        let text = ENC_KEY
            .replace("AES-128-CBC,", "AES-128-CBC,\n  ")
            .replace("D14\n\n", "D14\n")
            .replace('\n', "\r\n");
        let pem = read(&text);
        assert_eq!(pem.style, vec![Style::Crlf]);
        assert_eq!(
            pem.blocks[0].headers[1],
            (
                "DEK-Info".into(),
                "AES-128-CBC, 9596F101ECF28F8711B7E972F4893D14".into()
            )
        );
        assert_eq!(pem.blocks[0].der, block.der);
    }

    #[test]
    fn blocks_in_input_order() {
        let pem = read(&[CERT, PARAMS_KEY, ENC_KEY].concat());
        let seen: Vec<_> = pem
            .blocks
            .iter()
            .map(|b| (b.label.as_str(), b.line, b.headers.len()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("CERTIFICATE", 1, 0),
                ("EC PARAMETERS", 11, 0),
                ("EC PRIVATE KEY", 14, 0),
                ("EC PRIVATE KEY", 19, 2),
            ]
        );
        assert_eq!(
            pem.blocks[1].der.as_slice(),
            [6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 3, 1, 7]
        );
    }

    #[test]
    fn problem_bad_base64() {
        let bad = |text: &str| {
            let pem = read(text);
            assert_eq!(pem.blocks.len(), 0, "{text:?}");
            assert_eq!(
                pem.problems,
                vec![Problem::BadBase64 {
                    label: "CERTIFICATE".into(),
                    line: 1
                }],
                "{text:?}"
            );
        };
        bad(&CERT.replacen("MIIB", "MII!", 1)); // invalid character
        bad(&CERT.replacen("MIIB", "MI=B", 1)); // padding in the middle
        bad(&CERT.replacen("G2ev", "G2e=", 1)); // bad padding length
        bad(&CERT.replacen("G2ev", "G2ev=", 1)); // stray padding
        bad(&CERT.replacen("G2ev", "G2e", 1)); // missing padding
        bad(&CERT.replacen("MIIB", "MIIB-", 1)); // URL-safe alphabet
        bad(&CERT.replacen("MIIB", "MIIB\u{e9}", 1)); // non-ASCII
        bad("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"); // empty
        bad("-----BEGIN CERTIFICATE-----\n  \n\n-----END CERTIFICATE-----\n"); // blank
        bad("-----BEGIN CERTIFICATE-----\nA: b\n\n-----END CERTIFICATE-----\n"); // headers only
        bad("-----BEGIN CERTIFICATE-----\nAB==\n-----END CERTIFICATE-----\n"); // non-zero bits
        bad("-----BEGIN CERTIFICATE-----\n====\n-----END CERTIFICATE-----\n");
        // Other blocks are still read.
        let pem = read(&[&CERT.replacen("MIIB", "MII*", 1), PARAMS_KEY].concat());
        assert_eq!((pem.blocks.len(), pem.problems.len()), (2, 1));
    }

    #[test]
    fn problem_missing_end() {
        let pem = read(
            CERT.trim_end()
                .trim_end_matches("-----END CERTIFICATE-----"),
        );
        assert_eq!(
            pem.problems,
            vec![Problem::MissingEnd {
                label: "CERTIFICATE".into(),
                line: 1
            }]
        );
        assert!(pem.found_begin);
        // A BEGIN before the END: the second block is read.
        let text = ["-----BEGIN RSA PRIVATE KEY-----\nAAAA\n", CERT].concat();
        let pem = read(&text);
        assert_eq!(
            pem.problems,
            vec![Problem::MissingEnd {
                label: "RSA PRIVATE KEY".into(),
                line: 1
            }]
        );
        assert_eq!((pem.blocks.len(), pem.blocks[0].line), (1, 3));
    }

    #[test]
    fn problem_label_mismatch() {
        let text = CERT.replace("END CERTIFICATE", "END PRIVATE KEY");
        let pem = read(&[text.as_str(), PARAMS_KEY].concat());
        assert_eq!(
            pem.problems,
            vec![Problem::LabelMismatch {
                begin: "CERTIFICATE".into(),
                end: "PRIVATE KEY".into(),
                line: 1
            }]
        );
        assert_eq!(pem.blocks.len(), 2);
    }

    #[test]
    fn problem_stray_end() {
        let pem = read(
            &[
                "-----END X509 CRL-----\n",
                CERT,
                "-----END CERTIFICATE-----\n",
            ]
            .concat(),
        );
        assert_eq!(
            pem.problems,
            vec![
                Problem::StrayEnd {
                    label: "X509 CRL".into(),
                    line: 1
                },
                Problem::StrayEnd {
                    label: "CERTIFICATE".into(),
                    line: 12
                },
            ]
        );
        assert_eq!(pem.blocks.len(), 1);
    }

    #[test]
    fn problem_descriptions() {
        let cases = [
            (
                Problem::BadBase64 {
                    label: "CERTIFICATE".into(),
                    line: 3,
                },
                "invalid base64 in the CERTIFICATE block at line 3",
            ),
            (
                Problem::MissingEnd {
                    label: "PRIVATE KEY".into(),
                    line: 1,
                },
                "the PRIVATE KEY block at line 1 has no END line",
            ),
            (
                Problem::LabelMismatch {
                    begin: "CERTIFICATE".into(),
                    end: "B".into(),
                    line: 2,
                },
                "the CERTIFICATE block at line 2 ends with END a label of 1 characters",
            ),
            (
                Problem::StrayEnd {
                    label: "LTAI5tExampleExample1234".into(),
                    line: 9,
                },
                "END a label of 24 characters at line 9 has no matching BEGIN",
            ),
        ];
        for (problem, text) in cases {
            assert_eq!(problem.describe(), text);
        }
        let long = Problem::StrayEnd {
            label: "A".repeat(10_000),
            line: 1,
        }
        .describe();
        assert!(long.len() < 120, "{long}");
    }

    #[test]
    fn labels() {
        assert!(!read("-----BEGIN -----\nAAAA\n-----END -----\n").found_begin);
        assert!(!read("-----BEGIN-----\n").found_begin);
        assert!(!read("-----BEGIN CERTIFICATE----\n").found_begin);
        assert!(!read("-----BEGIN -X-----\n").found_begin);
        assert!(!read("-----BEGIN X------\n").found_begin);
        assert!(!read("-----BEGIN  X-----\n").found_begin);
        assert!(!read("-----BEGIN X\t-----\n").found_begin);
        assert!(!read("-----BEGIN A\tB-----\n").found_begin);
        assert!(!read("-----BEGIN A\0B-----\n").found_begin);
        assert!(!read("-----BEGIN \u{e9}-----\n").found_begin);
        let pem = read("-----BEGIN SSH2 PUB-KEY-----\nAAAA\n-----END SSH2 PUB-KEY-----\n");
        assert_eq!(pem.blocks[0].label, "SSH2 PUB-KEY");
        assert_eq!(pem.blocks[0].der.as_slice(), [0, 0, 0]);
    }

    #[test]
    fn block_debug_hides_der() {
        let pem = read(PARAMS_KEY);
        let shown = format!("{:?}", pem.blocks[1]);
        assert!(
            shown.contains("EC PRIVATE KEY") && shown.contains("der_len: 121"),
            "{shown}"
        );
        assert!(!shown.contains("48") && !shown.contains("0x"), "{shown}");
    }

    #[test]
    fn encode_100_bytes_exactly() {
        let der: Vec<u8> = (0..100).collect();
        let pem = encode("CERTIFICATE", &der);
        assert_eq!(
            pem,
            "-----BEGIN CERTIFICATE-----\n\
             AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\n\
             MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f\n\
             YGFiYw==\n\
             -----END CERTIFICATE-----\n"
        );
        let widths: Vec<_> = pem.lines().map(str::len).collect();
        assert_eq!(widths, vec![27, 64, 64, 8, 25]);
        // The base64ct path (hyphenated label) writes the same body.
        let other = encode("X-Y", &der);
        assert_eq!(
            other.lines().skip(1).take(3).collect::<Vec<_>>(),
            pem.lines().skip(1).take(3).collect::<Vec<_>>()
        );
    }

    #[test]
    fn encode_round_trip() {
        for len in 1..=200_usize {
            let der: Vec<u8> = (0..len).map(|i| (i * 7 + len) as u8).collect();
            for label in ["CERTIFICATE", "RSA PRIVATE KEY", "A-B", "a  b"] {
                let text = encode(label, &der);
                let pem = read(&text);
                assert_eq!(pem.style, vec![], "{text}");
                assert_eq!(pem.problems, vec![], "{text}");
                assert_eq!(pem.blocks.len(), 1);
                assert_eq!(pem.blocks[0].label, label);
                assert_eq!(pem.blocks[0].der.as_slice(), der.as_slice());
            }
        }
        // Normalizing a messy input gives the canonical text back.
        let messy = read(
            &[
                "\u{FEFF}  ",
                &cert_wrapped(76).replace('\n', "\r\n"),
                "\r\n\r\n",
            ]
            .concat(),
        );
        assert_eq!(encode("CERTIFICATE", &messy.blocks[0].der), CERT);
        // Empty DER has no base64 line (and is not readable back: an empty body).
        assert_eq!(encode("X", &[]), "-----BEGIN X-----\n-----END X-----\n");
    }

    #[test]
    fn adversarial_inputs_do_not_panic() {
        let huge_line = "A".repeat(MAX_FIELD_BYTES);
        let equals = "=".repeat(MAX_FIELD_BYTES);
        let many_begins = "-----BEGIN A-----\n".repeat(MAX_FIELD_BYTES / 18);
        let many_lines = [
            "-----BEGIN A-----\n",
            &"QUFB\n".repeat(MAX_FIELD_BYTES / 5),
            "-----END A-----\n",
        ]
        .concat();
        let many_blanks = "\n".repeat(MAX_FIELD_BYTES);
        let many_headers = ["-----BEGIN A-----\n", &"a:\n".repeat(MAX_FIELD_BYTES / 3)].concat();
        let eq_block = ["-----BEGIN A-----\n", &equals, "\n-----END A-----\n"].concat();
        let inputs = [
            "",
            "\u{FEFF}",
            "\r",
            "\r\n\r",
            "-----BEGIN",
            "-----BEGIN ",
            "-----BEGIN -----",
            "-----BEGIN A-----",
            "-----BEGIN A-----\n-----END A-----",
            "-----END X-----",
            "-----BEGIN A-----\n-----BEGIN B-----\nAAAA\n-----END B-----\n-----END A-----\n",
            "-----BEGIN A-----\n:\n \n\t:\n-----END A-----",
            "-----BEGIN A-----\n\0\n-----END A-----",
            "\0\0\0",
            "-----BEGIN \u{1F600}-----\n\u{1F600}\n-----END \u{1F600}-----",
            "-----BEGIN A-----\nAAAA\u{FEFF}\n-----END A-----",
            "-----BEGIN ----------END -----",
            "----------",
            &huge_line,
            &equals,
            &eq_block,
            &many_begins,
            &many_lines,
            &many_blanks,
            &many_headers,
        ];
        for text in inputs {
            let _ = read(text);
        }
        assert_eq!(
            read(&many_lines).blocks[0].der.len(),
            MAX_FIELD_BYTES / 5 * 3
        );
        assert_eq!(read(&eq_block).problems.len(), 1);
        assert_eq!(read(&many_begins).problems.len(), MAX_FIELD_BYTES / 18);
        let nested =
            read("-----BEGIN A-----\n-----BEGIN B-----\nAAAA\n-----END B-----\n-----END A-----\n");
        assert_eq!(nested.blocks.len(), 1);
        assert_eq!(
            nested.problems,
            vec![
                Problem::MissingEnd {
                    label: "A".into(),
                    line: 1
                },
                Problem::StrayEnd {
                    label: "A".into(),
                    line: 5
                },
            ]
        );
    }

    #[test]
    fn every_prefix_reads_without_panicking() {
        let text = [
            "\u{FEFF}Certificate:\r\n  ",
            CERT,
            "\n",
            &ENC_KEY.replace('\n', "\r\n"),
            " x\r",
            PARAMS_KEY,
        ]
        .concat();
        let mut complete = 0;
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let pem = read(&text[..end]);
            assert!(pem.blocks.len() + pem.problems.len() <= 4);
            complete = complete.max(pem.blocks.len());
            let pem = read(&text[end..]);
            assert!(pem.blocks.len() <= 4);
        }
        assert_eq!(complete, 4);
    }
}
