//! The Active Directory LDAP bind diagnostic: `80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext
//! error, data 52e, v2580`. Its `data` field is a Win32 error in hex that says what really went wrong.

use crate::{foreign, Foreign, System};

/// What the tables know of an LDAP `data` sub-code: the Win32 error it is (data/mappings.toml), with its name and
/// meaning in both languages.
///
/// ```
/// use secstatus::{ldap_data, ldap_sub_code, Lang};
/// let line = b": LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580";
/// let sub = ldap_sub_code(ldap_data(line).unwrap()).unwrap();
/// assert_eq!((sub.value(), sub.name()), (0x52E, "ERROR_LOGON_FAILURE"));
/// assert_eq!(sub.meaning().get(Lang::En), "The user name or password is incorrect.");
/// assert_eq!(ldap_sub_code(0x775).unwrap().name(), "ERROR_ACCOUNT_LOCKED_OUT");
/// assert!(ldap_sub_code(0x1).is_none());
/// ```
pub fn ldap_sub_code(data: u32) -> Option<&'static Foreign> {
    foreign(System::Win32, data)
}

/// How far past the code the `data` field may be.
const WINDOW: usize = 512;

/// Reads the `data` sub-code of an LDAP bind diagnostic from the bytes that follow the code on its line
/// (`: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580`).
///
/// ```
/// use secstatus::ldap_data;
/// assert_eq!(ldap_data(b": LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 775, v2580"), Some(0x775));
/// assert_eq!(ldap_data(b": something else, data 52e"), None);
/// ```
pub fn ldap_data(after_code: &[u8]) -> Option<u32> {
    if !after_code.starts_with(b": LdapErr:") {
        return None;
    }
    let window = &after_code[..after_code.len().min(WINDOW)];
    let window = &window[..window
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(window.len())];
    let rest = window.strip_prefix(b": LdapErr:")?;
    let at = find(rest, b"data ")?;
    let digits = &rest[at + 5..];
    let len = digits.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    // Bare hex, `52e`: no digits, or more than eight, is not a sub-code.
    crate::num::hex(&digits[..len]).ok()
}

fn find(haystack: &[u8], needle: &[u8; 5]) -> Option<usize> {
    // Fixed-size windows compare inline; slices of a run-time length would call memcmp at every position.
    haystack
        .windows(5)
        .position(|w| <[u8; 5]>::try_from(w).is_ok_and(|w| w == *needle))
}
