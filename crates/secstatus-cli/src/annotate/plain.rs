//! The default output: the input unchanged, and `  [secstatus: …]` after the content of every line that holds
//! codes, before its terminator (CRLF stays CRLF; a last line without a newline stays without).

use std::fmt::Write as _;
use std::io::{self, Write};

use secstatus::stream::{Hit, Sink};
use secstatus::{Code, Hex, Lang, LineContext, System};

use super::Output;
use crate::human::{context_label, Style};

/// The most codes remembered for one line's annotation; the rest are counted.
const MAX_PER_LINE: usize = 32;
/// How much of a line with codes is kept for the contexts its words give (products, states, event ids).
const LINE_WORDS: usize = 4096;

/// One code on the current line, with the LDAP `data` sub-code that follows it.
#[derive(Clone, Copy, Debug)]
struct Noted {
    code: Code,
    ldap: Option<u32>,
}

impl Noted {
    /// What tells two apart: the system, the value and the sub-code (comparing `Code`s would compare whole
    /// entries).
    fn key(&self) -> (&'static str, u32, Option<u32>) {
        (self.code.system(), self.code.value(), self.ldap)
    }
}

impl PartialEq for Noted {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Noted {}

/// Rendered annotations, by a fingerprint of the line's codes into sets of [`Cache::WAYS`] (dense logs repeat a few
/// combinations endlessly, and two of them may share a set); an entry is checked against the codes and the contexts
/// themselves before it is used.
struct Cache {
    sets: Vec<Set>,
}

/// The entries of one fingerprint's set, and which one a miss replaces next.
#[derive(Clone, Default)]
struct Set {
    ways: [Option<Rendered>; Cache::WAYS],
    next: usize,
}

/// A line's codes, how many more there were, the contexts its words gave, and their annotation.
type Rendered = (Vec<Noted>, usize, LineContext, Box<[u8]>);

impl Cache {
    const SETS: usize = 256;
    const WAYS: usize = 4;

    fn new() -> Cache {
        Cache {
            sets: vec![Set::default(); Self::SETS],
        }
    }

    fn set(pending: &[Noted], overflow: usize) -> usize {
        let mut h = overflow as u64;
        for n in pending {
            let (nt, value, ldap) = n.key();
            h = (h
                ^ u64::from(value)
                ^ (u64::from(nt.as_bytes()[0]) << 32)
                ^ (u64::from(ldap.unwrap_or(0)) << 33))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        (h >> 56) as usize % Self::SETS
    }

    /// The annotation for these codes, rendered by `render` the first time (or again once replaced).
    fn get(
        &mut self,
        pending: &[Noted],
        overflow: usize,
        words: &LineContext,
        render: impl FnOnce() -> String,
    ) -> &[u8] {
        let set = &mut self.sets[Self::set(pending, overflow)];
        let hit = set.ways.iter().position(|way| {
            way.as_ref().is_some_and(|(codes, more, seen, _)| {
                *more == overflow && codes[..] == *pending && seen == words
            })
        });
        let way = hit.unwrap_or_else(|| {
            let way = set.next;
            set.next = (way + 1) % Self::WAYS;
            set.ways[way] = Some((
                pending.to_vec(),
                overflow,
                words.clone(),
                render().into_bytes().into_boxed_slice(),
            ));
            way
        });
        set.ways[way]
            .as_ref()
            .map_or(&[][..], |(_, _, _, note)| note)
    }
}

/// The annotated input.
pub struct Plain<'o, W: Write> {
    out: &'o mut W,
    lang: Lang,
    style: Style,
    line_buffered: bool,
    /// Codes of the current line, each once.
    pending: Vec<Noted>,
    /// The current line as far as it has been read (its first [`LINE_WORDS`] bytes), for the contexts its words
    /// give.
    line: Vec<u8>,
    overflow: usize,
    /// Rendered annotations by the codes they explain.
    cache: Cache,
    found_any: bool,
}

impl<'o, W: Write> Plain<'o, W> {
    /// `line_buffered` flushes after every chunk of lines, for `tail -f` and terminals.
    pub fn new(out: &'o mut W, lang: Lang, style: Style, line_buffered: bool) -> Self {
        Plain {
            out,
            lang,
            style,
            line_buffered,
            pending: Vec::new(),
            line: Vec::new(),
            overflow: 0,
            cache: Cache::new(),
            found_any: false,
        }
    }
}

impl<W: Write> Sink for Plain<'_, W> {
    fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
        self.found_any = true;
        let noted = Noted {
            code: hit.found.code,
            ldap: hit.ldap,
        };
        if !self.pending.contains(&noted) {
            if self.pending.len() < MAX_PER_LINE {
                self.pending.push(noted);
            } else {
                self.overflow += 1;
            }
        }
        Ok(())
    }

    fn context(&mut self, bytes: &[u8]) -> io::Result<()> {
        // Only the last line of the piece can be one with codes; a line longer than the cap keeps its start.
        let tail = match memchr::memrchr(b'\n', bytes) {
            Some(nl) => {
                self.line.clear();
                &bytes[nl + 1..]
            }
            None => bytes,
        };
        let room = LINE_WORDS.saturating_sub(self.line.len());
        self.line.extend_from_slice(&tail[..tail.len().min(room)]);
        self.out.write_all(bytes)
    }

    fn line_end(&mut self, terminator: &[u8]) -> io::Result<()> {
        let (lang, style) = (self.lang, self.style);
        let (pending, overflow) = (&self.pending, self.overflow);
        // The line's words are read only for a code whose advice depends on them (a product, a state, an event).
        let mut words = LineContext::default();
        let wants_words =
            |n: &Noted| matches!(n.code, Code::Sspi(e) if LineContext::wants_words(e));
        if pending.iter().any(wants_words) {
            // A line cut at the cap ends in a word cut short: `state 1` of `state 14` must not be read.
            let mut line = &self.line[..];
            if line.len() >= LINE_WORDS {
                let cut = line.iter().rposition(|b| !b.is_ascii_alphanumeric());
                line = &line[..cut.map_or(0, |i| i + 1)];
            }
            words.add_words(line);
        }
        let note = self.cache.get(pending, overflow, &words, || {
            annotation(pending, overflow, &words, lang, style)
        });
        self.out.write_all(note)?;
        self.out.write_all(terminator)?;
        self.pending.clear();
        self.line.clear();
        self.overflow = 0;
        Ok(())
    }

    fn chunk_end(&mut self) -> io::Result<()> {
        if self.line_buffered {
            self.out.flush()?;
        }
        Ok(())
    }
}

impl<W: Write> Output for Plain<'_, W> {
    fn begin(&mut self, _path: &str) {
        // A new input: the last one's unfinished line says nothing about this one's first.
        self.line.clear();
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn events(&mut self) -> super::events::Target<'_> {
        super::events::Target::Lines {
            out: self.out,
            lang: self.lang,
            style: self.style,
        }
    }

    fn found_any(&self) -> bool {
        self.found_any
    }
}

/// The name and meaning of an LDAP `data` sub-code: a curated Win32 row (with Russian), else the broad table's
/// (English, labelled so in Russian).
fn ldap_sub_code(data: u32, lang: Lang) -> Option<(&'static str, String)> {
    if let Some(f) = secstatus::ldap_sub_code(data) {
        return Some((f.name(), f.meaning().get(lang).to_string()));
    }
    let e = secstatus::errors::by_value(System::Win32, data).first()?;
    let english = if lang == Lang::Ru {
        " (на английском)"
    } else {
        ""
    };
    Some((e.name(), format!("{}{english}", e.message())))
}

/// The text appended to a line that holds codes; `words` are the contexts the line's words gave.
fn annotation(
    pending: &[Noted],
    overflow: usize,
    words: &LineContext,
    lang: Lang,
    style: Style,
) -> String {
    // Most specific first: a Kerberos error, TLS alert or GSS-API status says what an SSPI code or HRESULT on the
    // same line only summarises (`SEC_E_ILLEGAL_MESSAGE ... fatal alert code is 40`). Otherwise the line's order.
    let mut ordered: Vec<&Noted> = pending.iter().collect();
    ordered.sort_by_key(|o| !matches!(o.code.system(), "krb" | "tls" | "gss"));
    // Where the line says the codes appeared (a TLS alert, a Kerberos error, an NTSTATUS, an LDAP sub-code): an SSPI
    // code's advice for it is added to its explanation.
    let mut context = words.clone();
    for o in pending {
        context.add_code(o.code);
        if let Some(data) = o.ldap {
            context.add_ldap_data(data);
        }
    }
    let parts: Vec<String> = ordered
        .into_iter()
        .map(|o| {
            let mut part = match o.code {
                Code::Foreign(f) => {
                    let sspi = f
                        .primary()
                        .map(|m| format!(" -> {}", m.status()))
                        .unwrap_or_default();
                    format!(
                        "{} ({}, {}): {}{sspi}",
                        f.name(),
                        crate::human::foreign_value(f),
                        f.system().label(lang),
                        f.meaning().get(lang)
                    )
                }
                Code::WindowsError(e) => {
                    let english = if lang == Lang::Ru {
                        " (на английском)"
                    } else {
                        ""
                    };
                    format!(
                        "{} ({}): {}{english}",
                        e.name(),
                        crate::human::error_label(e, lang),
                        e.message()
                    )
                }
                code => {
                    let entry = code.sspi().and_then(|s| s.entry());
                    let message = entry.map_or("", |e| e.message().get(lang));
                    let mut part = format!("{} ({}): {message}", code.name(), Hex(code.value()));
                    // The first fix for the line's context, else its first cause.
                    if let Some(e) = entry.filter(|_| matches!(code, Code::Sspi(_))) {
                        let here: Vec<_> = context.advice(e).collect();
                        let first = here.iter().find(|a| e.fixes().contains(a)).or(here.first());
                        if let Some(a) = first {
                            let label = a
                                .context()
                                .map(|c| context_label(c, lang))
                                .unwrap_or_default();
                            let _ = write!(part, " — {label}: {}", a.get(lang));
                        }
                    }
                    part
                }
            };
            if let Some(data) = o.ldap.filter(|&data| data != 0) {
                // The sub-code says what went wrong: it leads, and the code that carried it follows.
                let (label, under) = match lang {
                    Lang::Ru => ("Данные LDAP", "в составе"),
                    _ => ("LDAP data", "under"),
                };
                let sub = match ldap_sub_code(data, lang) {
                    Some((name, meaning)) => {
                        format!("{label} {data:x} = {name} ({data}): {meaning}")
                    }
                    None => format!("{label} {data:x} ({data})"),
                };
                part = format!("{sub} ({under} {part})");
            }
            part
        })
        .collect();
    let more = if overflow > 0 {
        format!(" | +{overflow}")
    } else {
        String::new()
    };
    format!(
        "  {}",
        style.dim(&format!("[secstatus: {}{more}]", parts.join(" | ")))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noted(entry: &'static secstatus::Entry) -> Noted {
        Noted {
            code: Code::Sspi(entry),
            ldap: None,
        }
    }

    #[test]
    fn the_cache_keeps_combinations_that_share_a_set() {
        // Five pairs of codes whose fingerprints fall in one set: four stay, rendered once each however they
        // alternate.
        let mut by_set = std::collections::HashMap::<usize, Vec<[Noted; 2]>>::new();
        for a in secstatus::entries() {
            for b in secstatus::entries() {
                let pair = [noted(a), noted(b)];
                by_set.entry(Cache::set(&pair, 0)).or_default().push(pair);
            }
        }
        let shared = by_set
            .into_values()
            .find(|pairs| pairs.len() > Cache::WAYS)
            .expect("more pairs than sets");
        let label = |pair: &[Noted; 2]| format!("{} {}", pair[0].code.name(), pair[1].code.name());
        let mut cache = Cache::new();
        let mut renders = 0;
        let words = LineContext::default();
        for _ in 0..10 {
            for pair in &shared[..Cache::WAYS] {
                let note = cache.get(pair, 0, &words, || {
                    renders += 1;
                    label(pair)
                });
                assert_eq!(note, label(pair).as_bytes());
            }
        }
        assert_eq!(renders, Cache::WAYS);
        // A fifth replaces one, and each is still its own.
        for pair in &shared[..=Cache::WAYS] {
            assert_eq!(
                cache.get(pair, 0, &words, || label(pair)),
                label(pair).as_bytes()
            );
        }
    }

    #[test]
    fn the_cache_tells_contexts_apart() {
        let n = noted(secstatus::entries().next().expect("an entry"));
        let mut sql = LineContext::default();
        sql.add_words(b"SQL Server: SSPI handshake failed, state 14");
        assert_ne!(sql, LineContext::default());
        let mut cache = Cache::new();
        for _ in 0..3 {
            assert_eq!(
                cache.get(&[n], 0, &LineContext::default(), || "plain".into()),
                b"plain"
            );
            assert_eq!(cache.get(&[n], 0, &sql, || "sql".into()), b"sql");
            assert_eq!(
                cache.get(&[n], 1, &sql, || "sql, 1 more".into()),
                b"sql, 1 more"
            );
        }
    }
}
