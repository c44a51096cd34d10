//! The model of the neighbouring systems' tables: [`System`], [`Source`], [`Mapping`] and [`Foreign`].
//!
//! Plain data with accessors; the generated tables are made of these types, and this file does not read them.

use crate::closed_set::closed_set;
use crate::{SecStatus, Text};

closed_set! {
    /// A status system beside SSPI.
    ///
    /// ```
    /// use secstatus::{foreigns, Lang, System};
    /// assert_eq!("krb".parse(), Ok(System::Kerberos));
    /// assert_eq!(System::Tls.as_str(), "tls");
    /// assert_eq!(System::ALL.map(System::as_str), ["ntstatus", "win32", "hresult", "gss", "krb", "tls"]);
    /// // The tables hold values of every system.
    /// assert!(System::ALL.iter().all(|&s| foreigns().any(|f| f.system() == s)));
    /// assert_eq!(System::Tls.label(Lang::Ru), "оповещение TLS");
    /// ```
    pub enum System [array] {
        /// NTSTATUS values (ntstatus.h), as the kernel, LSA and the Security event log report them.
        NtStatus = ("ntstatus", "NTSTATUS", "NTSTATUS"),
        /// Win32 error codes (winerror.h `ERROR_*`).
        Win32 = ("win32", "Win32 error", "ошибка Win32"),
        /// HRESULTs that are not SSPI codes but turn up beside them (`CRYPT_E_*`, `CERT_E_*`).
        HResult = ("hresult", "HRESULT, not an SSPI code", "HRESULT, не код SSPI"),
        /// GSS-API major status values (RFC 2743, RFC 2744).
        Gss = ("gss", "GSS-API major status", "основной код состояния GSS-API"),
        /// Kerberos error codes (RFC 4120 section 7.5.9, RFC 4556, RFC 6113).
        Kerberos = ("krb", "Kerberos error code", "код ошибки Kerberos"),
        /// TLS alert descriptions (RFC 8446, RFC 5246).
        Tls = ("tls", "TLS alert", "оповещение TLS"),
    }
}

/// Who says a mapping holds: a project, a document, or observed Windows behaviour.
///
/// ```
/// let m = secstatus::KerberosError(37).mapping().unwrap();
/// assert_eq!(m.source().key(), "windows-observed");
/// assert!(!m.source().title().is_empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    pub(crate) key: &'static str,
    pub(crate) title: &'static str,
}

impl Source {
    /// A short stable key (`wine`, `sspi-rs`, `ms-tls-alerts`, ...).
    ///
    /// ```
    /// use secstatus::{foreign_by_name, TlsAlert};
    /// assert_eq!(TlsAlert(48).mapping().unwrap().source().key(), "ms-tls-alerts");
    /// let skew = foreign_by_name("KRB_AP_ERR_SKEW").unwrap();
    /// assert_eq!(skew.value_sources()[0].key(), "rfc4120");
    /// ```
    pub const fn key(&self) -> &'static str {
        self.key
    }

    /// What and where the source is.
    ///
    /// ```
    /// let source = secstatus::TlsAlert(48).mapping().unwrap().source();
    /// assert_eq!(source.title(), "Microsoft Learn, \"Schannel Error Codes for TLS and SSL Alerts\"");
    /// ```
    pub const fn title(&self) -> &'static str {
        self.title
    }
}

/// One SSPI equivalent of a foreign status, and who says so.
///
/// ```
/// use secstatus::{foreign_by_name, SecStatus};
/// // Where sources disagree, every answer is kept, the primary first.
/// let f = foreign_by_name("GSS_S_CREDENTIALS_EXPIRED").unwrap();
/// let [wine, dotnet] = f.mappings() else { panic!("two mappings") };
/// assert_eq!((wine.status(), wine.source().key()), (SecStatus::SEC_E_CONTEXT_EXPIRED, "wine"));
/// assert_eq!((dotnet.status(), dotnet.source().key()), (SecStatus::SEC_E_CERT_EXPIRED, "dotnet"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mapping {
    pub(crate) status: SecStatus,
    pub(crate) source: &'static Source,
    pub(crate) note: Option<Text>,
    pub(crate) reverse_only: bool,
    pub(crate) catch_all: bool,
}

impl Mapping {
    /// The SSPI code.
    ///
    /// ```
    /// use secstatus::{SecStatus, TlsAlert};
    /// assert_eq!(TlsAlert(48).mapping().unwrap().status(), SecStatus::SEC_E_UNTRUSTED_ROOT);
    /// ```
    pub const fn status(&self) -> SecStatus {
        self.status
    }

    /// Who says so.
    ///
    /// ```
    /// use secstatus::KerberosError;
    /// let mappings = KerberosError(37).info().unwrap().mappings();
    /// let keys: Vec<_> = mappings.iter().map(|m| m.source().key()).collect();
    /// assert_eq!(keys, ["windows-observed", "sspi-rs"]);
    /// ```
    pub const fn source(&self) -> &'static Source {
        self.source
    }

    /// A remark on this mapping, in English and Russian, if any.
    ///
    /// ```
    /// use secstatus::{Lang, TlsAlert};
    /// // An alert Microsoft's table does not name falls in its "any other" row.
    /// let note = TlsAlert(250).mapping().unwrap().note().unwrap();
    /// assert_eq!(note.get(Lang::En), "the table's 'any other' row");
    /// assert_eq!(note.get(Lang::Ru), "строка таблицы «любое другое»");
    /// assert_eq!(TlsAlert(48).mapping().unwrap().note(), None);
    /// ```
    pub const fn note(&self) -> Option<Text> {
        self.note
    }

    /// Whether the mapping holds only from SSPI to the foreign status (a lossy one-way table): it is shown among
    /// [`Foreign::mappings`] and by [`mapped_to`](crate::mapped_to), but never offered as the foreign status's SSPI
    /// equivalent.
    ///
    /// ```
    /// let denied = secstatus::foreign_by_name("STATUS_ACCESS_DENIED").unwrap();
    /// assert!(denied.mappings().iter().all(|m| m.is_reverse_only()));
    /// assert!(denied.primary().is_none());
    /// ```
    pub const fn is_reverse_only(&self) -> bool {
        self.reverse_only
    }

    /// Whether the mapping is its source's answer for every status it does not list (Wine's default branch,
    /// Microsoft's "any other" alert row): the status lost its detail on the way, so it is shown as such and never
    /// offered as the foreign status's SSPI equivalent.
    ///
    /// ```
    /// use secstatus::{foreign_by_name, SecStatus, TlsAlert};
    /// let bad_status = foreign_by_name("GSS_S_BAD_STATUS").unwrap();
    /// let wine = bad_status.mappings()[0];
    /// assert!(wine.is_catch_all() && wine.status() == SecStatus::SEC_E_INTERNAL_ERROR);
    /// assert!(bad_status.primary().is_none());
    /// assert!(TlsAlert(250).mapping().unwrap().is_catch_all());
    /// assert!(!TlsAlert(48).mapping().unwrap().is_catch_all());
    /// ```
    pub const fn is_catch_all(&self) -> bool {
        self.catch_all
    }

    /// Whether the mapping is an equivalent: neither one way nor a catch-all.
    pub const fn is_equivalent(&self) -> bool {
        !self.reverse_only && !self.catch_all
    }
}

/// A status of a neighbouring system, with its meaning and SSPI equivalents.
///
/// ```
/// use secstatus::{foreign_by_name, SecStatus, System};
/// let f = foreign_by_name("STATUS_LOGON_FAILURE").unwrap();
/// assert_eq!((f.system(), f.value()), (System::NtStatus, 0xC000_006D));
/// assert_eq!(f.primary().unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Foreign {
    pub(crate) system: System,
    pub(crate) value: u32,
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) meaning: Text,
    pub(crate) note: Option<Text>,
    pub(crate) value_sources: &'static [&'static Source],
    pub(crate) mappings: &'static [Mapping],
}

impl Foreign {
    /// The system.
    ///
    /// ```
    /// use secstatus::{foreign_by_name, System};
    /// assert_eq!(foreign_by_name("STATUS_LOGON_FAILURE").unwrap().system(), System::NtStatus);
    /// assert_eq!(foreign_by_name("unknown_ca").unwrap().system(), System::Tls);
    /// ```
    pub const fn system(&self) -> System {
        self.system
    }

    /// The value, as that system numbers it (a Kerberos code, an alert number, a 32-bit status).
    ///
    /// ```
    /// use secstatus::foreign_by_name;
    /// assert_eq!(foreign_by_name("unknown_ca").unwrap().value(), 48);
    /// assert_eq!(foreign_by_name("GSS_S_BAD_SIG").unwrap().value(), 0x0006_0000);
    /// assert_eq!(foreign_by_name("STATUS_LOGON_FAILURE").unwrap().value(), 0xC000_006D);
    /// ```
    pub const fn value(&self) -> u32 {
        self.value
    }

    /// The name as its header or RFC spells it.
    ///
    /// ```
    /// use secstatus::{foreign, foreign_by_name, System};
    /// assert_eq!(foreign(System::Win32, 1326).unwrap().name(), "ERROR_LOGON_FAILURE");
    /// // Found by an alias, a status keeps its own name.
    /// assert_eq!(foreign_by_name("GSS_S_BAD_MIC").unwrap().name(), "GSS_S_BAD_SIG");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Other spellings of the same value (`GSS_S_BAD_MIC` for `GSS_S_BAD_SIG`).
    ///
    /// ```
    /// use secstatus::foreign_by_name;
    /// assert_eq!(foreign_by_name("GSS_S_BAD_SIG").unwrap().aliases(), ["GSS_S_BAD_MIC"]);
    /// assert!(foreign_by_name("KRB_AP_ERR_SKEW").unwrap().aliases().is_empty());
    /// ```
    pub const fn aliases(&self) -> &'static [&'static str] {
        self.aliases
    }

    /// What it means.
    ///
    /// ```
    /// use secstatus::{KerberosError, Lang};
    /// let meaning = KerberosError(37).info().unwrap().meaning();
    /// assert_eq!(meaning.get(Lang::En), "The clock skew between the parties is too great.");
    /// assert_eq!(meaning.get(Lang::Ru), "Расхождение часов участников обмена слишком велико.");
    /// ```
    pub const fn meaning(&self) -> Text {
        self.meaning
    }

    /// Where sources disagree, or a trap to know about.
    ///
    /// ```
    /// use secstatus::{foreign_by_name, Lang};
    /// let note = foreign_by_name("GSS_S_CREDENTIALS_EXPIRED").unwrap().note().unwrap();
    /// assert!(note.get(Lang::En).starts_with("Disagreement"));
    /// assert!(foreign_by_name("unknown_ca").unwrap().note().is_none());
    /// ```
    pub const fn note(&self) -> Option<Text> {
        self.note
    }

    /// The sources that define this name with this value.
    ///
    /// ```
    /// use secstatus::NtStatus;
    /// let sources = NtStatus(0xC000_006D).info().unwrap().value_sources();
    /// let keys: Vec<_> = sources.iter().map(|s| s.key()).collect();
    /// assert_eq!(keys, ["mingw-ntstatus", "windows-sys"]);
    /// ```
    pub const fn value_sources(&self) -> &'static [&'static Source] {
        self.value_sources
    }

    /// Every SSPI equivalent, primary first; empty when no source maps it.
    ///
    /// ```
    /// let f = secstatus::foreign_by_name("GSS_S_CREDENTIALS_EXPIRED").unwrap();
    /// assert!(f.mappings().len() >= 2, "sources disagree, and all are shown");
    /// ```
    pub const fn mappings(&self) -> &'static [Mapping] {
        self.mappings
    }

    /// The primary SSPI equivalent.
    ///
    /// ```
    /// use secstatus::{foreign_by_name, SecStatus};
    /// let f = foreign_by_name("GSS_S_CREDENTIALS_EXPIRED").unwrap();
    /// assert_eq!(f.primary().unwrap().status(), SecStatus::SEC_E_CONTEXT_EXPIRED);
    /// // A known status that no source maps.
    /// assert!(foreign_by_name("STATUS_WRONG_PASSWORD").unwrap().primary().is_none());
    /// ```
    pub fn primary(&self) -> Option<&'static Mapping> {
        self.mappings.iter().find(|m| m.is_equivalent())
    }

    /// The alternatives other sources give.
    ///
    /// ```
    /// use secstatus::{foreign_by_name, SecStatus};
    /// let f = foreign_by_name("GSS_S_CREDENTIALS_EXPIRED").unwrap();
    /// let others: Vec<_> = f.alternatives().iter().map(|m| m.status()).collect();
    /// assert_eq!(others, [SecStatus::SEC_E_CERT_EXPIRED]);
    /// assert!(foreign_by_name("unknown_ca").unwrap().alternatives().is_empty());
    /// ```
    pub fn alternatives(&self) -> &'static [Mapping] {
        // The data lists the equivalents first (the generator checks it).
        let forward = self
            .mappings
            .iter()
            .take_while(|m| m.is_equivalent())
            .count();
        self.mappings.get(1..forward).unwrap_or(&[])
    }
}
