//! [`SecStatus`]: any `SECURITY_STATUS` value, known to the catalogue or not.

use core::fmt;

use crate::{catalogue, Entry, Hex, Lang, Severity};

/// A `SECURITY_STATUS` (an HRESULT) as SSPI functions return it.
///
/// A newtype over `i32`, not an enum: any value survives, known or not, and the catalogue is a view on it
/// ([`SecStatus::entry`]). Every code winerror.h defines is an associated constant with its SDK name, so
/// `SecStatus::SEC_E_LOGON_DENIED` reads as in C.
///
/// ```
/// use secstatus::SecStatus;
///
/// let status = SecStatus::from_u32(0x8009_030C);
/// assert_eq!(status, SecStatus::SEC_E_LOGON_DENIED);
/// assert_eq!(status.to_i32(), -2146893044);
/// assert!(status.is_error());
/// assert_eq!(status.to_string(), "SEC_E_LOGON_DENIED (0x8009030C)");
///
/// // Values outside the catalogue keep their number.
/// let odd = SecStatus::from_u32(0x8009_1234);
/// assert_eq!(odd.name(), None);
/// assert_eq!(odd.to_string(), "0x80091234");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct SecStatus(pub(crate) i32);

impl SecStatus {
    /// The status with this signed value.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert_eq!(SecStatus::from_i32(-2146893048), SecStatus::SEC_E_INVALID_TOKEN);
    /// ```
    pub const fn from_i32(value: i32) -> SecStatus {
        SecStatus(value)
    }

    /// The status with this unsigned value (the same 32 bits).
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert_eq!(SecStatus::from_u32(2148074248), SecStatus::SEC_E_INVALID_TOKEN);
    /// ```
    pub const fn from_u32(value: u32) -> SecStatus {
        SecStatus(value as i32)
    }

    /// The value as a signed 32-bit integer, as C's `SECURITY_STATUS` holds it.
    ///
    /// ```
    /// assert_eq!(secstatus::SecStatus::SEC_E_TIME_SKEW.to_i32(), -2146893020);
    /// ```
    pub const fn to_i32(self) -> i32 {
        self.0
    }

    /// The value as an unsigned 32-bit integer, as it is written in hex.
    ///
    /// ```
    /// assert_eq!(secstatus::SecStatus::SEC_E_TIME_SKEW.to_u32(), 0x8009_0324);
    /// ```
    pub const fn to_u32(self) -> u32 {
        self.0 as u32
    }

    /// The severity read from the bits: error when the severity bit is set, success for 0, informational otherwise.
    ///
    /// ```
    /// use secstatus::{SecStatus, Severity};
    /// assert_eq!(SecStatus::SEC_E_OK.severity(), Severity::Success);
    /// assert_eq!(SecStatus::SEC_I_RENEGOTIATE.severity(), Severity::Informational);
    /// assert_eq!(SecStatus::SEC_E_BUFFER_TOO_SMALL.severity(), Severity::Error);
    /// ```
    pub const fn severity(self) -> Severity {
        if self.0 < 0 {
            Severity::Error
        } else if self.0 == 0 {
            Severity::Success
        } else {
            Severity::Informational
        }
    }

    /// True only for `SEC_E_OK` (0).
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert!(SecStatus::SEC_E_OK.is_success());
    /// assert!(!SecStatus::SEC_I_CONTINUE_NEEDED.is_success());
    /// ```
    pub const fn is_success(self) -> bool {
        self.0 == 0
    }

    /// True for positive values: the call worked and asks for more (`SEC_I_CONTINUE_NEEDED`).
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert!(SecStatus::SEC_I_CONTINUE_NEEDED.is_informational());
    /// assert!(!SecStatus::SEC_E_OK.is_informational());
    /// ```
    pub const fn is_informational(self) -> bool {
        self.0 > 0
    }

    /// True when the severity bit is set: the call failed.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert!(SecStatus::SEC_E_INVALID_TOKEN.is_error());
    /// assert!(!SecStatus::SEC_I_CONTINUE_NEEDED.is_error());
    /// ```
    pub const fn is_error(self) -> bool {
        self.0 < 0
    }

    /// The HRESULT fields of the value.
    ///
    /// ```
    /// let fields = secstatus::SecStatus::SEC_E_INVALID_TOKEN.fields();
    /// assert!(fields.severity);
    /// assert_eq!(fields.facility, 9);
    /// assert_eq!(fields.code, 0x0308);
    /// ```
    pub const fn fields(self) -> HResultFields {
        HResultFields::of(self.to_u32())
    }

    /// The catalogue's entry for this value, or `None` for a value winerror.h does not define as an SSPI code.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert_eq!(SecStatus::SEC_E_NOT_SUPPORTED.entry().unwrap().name(), "SEC_E_UNSUPPORTED_FUNCTION");
    /// assert!(SecStatus::from_u32(0x8007_0005).entry().is_none());
    /// ```
    pub fn entry(self) -> Option<&'static Entry> {
        catalogue::by_value(self)
    }

    /// The canonical name, if the catalogue knows the value.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert_eq!(SecStatus::from_u32(0x0009_0312).name(), Some("SEC_I_CONTINUE_NEEDED"));
    /// ```
    pub fn name(self) -> Option<&'static str> {
        self.entry().map(Entry::name)
    }

    /// `Ok(self)` unless the value is an error, so a status works with `?`.
    ///
    /// Informational values are not failures: they come back in `Ok` for the caller to act on.
    ///
    /// ```
    /// use secstatus::{Error, SecStatus};
    ///
    /// fn step(status: SecStatus) -> Result<bool, Error> {
    ///     let status = status.to_result()?;
    ///     Ok(status == SecStatus::SEC_I_CONTINUE_NEEDED)
    /// }
    /// assert_eq!(step(SecStatus::SEC_I_CONTINUE_NEEDED), Ok(true));
    /// assert_eq!(step(SecStatus::SEC_E_TIME_SKEW).unwrap_err().status(), SecStatus::SEC_E_TIME_SKEW);
    /// ```
    pub const fn to_result(self) -> Result<SecStatus, Error> {
        if self.is_error() {
            Err(Error(self))
        } else {
            Ok(self)
        }
    }

    /// A [`Display`](fmt::Display) form that adds the system message in `lang`.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// assert_eq!(
    ///     SecStatus::SEC_E_LOGON_DENIED.display(Lang::En).to_string(),
    ///     "SEC_E_LOGON_DENIED (0x8009030C): The logon attempt failed."
    /// );
    /// assert_eq!(SecStatus::from_u32(0x8009_1234).display(Lang::Ru).to_string(), "0x80091234");
    /// ```
    pub const fn display(self, lang: Lang) -> Localized {
        Localized { status: self, lang }
    }
}

impl From<i32> for SecStatus {
    fn from(value: i32) -> Self {
        SecStatus(value)
    }
}

impl From<u32> for SecStatus {
    fn from(value: u32) -> Self {
        SecStatus::from_u32(value)
    }
}

impl From<SecStatus> for i32 {
    fn from(status: SecStatus) -> Self {
        status.to_i32()
    }
}

impl From<SecStatus> for u32 {
    fn from(status: SecStatus) -> Self {
        status.to_u32()
    }
}

impl fmt::Display for SecStatus {
    /// `SEC_E_LOGON_DENIED (0x8009030C)` for a known code, `0x80091234` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", Hex(self.to_u32())),
            None => write!(f, "{}", Hex(self.to_u32())),
        }
    }
}

impl fmt::Debug for SecStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "SecStatus({name})"),
            None => write!(f, "SecStatus({})", Hex(self.to_u32())),
        }
    }
}

impl fmt::UpperHex for SecStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::UpperHex::fmt(&self.to_u32(), f)
    }
}

impl fmt::LowerHex for SecStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.to_u32(), f)
    }
}

/// A status with its system message in one language; see [`SecStatus::display`].
///
/// ```
/// use secstatus::{Lang, SecStatus};
/// assert_eq!(
///     SecStatus::SEC_E_TIME_SKEW.display(Lang::Ru).to_string(),
///     "SEC_E_TIME_SKEW (0x80090324): Часы на клиентском и серверном компьютерах рассинхронизированы."
/// );
/// assert_eq!(
///     format!("[{}]", SecStatus::SEC_E_OK.display(Lang::En)),
///     "[SEC_E_OK (0x00000000): The operation completed successfully.]"
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Localized {
    status: SecStatus,
    lang: Lang,
}

impl fmt::Display for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.status, f)?;
        match self.status.entry() {
            Some(entry) => write!(f, ": {}", entry.message().get(self.lang)),
            None => Ok(()),
        }
    }
}

/// The HRESULT bit fields of a 32-bit status ([MS-ERREF] 2.1): `S R C N X facility(11) code(16)`.
///
/// ```
/// use secstatus::HResultFields;
/// let f = HResultFields::of(0xD000_006D); // an NTSTATUS wrapped by HRESULT_FROM_NT
/// assert!(f.severity && f.nt);
/// assert_eq!((f.facility, f.code), (0, 0x006D));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HResultFields {
    /// Bit 31, S: the value is a failure.
    pub severity: bool,
    /// Bit 30, R: reserved (set in NTSTATUS errors seen as HRESULTs).
    pub reserved: bool,
    /// Bit 29, C: a customer (non-Microsoft) value.
    pub customer: bool,
    /// Bit 28, N: an NTSTATUS mapped into an HRESULT.
    pub nt: bool,
    /// Bit 27, X: reserved.
    pub x: bool,
    /// Bits 16-26: the facility (9 is `FACILITY_SECURITY`, SSPI's).
    pub facility: u16,
    /// Bits 0-15: the code within the facility.
    pub code: u16,
}

impl HResultFields {
    /// The fields of `value`.
    ///
    /// ```
    /// use secstatus::{HResultFields, SecStatus};
    /// let f = HResultFields::of(0x8007_052E); // HRESULT_FROM_WIN32(ERROR_LOGON_FAILURE)
    /// assert!(f.severity && !f.nt && !f.customer);
    /// assert_eq!((f.facility, f.code), (7, 1326));
    /// assert_eq!(HResultFields::of(0x8009_0324), SecStatus::SEC_E_TIME_SKEW.fields());
    /// ```
    pub const fn of(value: u32) -> HResultFields {
        HResultFields {
            severity: value & 0x8000_0000 != 0,
            reserved: value & 0x4000_0000 != 0,
            customer: value & 0x2000_0000 != 0,
            nt: value & 0x1000_0000 != 0,
            x: value & 0x0800_0000 != 0,
            facility: ((value >> 16) & 0x7FF) as u16,
            code: (value & 0xFFFF) as u16,
        }
    }
}

/// A failed [`SecStatus`]: the error half of [`SecStatus::to_result`].
///
/// ```
/// use secstatus::SecStatus;
/// let err = SecStatus::SEC_E_UNTRUSTED_ROOT.to_result().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "SEC_E_UNTRUSTED_ROOT (0x80090325): The certificate chain was issued by an authority that is not trusted."
/// );
/// let source: &dyn core::error::Error = &err;
/// assert!(source.source().is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error(SecStatus);

impl Error {
    /// The failed status.
    ///
    /// ```
    /// use secstatus::{Error, SecStatus};
    /// let err: Error = SecStatus::SEC_E_TIME_SKEW.to_result().unwrap_err();
    /// assert_eq!(err.status(), SecStatus::SEC_E_TIME_SKEW);
    /// assert!(err.status().is_error());
    /// ```
    pub const fn status(&self) -> SecStatus {
        self.0
    }

    /// The failure's text in `lang` (the system message), or `None` for a value outside the catalogue.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let err = SecStatus::SEC_E_TIME_SKEW.to_result().unwrap_err();
    /// assert!(err.message(Lang::Ru).is_some());
    /// ```
    pub fn message(&self, lang: Lang) -> Option<&'static str> {
        self.0.entry().map(|e| e.message().get(lang))
    }
}

impl From<Error> for SecStatus {
    fn from(err: Error) -> Self {
        err.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?})", self.0)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.display(Lang::En), f)
    }
}

impl core::error::Error for Error {}
