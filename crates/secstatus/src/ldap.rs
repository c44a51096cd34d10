//! The Active Directory LDAP bind diagnostic: `80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext
//! error, data 52e, v2580`. Its `data` field is a Win32 error in hex that says what really went wrong.

use crate::Text;

/// A Win32 error that Active Directory reports in the `data` field of an LDAP bind diagnostic.
///
/// ```
/// use secstatus::{ldap_data, ldap_sub_code, Lang};
/// let line = b": LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580";
/// let sub = ldap_sub_code(ldap_data(line).unwrap()).unwrap();
/// assert_eq!((sub.data, sub.name), (0x52E, "ERROR_LOGON_FAILURE"));
/// assert_eq!(sub.meaning.get(Lang::En), "bad user name or password");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LdapSubCode {
    /// The value as the diagnostic writes it (hex): `0x52E` for `data 52e`.
    pub data: u32,
    /// The Win32 error's name: `ERROR_LOGON_FAILURE`.
    pub name: &'static str,
    /// What it means for the bind.
    pub meaning: Text,
}

macro_rules! sub_codes {
    ($(($data:literal, $name:literal, $en:literal, $ru:literal),)+) => {
        /// The `data` sub-codes AD writes, sorted by value (Win32 values from winerror.h).
        const SUB_CODES: &[LdapSubCode] = &[
            $(LdapSubCode { data: $data, name: $name, meaning: Text { en: $en, ru: $ru } },)+
        ];
    };
}

sub_codes! {
    (0x525, "ERROR_NO_SUCH_USER", "user not found", "пользователь не найден"),
    (0x52E, "ERROR_LOGON_FAILURE", "bad user name or password", "неверное имя пользователя или пароль"),
    (0x530, "ERROR_INVALID_LOGON_HOURS", "not permitted to log on at this time", "вход в это время запрещён"),
    (0x531, "ERROR_INVALID_WORKSTATION", "not permitted to log on at this workstation", "вход с этой рабочей станции запрещён"),
    (0x532, "ERROR_PASSWORD_EXPIRED", "password expired", "срок действия пароля истёк"),
    (0x533, "ERROR_ACCOUNT_DISABLED", "account disabled", "учётная запись отключена"),
    (0x568, "ERROR_TOO_MANY_CONTEXT_IDS", "too many security IDs: the user is in too many groups (token too large)", "слишком много идентификаторов безопасности: пользователь состоит в слишком многих группах (токен слишком велик)"),
    (0x701, "ERROR_ACCOUNT_EXPIRED", "account expired", "срок действия учётной записи истёк"),
    (0x773, "ERROR_PASSWORD_MUST_CHANGE", "the user must change the password before the first logon", "пользователь должен сменить пароль перед первым входом"),
    (0x775, "ERROR_ACCOUNT_LOCKED_OUT", "account locked out", "учётная запись заблокирована"),
    (0x20EE, "ERROR_DS_INTERNAL_FAILURE", "directory service internal failure", "внутренняя ошибка службы каталогов"),
}

/// The known meaning of an LDAP `data` sub-code.
///
/// ```
/// let sub = secstatus::ldap_sub_code(0x52E).unwrap();
/// assert_eq!(sub.name, "ERROR_LOGON_FAILURE");
/// assert!(secstatus::ldap_sub_code(0x1).is_none());
/// ```
pub fn ldap_sub_code(data: u32) -> Option<&'static LdapSubCode> {
    SUB_CODES
        .binary_search_by_key(&data, |s| s.data)
        .ok()
        .map(|i| &SUB_CODES[i])
}

/// Every known sub-code, sorted by value.
///
/// ```
/// assert_eq!(secstatus::ldap_sub_codes().len(), 11);
/// ```
pub fn ldap_sub_codes() -> &'static [LdapSubCode] {
    SUB_CODES
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
    let window = &after_code[..after_code.len().min(WINDOW)];
    let window = &window[..window
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(window.len())];
    let rest = window.strip_prefix(b": LdapErr:")?;
    let at = find(rest, b"data ")?;
    let digits = &rest[at + 5..];
    let len = digits.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if len == 0 || len > 8 {
        return None;
    }
    digits[..len]
        .iter()
        .try_fold(0u32, |acc, &d| Some((acc << 4) | (d as char).to_digit(16)?))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
