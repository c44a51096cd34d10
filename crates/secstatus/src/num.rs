//! Numbers as people write status codes: the one `0x` formatter and the number parsers every reader uses (hex with
//! or without `0x`, signed and unsigned decimal, LDAP's bare hex), overflow included.

use core::fmt;

/// A 32-bit value as `0x` and eight upper-case hex digits, the way winerror.h and Event Viewer write status codes.
///
/// ```
/// use secstatus::Hex;
/// assert_eq!(Hex(0x8009_030C).to_string(), "0x8009030C");
/// assert_eq!(Hex(0x0009_0312).to_string(), "0x00090312");
/// assert_eq!(format!("[{:>12}]", Hex(0)), "[  0x00000000]");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hex(pub u32);

impl Hex {
    /// The text in `buf`, without allocating.
    ///
    /// ```
    /// assert_eq!(secstatus::Hex(0xC000_006D).as_str(&mut [0; 10]), "0xC000006D");
    /// ```
    pub fn as_str(self, buf: &mut [u8; 10]) -> &str {
        buf[0] = b'0';
        buf[1] = b'x';
        for (i, slot) in buf[2..].iter_mut().enumerate() {
            let nibble = (self.0 >> (28 - 4 * i)) & 0xF;
            *slot = b"0123456789ABCDEF"[nibble as usize];
        }
        // The bytes are ASCII, so this never fails.
        core::str::from_utf8(buf).unwrap_or("0x????????")
    }
}

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Through `pad`, so width and alignment apply to the whole `0x…` text.
        f.pad(self.as_str(&mut [0; 10]))
    }
}

/// Why a number does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumError {
    /// No digits at all (`0x`, `-`, the empty text).
    NoDigits,
    /// A character that is not a digit of the base.
    BadDigit,
    /// More than eight hex digits.
    TooLong,
    /// A decimal outside `i32::MIN..=u32::MAX`.
    OutOfRange,
}

/// The value of one ASCII hex digit, which the caller has checked.
const fn hex_value(d: u8) -> u32 {
    (match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        _ => d - b'A' + 10,
    }) as u32
}

/// 1 to 8 hex digits in any case, without a prefix, to their value. The checks come in this order: no digits, a
/// character that is not a hex digit, more than eight digits.
pub(crate) fn hex(digits: &[u8]) -> Result<u32, NumError> {
    if digits.is_empty() {
        return Err(NumError::NoDigits);
    }
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        return Err(NumError::BadDigit);
    }
    if digits.len() > 8 {
        return Err(NumError::TooLong);
    }
    Ok(digits
        .iter()
        .fold(0u32, |acc, &d| (acc << 4) | hex_value(d)))
}

/// Decimal digits (no sign) to their value, `None` past `u32::MAX`; leading zeros are fine.
pub(crate) fn unsigned(digits: &[u8]) -> Result<u32, NumError> {
    if digits.is_empty() {
        return Err(NumError::NoDigits);
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(NumError::BadDigit);
    }
    digits.iter().try_fold(0u32, |acc, &d| {
        acc.checked_mul(10)
            .and_then(|acc| acc.checked_add(u32::from(d - b'0')))
            .ok_or(NumError::OutOfRange)
    })
}

/// A decimal with an optional `-` or `+`, in `i32::MIN..=u32::MAX`, as its 32 bits (`-1` is `0xFFFFFFFF`).
pub(crate) fn decimal(text: &[u8]) -> Result<u32, NumError> {
    match text {
        [b'-', digits @ ..] => signed(true, digits),
        [b'+', digits @ ..] | digits => signed(false, digits),
    }
}

/// Decimal digits whose sign the caller has already read (as [`crate::scan`] does), as the 32 bits of the value:
/// up to `u32::MAX`, or down to `i32::MIN` when `negative`.
pub(crate) fn signed(negative: bool, digits: &[u8]) -> Result<u32, NumError> {
    let magnitude = unsigned(digits)?;
    if !negative {
        Ok(magnitude)
    } else if magnitude > 1 << 31 {
        Err(NumError::OutOfRange)
    } else {
        // `magnitude` is at most 2^31: its negation is an i32, whose bits are the value.
        Ok(magnitude.wrapping_neg())
    }
}

/// Reads a bare number as the command line's `--from` does, for a value of a neighbouring system (an NTSTATUS, a
/// Win32 error, a Kerberos code, a TLS alert) rather than an SSPI code, with surrounding whitespace ignored:
///
/// - `0x` or `0X` and 1 to 8 hex digits: `0xC000006D`;
/// - up to 8 hex digits with at least one letter, as LDAP's `data 52e` writes them: `52e`, `C000006D`;
/// - a signed decimal in `i32::MIN..=u32::MAX`, as its 32 bits: `-1073741715`, `+37`;
/// - decimal digits, up to `u32::MAX`, always read as decimal (even eight of them, unlike [`crate::SecStatus`]'s
///   `FromStr`): `1326`, `00000037`.
///
/// Anything else, names included, is `None`.
///
/// ```
/// use secstatus::parse_number;
/// assert_eq!(parse_number("0xC000006D"), Some(0xC000_006D));
/// assert_eq!(parse_number("52e"), Some(0x52E));
/// assert_eq!(parse_number(" 1326\n"), Some(1326));
/// assert_eq!(parse_number("80090308"), Some(80_090_308)); // digits only: decimal
/// assert_eq!(parse_number("-1073741715"), Some(0xC000_006D));
/// assert_eq!(parse_number("+37"), Some(37));
/// assert_eq!(parse_number("4294967295"), Some(u32::MAX));
/// for text in ["", "0x", "0x123456789", "4294967296", "-2147483649", "123456789a", "KRB_AP_ERR_SKEW", "1 2"] {
///     assert_eq!(parse_number(text), None, "{text:?}");
/// }
/// ```
pub fn parse_number(text: &str) -> Option<u32> {
    let bytes = text.trim().as_bytes();
    let hex_with_letter = bytes.len() <= 8
        && bytes.iter().all(u8::is_ascii_hexdigit)
        && bytes.iter().any(u8::is_ascii_alphabetic);
    match bytes {
        [b'0', b'x' | b'X', digits @ ..] => hex(digits).ok(),
        _ if hex_with_letter => hex(bytes).ok(),
        [b'-' | b'+', ..] => decimal(bytes).ok(),
        _ => unsigned(bytes).ok(),
    }
}

/// Up to 16 bytes in a `u128`, the first byte highest and zeros after the last: the integers of two such texts
/// compare as the texts do, so a sorted table of short names can be searched with integer comparisons. Longer
/// texts keep their first 16 bytes.
pub(crate) const fn pack(s: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = 0;
    while i < 16 {
        key <<= 8;
        if i < s.len() {
            key |= s[i] as u128;
        }
        i += 1;
    }
    key
}

/// Whether `text` is one of the texts whose sorted [`pack`]s are `keys` (texts of at most 16 bytes).
pub(crate) fn packed_contains(keys: &[u128], text: &[u8]) -> bool {
    text.len() <= 16 && keys.binary_search(&pack(text)).is_ok()
}

/// [`pack`] of each text, at compile time.
pub(crate) const fn pack_all<const N: usize>(texts: &[&str; N]) -> [u128; N] {
    let mut keys = [0u128; N];
    let mut i = 0;
    while i < N {
        keys[i] = pack(texts[i].as_bytes());
        i += 1;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::{decimal, hex, parse_number, signed, unsigned, NumError};
    use crate::SecStatus;

    #[test]
    fn hex_checks_in_order() {
        assert_eq!(hex(b""), Err(NumError::NoDigits));
        assert_eq!(hex(b"123456789G"), Err(NumError::BadDigit));
        assert_eq!(hex(b"123456789"), Err(NumError::TooLong));
        assert_eq!(hex(b"8009030c"), Ok(0x8009_030C));
        assert_eq!(hex(b"0"), Ok(0));
    }

    #[test]
    fn decimals_overflow_without_panicking() {
        assert_eq!(unsigned(b"4294967295"), Ok(u32::MAX));
        assert_eq!(unsigned(b"4294967296"), Err(NumError::OutOfRange));
        assert_eq!(unsigned(&[b'9'; 1000]), Err(NumError::OutOfRange));
        assert_eq!(unsigned(b"0000000000000000000001"), Ok(1));
        assert_eq!(unsigned(b"12a"), Err(NumError::BadDigit));
        assert_eq!(decimal(b"-2147483648"), Ok(0x8000_0000));
        assert_eq!(decimal(b"-2147483649"), Err(NumError::OutOfRange));
        assert_eq!(decimal(b"-0"), Ok(0));
        assert_eq!(decimal(b"+"), Err(NumError::NoDigits));
        assert_eq!(decimal(b"-"), Err(NumError::NoDigits));
        assert_eq!(signed(true, b"2147483648"), Ok(0x8000_0000));
        assert_eq!(signed(true, b"2147483649"), Err(NumError::OutOfRange));
        assert_eq!(signed(false, b"2147483649"), Ok(0x8000_0001));
        assert_eq!(signed(true, b"-1"), Err(NumError::BadDigit));
    }

    /// The command line's `fn number` (crates/secstatus-cli/src/answer.rs) as it was written, through std.
    fn cli_number(query: &str) -> Option<u32> {
        let text = query.trim();
        let bytes = text.as_bytes();
        let hex_with_letter = !bytes.is_empty()
            && bytes.len() <= 8
            && bytes.iter().all(u8::is_ascii_hexdigit)
            && bytes.iter().any(u8::is_ascii_alphabetic);
        match bytes {
            [b'0', b'x' | b'X', ..] => text.parse::<SecStatus>().ok().map(SecStatus::to_u32),
            _ if hex_with_letter => u32::from_str_radix(text, 16).ok(),
            [b'-' | b'+', rest @ ..] if !rest.is_empty() && rest.iter().all(u8::is_ascii_digit) => {
                text.parse::<SecStatus>().ok().map(SecStatus::to_u32)
            }
            _ if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) => {
                text.parse::<u32>().ok()
            }
            _ => None,
        }
    }

    #[test]
    fn parse_number_reads_as_the_command_line_does() {
        let cases = [
            "",
            " ",
            "0",
            "00000000",
            "0x",
            "0X1f",
            "0x123456789",
            "0xg",
            "52e",
            "52E",
            "abcdefab",
            "abcdefabc",
            "1326",
            "80090308",
            "4294967295",
            "4294967296",
            "-1",
            "+1",
            "-",
            "+",
            "-2147483648",
            "-2147483649",
            "+4294967295",
            "++1",
            "-0x1",
            "1 2",
            " 775\t",
            "e",
            "KRB_AP_ERR_SKEW",
            "٣",
            "1_000",
        ];
        for text in cases {
            assert_eq!(parse_number(text), cli_number(text), "{text:?}");
        }
    }
}
