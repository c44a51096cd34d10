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
        let keys = &mut self.keys;
        let lower = line.to_ascii_lowercase();
        let has = |word: &str| lower.windows(word.len()).any(|w| w == word.as_bytes());
        for (product, words) in PRODUCTS {
            if words.iter().any(|w| has(w)) {
                add(keys, std::format!("product:{product}"));
            }
        }
        if keys.iter().any(|k| k == "product:sqlserver") {
            if let Some(state) = number_after(&lower, b"state") {
                add(keys, std::format!("sql-state:{state}"));
            }
        }
        for word in [&b"eventid"[..], b"event id", b"event"] {
            if let Some(id) = number_after(&lower, word) {
                add(keys, std::format!("event:{id}"));
                break;
            }
        }
    }

    /// Adds the context a code found in the line gives: a TLS alert, a Kerberos error or an NTSTATUS (for a
    /// reader that finds the codes itself, as annotate does).
    pub fn add_code(&mut self, code: Code) {
        let key = match code {
            Code::Foreign(f) => match f.system() {
                System::Tls => std::format!("tls-alert:{}", f.value()),
                System::Kerberos => std::format!("krb:{}", f.name()),
                System::NtStatus => std::format!("ntstatus:{}", f.name()),
                _ => return,
            },
            Code::WindowsError(e) if e.system() == System::NtStatus => {
                std::format!("ntstatus:{}", e.name())
            }
            _ => return,
        };
        add(&mut self.keys, key);
    }

    /// Adds an LDAP bind diagnostic's `data` sub-code (0 says nothing).
    pub fn add_ldap_data(&mut self, data: u32) {
        if data != 0 {
            add(&mut self.keys, std::format!("ldap-data:{data:x}"));
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
    while let Some(at) = lower[from..].windows(word.len()).position(|w| w == word) {
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
