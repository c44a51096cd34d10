//! (feature `texts`) Codes named only by their message text: `The target principal name is incorrect`,
//! `Preauthentication failed`, `sslv3 alert handshake failure`.
//!
//! The texts are those Windows prints for SSPI codes, Win32 errors, NTSTATUS values and HRESULTs (the catalogue's
//! English messages, [MS-ERREF]'s and the SDK's), and those implementations print for Kerberos errors, GSS-API
//! major statuses and TLS alerts (`data/texts.toml`: MIT Kerberos, Heimdal, OpenJDK, OpenSSL and LibreSSL, each
//! with its source).
//!
//! # Which texts count
//!
//! A text names a code only when it is distinctive, a rule the generator applies to every text:
//!
//! - it belongs to one value, or to several values that all stand for one SSPI code (an SSPI code and its NTSTATUS
//!   twin: the SSPI code is reported); a text shared by values that differ (`The operation completed
//!   successfully.`, the text of every `STATUS_WAIT_n`) names nothing. One exception: a Win32 error's text that
//!   HRESULTs of other facilities reuse word for word names the Win32 error (`Access is denied.` is also
//!   `RPC_E_ACCESS_DENIED`'s);
//! - it has at least two words;
//! - it is found anywhere in prose only when it has at least 4 words, or 2 or 3 words and at least 23 characters
//!   (`Preauthentication failed`, `Message stream modified`). A shorter one (`Access is denied.`, `Ticket
//!   expired`) is found only where it stands as the whole message: from the start of a line or a `:` to the end
//!   of the line, a final period and spaces allowed.
//!
//! Of the 6,395 patterns the table holds, 129 are of the short kind.
//!
//! # Matching
//!
//! ASCII case does not matter; a final period may be there or not; a text's commas may be left out; its spaces
//! may be its own or single. A match starts and ends on word boundaries (no letter, digit or `_` glued to it), and
//! of texts that start at one place the longest wins. The reported span leaves out a final period.
//!
//! The automaton over every pattern is built once per process, the first time it is needed.
//!
//! ```
//! use secstatus::{find_messages, Code, Form};
//! let line = b".NET Win32Exception (0x80004005): The target principal name is incorrect";
//! let found: Vec<_> = find_messages(line).collect();
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].form, Form::Message);
//! assert!(matches!(found[0].code, Code::Sspi(e) if e.name() == "SEC_E_WRONG_PRINCIPAL"));
//! assert_eq!(&line[found[0].start..found[0].end], b"The target principal name is incorrect");
//!
//! let kinit = b"kinit: Preauthentication failed while getting initial credentials";
//! assert_eq!(find_messages(kinit).next().unwrap().code.name(), "KDC_ERR_PREAUTH_FAILED");
//!
//! // A short text only as the whole message.
//! assert_eq!(find_messages(b"Error: Access is denied.").next().unwrap().code.name(), "ERROR_ACCESS_DENIED");
//! assert_eq!(find_messages(b"we learnt that access is denied to guests").count(), 0);
//! ```

use std::sync::OnceLock;
use std::vec::Vec;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::scan::is_token_byte;
use crate::{foreign, Code, Form, Found, SecStatus, System};

mod tables;

/// What a pattern names, as the generator writes it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    /// An SSPI code of the catalogue.
    Sspi(u32),
    /// A curated status of a neighbouring system.
    Foreign(System, u32),
    /// A row of the Windows tables, by system and name.
    Windows(System, &'static str),
}

impl Target {
    fn code(self) -> Option<Code> {
        match self {
            Target::Sspi(v) => SecStatus::from_u32(v).entry().map(Code::Sspi),
            Target::Foreign(system, v) => foreign(system, v).map(Code::Foreign),
            Target::Windows(system, name) => {
                crate::errors::by_name_in(system, name).map(Code::WindowsError)
            }
        }
    }
}

/// The automaton and, for each pattern, its code and whether it counts anywhere.
struct Matcher {
    automaton: AhoCorasick,
    codes: Vec<(Code, bool)>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let rows: Vec<_> = tables::TEXTS
            .iter()
            .filter_map(|(text, target, anywhere)| Some((*text, target.code()?, *anywhere)))
            .collect();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(rows.iter().map(|r| r.0))
            .expect("the generated patterns build an automaton");
        Matcher {
            automaton,
            codes: rows.iter().map(|r| (r.1, r.2)).collect(),
        }
    })
}

/// Every recognised text as the table holds it (lower case, without a final period), with the code it names and
/// whether it counts anywhere in prose (`true`) or only as a whole message.
///
/// ```
/// let (_, code, anywhere) = secstatus::texts().find(|(t, _, _)| *t == "clock skew too great").unwrap();
/// assert_eq!((code.name(), anywhere), ("KRB_AP_ERR_SKEW", true));
/// ```
pub fn texts() -> impl Iterator<Item = (&'static str, Code, bool)> {
    tables::TEXTS
        .iter()
        .filter_map(|(text, target, anywhere)| Some((*text, target.code()?, *anywhere)))
}

/// The message texts in `haystack`, in order and without overlap, treating its edges as word boundaries and line
/// ends. Each is a [`Found`] with [`Form::Message`].
pub fn find_messages(haystack: &[u8]) -> Messages<'_> {
    find_messages_with_context(haystack, false, false)
}

/// Like [`find_messages`], for a piece of a longer stream: `token_before` and `token_after` say whether the bytes
/// just outside the piece are token bytes (a text glued to them is not reported).
pub(crate) fn find_messages_with_context(
    haystack: &[u8],
    token_before: bool,
    token_after: bool,
) -> Messages<'_> {
    Messages {
        haystack,
        pos: 0,
        token_before,
        token_after,
    }
}

/// The iterator of [`find_messages`].
#[derive(Clone, Debug)]
pub struct Messages<'h> {
    haystack: &'h [u8],
    pos: usize,
    token_before: bool,
    token_after: bool,
}

impl Iterator for Messages<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let h = self.haystack;
        let m = matcher();
        while self.pos < h.len() {
            let hit = m.automaton.find(Input::new(h).span(self.pos..h.len()))?;
            let (start, end) = (hit.start(), hit.end());
            let (code, anywhere) = m.codes[hit.pattern().as_usize()];
            if self.bounded(start, end) && (anywhere || self.whole_message(start, end)) {
                self.pos = end;
                return Some(Found {
                    start,
                    end,
                    code,
                    form: Form::Message,
                });
            }
            self.pos = start + 1;
        }
        None
    }
}

impl Messages<'_> {
    /// Whether `h[start..end]` is not glued to a word on either side.
    fn bounded(&self, start: usize, end: usize) -> bool {
        let h = self.haystack;
        let before = if start == 0 {
            !self.token_before
        } else {
            !(is_token_byte(h[start]) && is_token_byte(h[start - 1]))
        };
        let after = if end == h.len() {
            !(self.token_after && is_token_byte(h[end - 1]))
        } else {
            !(is_token_byte(h[end - 1]) && is_token_byte(h[end]))
        };
        before && after
    }

    /// Whether `h[start..end]` is a whole message: after the start of a line or a `:` (and spaces), before a final
    /// period, spaces and the end of the line.
    fn whole_message(&self, start: usize, end: usize) -> bool {
        let h = self.haystack;
        let blank = |b: &u8| matches!(b, b' ' | b'\t');
        let lead = h[..start].iter().rev().take_while(|b| blank(b)).count();
        let opens = match start - lead {
            0 => !self.token_before,
            i => matches!(h[i - 1], b'\n' | b'\r' | b':'),
        };
        let mut rest = &h[end..];
        if let [b'.', tail @ ..] = rest {
            rest = tail;
        }
        let trail = rest.iter().take_while(|b| blank(b)).count();
        let closes = match rest.get(trail) {
            None => !self.token_after || trail > 0,
            Some(b) => matches!(b, b'\n' | b'\r'),
        };
        opens && closes
    }
}

/// `codes` and `messages`, each in order, merged in order; a message that overlaps a code is dropped.
pub(crate) fn merge(
    codes: impl Iterator<Item = Found>,
    messages: impl Iterator<Item = Found>,
) -> impl Iterator<Item = Found> {
    let mut codes = codes.peekable();
    let mut messages = messages.peekable();
    let mut last_code_end = 0;
    core::iter::from_fn(move || loop {
        match (codes.peek(), messages.peek()) {
            (Some(c), Some(m)) if m.start < c.end && c.start < m.end => {
                messages.next();
            }
            (Some(c), Some(m)) if m.start < c.start => {
                let m = *m;
                messages.next();
                if m.start >= last_code_end {
                    return Some(m);
                }
            }
            (Some(_), _) => {
                let c = codes.next()?;
                last_code_end = c.end;
                return Some(c);
            }
            (None, Some(m)) => {
                let m = *m;
                messages.next();
                if m.start >= last_code_end {
                    return Some(m);
                }
            }
            (None, None) => return None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;
    use std::vec;

    fn names(h: &str) -> Vec<&'static str> {
        find_messages(h.as_bytes()).map(|f| f.code.name()).collect()
    }

    fn spans(h: &str) -> Vec<&str> {
        find_messages(h.as_bytes())
            .map(|f| &h[f.start..f.end])
            .collect()
    }

    // Each expectation is the name its source gives the text (data/texts.toml, MS-ERREF, the catalogue).
    #[test]
    fn the_issues_lines() {
        let cases = [
            (
                ".NET Win32Exception (0x80004005): The target principal name is incorrect",
                "SEC_E_WRONG_PRINCIPAL",
            ),
            (
                "kinit: Preauthentication failed while getting initial credentials",
                "KDC_ERR_PREAUTH_FAILED",
            ),
            ("KrbException: Message stream modified (41)", "KRB_AP_ERR_MODIFIED"),
            ("GSSException: No valid credentials provided", "GSS_S_NO_CRED"),
            (
                "Unspecified GSS failure.  Minor code may provide more information",
                "GSS_S_FAILURE",
            ),
            (
                "error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure",
                "handshake_failure",
            ),
            ("Error: Access is denied.", "ERROR_ACCESS_DENIED"),
            (
                "The revocation function was unable to check revocation because the revocation server was offline.",
                "CRYPT_E_REVOCATION_OFFLINE",
            ),
        ];
        for (line, name) in cases {
            assert_eq!(names(line), [name], "{line}");
        }
    }

    #[test]
    fn small_variations_are_tolerated() {
        for line in [
            "CLOCK SKEW TOO GREAT",
            "clock skew too great.",
            "Unspecified GSS failure. Minor code may provide more information",
            "unspecified gss failure.  minor code may provide more information.",
            "No credentials were supplied or the credentials were unavailable or inaccessible",
        ] {
            assert_eq!(names(line).len(), 1, "{line}");
        }
        assert_eq!(spans("x: Clock skew too great."), ["Clock skew too great"]);
    }

    #[test]
    fn the_longest_text_at_a_place_wins() {
        // MIT's older and newer GSS_S_NO_CRED texts: the longer one is the match.
        let line = "gss: No credentials were supplied, or the credentials were unavailable or inaccessible";
        assert_eq!(
            spans(line),
            ["No credentials were supplied, or the credentials were unavailable or inaccessible"]
        );
    }

    #[test]
    fn the_sspi_code_stands_for_its_twins() {
        assert!(find_messages(b"The logon attempt failed")
            .all(|f| matches!(f.code, Code::Sspi(e) if e.name() == "SEC_E_LOGON_DENIED")));
    }

    #[test]
    fn ordinary_prose_is_no_message() {
        for line in [
            "The access to the building is denied after ten.",
            "we learnt that access is denied to guests",
            "Access is denied. Try again later",
            "the ticket expired yesterday and the clock was wrong",
            "Your password has expired, please change it",
            "INFO 2024-01-01 server started on port 8080, handshake ok",
            "GET /index.html HTTP/1.1 200 OK",
            "The operation completed successfully.",
            "the client was not found in the database",
        ] {
            assert_eq!(names(line), Vec::<&str>::new(), "{line}");
        }
    }

    #[test]
    fn a_cut_or_glued_text_is_no_message() {
        for line in [
            "Clock skew too",
            "lock skew too great",
            "XClock skew too great",
            "Clock skew too greatly",
            "Message stream modifiedness",
            "sslv3 alert handshake failures",
        ] {
            assert_eq!(names(line), Vec::<&str>::new(), "{line}");
        }
        assert_eq!(
            find_messages_with_context(b"Clock skew too great", true, false).count(),
            0
        );
        assert_eq!(
            find_messages_with_context(b"Clock skew too great", false, true).count(),
            0
        );
    }

    #[test]
    fn short_texts_only_as_whole_messages() {
        assert_eq!(names("Error: Access is denied."), ["ERROR_ACCESS_DENIED"]);
        assert_eq!(names("Access is denied.\r\n"), ["ERROR_ACCESS_DENIED"]);
        assert_eq!(
            names("KrbException: Ticket expired"),
            ["KRB_AP_ERR_TKT_EXPIRED"]
        );
        assert_eq!(names("the door said Access is denied."), Vec::<&str>::new());
        assert_eq!(names("Error: Access is denied for now"), Vec::<&str>::new());
    }

    #[test]
    fn messages_come_in_order_without_overlap() {
        let line = "Clock skew too great; Message stream modified; Request is a replay";
        assert_eq!(
            names(line),
            [
                "KRB_AP_ERR_SKEW",
                "KRB_AP_ERR_MODIFIED",
                "KRB_AP_ERR_REPEAT"
            ]
        );
    }

    #[test]
    fn every_row_resolves_to_a_code() {
        assert_eq!(texts().count(), tables::TEXTS.len());
        let mut seen = String::new();
        for (text, _, _) in texts() {
            assert_eq!(text, text.to_ascii_lowercase());
            seen.clear();
            seen.push_str(text);
            assert!(!seen.ends_with('.'), "{text}");
        }
    }

    #[test]
    fn merging_keeps_codes_and_drops_overlapping_messages() {
        let f = |start, end, form| Found {
            start,
            end,
            code: Code::Sspi(SecStatus::SEC_E_TIME_SKEW.entry().unwrap()),
            form,
        };
        let codes = vec![f(10, 20, Form::Hex), f(30, 40, Form::Hex)];
        let messages = vec![
            f(0, 5, Form::Message),
            f(15, 25, Form::Message),
            f(41, 50, Form::Message),
        ];
        let merged: Vec<_> = merge(codes.into_iter(), messages.into_iter())
            .map(|f| (f.start, f.form))
            .collect();
        assert_eq!(
            merged,
            [
                (0, Form::Message),
                (10, Form::Hex),
                (30, Form::Hex),
                (41, Form::Message)
            ]
        );
    }
}
