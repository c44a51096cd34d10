//! (feature `texts`) Where a code appeared, as the catalogue's causes and fixes key it: the contexts a line carries,
//! so that the advice for that context can come first.

use std::string::String;
use std::vec::Vec;

use crate::{find_codes, ldap_data, Advice, Code, Entry, System};

/// The contexts one line carries (`ldap-data:52e`, `tls-alert:40`, `krb:KDC_ERR_PREAUTH_FAILED`,
/// `ntstatus:STATUS_WRONG_PASSWORD`, `product:sqlserver`, `sql-state:14`, `event:4625`), read from the codes found
/// in it, the LDAP bind diagnostic's `data` sub-code, and the names of the products whose advice the catalogue
/// keeps apart.
///
/// ```
/// use secstatus::{LineContext, SecStatus};
/// let line = b"80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v4563";
/// let context = LineContext::of(line);
/// assert_eq!(context.keys().collect::<Vec<_>>(), ["ldap-data:52e"]);
/// let entry = SecStatus::SEC_E_INVALID_TOKEN.entry().unwrap();
/// let first = context.advice(entry).next().unwrap();
/// assert_eq!(first.context(), Some("ldap-data:52e"));
/// assert!(LineContext::of(b"no code here").keys().next().is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineContext {
    keys: Vec<String>,
}

/// Products named in a line, by words that name nothing else (ASCII, compared in lower case), and their key.
const PRODUCTS: &[(&str, &[&str])] = &[
    ("curl", &["curl:", "curl/", "libcurl"]),
    (
        "sqlserver",
        &[
            "sql server",
            "sqlexception",
            "mssql",
            "sqlcmd",
            "sql network interfaces",
            "ssl provider",
            // The error log's own line, as Microsoft's support article quotes it: "SSPI handshake failed with
            // error code 0x80090311, state 14 while establishing a connection with integrated security"
            // (https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/connect/local-security-subsystem-errors).
            "sspi handshake failed",
        ],
    ),
    ("winrm", &["winrm", "wsman", "ws-management"]),
    (
        "dotnet",
        &[
            "system.net.",
            "system.security.authentication",
            "authenticationexception",
            ".net ",
        ],
    ),
    ("rdp", &["remote desktop", "mstsc", "termsrv", "credssp"]),
    (
        "ad-replication",
        &[
            "repadmin",
            "directory service replication",
            "replication access",
        ],
    ),
];

/// The word an event id follows (`event 4625`, `EventID: 4625`, `Event ID: 4625`).
const EVENT: &[u8] = b"event";

/// Every word [`LineContext::add_words`] looks for: its first three bytes as a key (`b0 << 16 | b1 << 8 | b2`, each
/// with its case bit set, as the search reads a line), the product it names (none: [`EVENT`]), and the word.
static WORDS: [(u32, Option<u8>, &[u8]); word_count()] = words();

/// The keys of [`WORDS`], hashed by [`slot`] into a set of 65,536 bits: most places of a line are passed over
/// after one look.
static STARTS: [u64; 1024] = starts();

// The products found are kept as bits of a `u32`.
const _: () = assert!(PRODUCTS.len() <= 32);

const fn word_count() -> usize {
    let (mut n, mut p) = (1, 0);
    while p < PRODUCTS.len() {
        n += PRODUCTS[p].1.len();
        p += 1;
    }
    n
}

const fn key_of(word: &[u8]) -> u32 {
    ((word[0] | 0x20) as u32) << 16 | ((word[1] | 0x20) as u32) << 8 | (word[2] | 0x20) as u32
}

const fn words() -> [(u32, Option<u8>, &'static [u8]); word_count()] {
    let mut words: [(u32, Option<u8>, &'static [u8]); word_count()] =
        [(0, None, &[]); word_count()];
    let (mut n, mut p) = (0, 0);
    while p < PRODUCTS.len() {
        let mut w = 0;
        while w < PRODUCTS[p].1.len() {
            let word = PRODUCTS[p].1[w].as_bytes();
            words[n] = (key_of(word), Some(p as u8), word);
            n += 1;
            w += 1;
        }
        p += 1;
    }
    words[n] = (key_of(EVENT), None, EVENT);
    words
}

/// The bit of [`STARTS`] for a key of [`WORDS`].
const fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

const fn starts() -> [u64; 1024] {
    let mut bits = [0; 1024];
    let mut n = 0;
    while n < WORDS.len() {
        let slot = slot(WORDS[n].0);
        bits[slot / 64] |= 1 << (slot % 64);
        n += 1;
    }
    bits
}

impl LineContext {
    /// The contexts of `line`.
    pub fn of(line: &[u8]) -> LineContext {
        let mut context = LineContext::default();
        for found in find_codes(line) {
            context.add_code(found.code);
            if let Some(data) = ldap_data(&line[found.end..]) {
                context.add_ldap_data(data);
            }
        }
        context.add_words(line);
        context
    }

    /// Adds the contexts `line`'s words give: the products it names, SQL Server's `state N`, an event id (for a
    /// reader that finds the codes itself and adds them with [`add_code`](Self::add_code)).
    pub fn add_words(&mut self, line: &[u8]) {
        // One pass: only where three bytes may begin some word are the words compared. The key is the last three
        // bytes with the case bit set, which is each word's own key, and the lower case of a letter.
        let (mut products, mut event) = (0u32, false);
        let mut three = 0u32;
        for (at, &b) in line.iter().enumerate() {
            three = (three << 8 | u32::from(b | 0x20)) & 0xFF_FFFF;
            let slot = slot(three);
            if at < 2 || STARTS[slot / 64] >> (slot % 64) & 1 == 0 {
                continue;
            }
            let rest = &line[at - 2..];
            for &(key, whose, word) in &WORDS {
                let here = || {
                    rest.get(..word.len())
                        .is_some_and(|r| r.eq_ignore_ascii_case(word))
                };
                if key == three && here() {
                    match whose {
                        Some(p) => products |= 1 << p,
                        None => event = true,
                    }
                }
            }
        }
        if products == 0 && !event {
            return;
        }
        let lower = line.to_ascii_lowercase();
        let keys = &mut self.keys;
        for (p, (product, _)) in PRODUCTS.iter().enumerate() {
            if products >> p & 1 == 1 {
                add(keys, key("product", product));
            }
        }
        if keys.iter().any(|k| k == "product:sqlserver") {
            // The handshake's own state, not the state of the error header before it (`Error: 18452, Severity:
            // 14, State: 1. SSPI handshake failed with error code 0x8009030c, state 14 ...`).
            let handshake = b"sspi handshake failed";
            let from = lower
                .windows(handshake.len())
                .position(|w| w[0] == handshake[0] && w == handshake)
                .unwrap_or(0);
            if let Some(state) = number_after(&lower[from..], b"state") {
                add(keys, key("sql-state", state));
            }
        }
        if event {
            for word in [&b"eventid"[..], b"event id", EVENT] {
                if let Some(id) = number_after(&lower, word) {
                    add(keys, key("event", id));
                    break;
                }
            }
        }
    }

    /// Adds the context a code found in the line gives: a TLS alert, a Kerberos error or an NTSTATUS (for a
    /// reader that finds the codes itself, as annotate does).
    pub fn add_code(&mut self, code: Code) {
        let key = match code {
            Code::Foreign(f) => match f.system() {
                System::Tls => key("tls-alert", f.value()),
                System::Kerberos => key("krb", f.name()),
                System::NtStatus => key("ntstatus", f.name()),
                _ => return,
            },
            Code::WindowsError(e) if e.system() == System::NtStatus => key("ntstatus", e.name()),
            _ => return,
        };
        add(&mut self.keys, key);
    }

    /// Whether some advice of `entry` holds only where a line's words say so (a product, SQL Server's state, an
    /// event id): a reader that adds the codes itself need only read the words for such an entry.
    ///
    /// ```
    /// use secstatus::{LineContext, SecStatus};
    /// let principal = SecStatus::SEC_E_WRONG_PRINCIPAL.entry().unwrap();
    /// assert!(LineContext::wants_words(principal));
    /// assert!(!LineContext::wants_words(SecStatus::SEC_E_OK.entry().unwrap()));
    /// ```
    pub fn wants_words(entry: &Entry) -> bool {
        let by_words = |a: &Advice| {
            a.context().is_some_and(|c| {
                ["product:", "sql-state:", "event:"]
                    .iter()
                    .any(|kind| c.starts_with(kind))
            })
        };
        entry.causes().iter().chain(entry.fixes()).any(by_words)
    }

    /// Adds an LDAP bind diagnostic's `data` sub-code (0 says nothing).
    pub fn add_ldap_data(&mut self, data: u32) {
        if data != 0 {
            add(&mut self.keys, key("ldap-data", format_args!("{data:x}")));
        }
    }

    /// The contexts, in the order found.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.as_str())
    }

    /// Whether `advice` is keyed by one of these contexts (advice that holds everywhere is not).
    pub fn holds(&self, advice: &Advice) -> bool {
        advice
            .context()
            .is_some_and(|c| self.keys.iter().any(|k| k == c))
    }

    /// The causes, then the fixes, of `entry` that are keyed by one of these contexts.
    pub fn advice<'a>(&'a self, entry: &Entry) -> impl Iterator<Item = &'static Advice> + 'a {
        let (causes, fixes) = (entry.causes(), entry.fixes());
        causes.iter().chain(fixes).filter(move |a| self.holds(a))
    }
}

/// `kind:value`, written once into a string of the right size (a key is made for every line annotate explains).
fn key(kind: &str, value: impl core::fmt::Display) -> String {
    use core::fmt::Write;
    let mut key = String::with_capacity(kind.len() + 48);
    let _ = write!(key, "{kind}:{value}");
    key
}

/// Adds `key` unless it is there.
fn add(keys: &mut Vec<String>, key: String) {
    if !keys.contains(&key) {
        keys.push(key);
    }
}

/// The number right after `word` (a whole word) in `lower`, past spaces, `:`, `=`, `#` and `>`: `state 14`,
/// `State: 14`, `Event ID: 4625`, `<EventID>4625`.
fn number_after(lower: &[u8], word: &[u8]) -> Option<u32> {
    let mut from = 0;
    while let Some(at) = lower[from..]
        .windows(word.len())
        .position(|w| w[0] == word[0] && w == word)
    {
        let start = from + at;
        let end = start + word.len();
        from = end;
        if start > 0 && lower[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &lower[end..];
        let skip = rest
            .iter()
            .take(4)
            .take_while(|b| matches!(b, b' ' | b':' | b'=' | b'#' | b'>'))
            .count();
        if skip == 0 {
            continue;
        }
        let digits = rest[skip..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = rest.get(skip + digits);
        if (1..=6).contains(&digits) && !after.is_some_and(|b| b.is_ascii_alphanumeric()) {
            if let Some(n) = core::str::from_utf8(&rest[skip..skip + digits])
                .ok()
                .and_then(|d| d.parse().ok())
            {
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(line: &str) -> Vec<String> {
        LineContext::of(line.as_bytes())
            .keys()
            .map(String::from)
            .collect()
    }

    /// The one-pass search keys each place by its three bytes with the case bit set: every word must be that key's
    /// own (lower case, and no byte whose case bit is clear, such as `@` or a control byte), and three bytes long at
    /// least.
    #[test]
    fn every_word_is_its_own_key() {
        let words = PRODUCTS
            .iter()
            .flat_map(|(_, w)| w.iter())
            .map(|w| w.as_bytes());
        for word in words.chain([EVENT]) {
            assert!(
                word.len() >= 3 && word.iter().all(|&b| b | 0x20 == b && b.is_ascii()),
                "{word:?}"
            );
        }
        // Upper and mixed case are found alike.
        assert_eq!(keys("RePAdmin /showrepl"), ["product:ad-replication"]);
        assert_eq!(keys("at the end: curl:"), ["product:curl"]);
    }

    #[test]
    fn reads_each_kind_of_context() {
        assert_eq!(
            keys(
                "Schannel: The TLS protocol defined fatal alert code is 40, SEC_E_ILLEGAL_MESSAGE"
            ),
            ["tls-alert:40"]
        );
        assert_eq!(
            keys("Login failed. The login is from an untrusted domain. SSPI handshake failed with error code 0x8009030c, state 14 while establishing a connection with integrated security; Microsoft SQL Server"),
            ["product:sqlserver", "sql-state:14"]
        );
        // SQL Server's own line names the product; the handshake's state wins over the error header's.
        assert_eq!(
            keys("Error: 18452, Severity: 14, State: 1. SSPI handshake failed with error code 0x8009030c, state 14 while establishing a connection"),
            ["product:sqlserver", "sql-state:14"]
        );
        assert_eq!(keys("worker state 14 done"), Vec::<String>::new());
        assert_eq!(keys("curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325)"), ["product:curl"]);
        assert_eq!(
            keys("Event ID: 4625 Status: 0xC000006D Sub Status: 0xC000006A"),
            [
                "ntstatus:STATUS_LOGON_FAILURE",
                "ntstatus:STATUS_WRONG_PASSWORD",
                "event:4625"
            ]
        );
    }

    #[test]
    fn numbers_need_their_word() {
        // No SQL Server: a `state` is nobody's.
        assert_eq!(keys("the state 14 of 0x8009030c"), Vec::<String>::new());
        // `prevent 4625` is no event, nor `event4625x`.
        assert_eq!(
            keys("prevent 4625; event4625x; events: many"),
            Vec::<String>::new()
        );
        assert_eq!(keys("statement 14 in SQL Server"), ["product:sqlserver"]);
    }
}
