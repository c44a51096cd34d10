//! Neighbouring status systems: NTSTATUS, Win32 errors, other HRESULTs, GSS-API major status, Kerberos error
//! codes and TLS alerts, with the SSPI codes they map to.
//!
//! Every mapping carries its source. Where sources disagree, the primary choice comes first and the others follow
//! as alternatives; nothing unknown is ever mapped to `SEC_E_OK`.

use core::fmt;

use crate::foreign_generated::{FOREIGN, FOREIGN_NAMES, SOURCES};
use crate::{Lang, SecStatus, Text};

/// A status system beside SSPI.
///
/// ```
/// use secstatus::System;
/// assert_eq!("krb".parse(), Ok(System::Kerberos));
/// assert_eq!(System::Tls.as_str(), "tls");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum System {
    /// NTSTATUS values (ntstatus.h), as the kernel, LSA and the Security event log report them.
    NtStatus,
    /// Win32 error codes (winerror.h `ERROR_*`).
    Win32,
    /// HRESULTs that are not SSPI codes but turn up beside them (`CRYPT_E_*`, `CERT_E_*`).
    HResult,
    /// GSS-API major status values (RFC 2743, RFC 2744).
    Gss,
    /// Kerberos error codes (RFC 4120 section 7.5.9, RFC 4556, RFC 6113).
    Kerberos,
    /// TLS alert descriptions (RFC 8446, RFC 5246).
    Tls,
}

impl System {
    /// Every system, in table order.
    ///
    /// ```
    /// use secstatus::{foreigns, System};
    /// assert_eq!(System::ALL.map(System::as_str), ["ntstatus", "win32", "hresult", "gss", "krb", "tls"]);
    /// // The tables hold values of every system.
    /// assert!(System::ALL.iter().all(|&s| foreigns().any(|f| f.system() == s)));
    /// ```
    pub const ALL: [System; 6] = [
        System::NtStatus,
        System::Win32,
        System::HResult,
        System::Gss,
        System::Kerberos,
        System::Tls,
    ];

    /// The stable short name: `ntstatus`, `win32`, `hresult`, `gss`, `krb`, `tls`.
    ///
    /// ```
    /// assert_eq!(secstatus::System::NtStatus.as_str(), "ntstatus");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            System::NtStatus => "ntstatus",
            System::Win32 => "win32",
            System::HResult => "hresult",
            System::Gss => "gss",
            System::Kerberos => "krb",
            System::Tls => "tls",
        }
    }

    /// The name for people.
    ///
    /// ```
    /// use secstatus::{Lang, System};
    /// assert_eq!(System::Tls.label(Lang::Ru), "оповещение TLS");
    /// ```
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (System::NtStatus, _) => "NTSTATUS",
            (System::Win32, Lang::Ru) => "ошибка Win32",
            (System::Win32, _) => "Win32 error",
            (System::HResult, Lang::Ru) => "HRESULT, не код SSPI",
            (System::HResult, _) => "HRESULT, not an SSPI code",
            (System::Gss, Lang::Ru) => "основной статус GSS-API",
            (System::Gss, _) => "GSS-API major status",
            (System::Kerberos, Lang::Ru) => "код ошибки Kerberos",
            (System::Kerberos, _) => "Kerberos error code",
            (System::Tls, Lang::Ru) => "оповещение TLS",
            (System::Tls, _) => "TLS alert",
        }
    }
}

impl core::str::FromStr for System {
    type Err = crate::UnknownName;

    /// Parses the short name returned by [`System::as_str`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        System::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or(crate::UnknownName)
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
    pub(crate) note: Option<&'static str>,
    pub(crate) reverse_only: bool,
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

    /// A remark on this mapping (English), if any.
    ///
    /// ```
    /// use secstatus::TlsAlert;
    /// // An alert Microsoft's table does not name falls in its "any other" row.
    /// assert_eq!(TlsAlert(250).mapping().unwrap().note(), Some("the table's 'any other' row"));
    /// assert_eq!(TlsAlert(48).mapping().unwrap().note(), None);
    /// ```
    pub const fn note(&self) -> Option<&'static str> {
        self.note
    }

    /// Whether the mapping holds only from SSPI to the foreign status (a lossy one-way table): it is shown among
    /// [`Foreign::mappings`] and by [`mapped_to`], but never offered as the foreign status's SSPI equivalent.
    ///
    /// ```
    /// let denied = secstatus::foreign_by_name("STATUS_ACCESS_DENIED").unwrap();
    /// assert!(denied.mappings().iter().all(|m| m.is_reverse_only()));
    /// assert!(denied.primary().is_none());
    /// ```
    pub const fn is_reverse_only(&self) -> bool {
        self.reverse_only
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
        self.mappings.iter().find(|m| !m.reverse_only)
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
        // The data lists one-way rows last (the generator checks it).
        let forward = self.mappings.iter().take_while(|m| !m.reverse_only).count();
        self.mappings.get(1..forward).unwrap_or(&[])
    }
}

/// The foreign status `value` of `system`, if the tables know it.
///
/// ```
/// use secstatus::{foreign, System};
/// assert_eq!(foreign(System::Kerberos, 37).unwrap().name(), "KRB_AP_ERR_SKEW");
/// assert!(foreign(System::Kerberos, 9999).is_none());
/// ```
pub fn foreign(system: System, value: u32) -> Option<&'static Foreign> {
    FOREIGN
        .binary_search_by(|f| (f.system, f.value).cmp(&(system, value)))
        .ok()
        .map(|i| &FOREIGN[i])
}

/// A foreign status by name or alias, in any case.
///
/// ```
/// use secstatus::foreign_by_name;
/// assert_eq!(foreign_by_name("krb_ap_err_skew").unwrap().value(), 37);
/// assert_eq!(foreign_by_name("GSS_S_BAD_MIC").unwrap().name(), "GSS_S_BAD_SIG");
/// assert!(foreign_by_name("SEC_E_OK").is_none());
/// ```
pub fn foreign_by_name(name: &str) -> Option<&'static Foreign> {
    let name = name.trim();
    let i = FOREIGN_NAMES
        .binary_search_by(|(n, _)| {
            let a = n.bytes();
            let b = name.bytes().map(|b| b.to_ascii_uppercase());
            a.cmp(b)
        })
        .ok()?;
    Some(&FOREIGN[usize::from(FOREIGN_NAMES[i].1)])
}

/// Every foreign status, by system and value.
///
/// ```
/// assert!(secstatus::foreigns().any(|f| f.name() == "unknown_ca"));
/// ```
pub fn foreigns() -> impl ExactSizeIterator<Item = &'static Foreign> + Clone {
    FOREIGN.iter()
}

/// Every source the tables cite.
///
/// ```
/// assert!(secstatus::sources().any(|s| s.key() == "wine"));
/// ```
pub fn sources() -> impl ExactSizeIterator<Item = &'static Source> + Clone {
    SOURCES.iter()
}

/// Everything that maps to `status`, from every system: the reverse of the tables.
///
/// ```
/// use secstatus::{mapped_to, SecStatus};
/// let names: Vec<_> = mapped_to(SecStatus::SEC_E_TIME_SKEW).map(|(f, _)| f.name()).collect();
/// assert!(names.contains(&"KRB_AP_ERR_SKEW"));
/// ```
pub fn mapped_to(
    status: SecStatus,
) -> impl Iterator<Item = (&'static Foreign, &'static Mapping)> + Clone {
    FOREIGN.iter().flat_map(move |f| {
        f.mappings
            .iter()
            .filter(move |m| m.status == status)
            .map(move |m| (f, m))
    })
}

/// An NTSTATUS value.
///
/// ```
/// use secstatus::{NtStatus, SecStatus};
/// let s = NtStatus(0xC000_006D);
/// assert_eq!(s.name(), Some("STATUS_LOGON_FAILURE"));
/// assert_eq!(s.severity(), 3);
/// assert_eq!(s.to_hresult(), SecStatus::from_u32(0xD000_006D));
/// assert_eq!(s.mapping().unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NtStatus(pub u32);

impl NtStatus {
    /// The two severity bits: 0 success, 1 informational, 2 warning, 3 error.
    ///
    /// ```
    /// use secstatus::NtStatus;
    /// assert_eq!(NtStatus(0xC000_006D).severity(), 3); // STATUS_LOGON_FAILURE: an error
    /// assert_eq!(NtStatus(0x8000_0005).severity(), 2); // a warning
    /// assert_eq!(NtStatus(0).severity(), 0); // STATUS_SUCCESS
    /// ```
    pub const fn severity(self) -> u8 {
        (self.0 >> 30) as u8
    }

    /// The customer bit.
    ///
    /// ```
    /// use secstatus::NtStatus;
    /// assert!(!NtStatus(0xC000_006D).is_customer());
    /// assert!(NtStatus(0xE000_0001).is_customer());
    /// ```
    pub const fn is_customer(self) -> bool {
        self.0 & 0x2000_0000 != 0
    }

    /// The facility (12 bits).
    ///
    /// ```
    /// use secstatus::NtStatus;
    /// assert_eq!(NtStatus(0xC000_006D).facility(), 0);
    /// assert_eq!(NtStatus(0xC00D_0001).facility(), 0x00D);
    /// ```
    pub const fn facility(self) -> u16 {
        ((self.0 >> 16) & 0xFFF) as u16
    }

    /// The code (16 bits).
    ///
    /// ```
    /// use secstatus::NtStatus;
    /// assert_eq!(NtStatus(0xC000_006D).code(), 0x006D);
    /// assert_eq!(NtStatus(0xC00D_0001).code(), 0x0001);
    /// ```
    pub const fn code(self) -> u16 {
        (self.0 & 0xFFFF) as u16
    }

    /// `HRESULT_FROM_NT`: the value with the N bit (bit 28) set.
    ///
    /// ```
    /// use secstatus::{NtStatus, ValueKind};
    /// let hr = NtStatus(0xC000_006D).to_hresult();
    /// assert_eq!(hr.to_u32(), 0xD000_006D);
    /// assert!(hr.fields().nt);
    /// assert_eq!(hr.kind(), ValueKind::HResultFromNt { ntstatus: 0xC000_006D });
    /// ```
    pub const fn to_hresult(self) -> SecStatus {
        SecStatus::from_u32(self.0 | 0x1000_0000)
    }

    /// What the tables know of this value.
    ///
    /// ```
    /// use secstatus::{NtStatus, System};
    /// let info = NtStatus(0xC000_0133).info().unwrap();
    /// assert_eq!((info.system(), info.name()), (System::NtStatus, "STATUS_TIME_DIFFERENCE_AT_DC"));
    /// assert!(NtStatus(0xC000_FFFF).info().is_none());
    /// ```
    pub fn info(self) -> Option<&'static Foreign> {
        foreign(System::NtStatus, self.0)
    }

    /// The ntstatus.h name, if known.
    ///
    /// ```
    /// use secstatus::NtStatus;
    /// assert_eq!(NtStatus(0xC000_006A).name(), Some("STATUS_WRONG_PASSWORD"));
    /// assert_eq!(NtStatus(0xC000_FFFF).name(), None);
    /// ```
    pub fn name(self) -> Option<&'static str> {
        self.info().map(Foreign::name)
    }

    /// The primary SSPI equivalent, if a source gives one.
    ///
    /// ```
    /// use secstatus::{NtStatus, SecStatus};
    /// assert_eq!(NtStatus(0xC000_0133).mapping().unwrap().status(), SecStatus::SEC_E_TIME_SKEW);
    /// // Known, but no source gives an SSPI code for it.
    /// assert!(NtStatus(0xC000_006A).mapping().is_none());
    /// ```
    pub fn mapping(self) -> Option<&'static Mapping> {
        self.info()?.primary()
    }
}

impl fmt::Display for NtStatus {
    /// `STATUS_LOGON_FAILURE (0xC000006D)`, or the bare value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", crate::Hex(self.0)),
            None => write!(f, "{}", crate::Hex(self.0)),
        }
    }
}

/// A Win32 error code (`GetLastError`).
///
/// ```
/// use secstatus::{SecStatus, Win32Error};
/// assert_eq!(Win32Error(1326).name(), Some("ERROR_LOGON_FAILURE"));
/// assert_eq!(Win32Error(5).to_hresult(), SecStatus::from_u32(0x8007_0005));
/// assert_eq!(Win32Error(0).to_hresult(), SecStatus::SEC_E_OK);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Win32Error(pub u32);

impl Win32Error {
    /// `HRESULT_FROM_WIN32`: 0 (and any value that is already negative as an `i32`) stays as it is; anything else
    /// becomes `0x8007xxxx` with the low 16 bits.
    ///
    /// ```
    /// use secstatus::{SecStatus, ValueKind, Win32Error};
    /// let hr = Win32Error(1326).to_hresult();
    /// assert_eq!(hr.to_u32(), 0x8007_052E);
    /// assert_eq!(hr.kind(), ValueKind::Win32 { code: 1326 });
    /// assert_eq!(Win32Error(0).to_hresult(), SecStatus::SEC_E_OK);
    /// ```
    pub const fn to_hresult(self) -> SecStatus {
        if self.0 as i32 <= 0 {
            SecStatus::from_u32(self.0)
        } else {
            SecStatus::from_u32((self.0 & 0xFFFF) | 0x8007_0000)
        }
    }

    /// What the tables know of this error.
    ///
    /// ```
    /// use secstatus::{SecStatus, System, Win32Error};
    /// let info = Win32Error(1326).info().unwrap();
    /// assert_eq!(info.system(), System::Win32);
    /// assert_eq!(info.primary().unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
    /// // The tables hold the errors met beside SSPI codes, not every Win32 error.
    /// assert!(Win32Error(5).info().is_none());
    /// ```
    pub fn info(self) -> Option<&'static Foreign> {
        foreign(System::Win32, self.0)
    }

    /// The winerror.h name, if known.
    ///
    /// ```
    /// use secstatus::Win32Error;
    /// assert_eq!(Win32Error(1909).name(), Some("ERROR_ACCOUNT_LOCKED_OUT"));
    /// assert_eq!(Win32Error(5).name(), None);
    /// ```
    pub fn name(self) -> Option<&'static str> {
        self.info().map(Foreign::name)
    }
}

/// A GSS-API major status: a routine error, a calling error and supplementary bits in one value.
///
/// ```
/// use secstatus::{GssStatus, SecStatus};
/// let s = GssStatus(0x0006_0000 | 0x8); // GSS_S_BAD_SIG with GSS_S_UNSEQ_TOKEN
/// assert_eq!(s.routine(), 0x0006_0000);
/// assert_eq!(s.supplementary(), 0x8);
/// let names: Vec<_> = s.parts().map(|f| f.name()).collect();
/// assert_eq!(names, ["GSS_S_BAD_SIG", "GSS_S_UNSEQ_TOKEN"]);
/// assert_eq!(s.mapping().unwrap().status(), SecStatus::SEC_E_MESSAGE_ALTERED);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GssStatus(pub u32);

impl GssStatus {
    /// The calling error, shifted in place (bits 24-31).
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// // GSS_S_CALL_INACCESSIBLE_READ with GSS_S_DEFECTIVE_TOKEN
    /// assert_eq!(GssStatus(0x0100_0000 | 0x0009_0000).calling(), 0x0100_0000);
    /// assert_eq!(GssStatus(0x0009_0000).calling(), 0);
    /// ```
    pub const fn calling(self) -> u32 {
        self.0 & 0xFF00_0000
    }

    /// The routine error, shifted in place (bits 16-23).
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// assert_eq!(GssStatus(0x0100_0000 | 0x0009_0000).routine(), 0x0009_0000);
    /// assert_eq!(GssStatus(0x8).routine(), 0);
    /// ```
    pub const fn routine(self) -> u32 {
        self.0 & 0x00FF_0000
    }

    /// The supplementary information bits (0-15).
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// // GSS_S_BAD_SIG with GSS_S_DUPLICATE_TOKEN and GSS_S_UNSEQ_TOKEN
    /// assert_eq!(GssStatus(0x0006_0000 | 0x2 | 0x8).supplementary(), 0xA);
    /// assert_eq!(GssStatus(0x0006_0000).supplementary(), 0);
    /// ```
    pub const fn supplementary(self) -> u32 {
        self.0 & 0xFFFF
    }

    /// The known parts, calling error first, then the routine error, then each supplementary bit.
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// let names: Vec<_> = GssStatus(0x0100_0000 | 0x0009_0000).parts().map(|f| f.name()).collect();
    /// assert_eq!(names, ["GSS_S_CALL_INACCESSIBLE_READ", "GSS_S_DEFECTIVE_TOKEN"]);
    /// // Zero is GSS_S_COMPLETE.
    /// assert_eq!(GssStatus(0).parts().next().unwrap().name(), "GSS_S_COMPLETE");
    /// ```
    pub fn parts(self) -> impl Iterator<Item = &'static Foreign> {
        let fields = [self.calling(), self.routine()];
        let bits = (0..16).map(move |b| self.supplementary() & (1 << b));
        fields
            .into_iter()
            .chain(bits)
            .filter(|&v| v != 0)
            .filter_map(|v| foreign(System::Gss, v))
            .chain((self.0 == 0).then(|| foreign(System::Gss, 0)).flatten())
    }

    /// The SSPI equivalent: of the calling error, else the routine error, else the first supplementary bit that has
    /// one; `GSS_S_COMPLETE` alone gives `SEC_E_OK`. `None` when no part maps.
    ///
    /// ```
    /// use secstatus::{GssStatus, SecStatus};
    /// assert_eq!(GssStatus(0x0009_0000).mapping().unwrap().status(), SecStatus::SEC_E_INVALID_TOKEN);
    /// // With no routine or calling error, the supplementary bit decides.
    /// assert_eq!(GssStatus(0x8).mapping().unwrap().status(), SecStatus::SEC_E_OUT_OF_SEQUENCE);
    /// assert_eq!(GssStatus(0).mapping().unwrap().status(), SecStatus::SEC_E_OK);
    /// ```
    pub fn mapping(self) -> Option<&'static Mapping> {
        // A calling or routine error the tables do not know is a failure of unknown kind: it maps to nothing, not
        // to whatever its supplementary bits would say.
        let known = |field: u32| field == 0 || foreign(System::Gss, field).is_some();
        if !known(self.calling()) || !known(self.routine()) {
            return None;
        }
        self.parts().find_map(Foreign::primary)
    }
}

/// A Kerberos error code (KRB-ERROR `error-code`).
///
/// ```
/// use secstatus::{KerberosError, SecStatus};
/// assert_eq!(KerberosError(37).name(), Some("KRB_AP_ERR_SKEW"));
/// assert_eq!(KerberosError(37).mapping().unwrap().status(), SecStatus::SEC_E_TIME_SKEW);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KerberosError(pub u32);

impl KerberosError {
    /// What the tables know of this code.
    ///
    /// ```
    /// use secstatus::{KerberosError, System};
    /// let info = KerberosError(6).info().unwrap();
    /// assert_eq!((info.system(), info.name()), (System::Kerberos, "KDC_ERR_C_PRINCIPAL_UNKNOWN"));
    /// assert!(KerberosError(9999).info().is_none());
    /// ```
    pub fn info(self) -> Option<&'static Foreign> {
        foreign(System::Kerberos, self.0)
    }

    /// The RFC name, if known.
    ///
    /// ```
    /// use secstatus::KerberosError;
    /// assert_eq!(KerberosError(24).name(), Some("KDC_ERR_PREAUTH_FAILED"));
    /// assert_eq!(KerberosError(9999).name(), None);
    /// ```
    pub fn name(self) -> Option<&'static str> {
        self.info().map(Foreign::name)
    }

    /// The primary SSPI equivalent, if a source gives one.
    ///
    /// ```
    /// use secstatus::{KerberosError, SecStatus};
    /// assert_eq!(KerberosError(24).mapping().unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
    /// assert_eq!(KerberosError(6).mapping().unwrap().status(), SecStatus::SEC_E_UNKNOWN_CREDENTIALS);
    /// // KDC_ERR_PREAUTH_EXPIRED is known, but no source maps it.
    /// assert!(KerberosError(90).mapping().is_none());
    /// ```
    pub fn mapping(self) -> Option<&'static Mapping> {
        self.info()?.primary()
    }
}

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
    /// What the tables know of this alert.
    ///
    /// ```
    /// use secstatus::{System, TlsAlert};
    /// let info = TlsAlert(0).info().unwrap();
    /// assert_eq!((info.system(), info.name()), (System::Tls, "close_notify"));
    /// assert!(TlsAlert(250).info().is_none());
    /// ```
    pub fn info(self) -> Option<&'static Foreign> {
        foreign(System::Tls, u32::from(self.0))
    }

    /// The RFC name, if known.
    ///
    /// ```
    /// use secstatus::TlsAlert;
    /// assert_eq!(TlsAlert(48).name(), Some("unknown_ca"));
    /// assert_eq!(TlsAlert(250).name(), None);
    /// ```
    pub fn name(self) -> Option<&'static str> {
        self.info().map(Foreign::name)
    }

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
            None => Some(&ANY_OTHER_ALERT),
        }
    }
}

/// Microsoft's "any other" row: Schannel reports an alert it does not name as `SEC_E_ILLEGAL_MESSAGE`.
static ANY_OTHER_ALERT: Mapping = Mapping {
    status: SecStatus::SEC_E_ILLEGAL_MESSAGE,
    source: &MS_TLS_ALERTS,
    note: Some("the table's 'any other' row"),
    reverse_only: false,
};

static MS_TLS_ALERTS: Source = Source {
    key: "ms-tls-alerts",
    title: "Microsoft Learn, \"Schannel Error Codes for TLS and SSL Alerts\"",
};
