//! (feature `texts`) Codes named only by their message text: `The target principal name is incorrect`,
//! `Preauthentication failed`, `sslv3 alert handshake failure`.
//!
//! The texts are those Windows prints for SSPI codes, Win32 errors, NTSTATUS values and HRESULTs (the catalogue's
//! English messages, [MS-ERREF]'s and the SDK's), and those implementations print for Kerberos errors, GSS-API
//! major statuses and TLS alerts (`data/texts.toml`: MIT Kerberos, Heimdal, OpenJDK, OpenSSL and LibreSSL, each
//! with its source).
//!
//! # Which texts count
//!
//! A text names a code only when it is distinctive, a rule the generator applies to every text:
//!
//! - it belongs to one value, or to several values that all stand for one SSPI code (an SSPI code and its NTSTATUS
//!   twin: the SSPI code is reported); a text shared by values that differ (`The operation completed
//!   successfully.`, the text of every `STATUS_WAIT_n`) names nothing. One exception: a Win32 error's text that
//!   HRESULTs of other facilities reuse word for word names the Win32 error (`Access is denied.` is also
//!   `RPC_E_ACCESS_DENIED`'s);
//! - it has at least two words and eight characters;
//! - it is found anywhere in prose only when it has at least 4 words, or 2 or 3 words and at least 23 characters
//!   (`Preauthentication failed`, `Message stream modified`). A shorter one (`Access is denied.`, `Ticket
//!   expired`) is found only where it stands as the whole message: from the start of a line or a `:` to the end
//!   of the line, a final period and spaces allowed.
//!
//! Of the 6,449 patterns the table holds (variants included), 139 are of the short kind.
//!
//! # Matching
//!
//! ASCII case does not matter (a Russian text matches with its first letter in either case, or all in lower case);
//! a final period may be there or not; a text's commas may be left out; its spaces
//! may be its own or single. A match starts and ends on word boundaries (no letter, digit or `_` glued to it), and
//! of texts that start at one place the longest wins. The reported span leaves out a final period.
//!
//! The table is sorted by the generator, so nothing is built but a filter (microseconds, once per process, the first
//! time it is needed); a longest-prefix search of the table runs only where a text can start: at a word start (or a `{`, which some NTSTATUS texts open with) whose first eight bytes, case
//! folded, begin some text, which a Bloom filter of 256 Ki bits answers; most of a log is thus looked at by a
//! vectorised loop and one bit test per word.
//!
//! ```
//! use secstatus::{find_messages, Code, Form};
//! let line = b".NET Win32Exception (0x80004005): The target principal name is incorrect";
//! let found: Vec<_> = find_messages(line).collect();
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].form, Form::Message);
//! assert!(matches!(found[0].code, Code::Sspi(e) if e.name() == "SEC_E_WRONG_PRINCIPAL"));
//! assert_eq!(&line[found[0].start..found[0].end], b"The target principal name is incorrect");
//!
//! let kinit = b"kinit: Preauthentication failed while getting initial credentials";
//! assert_eq!(find_messages(kinit).next().unwrap().code.name(), "KDC_ERR_PREAUTH_FAILED");
//!
//! // A short text only as the whole message.
//! assert_eq!(find_messages(b"Error: Access is denied.").next().unwrap().code.name(), "ERROR_ACCESS_DENIED");
//! assert_eq!(find_messages(b"we learnt that access is denied to guests").count(), 0);
//! ```

use std::sync::OnceLock;
use std::vec;
use std::vec::Vec;

use crate::blob::Span;
use crate::scan::is_token_byte;
use crate::{foreign, Code, Form, Found, SecStatus, System};

mod tables;

/// What a pattern names, as the generator writes it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    /// An SSPI code of the catalogue.
    Sspi(u32),
    /// A curated status of a neighbouring system.
    Foreign(System, u32),
    /// A row of the Windows tables, by system, value and name (in [`tables::TEXT`]).
    Windows(System, u32, Span),
}

impl Target {
    fn code(self) -> Option<Code> {
        match self {
            Target::Sspi(v) => SecStatus::from_u32(v).entry().map(Code::Sspi),
            Target::Foreign(system, v) => foreign(system, v).map(Code::Foreign),
            // By value first, a binary search; a row whose value data/windows-errors/decisions.toml corrects is
            // found by its name.
            Target::Windows(system, value, name) => {
                let name = name.str_in(tables::TEXT);
                crate::errors::by_value(system, value)
                    .iter()
                    .find(|e| e.name() == name)
                    .or_else(|| crate::errors::by_name_in(system, name))
                    .map(Code::WindowsError)
            }
        }
    }
}

/// What is built once per process to find the table's texts quickly.
struct Matcher {
    /// A Bloom filter of the patterns' first eight bytes, folded by [`fold`]: the table is only searched at a word
    /// start (or `{`) whose eight bytes are in it.
    starts: Vec<u64>,
    /// The same filter of the first eight bytes of the patterns shorter than [`LONG`] bytes only.
    short_starts: Vec<u64>,
    /// A filter of the first [`LONG`] bytes of the longer patterns, folded eight at a time: a start that passes
    /// [`Matcher::starts`] is searched only if its sixteen bytes pass this one, or its eight [`Matcher::short_starts`].
    /// Log words begin many messages (`An account`, `The certificate`) that the line does not go on to say.
    long_starts: Vec<u64>,
    /// The patterns' distinct first eight bytes as a word ([`key`]), each with the range of the table's rows that
    /// start with them, in an open-addressing hash table (a slot with an empty range is free).
    keys: Vec<(u64, u32, u32)>,
    /// The table's patterns as byte slices, in table order: what the search compares, read without going through
    /// the table's spans each time.
    patterns: Vec<&'static [u8]>,
}

/// The slot of [`Matcher::keys`] a key's probe starts at, for a table of `len` slots (a power of two).
#[inline(always)]
fn slot(key: u64, len: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (len - 1)
}

/// The first eight bytes of `b`, ASCII lower-cased, as a big-endian word.
#[inline(always)]
fn key(b: &[u8]) -> Option<u64> {
    let eight: [u8; 8] = b.get(..8)?.try_into().ok()?;
    Some(lower8(u64::from_le_bytes(eight)).swap_bytes())
}

/// Bits in [`Matcher::starts`] (32 KiB); each start sets two.
const START_BITS: usize = 1 << 18;

/// Eight bytes as one word, ASCII letters folded to lower case (other bytes change too, the same way for patterns and
/// haystacks, which is all a filter needs).
#[inline(always)]
fn fold(eight: [u8; 8]) -> u64 {
    u64::from_le_bytes(eight) | 0x2020_2020_2020_2020
}

/// How many first bytes [`Matcher::long_starts`] filters.
const LONG: usize = 16;

/// The filter's two bits for the two folded words of a start of [`LONG`] bytes.
#[inline(always)]
fn long_start_bits(first: u64, second: u64) -> [usize; 2] {
    start_bits(first.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ second)
}

/// Whether both bits are set in a filter.
#[inline(always)]
fn has_bits(filter: &[u64], bits: [usize; 2]) -> bool {
    bits.iter()
        .all(|bit| filter[bit / 64] & (1 << (bit % 64)) != 0)
}

/// Sets both bits in a filter.
fn set_bits(filter: &mut [u64], bits: [usize; 2]) {
    for bit in bits {
        filter[bit / 64] |= 1 << (bit % 64);
    }
}

/// The filter's two bits for a folded start.
#[inline(always)]
fn start_bits(folded: u64) -> [usize; 2] {
    let h = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    [
        (h >> 46) as usize % START_BITS,
        (h >> 18) as usize % START_BITS,
    ]
}

impl Matcher {
    /// The longest pattern that starts at `h[start]` (its index in the table), with where it ends.
    ///
    /// The table is sorted, so the largest pattern not above the haystack's rest `s` is either a prefix of `s`,
    /// and then the longest one, or shares only `l` bytes with it, and then every pattern that is a prefix of `s`
    /// is one of `s[..l]` and comes before it: search again with `s[..l]`. Each round shortens `s`.
    ///
    /// Every pattern has at least eight bytes, so only the rows that start with the haystack's eight are searched.
    fn longest(&self, h: &[u8], start: usize) -> Option<(usize, usize)> {
        let mut s = &h[start..];
        let k = key(s)?;
        let (lo, mut hi) = self.rows_starting(k)?;
        loop {
            let idx = lo + self.patterns[lo..hi].partition_point(|p| folded_cmp(p, s).is_le());
            if idx == lo {
                return None;
            }
            let p = self.patterns[idx - 1];
            let l = folded_common(p, s);
            if l == p.len() {
                return Some((idx - 1, start + l));
            }
            if l == 0 {
                return None;
            }
            s = &s[..l];
            hi = idx - 1;
        }
    }

    /// The range of the table's rows whose first eight bytes are `key`.
    #[inline(always)]
    fn rows_starting(&self, key: u64) -> Option<(usize, usize)> {
        let mask = self.keys.len() - 1;
        let mut at = slot(key, self.keys.len());
        loop {
            let (k, lo, hi) = self.keys[at];
            if hi == 0 {
                return None;
            }
            if k == key {
                return Some((lo as usize, hi as usize));
            }
            at = (at + 1) & mask;
        }
    }

    #[inline(always)]
    fn may_start(&self, h: &[u8], i: usize) -> bool {
        // Every pattern has at least eight bytes.
        let Some((eight, rest)) = h.get(i..).and_then(<[u8]>::split_first_chunk::<8>) else {
            return false;
        };
        let first = fold(*eight);
        if !has_bits(&self.starts, start_bits(first)) {
            return false;
        }
        if has_bits(&self.short_starts, start_bits(first)) {
            return true;
        }
        // Only longer patterns start with these eight bytes, and only those that fit in the rest can match.
        rest.first_chunk::<8>()
            .is_some_and(|next| has_bits(&self.long_starts, long_start_bits(first, fold(*next))))
    }
}

/// The places in `h[base..base + 64]` where a pattern may start, as bits (bit `k` for `base + k`): an ASCII letter
/// after a byte that is not one (`h[i - 1]`, or a token byte when `token_before` at 0), the first byte of a
/// Cyrillic letter (`0xD0`, `0xD1`) after a byte of no word (neither a token byte nor a byte beyond ASCII), or a
/// `{`. Every pattern starts with one of these (a test checks it); a letter after a digit or `_` is let through here
/// and refused by [`Messages::bounded`]. A full block of ASCII is computed without branches, one byte at a time into
/// masks the compiler turns into vector instructions, then packed into bits; the bytes before are the same mask
/// shifted.
fn block_starts(h: &[u8], base: usize, token_before: bool) -> u64 {
    const LANES: usize = 64;
    let before = if base == 0 {
        u64::from(token_before)
    } else {
        u64::from(letter(h[base - 1]))
    };
    let Some(block) = h.get(base..base + LANES) else {
        return starts_one_by_one(h, base, token_before);
    };
    let mut letters = [0u8; LANES];
    let mut braces = [0u8; LANES];
    let mut all = 0u8;
    for ((l, c), &b) in letters.iter_mut().zip(braces.iter_mut()).zip(block) {
        *l = letter(b);
        *c = u8::from(b == b'{');
        all |= b;
    }
    let (letters, braces) = (pack(&letters), pack(&braces));
    let starts = (letters & !((letters << 1) | before)) | braces;
    if all < 0x80 {
        return starts;
    }
    // Only a block with bytes beyond ASCII can hold a Cyrillic word: the first bytes of its letters, after a byte of
    // no word.
    let mut wordy = [0u8; LANES];
    let mut cyrillic = [0u8; LANES];
    for ((w, c), &b) in wordy.iter_mut().zip(cyrillic.iter_mut()).zip(block) {
        *w = u8::from(wordy_byte(b));
        *c = u8::from(b & 0xFE == 0xD0);
    }
    let wordy_before = match base {
        0 => u64::from(token_before),
        _ => u64::from(wordy_byte(h[base - 1])),
    };
    let (wordy, cyrillic) = (pack(&wordy), pack(&cyrillic));
    starts | (cyrillic & !((wordy << 1) | wordy_before))
}

/// [`block_starts`] one byte at a time, for the end of the haystack.
fn starts_one_by_one(h: &[u8], base: usize, token_before: bool) -> u64 {
    let mut prev = match base {
        0 => (token_before, token_before),
        _ => (letter(h[base - 1]) == 1, wordy_byte(h[base - 1])),
    };
    let mut bits = 0u64;
    for (k, &b) in h[base..].iter().take(64).enumerate() {
        let (letter_before, wordy_before) = prev;
        let start = (letter(b) == 1 && !letter_before)
            || b == b'{'
            || (matches!(b, 0xD0 | 0xD1) && !wordy_before);
        bits |= u64::from(start) << k;
        prev = (letter(b) == 1, wordy_byte(b));
    }
    bits
}

/// 1 for an ASCII letter, else 0.
#[inline(always)]
fn letter(b: u8) -> u8 {
    u8::from((b | 0x20).wrapping_sub(b'a') < 26)
}

/// Whether a byte may be part of a word: a token byte (an ASCII letter, digit or `_`), or a byte of a character beyond
/// ASCII.
#[inline(always)]
fn wordy_byte(b: u8) -> bool {
    is_token_byte(b) || b >= 0x80
}

/// 64 bytes of 0 or 1 into 64 bits. For eight bytes, the product puts byte `i`'s bit at bit `56 + i`, and no two of
/// its other terms meet, so nothing carries into the top byte.
#[inline(always)]
fn pack(bytes: &[u8; 64]) -> u64 {
    bytes
        .chunks_exact(8)
        .enumerate()
        .fold(0, |bits, (k, word)| {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            bits | ((word.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k))
        })
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut starts = vec![0u64; START_BITS / 64];
        let mut short_starts = vec![0u64; START_BITS / 64];
        let mut long_starts = vec![0u64; START_BITS / 64];
        for &(text, _, _) in &tables::TEXTS {
            let bytes = pattern_bytes(text);
            let first = fold(*bytes.first_chunk().expect("8 bytes"));
            set_bits(&mut starts, start_bits(first));
            if bytes.len() >= LONG {
                let next = fold(*bytes[8..].first_chunk().expect("8 bytes"));
                set_bits(&mut long_starts, long_start_bits(first, next));
            } else {
                set_bits(&mut short_starts, start_bits(first));
            }
        }
        // The sorted table's runs of one first eight bytes, then a hash table of them at most a quarter full.
        let mut runs: Vec<(u64, u32, u32)> = Vec::new();
        for (i, &(text, _, _)) in tables::TEXTS.iter().enumerate() {
            let k = key(pattern_bytes(text)).expect("every pattern has eight bytes");
            let i = i as u32;
            match runs.last_mut() {
                Some(last) if last.0 == k => last.2 = i + 1,
                _ => runs.push((k, i, i + 1)),
            }
        }
        let len = (runs.len() * 4).next_power_of_two();
        let mut keys = vec![(0, 0, 0); len];
        for run in runs {
            let mut at = slot(run.0, len);
            while keys[at].2 != 0 {
                at = (at + 1) & (len - 1);
            }
            keys[at] = run;
        }
        let patterns = tables::TEXTS
            .iter()
            .map(|&(p, _, _)| pattern_bytes(p))
            .collect();
        Matcher {
            starts,
            short_starts,
            long_starts,
            keys,
            patterns,
        }
    })
}

/// A pattern of the table, as bytes.
#[inline(always)]
fn pattern_bytes(pattern: Span) -> &'static [u8] {
    pattern.bytes_in(tables::TEXT)
}

/// A pattern (lower case) against haystack bytes, ASCII case folded.
fn folded_cmp(pattern: &[u8], hay: &[u8]) -> core::cmp::Ordering {
    let l = folded_common(pattern, hay);
    match (pattern.get(l), hay.get(l)) {
        (Some(p), Some(b)) => p.cmp(&b.to_ascii_lowercase()),
        (p, b) => p.is_some().cmp(&b.is_some()),
    }
}

/// How many bytes a pattern (lower case) and haystack bytes share at their start, ASCII case folded: eight bytes at
/// a time, then one at a time.
fn folded_common(pattern: &[u8], hay: &[u8]) -> usize {
    let (mut p, mut h) = (pattern, hay);
    let mut common = 0;
    while let (Some((p8, p_rest)), Some((h8, h_rest))) =
        (p.split_first_chunk(), h.split_first_chunk())
    {
        let differ = u64::from_le_bytes(*p8) ^ lower8(u64::from_le_bytes(*h8));
        if differ != 0 {
            return common + differ.trailing_zeros() as usize / 8;
        }
        (p, h, common) = (p_rest, h_rest, common + 8);
    }
    common
        + p.iter()
            .zip(h)
            .take_while(|(p, b)| **p == b.to_ascii_lowercase())
            .count()
}

/// Eight bytes with ASCII capitals lower-cased and every other byte kept, as [`u8::to_ascii_lowercase`] does for
/// each. A byte's low seven bits plus `0x3F` reach bit 7 from `A` up, plus `0x25` from past `Z` up, and no sum
/// carries into the next byte.
#[inline(always)]
fn lower8(x: u64) -> u64 {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let seven = x & (0x7F * EACH);
    let from_a = seven + 0x3F * EACH;
    let past_z = seven + 0x25 * EACH;
    let upper = !x & (from_a ^ past_z) & (0x80 * EACH);
    x | (upper >> 2)
}

/// Every recognised text as the table holds it (lower case, without a final period), with the code it names and
/// whether it counts anywhere in prose (`true`) or only as a whole message.
///
/// ```
/// let (_, code, anywhere) = secstatus::texts().find(|(t, _, _)| *t == "clock skew too great").unwrap();
/// assert_eq!((code.name(), anywhere), ("KRB_AP_ERR_SKEW", true));
/// ```
pub fn texts() -> impl Iterator<Item = (&'static str, Code, bool)> {
    tables::TEXTS
        .iter()
        .filter_map(|&(text, target, anywhere)| {
            Some((text.str_in(tables::TEXT), target.code()?, anywhere))
        })
}

/// The message texts in `haystack`, in order and without overlap, treating its edges as word boundaries and line
/// ends. Each is a [`Found`] with [`Form::Message`].
pub fn find_messages(haystack: &[u8]) -> Messages<'_> {
    find_messages_with_context(haystack, false, false)
}

/// Like [`find_messages`], for a piece of a longer stream: `token_before` and `token_after` say whether the bytes
/// just outside the piece are token bytes (a text glued to them is not reported).
pub(crate) fn find_messages_with_context(
    haystack: &[u8],
    token_before: bool,
    token_after: bool,
) -> Messages<'_> {
    Messages {
        haystack,
        base: 0,
        bits: 0,
        next: 0,
        token_before,
        token_after,
    }
}

/// The iterator of [`find_messages`].
#[derive(Clone, Debug)]
pub struct Messages<'h> {
    haystack: &'h [u8],
    /// Where the block of [`block_starts`] that `bits` holds starts.
    base: usize,
    /// The places of that block still to try.
    bits: u64,
    /// Where the next block starts.
    next: usize,
    token_before: bool,
    token_after: bool,
}

impl Iterator for Messages<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let h = self.haystack;
        let m = matcher();
        loop {
            while self.bits == 0 {
                if self.next >= h.len() {
                    return None;
                }
                self.base = self.next;
                self.bits = block_starts(h, self.base, self.token_before);
                self.next = h.len().min(self.base + 64);
            }
            let start = self.base + self.bits.trailing_zeros() as usize;
            self.bits &= self.bits - 1;
            if !m.may_start(h, start) {
                continue;
            }
            let Some((pattern, end)) = m.longest(h, start) else {
                continue;
            };
            let (_, target, anywhere) = tables::TEXTS[pattern];
            let Some(code) = target.code() else {
                continue;
            };
            let windows = !matches!(code.system(), "krb" | "gss" | "tls");
            if self.bounded(start, end)
                && (anywhere || self.whole_message(start, end))
                && (!windows || self.ends_message(end))
            {
                // Go on after the match.
                self.bits = 0;
                self.next = end;
                return Some(Found {
                    start,
                    end,
                    code,
                    form: Form::Message,
                });
            }
        }
    }
}

impl Messages<'_> {
    /// Whether `h[start..end]` is not glued to a word on either side.
    fn bounded(&self, start: usize, end: usize) -> bool {
        let h = self.haystack;
        let before = if start == 0 {
            !self.token_before
        } else {
            !(is_token_byte(h[start]) && is_token_byte(h[start - 1]))
        };
        let after = if end == h.len() {
            !(self.token_after && is_token_byte(h[end - 1]))
        } else {
            !(is_token_byte(h[end - 1]) && is_token_byte(h[end]))
        };
        before && after
    }

    /// Whether a message ends at `h[end]`: the end of the line, punctuation, a closing quote or bracket, or ` (`,
    /// ` -`, ` [` before what a program appends (`(1722)`, `- details`), or a last ` .` (a Russian curl's schannel
    /// message ends so). Windows' texts are ordinary prose (`The directory is not empty`); in prose they go on (`...
    /// is not empty yet`), in a message they stop.
    fn ends_message(&self, end: usize) -> bool {
        let h = self.haystack;
        match h.get(end..) {
            None | Some([]) => !self.token_after,
            Some(
                [b'\n' | b'\r' | b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'"' | b'`'
                | b')' | b']' | b'}' | b'>', ..],
            ) => true,
            Some([b' ', b'(' | b'-' | b'[', ..]) => true,
            Some([b' ', b'.', rest @ ..]) => {
                matches!(rest.first(), None | Some(b' ' | b'\n' | b'\r'))
            }
            // The closing quotes of some consoles and pages: ” ’ » (UTF-8).
            Some([0xE2, 0x80, 0x9D | 0x99, ..]) | Some([0xC2, 0xBB, ..]) => true,
            _ => false,
        }
    }

    /// Whether `h[start..end]` is a whole message: after the start of a line or a `:` (and spaces), before a final
    /// period, spaces and the end of the line.
    fn whole_message(&self, start: usize, end: usize) -> bool {
        let h = self.haystack;
        let blank = |b: &u8| matches!(b, b' ' | b'\t');
        let lead = h[..start].iter().rev().take_while(|b| blank(b)).count();
        let opens = match start - lead {
            0 => !self.token_before,
            i => matches!(h[i - 1], b'\n' | b'\r' | b':'),
        };
        let mut rest = &h[end..];
        if let [b'.', tail @ ..] = rest {
            rest = tail;
        }
        let trail = rest.iter().take_while(|b| blank(b)).count();
        let closes = match rest.get(trail) {
            None => !self.token_after || trail > 0,
            Some(b) => matches!(b, b'\n' | b'\r'),
        };
        opens && closes
    }
}

/// Every code in `haystack` as annotate reports it: the scanner's codes and the message texts that overlap none of
/// them, in order.
///
/// ```
/// let line = b"Win32Exception (0x80004005): The target principal name is incorrect";
/// let names: Vec<_> = secstatus::find_codes(line).map(|f| f.code.name()).collect();
/// assert_eq!(names, ["E_FAIL", "SEC_E_WRONG_PRINCIPAL"]);
/// ```
pub fn find_codes(haystack: &[u8]) -> impl Iterator<Item = Found> + '_ {
    merge(crate::scan(haystack), find_messages(haystack))
}

/// `codes` and `messages`, each in order, merged in order; a message that overlaps a code is dropped.
pub(crate) fn merge(
    codes: impl Iterator<Item = Found>,
    messages: impl Iterator<Item = Found>,
) -> impl Iterator<Item = Found> {
    let mut codes = codes.peekable();
    let mut messages = messages.peekable();
    let mut last_code_end = 0;
    core::iter::from_fn(move || loop {
        match (codes.peek(), messages.peek()) {
            (Some(c), Some(m)) if m.start < c.end && c.start < m.end => {
                messages.next();
            }
            (Some(c), Some(m)) if m.start < c.start => {
                let m = *m;
                messages.next();
                if m.start >= last_code_end {
                    return Some(m);
                }
            }
            (Some(_), _) => {
                let c = codes.next()?;
                last_code_end = c.end;
                return Some(c);
            }
            (None, Some(m)) => {
                let m = *m;
                messages.next();
                if m.start >= last_code_end {
                    return Some(m);
                }
            }
            (None, None) => return None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;

    fn names(h: &str) -> Vec<&'static str> {
        find_messages(h.as_bytes()).map(|f| f.code.name()).collect()
    }

    fn spans(h: &str) -> Vec<&str> {
        find_messages(h.as_bytes())
            .map(|f| &h[f.start..f.end])
            .collect()
    }

    // Each expectation is the name its source gives the text (data/texts.toml, MS-ERREF, the catalogue).
    #[test]
    fn the_issues_lines() {
        let cases = [
            (
                ".NET Win32Exception (0x80004005): The target principal name is incorrect",
                "SEC_E_WRONG_PRINCIPAL",
            ),
            (
                "kinit: Preauthentication failed while getting initial credentials",
                "KDC_ERR_PREAUTH_FAILED",
            ),
            ("KrbException: Message stream modified (41)", "KRB_AP_ERR_MODIFIED"),
            ("GSSException: No valid credentials provided", "GSS_S_NO_CRED"),
            (
                "Unspecified GSS failure.  Minor code may provide more information",
                "GSS_S_FAILURE",
            ),
            (
                "error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure",
                "handshake_failure",
            ),
            ("Error: Access is denied.", "ERROR_ACCESS_DENIED"),
            (
                "javax.net.ssl.SSLException: Received fatal alert: handshake_failure",
                "handshake_failure",
            ),
            (
                "The revocation function was unable to check revocation because the revocation server was offline.",
                "CRYPT_E_REVOCATION_OFFLINE",
            ),
        ];
        for (line, name) in cases {
            assert_eq!(names(line), [name], "{line}");
        }
    }

    // Each line is a real one, from the source data/texts.toml gives for its text, and the expectation is the code
    // the line itself names (Python's `[WinError N]`, curl's name and hex) as winerror.h defines it.
    #[test]
    fn russian_windows_texts_are_recognised() {
        let cases = [
            (
                "curl: (60) schannel: SNI or certificate check failed: SEC_E_WRONG_PRINCIPAL (0x80090322) - Главное конечное имя неверно.",
                "SEC_E_WRONG_PRINCIPAL",
            ),
            (
                "curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_CERT_EXPIRED (0x80090328) - Получен сертификат с истекшим сроком действия.",
                "SEC_E_CERT_EXPIRED",
            ),
            (
                "ConnectionResetError: [WinError 10054] Удаленный хост принудительно разорвал существующее подключение",
                "WSAECONNRESET",
            ),
            (
                "<urlopen error [WinError 10061] Подключение не установлено, т.к. конечный компьютер отверг запрос на подключение>",
                "WSAECONNREFUSED",
            ),
            (
                "OSError: [WinError 1231] Сетевая папка недоступна. За информацией о разрешении проблем в сети обратитесь к справочной системе Windows",
                "ERROR_NETWORK_UNREACHABLE",
            ),
            ("[WinError 2] Не удается найти указанный файл", "ERROR_FILE_NOT_FOUND"),
            ("Сервер RPC недоступен.", "RPC_S_SERVER_UNAVAILABLE"),
            (
                r#"OSError: [WinError 126] Не найден указанный модуль. Error loading "...\torch\lib\cudnn_cnn_infer64_8.dll" or one of its dependencies."#,
                "ERROR_MOD_NOT_FOUND",
            ),
            (
                "32(0x00000020): Процесс не может получить доступ к файлу, так как этот файл занят другим процессом.",
                "ERROR_SHARING_VIOLATION",
            ),
            (
                "aiohttp.client_exceptions.ClientOSError: [WinError 121] Превышен таймаут семафора",
                "ERROR_SEM_TIMEOUT",
            ),
            (
                "OSError: [Errno 10048] error while attempting to bind on address ('127.0.0.1', 5003): обычно разрешается только одно использование адреса сокета (протокол/сетевой адрес/порт)",
                "WSAEADDRINUSE",
            ),
            (
                r"* Значение: [WinError 183] Невозможно создать файл, так как он уже существует: 'C:\Program Files (x86)\Cataclysm DDA\game\previous_version'",
                "ERROR_ALREADY_EXISTS",
            ),
            (
                "curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092013) - Невозможно проверить функцию отзыва, т.к. сервер отзыва сертификатов недоступен .",
                "CRYPT_E_REVOCATION_OFFLINE",
            ),
        ];
        for (line, name) in cases {
            assert_eq!(names(line), [name], "{line}");
        }
        // The first letter in either case; a short text only as a whole message, as in English.
        assert_eq!(
            names("ошибка: главное конечное имя неверно"),
            ["SEC_E_WRONG_PRINCIPAL"]
        );
        assert_eq!(names("Error: Отказано в доступе."), ["ERROR_ACCESS_DENIED"]);
        for prose in [
            "Отказано в доступе к файлу журнала",
            "Служба не запущена, поэтому задание ждёт",
            "Главное конечное имя неверно указано в настройках",
            "ПодГлавное конечное имя неверно.",
            "123Не удается найти указанный файл.",
            "_Не удается найти указанный файл.",
            "Не удается найти указанный файл .NET",
        ] {
            assert!(names(prose).is_empty(), "{prose}");
        }
    }

    #[test]
    fn small_variations_are_tolerated() {
        for line in [
            "CLOCK SKEW TOO GREAT",
            "clock skew too great.",
            "Unspecified GSS failure. Minor code may provide more information",
            "unspecified gss failure.  minor code may provide more information.",
            "No credentials were supplied or the credentials were unavailable or inaccessible",
        ] {
            assert_eq!(names(line).len(), 1, "{line}");
        }
        assert_eq!(spans("x: Clock skew too great."), ["Clock skew too great"]);
    }

    #[test]
    fn the_longest_text_at_a_place_wins() {
        // MIT's older and newer GSS_S_NO_CRED texts: the longer one is the match.
        let line = "gss: No credentials were supplied, or the credentials were unavailable or inaccessible";
        assert_eq!(
            spans(line),
            ["No credentials were supplied, or the credentials were unavailable or inaccessible"]
        );
    }

    #[test]
    fn the_sspi_code_stands_for_its_twins() {
        assert!(find_messages(b"The logon attempt failed")
            .all(|f| matches!(f.code, Code::Sspi(e) if e.name() == "SEC_E_LOGON_DENIED")));
    }

    #[test]
    fn ordinary_prose_is_no_message() {
        for line in [
            "The access to the building is denied after ten.",
            "we learnt that access is denied to guests",
            "Access is denied. Try again later",
            "the ticket expired yesterday and the clock was wrong",
            "Your password has expired, please change it",
            "INFO 2024-01-01 server started on port 8080, handshake ok",
            "GET /index.html HTTP/1.1 200 OK",
            "The operation completed successfully.",
            "the client was not found in the database",
        ] {
            assert_eq!(names(line), Vec::<&str>::new(), "{line}");
        }
    }

    #[test]
    fn a_cut_or_glued_text_is_no_message() {
        for line in [
            "Clock skew too",
            "lock skew too great",
            "XClock skew too great",
            "Clock skew too greatly",
            "Message stream modifiedness",
            "sslv3 alert handshake failures",
        ] {
            assert_eq!(names(line), Vec::<&str>::new(), "{line}");
        }
        assert_eq!(
            find_messages_with_context(b"Clock skew too great", true, false).count(),
            0
        );
        assert_eq!(
            find_messages_with_context(b"Clock skew too great", false, true).count(),
            0
        );
    }

    #[test]
    fn short_texts_only_as_whole_messages() {
        assert_eq!(names("Error: Access is denied."), ["ERROR_ACCESS_DENIED"]);
        assert_eq!(names("Access is denied.\r\n"), ["ERROR_ACCESS_DENIED"]);
        assert_eq!(
            names("KrbException: Ticket expired"),
            ["KRB_AP_ERR_TKT_EXPIRED"]
        );
        assert_eq!(names("the door said Access is denied."), Vec::<&str>::new());
        assert_eq!(names("Error: Access is denied for now"), Vec::<&str>::new());
    }

    #[test]
    fn messages_come_in_order_without_overlap() {
        let line = "Clock skew too great; Message stream modified; Request is a replay";
        assert_eq!(
            names(line),
            [
                "KRB_AP_ERR_SKEW",
                "KRB_AP_ERR_MODIFIED",
                "KRB_AP_ERR_REPEAT"
            ]
        );
    }

    #[test]
    fn every_pattern_starts_where_the_filter_looks() {
        for (text, _, _) in texts() {
            let b = text.as_bytes();
            assert!(b.len() >= 8, "{text}");
            assert!(
                b[0].is_ascii_alphabetic() || b[0] == b'{' || matches!(b[0], 0xD0 | 0xD1),
                "{text}"
            );
            assert!(matcher().may_start(b, 0), "{text}");
        }
    }

    #[test]
    fn every_pattern_passes_the_filters_in_any_case_and_followed_by_anything() {
        let m = matcher();
        for &(text, _, _) in &tables::TEXTS {
            let text = pattern_bytes(text);
            for case in [text.to_vec(), text.to_ascii_uppercase()] {
                for tail in [&b""[..], b".", b" and more words after it"] {
                    let h = [b"x ", &case[..], tail].concat();
                    assert!(m.may_start(&h, 2), "{}", String::from_utf8_lossy(&h));
                }
            }
        }
    }

    #[test]
    fn a_start_that_only_begins_a_message_is_not_searched() {
        // Rows start with these eight bytes, and none with the sixteen.
        let m = matcher();
        for line in [
            &b"Security 4625 An account failed to log on."[..],
            b"Application SSPI handshake failed",
        ] {
            let eight = fold(*line.first_chunk().unwrap());
            assert!(has_bits(&m.starts, start_bits(eight)));
            let (lo, hi) = m.rows_starting(key(line).unwrap()).unwrap();
            assert!(m.patterns[lo..hi]
                .iter()
                .all(|p| folded_common(p, line) < 16));
            assert!(!m.may_start(line, 0), "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn word_starts_are_found_across_windows() {
        for pad in 0..200 {
            let mut h = vec![b' '; 300];
            h[pad..pad + 20].copy_from_slice(b"Clock skew too great");
            let found: Vec<_> = find_messages(&h)
                .map(|f| (f.start, f.code.name()))
                .collect();
            assert_eq!(found, [(pad, "KRB_AP_ERR_SKEW")], "pad {pad}");
            if pad > 0 {
                let mut glued = h.clone();
                glued[pad - 1] = b'x';
                assert!(find_messages(&glued).next().is_none(), "pad {pad}");
            }
        }
    }

    #[test]
    fn lower8_lowers_each_byte_as_the_standard_library_does() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut eight = [b'Q', 0xFF, b'@', b'[', 0x00, b'z', 0xC1, b'Z'];
                eight[at] = b;
                let want = eight.map(|c| c.to_ascii_lowercase());
                assert_eq!(
                    lower8(u64::from_le_bytes(eight)).to_le_bytes(),
                    want,
                    "{b:#04x} at {at}"
                );
            }
        }
    }

    #[test]
    fn folded_common_agrees_with_a_plain_loop() {
        let plain = |p: &[u8], h: &[u8]| {
            p.iter()
                .zip(h)
                .take_while(|(p, b)| **p == b.to_ascii_lowercase())
                .count()
        };
        let pattern = b"the security package is not able to marshall\xc3\xa9 data";
        let mut hay = pattern.to_ascii_uppercase();
        for len in 0..=pattern.len() {
            for cut in 0..=hay.len() {
                assert_eq!(
                    folded_common(&pattern[..len], &hay[..cut]),
                    plain(&pattern[..len], &hay[..cut])
                );
            }
        }
        // A difference at every place, in case and not.
        for at in 0..hay.len() {
            let keep = hay[at];
            for b in [
                b'@',
                b'[',
                b'`',
                b'{',
                0x80,
                keep ^ 0x20,
                keep.wrapping_add(1),
            ] {
                hay[at] = b;
                assert_eq!(
                    folded_common(pattern, &hay),
                    plain(pattern, &hay),
                    "{b:#04x} at {at}"
                );
            }
            hay[at] = keep;
        }
    }

    #[test]
    fn block_starts_agrees_with_a_plain_loop() {
        let set = "ab {_9 .Zq\t-\u{e9}[@`\u{fb}z{A \u{41e}\u{442}\u{43a}\u{430}\u{437}: \u{440}("
            .as_bytes();
        let h: Vec<u8> = (0..400usize).map(|i| set[i * 7 % set.len()]).collect();
        for base in [0, 1, 5, 63, 64, 100, 336, 350] {
            for token_before in [false, true] {
                let plain = (base..h.len().min(base + 64)).fold(0u64, |bits, i| {
                    let (letter_before, word_before) = match i {
                        0 => (token_before, token_before),
                        _ => (
                            h[i - 1].is_ascii_alphabetic(),
                            h[i - 1].is_ascii_alphanumeric()
                                || h[i - 1] == b'_'
                                || h[i - 1] >= 0x80,
                        ),
                    };
                    let start = (h[i].is_ascii_alphabetic() && !letter_before)
                        || h[i] == b'{'
                        || (matches!(h[i], 0xD0 | 0xD1) && !word_before);
                    bits | (u64::from(start) << (i - base))
                });
                assert_eq!(block_starts(&h, base, token_before), plain, "base {base}");
            }
        }
    }

    #[test]
    fn the_table_is_sorted_and_without_repeats() {
        assert!(tables::TEXTS
            .windows(2)
            .all(|w| pattern_bytes(w[0].0) < pattern_bytes(w[1].0)));
        // Every row is in the range of its first eight bytes.
        for (i, &(text, _, _)) in tables::TEXTS.iter().enumerate() {
            let text = text.str_in(tables::TEXT);
            let (lo, hi) = matcher()
                .rows_starting(key(text.as_bytes()).unwrap())
                .unwrap();
            assert!((lo..hi).contains(&i), "{text}");
        }
    }

    #[test]
    fn the_longest_prefix_search_agrees_with_a_plain_one() {
        for line in [
            "no credentials were supplied, or the credentials were unavailable or inaccessible.",
            "No credentials were supplied and more",
            "password has expired - change password to reset",
            "Password has expired - change",
            "the specified network password is not correct",
            "The specified zzz",
            "zzz",
        ] {
            let h = line.as_bytes();
            let plain = tables::TEXTS
                .iter()
                .enumerate()
                .map(|(i, &(p, _, _))| (i, pattern_bytes(p)))
                .filter(|(_, p)| h.len() >= p.len() && h[..p.len()].eq_ignore_ascii_case(p))
                .max_by_key(|(_, p)| p.len())
                .map(|(i, p)| (i, p.len()));
            assert_eq!(matcher().longest(h, 0), plain, "{line}");
        }
    }

    #[test]
    fn every_row_resolves_to_a_code() {
        assert_eq!(texts().count(), tables::TEXTS.len());
        let mut seen = String::new();
        for (text, _, _) in texts() {
            assert_eq!(text, text.to_ascii_lowercase());
            seen.clear();
            seen.push_str(text);
            assert!(!seen.ends_with('.'), "{text}");
        }
    }

    #[test]
    fn the_stream_reports_messages_among_codes() {
        use crate::stream::{Hit, Sink, Stream};
        struct Names(Vec<(u64, &'static str, Form)>);
        impl Sink for Names {
            const LINES: bool = true;
            fn matched(&mut self, hit: &Hit<'_>) -> std::io::Result<()> {
                self.0
                    .push((hit.line, hit.found.code.name(), hit.found.form));
                Ok(())
            }
        }
        let log = b"ok\nKrbException: Clock skew too great (37)\n0x80090322 The target principal name is incorrect.\nthe clock skew too\n";
        let mut names = Names(Vec::new());
        Stream::new().run(&mut &log[..], &mut names).unwrap();
        assert_eq!(
            names.0,
            [
                (2, "KRB_AP_ERR_SKEW", Form::Message),
                (3, "SEC_E_WRONG_PRINCIPAL", Form::Hex),
                (3, "SEC_E_WRONG_PRINCIPAL", Form::Message),
            ]
        );
    }

    #[test]
    fn merging_keeps_codes_and_drops_overlapping_messages() {
        let f = |start, end, form| Found {
            start,
            end,
            code: Code::Sspi(SecStatus::SEC_E_TIME_SKEW.entry().unwrap()),
            form,
        };
        let codes = vec![f(10, 20, Form::Hex), f(30, 40, Form::Hex)];
        let messages = vec![
            f(0, 5, Form::Message),
            f(15, 25, Form::Message),
            f(41, 50, Form::Message),
        ];
        let merged: Vec<_> = merge(codes.into_iter(), messages.into_iter())
            .map(|f| (f.start, f.form))
            .collect();
        assert_eq!(
            merged,
            [
                (0, Form::Message),
                (10, Form::Hex),
                (30, Form::Hex),
                (41, Form::Message)
            ]
        );
    }
}
