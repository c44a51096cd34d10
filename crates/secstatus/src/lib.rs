//! Every Windows SSPI status code (`SECURITY_STATUS`: `SEC_E_*`, `SEC_I_*` from winerror.h), typed and explained.
//!
//! This crate is a catalogue of the 94 SSPI status values and their 96 names: the value, the canonical name and
//! aliases, the severity, a category, the documented meaning in English and Russian, the message Windows prints,
//! and what to do next. It parses every textual form people paste and decodes the HRESULT fields of any value.
//!
//! It is `no_std`, has no dependencies, and never allocates (the `std` features aside: [`stream`] buffers its input,
//! and `texts` builds a small filter once).
//!
//! # The central type
//!
//! [`SecStatus`] is a newtype over `i32`: any value survives, known or not, and the catalogue is a view on it.
//! Every code is an associated constant with its SDK name.
//!
//! ```
//! use secstatus::{Lang, SecStatus};
//!
//! let status = SecStatus::from_i32(-2146893044);
//! assert_eq!(status, SecStatus::SEC_E_LOGON_DENIED);
//! assert_eq!(status.to_string(), "SEC_E_LOGON_DENIED (0x8009030C)");
//!
//! let entry = status.entry().unwrap();
//! assert_eq!(entry.message().get(Lang::En), "The logon attempt failed.");
//! assert_eq!(entry.message().get(Lang::Ru), "Попытка входа не удалась.");
//! ```
//!
//! # Parsing what people paste
//!
//! Names in any case (Markdown escapes too), `0x` hex, bare 8-digit hex, signed and unsigned decimal:
//!
//! ```
//! use secstatus::SecStatus;
//!
//! for text in ["SEC_E_WRONG_PRINCIPAL", r"sec\_e\_wrong\_principal", "0x80090322", "80090322",
//!              "-2146893022", "2148074274"] {
//!     assert_eq!(text.parse::<SecStatus>(), Ok(SecStatus::SEC_E_WRONG_PRINCIPAL));
//! }
//! assert!("SEC_E_NO_SUCH_THING".parse::<SecStatus>().is_err());
//! ```
//!
//! # Using a status with `?`
//!
//! ```
//! use secstatus::{Error, SecStatus};
//!
//! fn handshake_step(raw: i32) -> Result<bool, Error> {
//!     let status = SecStatus::from_i32(raw).to_result()?;
//!     Ok(status == SecStatus::SEC_I_CONTINUE_NEEDED)
//! }
//! assert_eq!(handshake_step(0x0009_0312), Ok(true));
//! assert!(handshake_step(0x8009_0308_u32 as i32).is_err());
//! ```
//!
//! # Walking the catalogue
//!
//! ```
//! use secstatus::{entries, Category};
//!
//! let kerberos = entries().filter(|e| e.category() == Category::Kerberos).count();
//! assert!(kerberos > 10);
//! ```
//!
//! # Crate features
//!
//! None is on by default; the crate then has no dependencies.
//!
//! - `serde`: `Serialize` for [`SecStatus`] (its signed value), [`Entry`] (the command line's JSON fields) and
//!   [`Text`]; `Deserialize` for [`SecStatus`] from a number or any text its `FromStr` accepts.
//! - `std`: `From<secstatus::Error> for std::io::Error`, with the nearest `io::ErrorKind`, and [`stream`]: whole
//!   inputs read through the scanner into a sink, as `secstatus annotate` does.
//! - `windows-result`: conversions between [`SecStatus`] and `windows_result::HRESULT`.
//! - `windows-errors`: `errors`, every Win32 error, NTSTATUS and HRESULT as err.exe knows them (7,460 names from
//!   [MS-ERREF] and the SDK header's security texts), with `WindowsError` for one name: lookups by value, by name in
//!   any case, and a word search, all allocation-free.
//! - `texts` (implies `std` and `windows-errors`): [`find_messages`], codes
//!   named only by their message text (`Clock skew too great`, `sslv3 alert handshake failure`), also found by
//!   [`stream`].
//!
//! ```
//! # #[cfg(feature = "windows-errors")] {
//! use secstatus::{errors, System};
//!
//! let names: Vec<_> = errors::by_value(System::Win32, 5).iter().map(|e| e.name()).collect();
//! assert_eq!(names, ["ERROR_ACCESS_DENIED"]);
//! let e = errors::by_name(r"STATUS\_LOGON\_FAILURE").unwrap();
//! assert_eq!((e.system(), e.value()), (System::NtStatus, 0xC000_006D));
//! assert_eq!(e.message(), "The attempted logon is invalid. This is either due to a bad username or authentication information.");
//! # }
//! ```
//!
//! # Neighbouring systems
//!
//! [`NtStatus`], [`Win32Error`], [`GssStatus`], [`KerberosError`] and [`TlsAlert`] decode their systems' values and
//! map them to SSPI codes; every [`Mapping`] names its [`Source`], and where sources disagree all are kept:
//!
//! ```
//! use secstatus::{GssStatus, KerberosError, NtStatus, SecStatus, TlsAlert};
//! assert_eq!(KerberosError(37).mapping().unwrap().status(), SecStatus::SEC_E_TIME_SKEW);
//! assert_eq!(NtStatus(0xC000_006D).mapping().unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
//! assert_eq!(TlsAlert(48).mapping().unwrap().status(), SecStatus::SEC_E_UNTRUSTED_ROOT);
//! assert_eq!(GssStatus(0x0009_0000).mapping().unwrap().status(), SecStatus::SEC_E_INVALID_TOKEN);
//! ```
//!
//! # References
//!
//! - winerror.h (Windows SDK; mingw-w64's public-domain copy), the `windows-sys` crate's constants.
//! - [MS-ERREF] section 2.1, HRESULT values, for the system messages (and sections 2.2 and 2.3 for `errors`).
//! - The "SSPI Status Codes" documentation page, for the documented meanings.
//!
//! The data lives in one file, `data/codes.toml`, with the provenance of every value; the tables in this crate
//! are generated from it.

#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "texts")]
mod advice;
#[cfg(feature = "windows-errors")]
mod blob;
mod catalogue;
mod closed_set;
mod entry;
#[cfg(feature = "windows-errors")]
pub mod errors;
#[rustfmt::skip]
mod generated;
mod interop;
mod kind;
mod ldap;
mod map;
mod num;
mod parse;
mod query;
mod scan;
mod search;
mod status;
#[cfg(feature = "std")]
pub mod stream;
#[cfg(feature = "texts")]
mod texts;

#[cfg(feature = "texts")]
pub use advice::LineContext;
pub use catalogue::{entries, lookup_name, names};
pub use entry::{
    Actor, Advice, Alias, Category, Entry, Lang, MessageSource, Retry, Severity, Text, UnknownName,
};
#[cfg(feature = "windows-errors")]
pub use errors::WindowsError;
pub use kind::{facility_name, ValueKind};
pub use ldap::{ldap_data, ldap_sub_code};
pub use map::{
    foreign, foreign_by_name, foreigns, mapped_to, sources, Foreign, GssStatus, KerberosError,
    Mapping, NtStatus, Source, System, TlsAlert, Win32Error,
};
pub use num::{parse_number, Hex};
pub use parse::ParseError;
pub use query::{
    interpret, parse_pasted_number, suggest, Interpretation, Interpretations, Reading,
};
pub use scan::{scan, Code, Form, Found, Scan};
pub use search::{search, Hits};
pub use status::{Error, HResultFields, Localized, SecStatus};
#[cfg(feature = "texts")]
pub use texts::{find_codes, find_messages, texts, Messages};
