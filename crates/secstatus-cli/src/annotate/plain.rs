//! The default output: the input unchanged, and `  [secstatus: …]` after the content of every line that holds
//! codes, before its terminator (CRLF stays CRLF; a last line without a newline stays without).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::io::{self, Write};

use secstatus::stream::{Hit, Sink};
use secstatus::{Code, Hex, Lang};

use super::Output;
use crate::human::Style;

/// The most codes remembered for one line's annotation; the rest are counted.
const MAX_PER_LINE: usize = 32;
/// The most distinct annotations kept rendered; dense logs repeat a few combinations of codes endlessly.
const CACHE_SIZE: usize = 4096;

/// One code on the current line, with the LDAP `data` sub-code that follows it.
#[derive(Clone, Copy, Debug)]
struct Noted {
    code: Code,
    ldap: Option<u32>,
}

impl Noted {
    /// What tells two apart: the system, the value and the sub-code (comparing `Code`s would compare whole
    /// entries).
    fn key(&self) -> (bool, u32, Option<u32>) {
        (
            matches!(self.code, Code::NtStatus(_)),
            self.code.value(),
            self.ldap,
        )
    }
}

impl PartialEq for Noted {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Noted {}

impl Hash for Noted {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// FNV-1a: a few small integers per key, hashed often; no need for SipHash's protection, since the keys come from
/// the catalogue's values.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
}

/// Rendered annotations by the codes of a line and how many more there were.
type Cache = HashMap<(Vec<Noted>, usize), Box<[u8]>, BuildHasherDefault<Fnv>>;

/// The annotated input.
pub struct Plain<'o, W: Write> {
    out: &'o mut W,
    lang: Lang,
    style: Style,
    line_buffered: bool,
    /// Codes of the current line, each once.
    pending: Vec<Noted>,
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
            overflow: 0,
            cache: HashMap::default(),
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
        self.out.write_all(bytes)
    }

    fn line_end(&mut self, terminator: &[u8]) -> io::Result<()> {
        let key = (std::mem::take(&mut self.pending), self.overflow);
        self.overflow = 0;
        if let Some(note) = self.cache.get(&key) {
            self.out.write_all(note)?;
        } else {
            let note = annotation(&key.0, key.1, self.lang, self.style).into_bytes();
            self.out.write_all(&note)?;
            if self.cache.len() >= CACHE_SIZE {
                self.cache.clear();
            }
            self.cache.insert(key, note.into_boxed_slice());
        }
        self.out.write_all(terminator)
    }

    fn chunk_end(&mut self) -> io::Result<()> {
        if self.line_buffered {
            self.out.flush()?;
        }
        Ok(())
    }
}

impl<W: Write> Output for Plain<'_, W> {
    fn begin(&mut self, _path: &str) {}

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn found_any(&self) -> bool {
        self.found_any
    }
}

/// The text appended to a line that holds codes.
fn annotation(pending: &[Noted], overflow: usize, lang: Lang, style: Style) -> String {
    let parts: Vec<String> = pending
        .iter()
        .map(|o| {
            let mut part = match o.code {
                Code::NtStatus(f) => {
                    let sspi = f
                        .primary()
                        .map(|m| format!(" -> {}", m.status()))
                        .unwrap_or_default();
                    format!(
                        "{} ({}, NTSTATUS): {}{sspi}",
                        f.name(),
                        Hex(f.value()),
                        f.meaning().get(lang)
                    )
                }
                code => {
                    let message = code
                        .sspi()
                        .and_then(|s| s.entry())
                        .map_or("", |e| e.message().get(lang));
                    format!("{} ({}): {message}", code.name(), Hex(code.value()))
                }
            };
            if let Some(data) = o.ldap {
                let label = match lang {
                    Lang::Ru => "Данные LDAP",
                    _ => "LDAP data",
                };
                match secstatus::ldap_sub_code(data) {
                    Some(sub) => part.push_str(&format!(
                        " {label} {data:x} = {} ({data}): {}",
                        sub.name(),
                        sub.meaning().get(lang)
                    )),
                    None => part.push_str(&format!(" {label} {data:x} ({data})")),
                }
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
