//! The lookups in the generated tables: the one place that reads [`super::tables`].

use super::tables::{CATCH_ALL, FOREIGN, FOREIGN_NAMES, NAME_PREFIXES, SOURCES};
use super::{Foreign, Mapping, Source, System};
use crate::SecStatus;

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
    if !begins_like_a_name(name) {
        return None;
    }
    let i = FOREIGN_NAMES
        .binary_search_by(|(n, _)| {
            let a = n.bytes();
            let b = name.bytes().map(|b| b.to_ascii_uppercase());
            a.cmp(b)
        })
        .ok()?;
    Some(&FOREIGN[usize::from(FOREIGN_NAMES[i].1)])
}

/// Whether `text` begins as every name of the Windows error tables and of the curated neighbours does: with an
/// ASCII letter. Lookups by name skip the rest, numbers above all.
pub(crate) fn begins_like_a_name(text: &str) -> bool {
    text.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
}

/// Whether some name or alias of the tables begins with `prefix`, its first word up to and including its first
/// `_`, in capitals (`STATUS_`, `KDC_`).
pub(crate) fn has_name_prefix(prefix: &[u8]) -> bool {
    static KEYS: [u128; NAME_PREFIXES.len()] = crate::num::pack_all(&NAME_PREFIXES);
    crate::num::packed_contains(&KEYS, prefix)
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

/// The mapping `system` gives every value its table does not list (its catch-all row), if it has one.
pub(crate) fn catch_all(system: System) -> Option<&'static Mapping> {
    CATCH_ALL.iter().find(|(s, _)| *s == system).map(|(_, m)| m)
}
