//! NTSTATUS values.

use core::fmt;

use crate::SecStatus;

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

table_lookups! {
    impl NtStatus in NtStatus {
        /// What the tables know of this value.
        ///
        /// ```
        /// use secstatus::{NtStatus, System};
        /// let info = NtStatus(0xC000_0133).info().unwrap();
        /// assert_eq!((info.system(), info.name()), (System::NtStatus, "STATUS_TIME_DIFFERENCE_AT_DC"));
        /// assert!(NtStatus(0xC000_FFFF).info().is_none());
        /// ```
        fn info;

        /// The ntstatus.h name, if known.
        ///
        /// ```
        /// use secstatus::NtStatus;
        /// assert_eq!(NtStatus(0xC000_006A).name(), Some("STATUS_WRONG_PASSWORD"));
        /// assert_eq!(NtStatus(0xC000_FFFF).name(), None);
        /// ```
        fn name;

        /// The primary SSPI equivalent, if a source gives one.
        ///
        /// ```
        /// use secstatus::{NtStatus, SecStatus};
        /// assert_eq!(NtStatus(0xC000_0133).mapping().unwrap().status(), SecStatus::SEC_E_TIME_SKEW);
        /// // Known, but no source gives an SSPI code for it.
        /// assert!(NtStatus(0xC000_006A).mapping().is_none());
        /// ```
        fn mapping;
    }
}
