//! What kind of value a 32-bit status is, when it is not (or may not be) an SSPI code.

use crate::{Entry, SecStatus};

/// What a 32-bit value is, read from its bits; see [`SecStatus::kind`].
///
/// ```
/// use secstatus::{SecStatus, ValueKind};
/// assert!(matches!(SecStatus::from_u32(0x8009_0308).kind(), ValueKind::Sspi(_)));
/// assert_eq!(SecStatus::from_u32(0x8007_0005).kind(), ValueKind::Win32 { code: 5 });
/// assert_eq!(SecStatus::from_u32(0xC000_006D).kind(), ValueKind::NtStatus);
/// assert_eq!(SecStatus::from_u32(0xD000_006D).kind(), ValueKind::HResultFromNt { ntstatus: 0xC000_006D });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueKind {
    /// An SSPI status code of the catalogue.
    Sspi(&'static Entry),
    /// In the SSPI range (`0x80090300`-`0x800903FF`, `0x00090300`-`0x000903FF`) but not defined by winerror.h: a gap
    /// such as `0x80090319`, or a code newer than the catalogue.
    SspiUnassigned,
    /// In `FACILITY_SECURITY` (9) but outside the SSPI range: CryptoAPI and other security codes (`CRYPT_E_REVOKED`).
    SecurityFacility,
    /// A Win32 error wrapped by `HRESULT_FROM_WIN32` (facility 7); `code` is the Win32 error.
    Win32 {
        /// The Win32 error code.
        code: u16,
    },
    /// An NTSTATUS wrapped by `HRESULT_FROM_NT` (the N bit set); `ntstatus` is the original.
    HResultFromNt {
        /// The NTSTATUS with the N bit cleared.
        ntstatus: u32,
    },
    /// An NTSTATUS error (`0xC…`, as the Security event log writes them: `0xC000006D`).
    NtStatus,
    /// A small positive number, as a bare Win32 error code is written (`1326`).
    Win32Code,
    /// Another HRESULT, in the facility given.
    HResult {
        /// The HRESULT facility.
        facility: u16,
    },
}

impl SecStatus {
    /// What kind of value this is.
    ///
    /// ```
    /// use secstatus::{SecStatus, ValueKind};
    /// assert_eq!(SecStatus::from_u32(0x8009_2010).kind(), ValueKind::SecurityFacility);
    /// assert_eq!(SecStatus::from_u32(0x8009_0319).kind(), ValueKind::SspiUnassigned);
    /// assert_eq!(SecStatus::from_u32(1326).kind(), ValueKind::Win32Code);
    /// assert_eq!(SecStatus::from_u32(0x800B_0109).kind(), ValueKind::HResult { facility: 11 });
    /// ```
    pub fn kind(self) -> ValueKind {
        if let Some(entry) = self.entry() {
            return ValueKind::Sspi(entry);
        }
        let value = self.to_u32();
        let fields = self.fields();
        if value & 0xC000_0000 == 0xC000_0000 && !fields.nt {
            ValueKind::NtStatus
        } else if fields.nt && fields.severity {
            ValueKind::HResultFromNt {
                ntstatus: value & !0x1000_0000,
            }
        } else if value <= 0xFFFF {
            ValueKind::Win32Code
        } else if fields.facility == 7 {
            ValueKind::Win32 { code: fields.code }
        } else if value & 0x7FFF_FF00 == 0x0009_0300 {
            ValueKind::SspiUnassigned
        } else if fields.facility == 9 {
            ValueKind::SecurityFacility
        } else {
            ValueKind::HResult {
                facility: fields.facility,
            }
        }
    }
}

/// The winerror.h name of an HRESULT facility, where it has one.
///
/// ```
/// assert_eq!(secstatus::facility_name(9), Some("FACILITY_SECURITY"));
/// assert_eq!(secstatus::facility_name(7), Some("FACILITY_WIN32"));
/// assert_eq!(secstatus::facility_name(5), None);
/// ```
pub const fn facility_name(facility: u16) -> Option<&'static str> {
    Some(match facility {
        0 => "FACILITY_NULL",
        1 => "FACILITY_RPC",
        2 => "FACILITY_DISPATCH",
        3 => "FACILITY_STORAGE",
        4 => "FACILITY_ITF",
        7 => "FACILITY_WIN32",
        8 => "FACILITY_WINDOWS",
        9 => "FACILITY_SECURITY",
        10 => "FACILITY_CONTROL",
        11 => "FACILITY_CERT",
        12 => "FACILITY_INTERNET",
        13 => "FACILITY_MEDIASERVER",
        14 => "FACILITY_MSMQ",
        15 => "FACILITY_SETUPAPI",
        16 => "FACILITY_SCARD",
        17 => "FACILITY_COMPLUS",
        18 => "FACILITY_AAF",
        19 => "FACILITY_URT",
        20 => "FACILITY_ACS",
        21 => "FACILITY_DPLAY",
        22 => "FACILITY_UMI",
        23 => "FACILITY_SXS",
        24 => "FACILITY_WINDOWS_CE",
        25 => "FACILITY_HTTP",
        32 => "FACILITY_BACKGROUNDCOPY",
        33 => "FACILITY_CONFIGURATION",
        34 => "FACILITY_STATE_MANAGEMENT",
        35 => "FACILITY_METADIRECTORY",
        36 => "FACILITY_WINDOWSUPDATE",
        37 => "FACILITY_DIRECTORYSERVICE",
        _ => return None,
    })
}
