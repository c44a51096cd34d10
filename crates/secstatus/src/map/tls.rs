//! TLS alert descriptions.

use super::{catch_all, Mapping, System};

/// A TLS alert description.
///
/// ```
/// use secstatus::{SecStatus, TlsAlert};
/// assert_eq!(TlsAlert(49).name(), Some("access_denied"));
/// assert_eq!(TlsAlert(49).mapping().unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
/// // Alerts Microsoft's table does not name: SEC_E_ILLEGAL_MESSAGE, its "any other" row.
/// assert_eq!(TlsAlert(250).mapping().unwrap().status(), SecStatus::SEC_E_ILLEGAL_MESSAGE);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TlsAlert(pub u8);

impl TlsAlert {
    /// The Schannel code for the alert: the table's row, or for an alert it does not name, its "any other" row.
    ///
    /// ```
    /// use secstatus::{SecStatus, TlsAlert};
    /// assert_eq!(TlsAlert(48).mapping().unwrap().status(), SecStatus::SEC_E_UNTRUSTED_ROOT);
    /// // close_notify is an orderly shutdown, not an error.
    /// assert_eq!(TlsAlert(0).mapping().unwrap().status(), SecStatus::SEC_I_CONTEXT_EXPIRED);
    /// // An alert the table does not name still maps: never `None`.
    /// assert_eq!(TlsAlert(250).mapping().unwrap().status(), SecStatus::SEC_E_ILLEGAL_MESSAGE);
    /// ```
    pub fn mapping(self) -> Option<&'static Mapping> {
        match self.info() {
            Some(info) => info.primary(),
            None => catch_all(System::Tls),
        }
    }
}

table_lookups! {
    impl TlsAlert in Tls {
        /// What the tables know of this alert.
        ///
        /// ```
        /// use secstatus::{System, TlsAlert};
        /// let info = TlsAlert(0).info().unwrap();
        /// assert_eq!((info.system(), info.name()), (System::Tls, "close_notify"));
        /// assert!(TlsAlert(250).info().is_none());
        /// ```
        fn info;

        /// The RFC name, if known.
        ///
        /// ```
        /// use secstatus::TlsAlert;
        /// assert_eq!(TlsAlert(48).name(), Some("unknown_ca"));
        /// assert_eq!(TlsAlert(250).name(), None);
        /// ```
        fn name;
    }
}

/// Spellings of Schannel's header (`TLS1_ALERT_*`, copied into .NET's `TlsAlertMessage`) and OpenSSL's reasons
/// whose words are not the RFC name's, normalised as [`normalise`] does.
const SPELLINGS: [(&str, u8); 6] = [
    ("decompressionfail", 30),
    ("unsupportedcert", 43),
    ("insuffientsecurity", 71),
    ("usercancelled", 90),
    ("unsupportedext", 110),
    ("noappprotocol", 120),
];

/// The prefixes of Schannel's constants (`TLS1_ALERT_`, older `SSL3_ALERT_`) and of OpenSSL's reason codes
/// (`SSLV3_ALERT_`, `TLSV1_ALERT_`, `TLSV13_ALERT_`, `TLSV1_`).
pub(crate) const PREFIXES: [&str; 6] = [
    "TLS1_ALERT_",
    "SSL3_ALERT_",
    "SSLV3_ALERT_",
    "TLSV1_ALERT_",
    "TLSV13_ALERT_",
    "TLSV1_",
];

/// Letters and digits of `s`, lower-cased, into `buf`: `Handshake_Failure`, `handshake failure` and
/// `HandshakeFailure` are all `handshakefailure`. `None` if `s` is longer than `buf`.
fn normalise<'b>(s: &str, buf: &'b mut [u8; 48]) -> Option<&'b [u8]> {
    let mut len = 0;
    for b in s.bytes().filter(u8::is_ascii_alphanumeric) {
        *buf.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    Some(&buf[..len])
}

impl TlsAlert {
    /// The alert an implementation's spelling names, in any case: the RFC name (`handshake_failure`), Schannel's
    /// constant (`TLS1_ALERT_HANDSHAKE_FAILURE`, `TLS1_ALERT_INSUFFIENT_SECURITY` as schannel.h spells it),
    /// OpenSSL's reason code and text (`SSLV3_ALERT_HANDSHAKE_FAILURE`, `sslv3 alert handshake failure` without its
    /// first two words), .NET's `TlsAlertMessage` member (`HandshakeFailure`, `UnknownCA`).
    ///
    /// ```
    /// use secstatus::TlsAlert;
    /// for s in ["handshake_failure", "TLS1_ALERT_HANDSHAKE_FAILURE", "SSLV3_ALERT_HANDSHAKE_FAILURE", "HandshakeFailure", "handshake failure"] {
    ///     assert_eq!(TlsAlert::from_spelling(s), Some(TlsAlert(40)), "{s}");
    /// }
    /// assert_eq!(TlsAlert::from_spelling("TLS1_ALERT_INSUFFIENT_SECURITY"), Some(TlsAlert(71)));
    /// assert_eq!(TlsAlert::from_spelling("UnknownCA"), Some(TlsAlert(48)));
    /// assert_eq!(TlsAlert::from_spelling("failure"), None);
    /// ```
    pub fn from_spelling(s: &str) -> Option<TlsAlert> {
        let s = PREFIXES
            .iter()
            .find_map(|p| {
                s.get(..p.len())
                    .filter(|head| head.eq_ignore_ascii_case(p))
                    .map(|_| &s[p.len()..])
            })
            .unwrap_or(s);
        let mut buf = [0; 48];
        let key = normalise(s, &mut buf)?;
        if key.is_empty() {
            return None;
        }
        if let Some(&(_, value)) = SPELLINGS.iter().find(|(k, _)| k.as_bytes() == key) {
            return Some(TlsAlert(value));
        }
        crate::foreigns()
            .filter(|f| f.system() == System::Tls)
            .find(|f| {
                core::iter::once(f.name())
                    .chain(f.aliases().iter().copied())
                    .any(|n| normalise(n, &mut [0; 48]) == Some(key))
            })
            .and_then(|f| u8::try_from(f.value()).ok())
            .map(TlsAlert)
    }
}
