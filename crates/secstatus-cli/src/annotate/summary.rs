//! `annotate --summary`: per code, how often it occurs, where first and last, and in which inputs; printed once
//! every input has been read, most frequent first, as a table or as JSON. An LDAP bind diagnostic's `data`
//! sub-code counts as a code of its own (a Win32 error), since it is usually the answer.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use secstatus::stream::{Hit, Sink};
use secstatus::{Code, Hex, Lang};

use super::Output;
use crate::human::{printable, Style};
use crate::wire;

/// What is counted: a code of a system, or an LDAP `data` sub-code (a Win32 error). Orders SSPI codes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    /// 0 for SSPI, 1 for NTSTATUS, 2 for a sub-code.
    rank: u8,
    system: &'static str,
    value: u32,
    ldap: bool,
}

/// Per code.
#[derive(Debug, Default)]
struct Tally {
    name: String,
    count: u64,
    /// (input, line)
    first: (usize, u64),
    last: (usize, u64),
    inputs: Vec<usize>,
}

/// How the summary is printed.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Table { lang: Lang, style: Style },
    Json,
}

/// The summary of every input.
pub struct Summary<'o, W: Write> {
    out: &'o mut W,
    format: Format,
    /// Names of the inputs seen so far.
    paths: Vec<String>,
    tallies: BTreeMap<Key, Tally>,
}

impl<'o, W: Write> Summary<'o, W> {
    pub fn new(out: &'o mut W, format: Format) -> Self {
        Summary {
            out,
            format,
            paths: Vec::new(),
            tallies: BTreeMap::new(),
        }
    }

    /// The tallies, most frequent first (then by system and value).
    fn ranked(&self) -> Vec<(&Key, &Tally)> {
        let mut ranked: Vec<_> = self.tallies.iter().collect();
        ranked.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        ranked
    }

    fn json(&self) -> Vec<wire::Tally<'_>> {
        let at = |(input, line): (usize, u64)| wire::At {
            path: &self.paths[input],
            line,
        };
        self.ranked()
            .into_iter()
            .map(|(key, t)| wire::Tally {
                name: &t.name,
                value: Hex(key.value),
                count: t.count,
                first: at(t.first),
                last: at(t.last),
                files: t.inputs.iter().map(|&i| self.paths[i].as_str()).collect(),
                system: key.system,
                ldap_data: key.ldap.then(|| format!("{:x}", key.value)),
            })
            .collect()
    }

    fn table(&self, lang: Lang, style: Style) -> String {
        let header = match lang {
            Lang::Ru => ["ИМЯ", "ЗНАЧЕНИЕ", "ВСТРЕЧ", "ПЕРВОЕ", "ПОСЛЕДНЕЕ", "ФАЙЛЫ"],
            _ => ["NAME", "VALUE", "COUNT", "FIRST", "LAST", "FILES"],
        };
        let at = |(input, line): (usize, u64)| format!("{}:{line}", printable(&self.paths[input]));
        let rows: Vec<[String; 6]> = self
            .ranked()
            .into_iter()
            .map(|(key, t)| {
                let files: Vec<_> = t
                    .inputs
                    .iter()
                    .map(|&i| printable(&self.paths[i]))
                    .collect();
                let value = if key.ldap {
                    let label = match lang {
                        Lang::Ru => "данные LDAP",
                        _ => "LDAP data",
                    };
                    format!("{label} {:x}", key.value)
                } else {
                    Hex(key.value).to_string()
                };
                [
                    t.name.clone(),
                    value,
                    t.count.to_string(),
                    at(t.first),
                    at(t.last),
                    files.join(", "),
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        // On a terminal too narrow for the table, the last columns go: FILES (FIRST and LAST name the files too),
        // then LAST. NAME, VALUE, COUNT and FIRST always stay.
        let fits = |n: usize| widths[..n].iter().sum::<usize>() + 2 * (n - 1);
        let shown = match style.width {
            None => 6,
            Some(w) => (4..=6).rev().find(|&n| fits(n) <= w).unwrap_or(4),
        };
        let pad =
            |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
        let mut out = String::new();
        let head: Vec<_> = header
            .iter()
            .zip(widths)
            .take(shown)
            .map(|(h, w)| pad(h, w))
            .collect();
        let _ = writeln!(out, "{}", style.dim(head.join("  ").trim_end()));
        for row in &rows {
            let mut cells = vec![
                style.name(&pad(&row[0], widths[0])),
                pad(&row[1], widths[1]),
                format!("{:>w$}", row[2], w = widths[2]),
            ];
            cells.extend((3..shown).map(|i| pad(&row[i], widths[i])));
            let _ = writeln!(out, "{}", cells.join("  ").trim_end());
        }
        out
    }
}

impl<W: Write> Summary<'_, W> {
    fn count(&mut self, key: Key, line: u64, name: impl FnOnce() -> String) {
        let input = self.paths.len().saturating_sub(1);
        let t = self.tallies.entry(key).or_default();
        let at = (input, line);
        if t.count == 0 {
            t.first = at;
            t.name = name();
        }
        t.count += 1;
        t.last = at;
        if t.inputs.last() != Some(&input) {
            t.inputs.push(input);
        }
    }
}

impl<W: Write> Sink for Summary<'_, W> {
    const LINES: bool = true;
    const LINE_ENDS: bool = false;

    fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
        let code = hit.found.code;
        let (rank, system) = match code {
            Code::Foreign(f) => (1, f.system().as_str()),
            Code::WindowsError(e) => (1, e.system().as_str()),
            _ => (0, "sspi"),
        };
        let key = Key {
            rank,
            system,
            value: code.value(),
            ldap: false,
        };
        self.count(key, hit.line, || code.name().to_string());
        // A sub-code the tables know counts as a code of its own; an unknown one has no name to count it under.
        if let Some(sub) = hit.ldap.and_then(secstatus::ldap_sub_code) {
            let data = sub.value();
            let name = || sub.name().to_string();
            let key = Key {
                rank: 2,
                system: "win32",
                value: data,
                ldap: true,
            };
            self.count(key, hit.line, name);
        }
        Ok(())
    }
}

impl<W: Write> Output for Summary<'_, W> {
    fn begin(&mut self, path: &str) {
        self.paths.push(path.to_string());
    }

    fn finish(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => {
                let mut text = Vec::new();
                wire::write_line(&mut text, &self.json())?;
                self.out.write_all(&text)?;
            }
            Format::Table { lang, style } => {
                let table = self.table(lang, style);
                self.out.write_all(table.as_bytes())?;
            }
        }
        self.out.flush()
    }

    fn events(&mut self) -> super::events::Target<'_> {
        super::events::Target::Summary {
            out: self.out,
            format: self.format,
        }
    }

    fn found_any(&self) -> bool {
        !self.tallies.is_empty()
    }
}
