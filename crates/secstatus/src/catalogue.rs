//! Lookups in the generated tables: by value, by name, and in value order.

use crate::generated::{ENTRIES, NAMES};
use crate::{Entry, SecStatus};

/// The longest name the catalogue holds, with room to spare; longer input cannot match.
const MAX_NAME: usize = 64;

/// The entry for `status`, by binary search over the table sorted by unsigned value.
pub(crate) fn by_value(status: SecStatus) -> Option<&'static Entry> {
    let key = status.to_u32();
    ENTRIES
        .binary_search_by_key(&key, |e| e.status.to_u32())
        .ok()
        .map(|i| &ENTRIES[i])
}

/// Looks a name up, in any case, with Markdown's `\_` read as `_`; aliases resolve to their entry.
///
/// ```
/// use secstatus::{lookup_name, SecStatus};
/// assert_eq!(lookup_name("sec_e_logon_denied").unwrap().status(), SecStatus::SEC_E_LOGON_DENIED);
/// assert_eq!(lookup_name(r"SEC\_E\_OK").unwrap().status(), SecStatus::SEC_E_OK);
/// assert_eq!(lookup_name("SEC_E_NO_SPM").unwrap().name(), "SEC_E_INTERNAL_ERROR");
/// assert!(lookup_name("LOGON_DENIED").is_none());
/// ```
pub fn lookup_name(name: &str) -> Option<&'static Entry> {
    let mut buf = [0u8; MAX_NAME];
    let key = normalize_name(name, &mut buf)?;
    NAMES
        .binary_search_by(|(n, _)| n.as_bytes().cmp(key))
        .ok()
        .map(|i| &ENTRIES[NAMES[i].1 as usize])
}

/// Upper-cases `name` into `buf`, dropping a backslash before `_`. `None` if it cannot be a name.
fn normalize_name<'b>(name: &str, buf: &'b mut [u8; MAX_NAME]) -> Option<&'b [u8]> {
    let bytes = name.as_bytes();
    let mut len = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'_') => {
                i += 1;
                b'_'
            }
            b if b.is_ascii_alphanumeric() || b == b'_' => b.to_ascii_uppercase(),
            _ => return None,
        };
        *buf.get_mut(len)? = b;
        len += 1;
        i += 1;
    }
    Some(&buf[..len])
}

/// Every entry of the catalogue, in unsigned value order (`SEC_E_OK`, the `SEC_I_` codes, then the errors).
///
/// ```
/// let all: Vec<_> = secstatus::entries().collect();
/// assert_eq!(all.len(), 94);
/// assert_eq!(all[0].name(), "SEC_E_OK");
/// assert!(all.windows(2).all(|w| w[0].status().to_u32() < w[1].status().to_u32()));
/// ```
pub fn entries() -> impl ExactSizeIterator<Item = &'static Entry> + DoubleEndedIterator + Clone {
    ENTRIES.iter()
}

/// Every name the catalogue knows, canonical names and aliases, sorted, each with its entry.
///
/// ```
/// let names: Vec<_> = secstatus::names().map(|(name, _)| name).collect();
/// assert_eq!(names.len(), 96);
/// assert!(names.contains(&"SEC_E_NOT_SUPPORTED"));
/// ```
pub fn names() -> impl ExactSizeIterator<Item = (&'static str, &'static Entry)> + Clone {
    NAMES.iter().map(|&(n, i)| (n, &ENTRIES[i as usize]))
}
