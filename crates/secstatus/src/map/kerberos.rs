//! Kerberos error codes.

/// A Kerberos error code (KRB-ERROR `error-code`).
///
/// ```
/// use secstatus::{KerberosError, SecStatus};
/// assert_eq!(KerberosError(37).name(), Some("KRB_AP_ERR_SKEW"));
/// assert_eq!(KerberosError(37).mapping().unwrap().status(), SecStatus::SEC_E_TIME_SKEW);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KerberosError(pub u32);

table_lookups! {
    impl KerberosError in Kerberos {
        /// What the tables know of this code.
        ///
        /// ```
        /// use secstatus::{KerberosError, System};
        /// let info = KerberosError(6).info().unwrap();
        /// assert_eq!((info.system(), info.name()), (System::Kerberos, "KDC_ERR_C_PRINCIPAL_UNKNOWN"));
        /// assert!(KerberosError(9999).info().is_none());
        /// ```
        fn info;

        /// The RFC name, if known.
        ///
        /// ```
        /// use secstatus::KerberosError;
        /// assert_eq!(KerberosError(24).name(), Some("KDC_ERR_PREAUTH_FAILED"));
        /// assert_eq!(KerberosError(9999).name(), None);
        /// ```
        fn name;

        /// The primary SSPI equivalent, if a source gives one.
        ///
        /// ```
        /// use secstatus::{KerberosError, SecStatus};
        /// assert_eq!(KerberosError(24).mapping().unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
        /// assert_eq!(KerberosError(6).mapping().unwrap().status(), SecStatus::SEC_E_UNKNOWN_CREDENTIALS);
        /// // KDC_ERR_PREAUTH_EXPIRED is known, but no source maps it.
        /// assert!(KerberosError(90).mapping().is_none());
        /// ```
        fn mapping;
    }
}
