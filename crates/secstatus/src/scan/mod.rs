//! Finding SSPI status codes inside arbitrary bytes: log lines, dumps, anything.
//!
//! The scanner knows nothing of output: it reports where each code is, what it is and in which form it was
//! written. It never allocates, accepts any bytes (invalid UTF-8 included) and looks at each byte a bounded number
//! of times.

mod context;

use crate::closed_set::closed_set;
use crate::{
    foreign, foreign_by_name, lookup_name, num, Entry, Foreign, KerberosError, SecStatus, System,
    TlsAlert,
};

closed_set! {
    /// How a code was written.
    ///
    /// ```
    /// use secstatus::{scan, Form};
    /// let line = b"SEC_E_TIME_SKEW 0x80090324 80090324 -2146893020 2148074276";
    /// let forms: Vec<_> = scan(line).map(|f| f.form).collect();
    /// assert_eq!(forms, [Form::Name, Form::Hex, Form::BareHex, Form::SignedDecimal, Form::UnsignedDecimal]);
    /// assert!(scan(line).all(|f| f.code.name() == "SEC_E_TIME_SKEW"));
    /// assert_eq!(Form::BareHex.as_str(), "bare_hex");
    /// ```
    pub enum Form {
        /// A name: `SEC_E_LOGON_DENIED`, `KDC_ERR_PREAUTH_FAILED`, or a TLS alert as implementations spell it
        /// after the word alert (`HandshakeFailure`, `handshake failure`).
        Name = "name",
        /// `0x` hex, any case, 1 to 8 digits: `0x8009030c`, `0x90312`.
        Hex = "hex",
        /// Eight hex digits without a prefix: `80090308`; fewer where the context says (the LDAP diagnostic's
        /// `data 525`).
        BareHex = "bare_hex",
        /// A negative decimal: `-2146893044`.
        SignedDecimal = "signed_decimal",
        /// An unsigned decimal: `2148074252`, or a small one where the context says what it is (`alert code is
        /// 40`).
        UnsignedDecimal = "unsigned_decimal",
        /// A message text the code's system or an implementation prints for it: `Clock skew too great`.
        Message = "message",
    }
}

/// What a found code is.
///
/// ```
/// use secstatus::{scan, Code, SecStatus};
/// let codes: Vec<_> = scan(b"SEC_E_LOGON_DENIED; Status: 0xC000006D").map(|f| f.code).collect();
/// assert!(matches!(codes[0], Code::Sspi(e) if e.status() == SecStatus::SEC_E_LOGON_DENIED));
/// assert!(matches!(codes[1], Code::Foreign(f) if f.name() == "STATUS_LOGON_FAILURE"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Code {
    /// An SSPI status code of the catalogue.
    Sspi(&'static Entry),
    /// A status of a neighbouring system that the curated tables know: an NTSTATUS written as `0x` and 8 hex
    /// digits (`Status: 0xC000006D` in the Security event log), a Kerberos error, a TLS alert, a GSS-API major
    /// status or a Win32 error in a context that says so. Not an SSPI code; [`Code::sspi`] gives its SSPI
    /// equivalent where a source gives one.
    Foreign(&'static Foreign),
    /// (feature `windows-errors`) Another Windows error code of [MS-ERREF]'s tables, written where no ordinary
    /// number is: `0x` and 8 hex digits with the high bit set, an HRESULT (`0x80092012`) or an NTSTATUS
    /// (`0xC0000234`) that the curated tables do not hold.
    #[cfg(feature = "windows-errors")]
    WindowsError(&'static crate::WindowsError),
}

impl Code {
    /// The name: `SEC_E_LOGON_DENIED`, `STATUS_LOGON_FAILURE`.
    ///
    /// ```
    /// let found = secstatus::scan(b"Status: 0xC000006D").next().unwrap();
    /// assert_eq!(found.code.name(), "STATUS_LOGON_FAILURE");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Code::Sspi(e) => e.name(),
            Code::Foreign(f) => f.name(),
            #[cfg(feature = "windows-errors")]
            Code::WindowsError(e) => e.name(),
        }
    }

    /// The system's stable name: `sspi`, `ntstatus`, or `hresult` (a Windows error code other than SSPI's).
    ///
    /// ```
    /// use secstatus::scan;
    /// assert_eq!(scan(b"0x80090308").next().unwrap().code.system(), "sspi");
    /// assert_eq!(scan(b"Status: 0xC000006D").next().unwrap().code.system(), "ntstatus");
    /// ```
    pub fn system(&self) -> &'static str {
        match self {
            Code::Sspi(_) => "sspi",
            Code::Foreign(f) => f.system().as_str(),
            #[cfg(feature = "windows-errors")]
            Code::WindowsError(e) => e.system().as_str(),
        }
    }

    /// The 32-bit value.
    ///
    /// ```
    /// use secstatus::scan;
    /// assert_eq!(scan(b"got 0x90312").next().unwrap().code.value(), 0x0009_0312);
    /// assert_eq!(scan(b"Status: 0xC000006D").next().unwrap().code.value(), 0xC000_006D);
    /// ```
    pub fn value(&self) -> u32 {
        match self {
            Code::Sspi(e) => e.status().to_u32(),
            Code::Foreign(f) => f.value(),
            #[cfg(feature = "windows-errors")]
            Code::WindowsError(e) => e.value(),
        }
    }

    /// The SSPI code: the entry itself, or an NTSTATUS's primary SSPI equivalent.
    ///
    /// ```
    /// use secstatus::{scan, SecStatus};
    /// let found = scan(b"Status: 0xC000006D").next().unwrap();
    /// assert_eq!(found.code.sspi(), Some(SecStatus::SEC_E_LOGON_DENIED));
    /// ```
    pub fn sspi(&self) -> Option<SecStatus> {
        match self {
            Code::Sspi(e) => Some(e.status()),
            Code::Foreign(f) => f.primary().map(|m| m.status()),
            #[cfg(feature = "windows-errors")]
            Code::WindowsError(_) => None,
        }
    }
}

/// One code found in a haystack.
///
/// ```
/// use secstatus::{scan, Form};
/// let line = b"AcquireCredentialsHandle failed: -2146893044";
/// let found = scan(line).next().unwrap();
/// assert_eq!(&line[found.start..found.end], b"-2146893044");
/// assert_eq!(found.form, Form::SignedDecimal);
/// assert_eq!(found.code.name(), "SEC_E_LOGON_DENIED");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the first byte of the code as written (the `-` of a negative decimal included).
    pub start: usize,
    /// Byte offset just past the code.
    pub end: usize,
    /// What it is.
    pub code: Code,
    /// How it was written.
    pub form: Form,
}

/// The longest token that can be a code: the longest name, with room to spare.
const MAX_TOKEN: usize = 48;

/// Bytes that continue a token. A code only counts when the bytes around it are not token bytes.
pub(crate) const fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a code may start near `h[i]`: every written code, and every word that makes the number after it a
/// code, contains one of these short patterns, and ordinary text rarely does. `a`, `b`, `c`, `d` are `h[i]` to
/// `h[i + 3]`.
///
/// - `0x` in any case: every hex form with a prefix;
/// - `009`: every SSPI code in 8 bare hex digits (8009…, 0009…); `c00` in any case: an NTSTATUS in 8 (C000006A);
/// - `214` (-2146…, 2148…: SSPI and other HRESULTs), `107` and `322` (-1073…, 3221…: NTSTATUS), `176` and `252`
///   (-1765…, 2529…: MIT's Kerberos com_err numbers): every 10-digit decimal of a code;
/// - `ec_` in any case (`SEC_`, `sec_`), or an upper-case letter or digit, `_` and an upper-case letter: every name
///   (`KDC_ERR_…`, `ERROR_…`, `TLS1_ALERT_…`);
/// - the context words `alert`, `major`, `KRB`, `DSID` and `WinError` (`nEr`; `Failure Code: 0x18` is found from
///   its number).
#[inline(always)]
fn is_trigger(a: u8, b: u8, c: u8, d: u8) -> bool {
    trigger_mask(a, b, c, d) != 0
}

/// [`is_trigger`] as a byte, 1 or 0, so that 32 of them combine without branches.
#[inline(always)]
fn trigger_mask(a: u8, b: u8, c: u8, d: u8) -> u8 {
    number_mask(a, b, c) | name_mask(a, b, c) | word_mask(a, b, c, d)
}

#[inline(always)]
fn eq(x: u8, y: u8) -> u8 {
    (x == y) as u8
}

/// The patterns of numbers.
#[inline(always)]
fn number_mask(a: u8, b: u8, c: u8) -> u8 {
    (eq(a, b'0') & eq(b | 0x20, b'x'))
        | (eq(a, b'0') & eq(b, b'0') & eq(c, b'9'))
        | (eq(a | 0x20, b'c') & eq(b, b'0') & eq(c, b'0'))
        | (eq(a, b'2') & eq(b, b'1') & eq(c, b'4'))
        | (eq(a, b'1') & eq(b, b'0') & eq(c, b'7'))
        | (eq(a, b'3') & eq(b, b'2') & eq(c, b'2'))
        | (eq(a, b'1') & eq(b, b'7') & eq(c, b'6'))
        | (eq(a, b'2') & eq(b, b'5') & eq(c, b'2'))
}

/// The patterns of names.
#[inline(always)]
fn name_mask(a: u8, b: u8, c: u8) -> u8 {
    let upper = |x: u8| (x.wrapping_sub(b'A') < 26) as u8;
    (eq(a | 0x20, b'e') & eq(b | 0x20, b'c') & eq(c, b'_')) | (upper(a) & eq(b, b'_') & upper(c))
}

/// The context words.
#[inline(always)]
fn word_mask(a: u8, b: u8, c: u8, d: u8) -> u8 {
    (eq(a, b'l') & eq(b, b'e') & eq(c, b'r') & eq(d, b't'))
        | (eq(a, b'a') & eq(b, b'j') & eq(c, b'o'))
        | (eq(a, b'K') & eq(b, b'R') & eq(c, b'B'))
        | (eq(a, b'D') & eq(b, b'S') & eq(c, b'I'))
        | (eq(a, b'n') & eq(b, b'E') & eq(c, b'r'))
}

/// The codes in `haystack`, in order, treating its edges as token boundaries.
///
/// Recognised, each only on token boundaries and only for values in the catalogue: names; `0x` hex in any case;
/// 8 bare hex digits; negative decimals; unsigned decimals of error codes. `SEC_E_OK` (0) is found only by name,
/// since a bare `0` is everywhere; informational codes are not read from decimals, which collide with ordinary
/// numbers.
///
/// ```
/// use secstatus::{scan, Form, SecStatus};
/// let line = b"LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, data 52e";
/// let found: Vec<_> = scan(line).collect();
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].code.sspi(), Some(SecStatus::SEC_E_INVALID_TOKEN));
/// assert_eq!((found[0].start, found[0].end, found[0].form), (22, 30, Form::BareHex));
///
/// assert_eq!(scan(b"0x800903080 80090308abc 0x8009030").count(), 0);
/// ```
pub fn scan(haystack: &[u8]) -> Scan<'_> {
    scan_with_context(haystack, false, false)
}

/// Like [`scan`], for a piece of a longer stream: `token_before` and `token_after` say whether the bytes just
/// outside the piece are token bytes, so a code cut at the piece's edge is not reported (nor half of one).
pub(crate) fn scan_with_context(
    haystack: &[u8],
    token_before: bool,
    token_after: bool,
) -> Scan<'_> {
    Scan {
        haystack,
        pos: 0,
        token_before,
        token_after,
        last_end: 0,
        list: None,
    }
}

/// The iterator of [`scan`].
///
/// ```
/// use secstatus::{scan, Scan};
/// let mut codes: Scan<'_> = scan(b"first 0x80090308, then 0x80090324");
/// assert_eq!(codes.next().unwrap().code.name(), "SEC_E_INVALID_TOKEN");
/// // A clone goes on from where the original is.
/// let rest = codes.clone();
/// assert_eq!(codes.next().unwrap().code.name(), "SEC_E_TIME_SKEW");
/// assert!(codes.next().is_none());
/// assert_eq!(rest.count(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Scan<'h> {
    haystack: &'h [u8],
    pos: usize,
    token_before: bool,
    token_after: bool,
    /// The end of the last code reported: nothing is reported before it.
    last_end: usize,
    /// The context of a list that may go on after the last code (`Result Codes: 0x10, 0x17 and 0x18`).
    list: Option<context::Kind>,
}

impl Iterator for Scan<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let h = self.haystack;
        if let Some(kind) = self.list.take() {
            if let Some(hit) = context::next_in_list(h, self.pos, kind, !self.token_after) {
                return Some(self.emit(hit, Some(kind)));
            }
        }
        loop {
            let hit = self.pos + find_trigger(h.get(self.pos..)?)?;
            // The token around the trigger.
            let mut start = hit;
            while start > 0 && hit - start <= MAX_TOKEN && is_token_byte(h[start - 1]) {
                start -= 1;
            }
            let mut end = hit + 1;
            while end < h.len() && end - start <= MAX_TOKEN && is_token_byte(h[end]) {
                end += 1;
            }
            self.pos = end;
            if end - start > MAX_TOKEN {
                // Too long to be a code: skip the whole token.
                while self.pos < h.len() && is_token_byte(h[self.pos]) {
                    self.pos += 1;
                }
                continue;
            }
            // A colour escape glued to the code (`\x1b[31m0x80090308`): its final `m` is no part of the token.
            if start > 0 && matches!(h[start - 1], b'[' | b';') {
                if let Some(m) = (start..end)
                    .find(|&k| h[k] == b'm')
                    .filter(|&m| ends_sgr(h, m))
                {
                    start = m + 1;
                }
            }
            let open_before = if start == 0 {
                !self.token_before
            } else {
                !is_token_byte(h[start - 1]) || ends_sgr(h, start - 1)
            };
            let open_after = if end == h.len() {
                !self.token_after
            } else {
                !is_token_byte(h[end])
            };
            if !(open_before && open_after) {
                continue;
            }
            let sign = start > 0
                && h[start - 1] == b'-'
                && ((start == 1 && !self.token_before)
                    || (start > 1 && !is_token_byte(h[start - 2])));
            if let Some((code, form)) = classify(&h[start..end], sign) {
                if !context::may_be_code(h, start, end, code, form) {
                    continue;
                }
                let start = if form == Form::SignedDecimal {
                    start - 1
                } else {
                    start
                };
                return Some(self.emit((start, end, code, form), None));
            }
            let open_end = !self.token_after;
            let hit = match context::word(h, start, end) {
                Some((kind, at)) => context::value(h, at, kind, open_end)
                    .or_else(|| {
                        (kind == context::Kind::Tls)
                            .then(|| context::later_alert_code(h, at, open_end))
                            .flatten()
                    })
                    .map(|hit| (hit, Some(kind))),
                None if h.get(start) == Some(&b'0')
                    && h.get(start + 1).is_some_and(|&b| b | 0x20 == b'x') =>
                {
                    context::before_number(h, start).and_then(|kind| {
                        context::number(h, start, kind, open_end).map(|hit| (hit, Some(kind)))
                    })
                }
                None if &h[start..end] == b"DSID" => {
                    context::ldap(h, start, end, self.last_end, open_end).map(|hit| (hit, None))
                }
                None => None,
            };
            if let Some((hit, list)) = hit {
                // A value found further on (`alert ... code is 40`, `DSID-... data 525`) counts only if no code lies
                // between: codes are reported in order, and none may be skipped.
                let gap = end..hit.0.max(end);
                let skipped = !gap.is_empty()
                    && scan_with_context(
                        &h[gap.clone()],
                        is_token_byte(h[end - 1]),
                        is_token_byte(h[gap.end]),
                    )
                    .next()
                    .is_some();
                if !skipped {
                    return Some(self.emit(hit, list));
                }
            }
        }
    }
}

impl Scan<'_> {
    /// Reports a code, remembering where it ends and whether a list may go on after it.
    fn emit(
        &mut self,
        (start, end, code, form): context::Hit,
        list: Option<context::Kind>,
    ) -> Found {
        self.pos = self.pos.max(end);
        self.last_end = end;
        self.list = list;
        Found {
            start,
            end,
            code,
            form,
        }
    }
}

/// The longest parameter list of a colour escape the scanner sees through (`38;2;255;255;255` is 16 bytes). A
/// longer run is no colour a terminal would be sent, and the stream may cut inside it.
pub(crate) const MAX_SGR_PARAMS: usize = 16;

/// Whether `h[m]` is the final `m` of a terminal colour escape (SGR: ESC `[`, at most [`MAX_SGR_PARAMS`] digits
/// and `;`, `m`).
fn ends_sgr(h: &[u8], m: usize) -> bool {
    if h.get(m) != Some(&b'm') {
        return false;
    }
    let params = h[..m]
        .iter()
        .rev()
        .take(MAX_SGR_PARAMS + 1)
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    let open = m - params;
    params <= MAX_SGR_PARAMS && open >= 2 && h[open - 1] == b'[' && h[open - 2] == 0x1b
}

/// The index of the first trigger in `h`, testing 32 positions at a time without branches (a loop the compiler
/// turns into vector instructions).
fn find_trigger(h: &[u8]) -> Option<usize> {
    const LANES: usize = 32;
    let at = |i: usize| h.get(i).copied().unwrap_or(0);
    let mut base = 0;
    while base + LANES + 3 <= h.len() {
        let window: &[u8; LANES + 3] = h[base..base + LANES + 3]
            .try_into()
            .expect("the slice has this length");
        // One simple loop per group of patterns: each becomes vector instructions.
        let mut masks = [0u8; LANES];
        for (i, mask) in masks.iter_mut().enumerate() {
            *mask = number_mask(window[i], window[i + 1], window[i + 2]);
        }
        for (i, mask) in masks.iter_mut().enumerate() {
            *mask |= name_mask(window[i], window[i + 1], window[i + 2]);
        }
        for (i, mask) in masks.iter_mut().enumerate() {
            *mask |= word_mask(window[i], window[i + 1], window[i + 2], window[i + 3]);
        }
        // The first trigger is the lowest set byte: read the masks as words instead of testing each position again.
        for (k, word) in masks.chunks_exact(8).enumerate() {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            if word != 0 {
                return Some(base + 8 * k + word.trailing_zeros() as usize / 8);
            }
        }
        base += LANES;
    }
    (base..h.len()).find(|&i| is_trigger(h[i], at(i + 1), at(i + 2), at(i + 3)))
}

/// What a whole token is, if it is a code in a recognised form.
fn classify(token: &[u8], negative: bool) -> Option<(Code, Form)> {
    let numeric = |value: u32, form| {
        let entry = SecStatus::from_u32(value)
            .entry()
            .filter(|e| e.status().to_u32() != 0);
        entry.map(|e| (Code::Sspi(e), form))
    };
    match token {
        [b'S' | b's', b'E' | b'e', b'C' | b'c', b'_', ..] => {
            let name = core::str::from_utf8(token).ok()?;
            lookup_name(name).map(|e| (Code::Sspi(e), Form::Name))
        }
        [b'0', b'x' | b'X', digits @ ..] => {
            // A 32-bit code sign-extended to 64 bits: `0xffffffff80070520`.
            let digits = match digits {
                [b'f' | b'F', b'f' | b'F', b'f' | b'F', b'f' | b'F', b'f' | b'F', b'f' | b'F', b'f' | b'F', b'f' | b'F', low @ ..]
                    if low.len() == 8
                        && matches!(low[0], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F') =>
                {
                    low
                }
                _ => digits,
            };
            if !(1..=8).contains(&digits.len()) {
                return None;
            }
            let value = hex(digits)?;
            if digits.len() == 8 && matches!(digits[0], b'C' | b'c') {
                return ntstatus(value, Form::Hex);
            }
            numeric(value, Form::Hex).or_else(|| {
                // Eight digits with the high bit set are no ordinary number: an HRESULT, or one that wraps a Win32
                // error or an NTSTATUS.
                (digits.len() == 8 && value & 0x8000_0000 != 0)
                    .then(|| hresult(value))
                    .flatten()
                    .map(|code| (code, Form::Hex))
            })
        }
        _ if token.len() == 8 && token.iter().all(u8::is_ascii_hexdigit) => {
            let value = hex(token)?;
            numeric(value, Form::BareHex).or_else(|| {
                // `Data: 0000: c000005e` (an event's binary data), `C000006A user name is correct`.
                matches!(token[0], b'C' | b'c')
                    .then(|| ntstatus(value, Form::BareHex))
                    .flatten()
            })
        }
        _ if token.len() == 10 && token.iter().all(u8::is_ascii_digit) => {
            let value = num::signed(negative, token).ok()?;
            let form = if negative {
                Form::SignedDecimal
            } else {
                Form::UnsignedDecimal
            };
            if let Some(k) = KerberosError::from_com_err(value as i32) {
                return k.info().map(|f| (Code::Foreign(f), form));
            }
            // Only error codes: their high bit is set.
            if value & 0x8000_0000 == 0 {
                return None;
            }
            numeric(value, form).or_else(|| match value >> 28 {
                0xC => ntstatus(value, form),
                _ => hresult(value).map(|code| (code, form)),
            })
        }
        [b'A'..=b'Z', ..] if token.contains(&b'_') => name(token).map(|code| (code, Form::Name)),
        _ => None,
    }
}

/// An NTSTATUS: the curated row, with its SSPI equivalent, or the broad table's.
fn ntstatus(value: u32, form: Form) -> Option<(Code, Form)> {
    foreign(System::NtStatus, value)
        .map(Code::Foreign)
        .or_else(|| windows_error(System::NtStatus, value))
        .map(|code| (code, form))
}

/// An HRESULT other than SSPI's: the curated row, with its meaning and what to do (`CRYPT_E_NO_REVOCATION_CHECK`), or
/// the broad table's.
fn hresult(value: u32) -> Option<Code> {
    foreign(System::HResult, value)
        .map(Code::Foreign)
        .or_else(|| windows_error(System::HResult, value))
}

/// A Win32 error: the curated row, with its SSPI equivalent, or the broad table's.
pub(crate) fn win32(value: u32) -> Option<Code> {
    foreign(System::Win32, value)
        .map(Code::Foreign)
        .or_else(|| windows_error(System::Win32, value))
}

/// A name of a neighbouring system as its header or its implementations spell it: `KDC_ERR_PREAUTH_FAILED`,
/// `KRB5KRB_AP_ERR_SKEW`, `STATUS_LOGON_FAILURE`, `TLS1_ALERT_UNKNOWN_CA`, `GSS_S_NO_CRED`, and (feature
/// `windows-errors`) every Win32, NTSTATUS and HRESULT name. Written in capitals (`NERR_Success` as its header
/// has it): a lower-case word with underscores is someone's identifier. TLS alerts count only with a prefix
/// (`TLS1_ALERT_`, `SSLV3_ALERT_`): `INTERNAL_ERROR` alone is everyone's.
fn name(token: &[u8]) -> Option<Code> {
    // Most words with underscores are no code's: their first word is no name's.
    let prefix = &token[..=token.iter().position(|&b| b == b'_')?];
    let spelled = || {
        [
            &b"KRB5KDC_"[..],
            b"KRB5KRB_",
            b"TLS1_",
            b"SSL3_",
            b"SSLV3_",
            b"TLSV1_",
            b"TLSV13_",
        ]
        .contains(&prefix)
    };
    if !(crate::map::has_name_prefix(prefix) || windows_error_prefix(prefix) || spelled()) {
        return None;
    }
    let name = core::str::from_utf8(token).ok()?;
    let capitals = !token.iter().any(u8::is_ascii_lowercase);
    if let Some(f) = foreign_by_name(name).filter(|f| f.system() != System::Tls) {
        return (capitals || f.name() == name || f.aliases().contains(&name))
            .then_some(Code::Foreign(f));
    }
    if !capitals {
        return windows_error_named(name).filter(|code| code.name() == name);
    }
    if name.starts_with("KRB5") {
        return KerberosError::from_spelling(name)?
            .info()
            .map(Code::Foreign);
    }
    if crate::map::TLS_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return TlsAlert::from_spelling(name)?.info().map(Code::Foreign);
    }
    windows_error_named(name)
}

/// Whether a name of the broad tables begins with `prefix` (feature `windows-errors`; without it, no).
#[allow(unused_variables)]
fn windows_error_prefix(prefix: &[u8]) -> bool {
    #[cfg(feature = "windows-errors")]
    {
        crate::errors::has_name_prefix(prefix)
    }
    #[cfg(not(feature = "windows-errors"))]
    false
}

/// The broad tables' code of this name (feature `windows-errors`; without it, nothing).
#[allow(unused_variables)]
fn windows_error_named(name: &str) -> Option<Code> {
    #[cfg(feature = "windows-errors")]
    {
        crate::errors::by_name(name).map(Code::WindowsError)
    }
    #[cfg(not(feature = "windows-errors"))]
    None
}

/// The broad tables' first name of `value` in `system` (feature `windows-errors`; without it, nothing).
#[allow(unused_variables)]
fn windows_error(system: System, value: u32) -> Option<Code> {
    #[cfg(feature = "windows-errors")]
    {
        let rows = crate::errors::by_value(system, value);
        // An HRESULT the table lacks may wrap a Win32 error or an NTSTATUS (HRESULT_FROM_WIN32, _FROM_NT): the curated
        // row of the code inside, with its SSPI equivalent, comes first, then the broad table's. Success (0) is never
        // wrapped: HRESULT_FROM_WIN32(0) is S_OK, so 0x80070000 names nothing. Exactly as the macros build them:
        // HRESULT_FROM_WIN32 is 0x8007 and the code, HRESULT_FROM_NT the N bit.
        let inside = match value {
            _ if !rows.is_empty() || system != System::HResult => None,
            v if v & 0xFFFF_0000 == 0x8007_0000 && v & 0xFFFF != 0 => {
                Some((System::Win32, v & 0xFFFF))
            }
            v if v & 0x1000_0000 != 0 && v & !0x1000_0000 != 0 => {
                Some((System::NtStatus, v & !0x1000_0000))
            }
            _ => None,
        };
        if let Some(f) = inside.and_then(|(system, code)| foreign(system, code)) {
            return Some(Code::Foreign(f));
        }
        let inside = inside.map_or(&[][..], |(system, code)| {
            crate::errors::by_value(system, code)
        });
        rows.first().or(inside.first()).map(Code::WindowsError)
    }
    #[cfg(not(feature = "windows-errors"))]
    None
}

fn hex(digits: &[u8]) -> Option<u32> {
    num::hex(digits).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn token_bytes_and_context() {
        use super::{is_token_byte, scan, scan_with_context};
        assert!(is_token_byte(b'a') && is_token_byte(b'7') && is_token_byte(b'_'));
        assert!(!is_token_byte(b'-') && !is_token_byte(b' ') && !is_token_byte(b':'));
        // A code glued to token bytes is part of a longer word, so it is not reported.
        assert_eq!(scan(b"id_80090308").count(), 0);
        assert_eq!(scan(b"id:80090308").count(), 1);
        assert_eq!(scan_with_context(b"80090308 ", true, false).count(), 0); // really "x80090308"
        assert_eq!(scan_with_context(b" 80090308", false, true).count(), 0); // really "80090308x"
        assert_eq!(scan_with_context(b" 80090308 ", true, true).count(), 1);
    }

    extern crate std;
    use super::*;
    use std::string::String;
    use std::vec::Vec;

    fn names(h: &[u8]) -> Vec<(&'static str, Form)> {
        scan(h).map(|f| (f.code.name(), f.form)).collect()
    }

    #[test]
    fn finds_every_form() {
        let line =
            b"a SEC_E_LOGON_DENIED b 0x8009030c c 0x90312 d 80090308: e -2146893044 f 2148074252 g";
        assert_eq!(
            names(line),
            [
                ("SEC_E_LOGON_DENIED", Form::Name),
                ("SEC_E_LOGON_DENIED", Form::Hex),
                ("SEC_I_CONTINUE_NEEDED", Form::Hex),
                ("SEC_E_INVALID_TOKEN", Form::BareHex),
                ("SEC_E_LOGON_DENIED", Form::SignedDecimal),
                ("SEC_E_LOGON_DENIED", Form::UnsignedDecimal),
            ]
        );
    }

    #[test]
    fn only_on_token_boundaries() {
        for h in [
            &b"0x800903080"[..],
            b"80090308abc",
            b"0x8009030",
            b"x80090308",
            b"_SEC_E_OK",
            b"SEC_E_OKAY",
            b"12148074252",
            b"-21468930440",
        ] {
            assert_eq!(names(h), [], "{}", String::from_utf8_lossy(h));
        }
    }

    #[test]
    fn zero_and_positive_decimals_are_not_codes() {
        assert_eq!(names(b"0 0x0 00000000 0x00000000 590610"), []);
        assert_eq!(names(b"SEC_E_OK"), [("SEC_E_OK", Form::Name)]);
    }

    #[test]
    fn reports_exact_offsets() {
        let h = b"[WinError -2146893054] (0x80090325)";
        let found: Vec<_> = scan(h).map(|f| (f.start, f.end)).collect();
        assert_eq!(found, [(10, 21), (24, 34)]);
        assert_eq!(&h[10..21], b"-2146893054");
    }

    #[test]
    fn a_colour_escape_glued_to_a_code_is_no_part_of_it() {
        assert_eq!(
            names(b"\x1b[31m0x80090308\x1b[0m"),
            [("SEC_E_INVALID_TOKEN", Form::Hex)]
        );
        assert_eq!(
            names(b"\x1b[1;31mSEC_E_TIME_SKEW\x1b[0m"),
            [("SEC_E_TIME_SKEW", Form::Name)]
        );
        assert_eq!(names(b"\x1b[mSEC_E_OK"), [("SEC_E_OK", Form::Name)]);
        let found: Vec<_> = scan(b"\x1b[31m0x80090308")
            .map(|f| (f.start, f.end))
            .collect();
        assert_eq!(found, [(5, 15)]);
        // A colour escape whose parameters hold a trigger, at the very end: nothing is left of the token.
        assert_eq!(names(b"\x1b[2140m"), []);
        // Only a real escape: a plain `m` still joins the token.
        assert_eq!(names(b"[31m0x80090308"), []);
        assert_eq!(names(b"m0x80090308"), []);
    }

    #[test]
    fn a_sign_glued_to_a_word_is_not_a_sign() {
        assert_eq!(names(b"id-2146893044"), []);
        assert_eq!(
            names(b"(-2146893044)"),
            [("SEC_E_LOGON_DENIED", Form::SignedDecimal)]
        );
    }

    #[test]
    fn long_tokens_are_skipped_whole() {
        let mut h = [b'a'; 200];
        h[150..158].copy_from_slice(b"80090308");
        assert_eq!(names(&h), []);
    }

    #[test]
    fn triggers_across_chunk_edges_are_found() {
        for pad in 0..70 {
            let mut h = [b' '; 100];
            h[pad..pad + 10].copy_from_slice(b"0x80090308");
            assert_eq!(
                names(&h[..pad + 10]),
                [("SEC_E_INVALID_TOKEN", Form::Hex)],
                "pad {pad}"
            );
        }
    }
}
