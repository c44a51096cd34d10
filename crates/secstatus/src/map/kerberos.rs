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

/// MIT's `ERROR_TABLE_BASE_krb5`: `krb5_err.et` numbers the RFC 4120 codes from it, so `KRB5KDC_ERR_PREAUTH_FAILED`
/// is -1765328360, that is -1765328384 + 24 (MIT krb5, `src/lib/krb5/error_tables/krb5_err.et` and the generated
/// `krb5.h`). The table holds the 128 protocol codes first.
const COM_ERR_BASE: i32 = -1_765_328_384;

/// MIT's names whose words differ from RFC 4120's, without MIT's `KRB5` prefix.
const SPELLINGS: [(&str, u32); 1] = [("KDC_ERR_KEY_EXP", 23)];

impl KerberosError {
    /// The Kerberos error an implementation's spelling names, in any case: RFC 4120's (`KDC_ERR_PREAUTH_FAILED`)
    /// or MIT's and Heimdal's `KRB5` names (`KRB5KDC_ERR_PREAUTH_FAILED`, `KRB5KRB_AP_ERR_SKEW`,
    /// `KRB5KDC_ERR_KEY_EXP`).
    ///
    /// ```
    /// use secstatus::KerberosError;
    /// assert_eq!(KerberosError::from_spelling("KRB5KRB_AP_ERR_SKEW"), Some(KerberosError(37)));
    /// assert_eq!(KerberosError::from_spelling("kdc_err_preauth_failed"), Some(KerberosError(24)));
    /// assert_eq!(KerberosError::from_spelling("KRB5KDC_ERR_KEY_EXP"), Some(KerberosError(23)));
    /// assert_eq!(KerberosError::from_spelling("KRB5_CONFIG_BADFORMAT"), None);
    /// ```
    pub fn from_spelling(s: &str) -> Option<KerberosError> {
        let bare = s
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("KRB5"))
            .map_or(s, |_| &s[4..]);
        if let Some(&(_, value)) = SPELLINGS.iter().find(|(n, _)| n.eq_ignore_ascii_case(bare)) {
            return Some(KerberosError(value));
        }
        crate::foreign_by_name(bare)
            .filter(|f| f.system() == crate::System::Kerberos)
            .map(|f| KerberosError(f.value()))
    }

    /// The Kerberos error behind an MIT com_err number (`-1765328377`, or as unsigned `2529638919`: the server
    /// principal is unknown).
    ///
    /// ```
    /// use secstatus::KerberosError;
    /// assert_eq!(KerberosError::from_com_err(-1765328377), Some(KerberosError(7)));
    /// assert_eq!(KerberosError::from_com_err(2529638919u32 as i32), Some(KerberosError(7)));
    /// assert_eq!(KerberosError::from_com_err(-1765328384), None); // KRB5KDC_ERR_NONE is no error
    /// assert_eq!(KerberosError::from_com_err(-1765328200), None); // beyond the protocol codes
    /// ```
    pub fn from_com_err(number: i32) -> Option<KerberosError> {
        let code = number.checked_sub(COM_ERR_BASE)?;
        let code = u32::try_from(code).ok().filter(|c| (1..128).contains(c))?;
        KerberosError(code).info().map(|_| KerberosError(code))
    }
}
