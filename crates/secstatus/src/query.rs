//! Loose reading of what a person types: every plausible meaning of a query, and a suggestion for a typo.
//!
//! [`SecStatus`]'s `FromStr` is strict: one text, one value. A person asking about `80090308` or `1326` may mean
//! more than one thing, and one who types `LOGON_DENIED` or `SEC_E_LOGON_DENIDE` should still get an answer.

use crate::closed_set::closed_set;
use crate::num;
use crate::{entries, names, Entry, SecStatus};

closed_set! {
    /// How a query was read.
    ///
    /// ```
    /// use secstatus::{interpret, Reading};
    /// let readings: Vec<_> = interpret("LOGON_DENIED").map(|i| i.reading).collect();
    /// assert_eq!(readings, [Reading::ShortName]);
    /// assert_eq!(Reading::BareHex.as_str(), "bare_hex");
    /// ```
    pub enum Reading {
        /// A full name or alias: `SEC_E_LOGON_DENIED`.
        Name = "name",
        /// A name without its `SEC_E_` or `SEC_I_` prefix: `LOGON_DENIED`.
        ShortName = "short_name",
        /// Hex with a `0x` prefix.
        Hex = "hex",
        /// Eight hex digits without a prefix: `80090308`.
        BareHex = "bare_hex",
        /// A signed or unsigned decimal.
        Decimal = "decimal",
        /// A short number of decimal digits read as hex, as Windows' `err.exe` also does: `1326` as `0x1326`.
        DecimalAsHex = "decimal_as_hex",
        /// Up to seven hex digits, at least one a letter and one a digit, without a prefix, as the LDAP bind
        /// diagnostic's `data 52e` writes a Win32 error: `52e` as `0x52E`.
        ShortHex = "short_hex",
        /// Found inside a longer text, as [`crate::scan`] finds codes in log lines: `[WinError -2146893054]`.
        InText = "in_text",
    }
}

/// One reading of a query: the status it names and how it was read.
///
/// ```
/// use secstatus::{interpret, Interpretation, Reading, SecStatus};
/// let first: Interpretation = interpret("-2146893044").next().unwrap();
/// assert_eq!(first.status, SecStatus::SEC_E_LOGON_DENIED);
/// assert_eq!(first.reading, Reading::Decimal);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Interpretation {
    /// The status.
    pub status: SecStatus,
    /// How the text was read.
    pub reading: Reading,
}

/// The readings of a query, best first; see [`interpret`].
///
/// ```
/// use secstatus::{interpret, Reading};
/// let mut readings = interpret("1326");
/// assert_eq!(readings.next().unwrap().reading, Reading::Decimal);
/// assert_eq!(readings.next().unwrap().reading, Reading::DecimalAsHex);
/// assert!(readings.next().is_none());
/// ```
#[derive(Clone, Debug)]
pub struct Interpretations {
    items: [Option<Interpretation>; 2],
    next: usize,
}

impl Iterator for Interpretations {
    type Item = Interpretation;

    fn next(&mut self) -> Option<Interpretation> {
        let item = self.items.get(self.next).copied().flatten();
        self.next += 1;
        item
    }
}

impl Interpretations {
    fn push(&mut self, status: SecStatus, reading: Reading) {
        let seen = self.items.iter().flatten().any(|i| i.status == status);
        let free = self.items.iter_mut().find(|slot| slot.is_none());
        if let (Some(slot), false) = (free, seen) {
            *slot = Some(Interpretation { status, reading });
        }
    }
}

/// Every plausible reading of `query`, best first.
///
/// Besides everything [`SecStatus`]'s `FromStr` accepts: names without their prefix (`CONTEXT_EXPIRED` gives both
/// `SEC_E_` and `SEC_I_`), eight decimal digits as hex and as decimal, and a short number as decimal and as hex.
/// Wrapping punctuation people copy along (`(0x80090325)`, `"80090308:"`) is ignored.
///
/// ```
/// use secstatus::{interpret, Reading, SecStatus};
///
/// let both: Vec<_> = interpret("CONTEXT_EXPIRED").map(|i| i.status).collect();
/// assert_eq!(both, [SecStatus::SEC_I_CONTEXT_EXPIRED, SecStatus::SEC_E_CONTEXT_EXPIRED]);
///
/// let first = interpret("80090308").next().unwrap();
/// assert_eq!((first.status, first.reading), (SecStatus::SEC_E_INVALID_TOKEN, Reading::BareHex));
///
/// let short: Vec<_> = interpret("1326").map(|i| (i.status.to_u32(), i.reading)).collect();
/// assert_eq!(short, [(1326, Reading::Decimal), (0x1326, Reading::DecimalAsHex)]);
///
/// assert_eq!(interpret("(0x80090325)").next().unwrap().status, SecStatus::SEC_E_UNTRUSTED_ROOT);
///
/// let data: Vec<_> = interpret("52e").map(|i| (i.status.to_u32(), i.reading)).collect();
/// assert_eq!(data, [(0x52E, Reading::ShortHex)]);
/// assert_eq!(interpret("dead").count(), 0); // a word, not a number
/// assert_eq!(interpret("nonsense").count(), 0);
/// ```
pub fn interpret(query: &str) -> Interpretations {
    let mut out = Interpretations {
        items: [None; 2],
        next: 0,
    };
    let text = unwrap(query);
    let bytes = text.as_bytes();
    if let Ok(status) = text.parse::<SecStatus>() {
        let all_digits = !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit);
        let reading = match bytes {
            [b'0', b'x' | b'X', ..] => Reading::Hex,
            _ if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_hexdigit) => Reading::BareHex,
            [first, ..] if first.is_ascii_alphabetic() || *first == b'_' => Reading::Name,
            _ => Reading::Decimal,
        };
        out.push(status, reading);
        if reading == Reading::BareHex && all_digits {
            if let Ok(decimal) = num::unsigned(bytes) {
                out.push(SecStatus::from_u32(decimal), Reading::Decimal);
            }
        }
        if reading == Reading::Decimal && all_digits && bytes.len() < 8 {
            if let Ok(hex) = num::hex(bytes) {
                out.push(SecStatus::from_u32(hex), Reading::DecimalAsHex);
            }
        }
    } else if (1..8).contains(&bytes.len())
        && bytes.iter().all(u8::is_ascii_hexdigit)
        && bytes.iter().any(u8::is_ascii_digit)
        && bytes.iter().any(u8::is_ascii_alphabetic)
    {
        if let Ok(value) = num::hex(bytes) {
            out.push(SecStatus::from_u32(value), Reading::ShortHex);
        }
    } else {
        // Informational codes first: they sort first by value, and `entries` is in value order. Aliases count too
        // (`NOT_SUPPORTED`).
        for entry in entries() {
            let names =
                core::iter::once(entry.name()).chain(entry.aliases().iter().map(|a| a.name()));
            if names
                .filter_map(strip_prefix)
                .any(|short| eq_name(short, text))
            {
                out.push(entry.status(), Reading::ShortName);
            }
        }
    }
    out
}

/// A number as people paste it, with the punctuation copied along (brackets, quotes, a trailing `:` `,` `.` or
/// `;`) dropped first; otherwise as [`parse_number`](crate::parse_number) reads it.
///
/// ```
/// use secstatus::parse_pasted_number;
/// assert_eq!(parse_pasted_number("701,"), Some(701));
/// assert_eq!(parse_pasted_number("(0xC000006D)."), Some(0xC000_006D));
/// assert_eq!(parse_pasted_number("'52e'"), Some(0x52E));
/// assert_eq!(parse_pasted_number("701 x"), None);
/// ```
pub fn parse_pasted_number(text: &str) -> Option<u32> {
    crate::parse_number(unwrap(text))
}

/// Drops the punctuation people copy along with a code: brackets, quotes, a trailing `:` `,` `.` or `;`.
fn unwrap(query: &str) -> &str {
    let mut text = query.trim();
    loop {
        let before = text;
        text = text.trim_end_matches([':', ',', ';', '.']);
        for (open, close) in [
            ('(', ')'),
            ('[', ']'),
            ('"', '"'),
            ('\'', '\''),
            ('`', '`'),
            ('<', '>'),
        ] {
            if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
                text = inner;
            }
        }
        text = text.trim();
        if text == before {
            return text;
        }
    }
}

fn strip_prefix(name: &str) -> Option<&str> {
    name.strip_prefix("SEC_E_")
        .or_else(|| name.strip_prefix("SEC_I_"))
}

/// Compares a catalogue name with user text: any case, Markdown's `\_` read as `_`.
fn eq_name(name: &str, text: &str) -> bool {
    let mut text = text.bytes().filter(|&b| b != b'\\');
    name.bytes()
        .all(|n| text.next().is_some_and(|t| t.eq_ignore_ascii_case(&n)))
        && text.next().is_none()
}

/// The catalogue name closest to a mistyped `query`, if one is close enough to be what was meant.
///
/// Compares with full names and with names without their prefix, ignoring case.
///
/// ```
/// use secstatus::suggest;
/// assert_eq!(suggest("SEC_E_LOGON_DENIDE").unwrap().name(), "SEC_E_LOGON_DENIED");
/// assert_eq!(suggest("time_skw").unwrap().name(), "SEC_E_TIME_SKEW");
/// assert!(suggest("hello").is_none());
/// ```
pub fn suggest(query: &str) -> Option<&'static Entry> {
    let text = unwrap(query);
    if text.len() < 4 || text.len() > MAX_LEN {
        return None;
    }
    let limit = (text.len() / 4).clamp(1, 3);
    let mut best: Option<(usize, &'static Entry)> = None;
    for (name, entry) in names() {
        for candidate in [Some(name), strip_prefix(name)].into_iter().flatten() {
            // The distance is at least the difference in length: skip what cannot be within the limit.
            if candidate.len().abs_diff(text.len()) > limit {
                continue;
            }
            let distance = edit_distance(candidate.as_bytes(), text.as_bytes());
            if best.map_or(true, |(d, _)| distance < d) {
                best = Some((distance, entry));
            }
        }
    }
    best.filter(|&(d, _)| d > 0 && d <= limit).map(|(_, e)| e)
}

const MAX_LEN: usize = 64;

/// Optimal-string-alignment distance (Levenshtein plus adjacent swaps), case-insensitive, without allocating.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    if a.len() > MAX_LEN || b.len() > MAX_LEN {
        return usize::MAX;
    }
    let mut rows = [[0usize; MAX_LEN + 1]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (prev2, rest) = rows.split_at_mut(1);
        let (prev, cur) = rest.split_at_mut(1);
        let (prev2, prev, cur) = (&mut prev2[0], &mut prev[0], &mut cur[0]);
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(!a[i - 1].eq_ignore_ascii_case(&b[j - 1]));
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1
                && j > 1
                && a[i - 1].eq_ignore_ascii_case(&b[j - 2])
                && a[i - 2].eq_ignore_ascii_case(&b[j - 1])
            {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        // The current row becomes the previous one, the previous one the one before, and the oldest is reused.
        rows.rotate_left(1);
    }
    rows[1][b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance(b"DENIED", b"DENIDE"), 1);
        assert_eq!(edit_distance(b"abc", b"abc"), 0);
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
        assert_eq!(edit_distance(b"SKEW", b"skw"), 1);
    }
}
