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
