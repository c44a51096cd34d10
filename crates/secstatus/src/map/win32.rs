//! Win32 error codes.

use crate::SecStatus;

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
}

table_lookups! {
    impl Win32Error in Win32 {
        /// What the tables know of this error.
        ///
        /// ```
        /// use secstatus::{System, Win32Error};
        /// let info = Win32Error(1326).info().unwrap();
        /// assert_eq!(info.system(), System::Win32);
        /// // No source converts it to an SSPI code: Samba's answer to every failed SASL bind is only a note.
        /// assert!(info.primary().is_none());
        /// // The tables hold the errors met beside SSPI codes, not every Win32 error.
        /// assert!(Win32Error(5).info().is_none());
        /// ```
        fn info;

        /// The winerror.h name, if known.
        ///
        /// ```
        /// use secstatus::Win32Error;
        /// assert_eq!(Win32Error(1909).name(), Some("ERROR_ACCOUNT_LOCKED_OUT"));
        /// assert_eq!(Win32Error(5).name(), None);
        /// ```
        fn name;
    }
}
