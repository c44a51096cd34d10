//! Codes that are ordinary numbers or words unless the words before them say what they are: `Failure Code:
//! 0x18` (a Kerberos error), `fatal alert code is 40` and `TLS alert: 'HandshakeFailure'` (TLS alerts), `Major
//! (851968)` (a GSS-API major status), `KRB-ERROR (37)`, `(error code: 0x000006ba)` (a Win32 error), and the Active
//! Directory LDAP diagnostic without an SSPI code (`000004DC: LdapErr: DSID-…`, `DSID-…, data 525`).
//!
//! A context word is a whole token; what may follow it is fixed per word, so a number anywhere else stays a number.

use super::{is_token_byte, win32, Code, Form};
use crate::{KerberosError, TlsAlert};

/// What the numbers after a context word are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Kerberos error codes: `Failure Code: 0x18`, `Result Codes: 0x10 and 0x18`, `KRB-ERROR (37)`.
    Kerberos,
    /// TLS alert descriptions, by number or by any spelling of the name, after a word that says TLS: `fatal alert
    /// code is 40`, `SSL alert number 40`, `TLS alert: 'HandshakeFailure'`, `sslv3 alert handshake failure`.
    Tls,
    /// After a plain `alert` (monitoring systems have alerts too): only an RFC name with an underscore
    /// (`alert number and string for "unknown_ca"`), never a number.
    TlsName,
    /// GSS-API major statuses: `Major (851968)`, `major_status: 00000001`.
    Gss,
    /// A Win32 error written as `0x` and 8 digits after `error code` (`0x000006ba`); shorter numbers there are
    /// other systems' (LDAP's `error code 49`).
    Win32Padded,
    /// A Win32 error in Python's `[WinError 10054]`: an `OSError`'s `winerror`, in decimal, then `]` (CPython,
    /// `Objects/exceptions.c`, `OSError_str`: `[WinError %S] %S`).
    WinError,
}

/// One code found through its context: where it is, what it is, how it was written.
pub(super) type Hit = (usize, usize, Code, Form);

/// How far past a context word its value may be: the longest run of filler words Schannel writes
/// (`alert was received: 47`, `alert number and string for "unknown_ca"`), with room to spare.
const REACH: usize = 48;

/// Words before `alert` that make it a TLS alert: `TLS alert`, `SSL alert`, OpenSSL's `sslv3 alert` and `tlsv1
/// alert`, Schannel's and Java's `fatal alert`, Erlang's `CLIENT ALERT`.
const TLS_WORDS: [&str; 10] = [
    "tls", "ssl", "sslv3", "tlsv1", "tlsv13", "fatal", "warning", "client", "server", "schannel",
];

/// Words between `alert` and the alert itself that say nothing of their own.
const FILLERS: [&str; 18] = [
    "a",
    "and",
    "code",
    "description",
    "fatal",
    "for",
    "from",
    "generated",
    "is",
    "message",
    "number",
    "peer",
    "received",
    "sent",
    "string",
    "the",
    "unknown",
    "was",
];

fn eq(word: &[u8], lower: &str) -> bool {
    word.eq_ignore_ascii_case(lower.as_bytes())
}

/// How far back a context word may be looked for.
const LOOKBACK: usize = 24;

/// Where the word (token) that ends just before `at` begins, skipping spaces (at most [`LOOKBACK`] bytes back).
fn word_start_before(h: &[u8], at: usize) -> (usize, usize) {
    let floor = at.saturating_sub(LOOKBACK);
    let mut end = at;
    while end > floor && h[end - 1] == b' ' {
        end -= 1;
    }
    let mut start = end;
    while start > floor && is_token_byte(h[start - 1]) {
        start -= 1;
    }
    (start, end)
}

/// The word (token) that ends just before `at`, skipping spaces.
fn word_before(h: &[u8], at: usize) -> &[u8] {
    let (start, end) = word_start_before(h, at);
    &h[start..end]
}

/// What the word `code` or `codes` at `start` introduces, by the words before it: `Failure Code`, `Result Codes`
/// (Kerberos, in the Security events 4768, 4769 and 4771), `alert code is`, `fatal error code is` (TLS, Schannel's
/// events 36887 and 36888), `error code: 0x000006ba` (a Win32 error).
fn code_kind(h: &[u8], start: usize) -> Option<Kind> {
    let (before_start, before_end) = word_start_before(h, start);
    let before = &h[before_start..before_end];
    // As Windows writes the events' fields and Microsoft's documentation: `Failure Code`, `Result Code(s)`.
    let code_word = &h[start..h.len().min(start + 4)];
    if (before == b"Failure" || before == b"Result") && code_word == b"Code" {
        Some(Kind::Kerberos)
    } else if eq(before, "alert") {
        Some(Kind::Tls)
    } else if eq(before, "error") {
        // `The TLS protocol defined fatal error code is 70.` (Schannel event 36888).
        Some(if eq(word_before(h, before_start), "fatal") {
            Kind::Tls
        } else {
            Kind::Win32Padded
        })
    } else {
        None
    }
}

/// The context of a number at `start` that no trigger word announced: `Failure Code: 0x18`, `Result Code is
/// 0x6`, `(error code: 0x000006ba)`.
pub(super) fn before_number(h: &[u8], start: usize) -> Option<Kind> {
    let floor = start.saturating_sub(LOOKBACK);
    let mut at = start;
    while at > floor && matches!(h[at - 1], b' ' | b':' | b'=') {
        at -= 1;
    }
    let (mut word_start, mut word_end) = word_start_before(h, at);
    if eq(&h[word_start..word_end], "is") {
        (word_start, word_end) = word_start_before(h, word_start);
    }
    if !(eq(&h[word_start..word_end], "code") || eq(&h[word_start..word_end], "codes")) {
        return None;
    }
    code_kind(h, word_start)
}

/// Schannel's alert events name the alert in a later sentence than the word `alert`: `A fatal alert was
/// generated and sent to the remote endpoint. [...] The TLS protocol defined fatal error code is 70.` The number
/// after `code is ` later on the line, if the words before it make it an alert.
pub(super) fn later_alert_code(h: &[u8], at: usize, open_end: bool) -> Option<Hit> {
    let line = &h[at..h.len().min(at + 256)];
    let line = &line[..line.iter().position(|&b| b == b'\n').unwrap_or(line.len())];
    let found = line.windows(8).position(|w| w == b"code is ")?;
    let code = at + found;
    (code_kind(h, code)? == Kind::Tls)
        .then(|| number(h, code + 8, Kind::Tls, open_end))
        .flatten()
}

/// Whether a number that reads as a neighbour's `code` at `h[start..end]` may be one, by what stands around it: not the first
/// group of a GUID (`{C000006D-0000-0000-C000-000000000046}`, `c0000022-aaaa-...`), not the value a C `#define`
/// gives another name (`#define MSR_EFER 0xc0000080`: an x86 register number), not a register after `MSR`,
/// `rdmsr` or `wrmsr`, not a `cpuid` leaf.
pub(super) fn may_be_code(h: &[u8], start: usize, end: usize, code: Code, form: Form) -> bool {
    // SSPI codes are read from their form alone (a stream that cuts a long line finds the same ones).
    if matches!(code, Code::Sspi(_)) {
        return true;
    }
    let rest = &h[end..];
    if form == Form::BareHex {
        let guid = rest.len() >= 6
            && rest[0] == b'-'
            && rest[1..5].iter().all(u8::is_ascii_hexdigit)
            && rest[5] == b'-';
        return !guid;
    }
    if form != Form::Hex {
        return true;
    }
    // The two words just before the number (`#define MSR_EFER`, `rdmsr:`, `MSR`, `cpuid_leaf!(`).
    let mut at = start;
    while at > 0
        && start - at < LOOKBACK
        && matches!(h[at - 1], b' ' | b'\t' | b':' | b'(' | b'!' | b'=')
    {
        at -= 1;
    }
    let (w1_start, w1_end) = word_start_before(h, at);
    let last = &h[w1_start..w1_end];
    if ["msr", "rdmsr", "wrmsr", "cpuid", "cpuid_leaf"]
        .iter()
        .any(|w| eq(last, w))
    {
        return false;
    }
    let mut d = w1_start;
    while d > 0 && w1_start - d < LOOKBACK && matches!(h[d - 1], b' ' | b'\t') {
        d -= 1;
    }
    if h[..d].ends_with(b"#define") {
        // `#define NAME VALUE`: the value is NAME's; it is this code only if NAME is one of its names.
        let name = core::str::from_utf8(last).unwrap_or("");
        return code.name() == name;
    }
    true
}

/// What the context token `h[start..end]` says the values after it are, and where they may begin.
pub(super) fn word(h: &[u8], start: usize, end: usize) -> Option<(Kind, usize)> {
    let token = &h[start..end];
    match token.len() {
        _ if token.len() >= 5 && eq(&token[token.len() - 5..], "alert") => {
            if token.len() == 5 {
                let before = word_before(h, start);
                let tls = TLS_WORDS.iter().any(|w| eq(before, w));
                Some((if tls { Kind::Tls } else { Kind::TlsName }, end))
            } else {
                // `tls_alert`, `ssl_alert` (Erlang, Python): the prefix says TLS.
                let prefix = &token[..token.len() - 5];
                (eq(prefix, "tls_") || eq(prefix, "ssl_")).then_some((Kind::Tls, end))
            }
        }
        _ if eq(token, "major") || eq(token, "major_status") => Some((Kind::Gss, end)),
        // Python's `OSError`: `[WinError 10054] An existing connection was forcibly closed`.
        8 if token == b"WinError"
            && start > 0
            && h[start - 1] == b'['
            && h.get(end) == Some(&b' ')
            && h.get(end + 1).is_some_and(u8::is_ascii_digit) =>
        {
            Some((Kind::WinError, end + 1))
        }
        3 if token == b"KRB" => {
            // `KRB-ERROR (37)` (Rubeus), `KRB Error: (6)` (gokrb5).
            let rest = &h[end..];
            let skip = [&b"-ERROR"[..], b" Error"]
                .iter()
                .find(|w| rest.starts_with(w))?
                .len();
            Some((Kind::Kerberos, end + skip))
        }
        _ => None,
    }
}

/// The first value at or after `at` that a `kind` context allows, skipping what may stand between.
pub(super) fn value(h: &[u8], at: usize, kind: Kind, open_end: bool) -> Option<Hit> {
    let limit = h.len().min(at + REACH);
    let mut i = at;
    loop {
        while i < limit
            && matches!(
                h[i],
                b' ' | b'\t' | b':' | b'=' | b'(' | b'[' | b'{' | b'\'' | b'"' | b',' | b'-'
            )
        {
            i += 1;
        }
        if i >= limit {
            return None;
        }
        if h[i].is_ascii_digit() {
            return (kind != Kind::TlsName)
                .then(|| number(h, i, kind, open_end))
                .flatten();
        }
        if !matches!(kind, Kind::Tls | Kind::TlsName) {
            // `Result Code is 0x6`: only `is` may stand between a code word and its number.
            let w = token_at(h, i);
            if eq(&h[i..w], "is") {
                i = w;
                continue;
            }
            return None;
        }
        if let Some(hit) = alert_name(h, i, open_end, kind == Kind::Tls) {
            return Some(hit);
        }
        let w = token_at(h, i);
        if w == i || !FILLERS.iter().any(|f| eq(&h[i..w], f)) {
            return None;
        }
        i = w;
    }
}

/// The next value of a list that a context began: `0x10, 0x17 and 0x18`.
pub(super) fn next_in_list(h: &[u8], at: usize, kind: Kind, open_end: bool) -> Option<Hit> {
    let rest = &h[at..];
    let skip = [&b", and "[..], b", or ", b" and ", b" or ", b", ", b","]
        .iter()
        .find(|s| rest.starts_with(s))?
        .len();
    let i = at + skip;
    if h.get(i).is_some_and(u8::is_ascii_digit) {
        number(h, i, kind, open_end)
    } else {
        None
    }
}

/// The end of the token that starts at `i`.
fn token_at(h: &[u8], i: usize) -> usize {
    i + h[i..].iter().take_while(|&&b| is_token_byte(b)).count()
}

/// A number at `h[i]` (a digit), if it is a whole token and a code of `kind`.
pub(super) fn number(h: &[u8], i: usize, kind: Kind, open_end: bool) -> Option<Hit> {
    let end = token_at(h, i);
    if end == h.len() && !open_end {
        return None;
    }
    let token = &h[i..end];
    let (value, form) = match token {
        [b'0', b'x' | b'X', digits @ ..] => (crate::num::hex(digits).ok()?, Form::Hex),
        // GSS-API statuses printed with `%08x`: `major_status: 00000001`.
        _ if kind == Kind::Gss && token.len() == 8 => (crate::num::hex(token).ok()?, Form::BareHex),
        _ if token.len() <= 10 => (crate::num::decimal(token).ok()?, Form::UnsignedDecimal),
        _ => return None,
    };
    let code = match kind {
        Kind::Kerberos => KerberosError(value)
            .info()
            .filter(|f| f.value() != 0)
            .map(Code::Foreign),
        Kind::Tls | Kind::TlsName => u8::try_from(value)
            .ok()
            .filter(|&v| v != 0)
            .and_then(|v| TlsAlert(v).info())
            .map(Code::Foreign),
        // A small major (a supplementary bit alone) only as `%08x` prints it: `Major: 1` is more often a version.
        Kind::Gss => (value != 0 && (value >= 0x1_0000 || form == Form::BareHex))
            .then(|| crate::foreign(crate::System::Gss, value))
            .flatten()
            .map(Code::Foreign),
        Kind::Win32Padded => {
            (form == Form::Hex && token.len() == 10 && (1..=0xFFFF).contains(&value))
                .then(|| win32(value))
                .flatten()
        }
        Kind::WinError => (form == Form::UnsignedDecimal
            && h.get(end) == Some(&b']')
            && (1..=0xFFFF).contains(&value))
        .then(|| win32(value))
        .flatten(),
    }?;
    Some((i, end, code, form))
}

/// A TLS alert named at `h[i]`: one identifier (`handshake_failure`, `HandshakeFailure`, `UnknownCA`) or up to four
/// words of letters (`handshake failure`, `Unknown CA`), longest first; either is a [`Form::Name`].
fn alert_name(h: &[u8], i: usize, open_end: bool, any_spelling: bool) -> Option<Hit> {
    let mut ends = [0usize; 4];
    let mut n = 0;
    let mut e = i;
    while n < 4 {
        let w = token_at(h, e);
        if w == e {
            break;
        }
        ends[n] = w;
        n += 1;
        if h.get(w) != Some(&b' ') || !h.get(w + 1).is_some_and(u8::is_ascii_alphabetic) {
            break;
        }
        e = w + 1;
    }
    (0..n).rev().find_map(|k| {
        let end = ends[k];
        if end == h.len() && !open_end {
            return None;
        }
        let text = core::str::from_utf8(&h[i..end]).ok()?;
        if !any_spelling && (k > 0 || !text.contains('_')) {
            return None;
        }
        let alert = TlsAlert::from_spelling(text).filter(|a| a.0 != 0)?;
        alert.info().map(|f| (i, end, Code::Foreign(f), Form::Name))
    })
}

/// The Active Directory LDAP diagnostic at a `DSID` token: the Win32 error before `: LdapErr: ` when it is one
/// (`000004DC: LdapErr: DSID-0C090A5A`; an SSPI code there is the scanner's own), or else the `data` sub-code
/// after it (`DSID-0C090334, comment: AcceptSecurityContext error, data 525`).
pub(super) fn ldap(h: &[u8], start: usize, end: usize, from: usize, open_end: bool) -> Option<Hit> {
    if let Some(head) = h[..start].strip_suffix(b": LdapErr: ") {
        let t = head
            .iter()
            .rposition(|&b| !is_token_byte(b))
            .map_or(0, |i| i + 1);
        let token = &head[t..];
        if t < from || token.len() != 8 {
            return None;
        }
        let value = crate::num::hex(token).ok()?;
        return (1..=0xFFFF)
            .contains(&value)
            .then(|| win32(value))
            .flatten()
            .map(|code| (t, t + 8, code, Form::BareHex));
    }
    let line = &h[end..h.len().min(end + 256)];
    let line = &line[..line.iter().position(|&b| b == b'\n').unwrap_or(line.len())];
    let at = line.windows(7).position(|w| w == b", data ")? + 7;
    let i = end + at;
    let stop = token_at(h, i);
    if stop == i || (stop == h.len() && !open_end) {
        return None;
    }
    let value = crate::num::hex(&h[i..stop]).ok().filter(|&v| v != 0)?;
    win32(value).map(|code| (i, stop, code, Form::BareHex))
}
