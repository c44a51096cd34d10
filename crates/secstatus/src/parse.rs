//! Text to [`SecStatus`]: every form people paste.

use core::fmt;
use core::str::FromStr;

use crate::num::{self, NumError};
use crate::{lookup_name, SecStatus, Text};

/// Why a text is not a status code.
///
/// ```
/// use secstatus::SecStatus;
/// let err = "0x1234567890".parse::<SecStatus>().unwrap_err();
/// assert_eq!(err.to_string(), "hex value has more than 8 digits");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ParseErrorKind {
    Empty,
    HexNoDigits,
    HexBadDigit,
    HexTooLong,
    DecimalOutOfRange,
    DecimalBadDigit,
    UnknownName,
    NotACode,
    Disagree,
}

impl ParseError {
    /// What is wrong, in English and Russian (`Display` prints the English).
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let err = "0x".parse::<SecStatus>().unwrap_err();
    /// assert_eq!(err.text().get(Lang::En), "`0x` is not followed by hex digits");
    /// assert_eq!(err.text().get(Lang::Ru), "после `0x` нет шестнадцатеричных цифр");
    /// ```
    pub const fn text(&self) -> Text {
        let (en, ru) = match self.kind {
            ParseErrorKind::Empty => ("empty input", "пустой ввод"),
            ParseErrorKind::HexNoDigits => (
                "`0x` is not followed by hex digits",
                "после `0x` нет шестнадцатеричных цифр",
            ),
            ParseErrorKind::HexBadDigit => (
                "hex value has a character that is not a hex digit",
                "в шестнадцатеричном значении есть символ, который не является шестнадцатеричной цифрой",
            ),
            ParseErrorKind::HexTooLong => (
                "hex value has more than 8 digits",
                "в шестнадцатеричном значении больше 8 цифр",
            ),
            ParseErrorKind::DecimalOutOfRange => (
                "decimal value is outside -2147483648..=4294967295",
                "десятичное значение вне диапазона -2147483648..=4294967295",
            ),
            ParseErrorKind::DecimalBadDigit => (
                "decimal value has a character that is not a digit",
                "в десятичном значении есть символ, который не является цифрой",
            ),
            ParseErrorKind::UnknownName => (
                "not the name of an SSPI status code",
                "это не имя кода состояния SSPI",
            ),
            ParseErrorKind::Disagree => (
                "the name and the value in parentheses are different codes",
                "имя и значение в скобках обозначают разные коды",
            ),
            ParseErrorKind::NotACode => (
                "not a status code: expected a name (SEC_E_...), hex (0x8009030C) or decimal (-2146893044)",
                "это не код состояния: ожидается имя (SEC_E_...), шестнадцатеричное (0x8009030C) или десятичное (-2146893044) значение",
            ),
        };
        Text { en, ru }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().get(crate::Lang::En))
    }
}

impl core::error::Error for ParseError {}

const fn err(kind: ParseErrorKind) -> ParseError {
    ParseError { kind }
}

impl FromStr for SecStatus {
    type Err = ParseError;

    /// Parses a status in any of the forms people paste, with surrounding whitespace ignored:
    ///
    /// - a name or alias in any case, Markdown escapes allowed: `SEC_E_LOGON_DENIED`, `sec_e_ok`, `SEC\_E\_OK`;
    /// - `0x` or `0X` and 1 to 8 hex digits in any case: `0x8009030c`, `0x90312`;
    /// - exactly 8 hex digits without a prefix: `80090308` (always read as hex);
    /// - a signed decimal: `-2146893044`, `+0`;
    /// - an unsigned decimal up to `4294967295`: `2148074252`;
    /// - Display's own form, a name with its value in parentheses: `SEC_E_LOGON_DENIED (0x8009030C)`; the name must
    ///   be a catalogue name of that value.
    ///
    /// Numbers parse whether or not the catalogue knows the value; names must be known.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// let denied = SecStatus::SEC_E_LOGON_DENIED;
    /// for text in ["SEC_E_LOGON_DENIED", "sec_e_logon_denied", r"SEC\_E\_LOGON\_DENIED",
    ///              "0x8009030C", "0X8009030c", "8009030C", "-2146893044", "2148074252", " 0x8009030c\n"] {
    ///     assert_eq!(text.parse(), Ok(denied), "{text}");
    /// }
    /// assert_eq!("0x0".parse(), Ok(SecStatus::SEC_E_OK));
    /// assert_eq!(denied.to_string().parse(), Ok(denied));
    /// assert!("SEC_E_OK (0x8009030C)".parse::<SecStatus>().is_err());
    /// // Not the Display form: the first half is no name.
    /// assert!("8009030C (0x8009030C)".parse::<SecStatus>().is_err());
    /// assert!("LOGON_DENIED".parse::<SecStatus>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        // Display's own form, `SEC_E_LOGON_DENIED (0x8009030C)`: a catalogue name, and a value of the same code. A
        // text whose first half is not a name (`A687b7c2 (A687b7c2 )`) is not that form, and is read as one token.
        if let Some((name, value)) = s.strip_suffix(')').and_then(|rest| rest.split_once(" (")) {
            if let Some(entry) = lookup_name(name.trim()) {
                return if parse_one(value.trim())? == entry.status() {
                    Ok(entry.status())
                } else {
                    Err(err(ParseErrorKind::Disagree))
                };
            }
        }
        parse_one(s)
    }
}

/// One name or number, already trimmed.
fn parse_one(s: &str) -> Result<SecStatus, ParseError> {
    let bytes = s.as_bytes();
    match bytes {
        [] => Err(err(ParseErrorKind::Empty)),
        [b'0', b'x' | b'X', digits @ ..] => parse_hex(digits).map(SecStatus::from_u32),
        _ if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_hexdigit) => {
            parse_hex(bytes).map(SecStatus::from_u32)
        }
        [b'-' | b'+', ..] => parse_decimal(s),
        [first, ..] if first.is_ascii_digit() => parse_decimal(s),
        [first, ..] if first.is_ascii_alphabetic() || *first == b'_' => lookup_name(s)
            .map(|e| e.status())
            .ok_or(err(ParseErrorKind::UnknownName)),
        _ => Err(err(ParseErrorKind::NotACode)),
    }
}

/// 1 to 8 hex digits to their value.
fn parse_hex(digits: &[u8]) -> Result<u32, ParseError> {
    num::hex(digits).map_err(|e| {
        err(match e {
            NumError::NoDigits => ParseErrorKind::HexNoDigits,
            NumError::TooLong => ParseErrorKind::HexTooLong,
            NumError::BadDigit | NumError::OutOfRange => ParseErrorKind::HexBadDigit,
        })
    })
}

/// A signed or unsigned decimal in `i32::MIN..=u32::MAX`, as the status with those 32 bits.
fn parse_decimal(s: &str) -> Result<SecStatus, ParseError> {
    num::decimal(s.as_bytes())
        .map(SecStatus::from_u32)
        .map_err(|e| {
            err(match e {
                NumError::OutOfRange => ParseErrorKind::DecimalOutOfRange,
                NumError::NoDigits | NumError::BadDigit | NumError::TooLong => {
                    ParseErrorKind::DecimalBadDigit
                }
            })
        })
}
