//! Neighbouring status systems: NTSTATUS, Win32 errors, other HRESULTs, GSS-API major status, Kerberos error
//! codes and TLS alerts, with the SSPI codes they map to.
//!
//! Every mapping carries its source. Where sources disagree, the primary choice comes first and the others follow
//! as alternatives; nothing unknown is ever mapped to `SEC_E_OK`.
//!
//! The layout: [`model`] holds the types the tables are made of, `tables` (generated from `data/mappings.toml`)
//! holds the data and uses only the model, [`lookup`] is the one place that reads the tables, and each system's
//! decoder has its own file.

/// The `info`, `name` and (optionally) `mapping` methods of a decoder whose value is a row key of one system's
/// table, with the docs and doc-tests given at the call site.
macro_rules! table_lookups {
    (
        impl $ty:ident in $system:ident {
            $(#[$info:meta])* fn info;
            $(#[$name:meta])* fn name;
            $( $(#[$mapping:meta])* fn mapping; )?
        }
    ) => {
        impl $ty {
            $(#[$info])*
            pub fn info(self) -> Option<&'static $crate::Foreign> {
                $crate::foreign($crate::System::$system, u32::from(self.0))
            }

            $(#[$name])*
            pub fn name(self) -> Option<&'static str> {
                self.info().map($crate::Foreign::name)
            }

            $(
                $(#[$mapping])*
                pub fn mapping(self) -> Option<&'static $crate::Mapping> {
                    self.info()?.primary()
                }
            )?
        }
    };
}

mod gss;
mod kerberos;
mod lookup;
mod model;
mod ntstatus;
#[rustfmt::skip]
mod tables;
mod tls;
mod win32;

pub use gss::GssStatus;
pub use kerberos::KerberosError;
#[cfg(feature = "windows-errors")]
pub(crate) use lookup::begins_like_a_name;
use lookup::catch_all;
pub(crate) use lookup::has_name_prefix;
pub use lookup::{foreign, foreign_by_name, foreigns, mapped_to, sources};
pub use model::{Foreign, Mapping, Source, System};
pub use ntstatus::NtStatus;
pub use tls::TlsAlert;
pub(crate) use tls::PREFIXES as TLS_PREFIXES;
pub use win32::Win32Error;
