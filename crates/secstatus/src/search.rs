//! Full-text search over the catalogue, in every language at once.

use crate::generated::{ENTRIES, ENTRY_COUNT};
use crate::{Entry, Lang, SecStatus, Text};

/// The most words of a query that count; the rest are ignored.
pub(crate) const MAX_WORDS: usize = 16;

/// Search results, best first; see [`search`].
///
/// ```
/// use secstatus::{search, SecStatus};
/// let hits: Vec<_> = search("clock").collect();
/// assert_eq!(hits[0].0.status(), SecStatus::SEC_E_TIME_SKEW);
/// // Best first, and only entries that match at all.
/// assert!(hits.windows(2).all(|w| w[0].1 >= w[1].1));
/// assert!(hits.iter().all(|&(_, score)| score > 0));
/// ```
#[derive(Clone, Debug)]
pub struct Hits {
    ranked: [(u32, u8); ENTRY_COUNT],
    next: usize,
}

impl Iterator for Hits {
    type Item = (&'static Entry, u32);

    fn next(&mut self) -> Option<Self::Item> {
        let &(score, index) = self.ranked.get(self.next)?;
        self.next += 1;
        // Hits far weaker than the best are noise: a word that only grazes them (`match` in `mismatch`).
        let best = self.ranked[0].0;
        (score > 0 && score.saturating_mul(RELEVANT) >= best)
            .then(|| (&ENTRIES[usize::from(index)], score))
    }
}

/// A hit is shown when its score is at least the best one's divided by this.
const RELEVANT: u32 = 4;

/// Finds the entries whose names, meanings, messages, next steps, causes, fixes or errata contain the words of
/// `query`, in English or Russian, ignoring case. Best first: words that few entries contain weigh more, and a
/// hit in a name or meaning weighs more than one in a cause.
///
/// Words of six letters or more also match other word forms sharing their stem (`certificates`, `сертификата`);
/// words with digits or `_` (values, names) match only as written, and a word that is a code's value finds it.
///
/// ```
/// use secstatus::{search, SecStatus};
/// let (best, _) = search("clocks do not match").next().unwrap();
/// assert_eq!(best.status(), SecStatus::SEC_E_TIME_SKEW);
/// // Stop words (`do`, `not`; `не`, `и`) do not count: only entries about clocks or matching are found (those
/// // whose causes blame a clock among them), not the dozens that merely say "not".
/// assert!(search("clocks do not match").count() <= 10);
/// let (best, _) = search("часы").next().unwrap();
/// assert_eq!(best.status(), SecStatus::SEC_E_TIME_SKEW);
/// let (best, _) = search("0x80090308").next().unwrap();
/// assert_eq!(best.status(), SecStatus::SEC_E_INVALID_TOKEN);
/// assert_eq!(search("zzzzqqq").count(), 0);
/// ```
pub fn search(query: &str) -> Hits {
    let mut words = [""; MAX_WORDS];
    let mut count = 0;
    // A word is letters, digits and `_`; a leading `-` stays with digits, so `-2146893044` is one value.
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = query;
    let pieces = core::iter::from_fn(|| {
        let start = rest.find(|c: char| is_word_char(c) || c == '-')?;
        let tail = &rest[start..];
        let first = tail.chars().next().map_or(0, char::len_utf8);
        let len = tail[first..]
            .find(|c: char| !is_word_char(c))
            .map_or(tail.len(), |n| n + first);
        rest = &tail[len..];
        Some(&tail[..len])
    });
    let split = pieces.map(|w| {
        // A `-` that signs no number is punctuation.
        let signed_number =
            w.len() > 1 && w.starts_with('-') && w[1..].bytes().all(|b| b.is_ascii_digit());
        if signed_number {
            w
        } else {
            w.trim_start_matches('-')
        }
    });
    let mut stop = [""; MAX_WORDS];
    let mut stops = 0;
    for word in split.filter(|w| !w.is_empty()) {
        if is_stop_word(word) {
            if stops < MAX_WORDS {
                stop[stops] = word;
                stops += 1;
            }
        } else if count < MAX_WORDS {
            words[count] = stem(word);
            count += 1;
        }
    }
    // A query of stop words alone (`no`) still searches for them.
    let words = if count == 0 {
        &stop[..stops]
    } else {
        &words[..count]
    };

    let mut ranked = [(0u32, 0u8); ENTRY_COUNT];
    for (i, slot) in ranked.iter_mut().enumerate() {
        *slot = (0, i as u8);
    }
    for word in words {
        // A word that is a value (`0x80090308`, `80090308`) finds its code as surely as its name does.
        let as_code = word
            .parse::<SecStatus>()
            .ok()
            .filter(|s| s.entry().is_some());
        let mut weights = [0u32; ENTRY_COUNT];
        for (weight, entry) in weights.iter_mut().zip(ENTRIES.iter()) {
            *weight = field_weight(entry, word, as_code);
        }
        let df = weights.iter().filter(|&&w| w > 0).count() as u32;
        if df == 0 {
            continue;
        }
        // Rarer words weigh more: a word in every entry adds almost nothing.
        let idf = (ENTRY_COUNT as u32 * 64) / df;
        for (score, index) in ranked.iter_mut() {
            *score += weights[usize::from(*index)] * idf;
        }
    }
    // Equal scores keep value order.
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Hits { ranked, next: 0 }
}

/// Words too common to tell entries apart, in English and Russian: `clocks do not match` searches for `clocks` and
/// `match`.
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "my",
    "no",
    "not",
    "of",
    "on",
    "or",
    "so",
    "than",
    "that",
    "the",
    "then",
    "there",
    "this",
    "to",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "why",
    "will",
    "with",
    "would",
    "you",
    "а",
    "без",
    "бы",
    "в",
    "во",
    "вы",
    "да",
    "для",
    "до",
    "же",
    "за",
    "и",
    "из",
    "или",
    "к",
    "как",
    "когда",
    "ли",
    "мы",
    "на",
    "над",
    "не",
    "нет",
    "но",
    "о",
    "об",
    "от",
    "по",
    "под",
    "при",
    "с",
    "со",
    "так",
    "то",
    "у",
    "что",
    "это",
    "я",
];

/// Whether `word` is a stop word, in any case.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS
        .iter()
        .any(|s| s.chars().count() == word.chars().count() && starts_with_ignore_case(word, s))
}

/// The word itself, or for long words the stem shared by their forms (all but the last two characters).
fn stem(word: &str) -> &str {
    let chars = word.chars().count();
    // Numbers and identifiers have no word forms: `0x80090308` must not match `0x800903…`.
    if chars < 6 || word.contains(|c: char| c.is_ascii_digit() || c == '_') {
        return word;
    }
    let keep = chars - 2;
    word.char_indices()
        .nth(keep)
        .map_or(word, |(i, _)| &word[..i])
}

/// How strongly `entry` matches one word: the heaviest field it occurs in.
fn field_weight(entry: &Entry, word: &str, as_code: Option<SecStatus>) -> u32 {
    if as_code == Some(entry.status()) {
        return 8;
    }
    let in_text = |t: &Text| {
        Lang::ALL
            .iter()
            .any(|&l| contains_ignore_case(t.get(l), word))
    };
    let in_list = |list: &[crate::Advice]| list.iter().any(|a| in_text(&a.text()));
    if contains_ignore_case(entry.name(), word)
        || entry
            .aliases()
            .iter()
            .any(|a| contains_ignore_case(a.name(), word))
    {
        8
    } else if in_text(&entry.meaning())
        || in_text(&entry.message())
        || entry
            .windows_message()
            .is_some_and(|t| contains_ignore_case(t, word))
    {
        4
    } else if in_list(entry.causes()) || in_list(entry.fixes()) {
        2
    } else if entry.next_step().as_ref().is_some_and(in_text)
        || entry.erratum().as_ref().is_some_and(in_text)
    {
        1
    } else {
        0
    }
}

/// Unicode case-insensitive substring test, without allocating.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if needle.is_ascii() {
        let needle = needle.as_bytes();
        return haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle));
    }
    haystack
        .char_indices()
        .any(|(start, _)| starts_with_ignore_case(&haystack[start..], needle))
}

fn starts_with_ignore_case(haystack: &str, needle: &str) -> bool {
    let mut hay = haystack.chars().flat_map(char::to_lowercase);
    needle
        .chars()
        .flat_map(char::to_lowercase)
        .all(|n| hay.next() == Some(n))
}
