//! (feature `windows-errors`) Every Windows error code as err.exe knows them: the Win32 errors, NTSTATUS values and
//! HRESULTs of [MS-ERREF] with their documented messages, and the SDK header's texts for security codes.
//!
//! Every name is kept: a value may have several (`ERROR_SUCCESS` and `NERR_Success` are both Win32 0), and one row is
//! one name. Lookups are binary searches over static tables and never allocate.
//!
//! ```
//! use secstatus::{errors, System};
//!
//! let denied = errors::by_name("error_access_denied").unwrap();
//! assert_eq!((denied.system(), denied.value()), (System::Win32, 5));
//! assert_eq!(denied.message(), "Access is denied.");
//! assert_eq!(denied.source(), "[MS-ERREF] 2.2");
//!
//! let names: Vec<_> = errors::by_value(System::Win32, 0).iter().map(|e| e.name()).collect();
//! assert_eq!(names, ["ERROR_SUCCESS", "NERR_Success"]);
//! ```
//!
//! The rows come from `data/windows-errors/`; where MS-ERREF's value disagrees with the SDK headers (and the
//! `windows-sys` bindings), the table carries the header's value and [`WindowsError::documented_value`] MS-ERREF's.

use core::cmp::Ordering;

use crate::search::{contains_ignore_case, is_stop_word, MAX_WORDS};
use crate::System;

#[rustfmt::skip]
mod tables;

use crate::blob::Span;
use tables::{BY_NAME, DOCUMENTED, NAME_PREFIXES, RANGES, ROWS, SOURCES, TEXT};

/// One name of a Windows error code, with its documented message.
///
/// ```
/// use secstatus::{errors, System, WindowsError};
///
/// let e: &WindowsError = errors::by_name("SEC_E_LOGON_DENIED").unwrap();
/// assert_eq!((e.system(), e.value()), (System::HResult, 0x8009_030C));
/// assert_eq!(e.message(), "The logon attempt failed.");
/// ```
#[derive(PartialEq, Eq)]
pub struct WindowsError {
    system: System,
    /// An index into `SOURCES`.
    source: u8,
    value: u32,
    /// The name, the message and the SDK text (empty where there is none) in `TEXT`.
    name: Span,
    message: Span,
    sdk: Span,
}

impl core::fmt::Debug for WindowsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WindowsError")
            .field("system", &self.system)
            .field("value", &crate::Hex(self.value))
            .field("name", &self.name())
            .field("message", &self.message())
            .field("sdk_message", &self.sdk_message())
            .field("source", &self.source())
            .finish()
    }
}

impl WindowsError {
    /// The system the value belongs to: [`System::NtStatus`], [`System::Win32`] or [`System::HResult`].
    ///
    /// ```
    /// use secstatus::{errors, System};
    /// assert_eq!(errors::by_name("STATUS_LOGON_FAILURE").unwrap().system(), System::NtStatus);
    /// ```
    pub const fn system(&self) -> System {
        self.system
    }

    /// The 32-bit value (a Win32 error's number, an NTSTATUS or an HRESULT as unsigned).
    ///
    /// ```
    /// assert_eq!(secstatus::errors::by_name("STATUS_LOGON_FAILURE").unwrap().value(), 0xC000_006D);
    /// ```
    pub const fn value(&self) -> u32 {
        self.value
    }

    /// The name, as the source spells it (`NERR_Success`).
    ///
    /// ```
    /// assert_eq!(secstatus::errors::by_name("nerr_success").unwrap().name(), "NERR_Success");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name.str_in(TEXT)
    }

    /// The documented message in English: [MS-ERREF]'s text, or for a name only the SDK header defines, the
    /// header's.
    ///
    /// ```
    /// let e = secstatus::errors::by_name("E_ACCESSDENIED").unwrap();
    /// assert_eq!(e.message(), "General access denied error.");
    /// ```
    pub fn message(&self) -> &'static str {
        self.message.str_in(TEXT)
    }

    /// The text the SDK header gives (the one Windows prints), where it exists and differs from
    /// [`message`](Self::message).
    ///
    /// ```
    /// use secstatus::errors;
    /// let e = errors::by_name("SEC_I_CONTINUE_NEEDED").unwrap();
    /// assert_eq!(e.message(), "The function completed successfully, but it must be called again to complete the context.");
    /// assert_eq!(e.sdk_message(), Some("The function completed successfully, but must be called again to complete the context"));
    /// // The same text twice is not repeated.
    /// assert_eq!(errors::by_name("SEC_E_WRONG_PRINCIPAL").unwrap().sdk_message(), None);
    /// assert_eq!(errors::by_name("ERROR_ACCESS_DENIED").unwrap().sdk_message(), None);
    /// ```
    pub fn sdk_message(&self) -> Option<&'static str> {
        (!self.sdk.is_empty()).then(|| self.sdk.str_in(TEXT))
    }

    /// Where the row comes from: `[MS-ERREF] 2.1` (HRESULT), `2.2` (Win32), `2.3` (NTSTATUS), or the SDK header for
    /// a name MS-ERREF does not list.
    ///
    /// ```
    /// use secstatus::errors;
    /// assert_eq!(errors::by_name("E_FAIL").unwrap().source(), "[MS-ERREF] 2.1");
    /// assert_eq!(errors::by_name("STATUS_SUCCESS").unwrap().source(), "[MS-ERREF] 2.3");
    /// assert!(errors::by_name("SEC_E_NO_CONTEXT").unwrap().source().starts_with("winerror.h"));
    /// ```
    pub const fn source(&self) -> &'static str {
        SOURCES[self.source as usize]
    }

    /// [MS-ERREF]'s value, where it disagrees with the SDK headers and the table carries the header's value
    /// (`data/windows-errors/decisions.toml` gives each reason).
    ///
    /// ```
    /// use secstatus::errors;
    /// let e = errors::by_name("STATUS_PKU2U_CERT_FAILURE").unwrap();
    /// assert_eq!((e.value(), e.documented_value()), (0xC000_042F, Some(0xC000_042E)));
    /// assert_eq!(errors::by_name("E_FAIL").unwrap().documented_value(), None);
    /// ```
    pub fn documented_value(&self) -> Option<u32> {
        DOCUMENTED
            .iter()
            .find(|&&(row, _)| core::ptr::eq(&ROWS[usize::from(row)], self))
            .map(|&(_, documented)| documented)
    }
}

/// The rows of `system`: empty for the systems these tables do not hold.
fn rows_of(system: System) -> &'static [WindowsError] {
    let range = match system {
        System::NtStatus => RANGES[0].clone(),
        System::Win32 => RANGES[1].clone(),
        System::HResult => RANGES[2].clone(),
        _ => 0..0,
    };
    &ROWS[range]
}

/// Every name of `value` in `system`, in the order of the source (empty if unknown).
///
/// ```
/// use secstatus::{errors, System};
/// let names: Vec<_> = errors::by_value(System::NtStatus, 0).iter().map(|e| e.name()).collect();
/// assert_eq!(names, ["STATUS_SUCCESS", "STATUS_WAIT_0"]);
/// assert_eq!(errors::by_value(System::HResult, 0x8009_030C)[0].name(), "SEC_E_LOGON_DENIED");
/// assert!(errors::by_value(System::Win32, 0xFFFF_0000).is_empty());
/// assert!(errors::by_value(System::Tls, 0).is_empty());
/// ```
pub fn by_value(system: System, value: u32) -> &'static [WindowsError] {
    let rows = rows_of(system);
    let start = rows.partition_point(|r| r.value < value);
    let len = rows[start..].partition_point(|r| r.value == value);
    &rows[start..start + len]
}

/// `stored` against `query` in upper case, Markdown escapes (`\`) in the query ignored.
fn cmp_name(stored: &str, query: &str) -> Ordering {
    let stored = stored.bytes().map(|b| b.to_ascii_uppercase());
    let query = query
        .bytes()
        .filter(|&b| b != b'\\')
        .map(|b| b.to_ascii_uppercase());
    stored.cmp(query)
}

/// Every row named `name` (in any case), in system order.
fn named(name: &str) -> impl Iterator<Item = &'static WindowsError> {
    let name = name.trim();
    // Every name begins with a letter: a number is not searched for (each probe would touch two pages).
    // (Backslashes are Markdown escapes, ignored as `cmp_name` ignores them: `\E_FAIL`.)
    let (start, len) = if crate::map::begins_like_a_name(name.trim_start_matches('\\')) {
        let start =
            BY_NAME.partition_point(|&i| cmp_name(ROWS[usize::from(i)].name(), name).is_lt());
        let len = BY_NAME[start..]
            .partition_point(|&i| cmp_name(ROWS[usize::from(i)].name(), name).is_eq());
        (start, len)
    } else {
        (0, 0)
    };
    BY_NAME[start..start + len]
        .iter()
        .map(|&i| &ROWS[usize::from(i)])
}

/// Whether some name of the tables begins with `prefix`, its first word up to and including its first `_`, in
/// capitals (`ERROR_`, `CRYPT_`).
pub(crate) fn has_name_prefix(prefix: &[u8]) -> bool {
    static KEYS: [u128; NAME_PREFIXES.len()] = crate::num::pack_all(&NAME_PREFIXES);
    crate::num::packed_contains(&KEYS, prefix)
}

/// A name in any case (`error_access_denied`), Markdown escapes (`E\_FAIL`) ignored.
///
/// Two names belong to two systems (`ERROR_NOT_SUPPORTED` and `ERROR_DISK_FULL`, a Win32 error and its HRESULT);
/// this returns the first in the order NTSTATUS, Win32, HRESULT, and [`by_name_in`] the other.
///
/// ```
/// use secstatus::{errors, System};
/// assert_eq!(errors::by_name("error_access_denied").unwrap().value(), 5);
/// assert_eq!(errors::by_name(r"E\_FAIL").unwrap().value(), 0x8000_4005);
/// assert_eq!(errors::by_name("ERROR_NOT_SUPPORTED").unwrap().system(), System::Win32);
/// assert!(errors::by_name("ERROR_NO_SUCH_THING").is_none());
/// ```
pub fn by_name(name: &str) -> Option<&'static WindowsError> {
    named(name).next()
}

/// A name of `system` in any case, Markdown escapes ignored.
///
/// ```
/// use secstatus::{errors, System};
/// let hr = errors::by_name_in(System::HResult, "ERROR_NOT_SUPPORTED").unwrap();
/// assert_eq!(hr.value(), 0x8007_0032);
/// assert!(errors::by_name_in(System::NtStatus, "ERROR_NOT_SUPPORTED").is_none());
/// ```
pub fn by_name_in(system: System, name: &str) -> Option<&'static WindowsError> {
    named(name).find(|e| e.system == system)
}

/// Every row of a system, in value order (names of one value in the order of the source).
///
/// ```
/// use secstatus::{errors, System};
/// let win32 = errors::all(System::Win32);
/// assert!(win32.len() > 2700);
/// assert!(win32.windows(2).all(|w| w[0].value() <= w[1].value()));
/// assert!(errors::all(System::Kerberos).is_empty());
/// ```
pub fn all(system: System) -> &'static [WindowsError] {
    rows_of(system)
}

/// What a word of a query scores in a name, and in a message.
const NAME_HIT: u32 = 3;
const MESSAGE_HIT: u32 = 1;

/// Rows whose name or message contains every word of `query` (case-insensitive), with a score (name hits score
/// higher); in table order (NTSTATUS, Win32, HRESULT, each by value), unranked (the caller ranks). No allocation.
///
/// A word scores 3 where the name contains it and 1 where only the message does; a query without words finds
/// nothing.
///
/// ```
/// use secstatus::errors;
/// let hits: Vec<_> = errors::search("logon denied").collect();
/// assert!(hits.iter().any(|(e, _)| e.name() == "SEC_E_LOGON_DENIED"));
/// let (best, _) = errors::search("access denied").max_by_key(|&(_, score)| score).unwrap();
/// assert!(best.name().contains("ACCESS"));
/// assert_eq!(errors::search("  ").count(), 0);
/// ```
pub fn search(query: &str) -> impl Iterator<Item = (&'static WindowsError, u32)> + '_ {
    // Stop words (`the`, `не`) do not count, unless the query has nothing else; a word longer than any name or
    // message matches nothing, so such a query finds nothing without reading the tables.
    // The words are split once: a query may be long (and mostly spaces).
    let mut all = [""; MAX_WORDS];
    let mut count = 0;
    for (slot, word) in all.iter_mut().zip(query.split_whitespace()) {
        *slot = word;
        count += 1;
    }
    let meaningful = all[..count].iter().any(|w| !is_stop_word(w));
    let mut words = [""; MAX_WORDS];
    let mut kept = 0;
    for &word in &all[..count] {
        if !meaningful || !is_stop_word(word) {
            words[kept] = word;
            kept += 1;
        }
    }
    let any = kept > 0 && words[..kept].iter().all(|w| w.len() <= LONGEST_TEXT);
    ROWS.iter().filter(move |_| any).filter_map(move |row| {
        let mut score = 0;
        for &word in &words[..kept] {
            score += if contains_ignore_case(row.name(), word) {
                NAME_HIT
            } else if contains_ignore_case(row.message(), word) {
                MESSAGE_HIT
            } else {
                return None;
            };
        }
        Some((row, score))
    })
}

/// No name or message is longer (the longest message of the tables has about 600 bytes).
const LONGEST_TEXT: usize = 1024;

#[cfg(test)]
mod tests {
    use super::*;

    /// A span outside the text or across a character reads as empty, so every row's name and message must read as
    /// something, and an SDK text as something other than the message.
    #[test]
    fn every_span_of_the_table_reads_a_text() {
        for row in &ROWS {
            assert!(
                !row.name().is_empty() && !row.message().is_empty(),
                "{row:?}"
            );
            assert!(
                row.name()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "{row:?}"
            );
            if let Some(sdk) = row.sdk_message() {
                assert!(!sdk.is_empty() && sdk != row.message(), "{row:?}");
            }
        }
    }

    /// A C identifier cannot begin with a digit, so a lookup by name skips what does not begin with a letter; this
    /// holds that every name of the tables and of the neighbours (aliases too) does, and that the shortcut finds them.
    #[test]
    fn every_name_begins_with_a_letter_and_is_found() {
        for row in &ROWS {
            assert!(crate::map::begins_like_a_name(row.name()), "{row:?}");
            assert!(named(row.name()).any(|r| r == row), "{row:?}");
        }
        for f in crate::foreigns() {
            for name in core::iter::once(f.name()).chain(f.aliases().iter().copied()) {
                assert!(crate::map::begins_like_a_name(name), "{name}");
                assert!(crate::foreign_by_name(name).is_some(), "{name}");
            }
        }
        assert!(named("0x80070005").next().is_none() && crate::foreign_by_name("5").is_none());
        // Markdown escapes anywhere, the first byte included.
        for escaped in [r"\E_FAIL", r"E\_FAIL", r"\\E\_FAIL"] {
            assert_eq!(
                by_name(escaped).map(|e| e.value()),
                Some(0x8000_4005),
                "{escaped}"
            );
        }
    }
}
