//! `annotate --summary`: per code, how often it occurs, where first and last, and in which inputs; printed once
//! every input has been read, as a table or as JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use secstatus::stream::{Hit, Sink};
use secstatus::{Hex, Lang};

use super::Output;
use crate::human::{printable, Style};
use crate::wire;

/// Per code.
#[derive(Debug, Default)]
struct Tally {
    name: &'static str,
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
    tallies: BTreeMap<u32, Tally>,
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

    fn json(&self) -> Vec<wire::Tally<'_>> {
        let at = |(input, line): (usize, u64)| wire::At {
            path: &self.paths[input],
            line,
        };
        self.tallies
            .iter()
            .map(|(&value, t)| wire::Tally {
                name: t.name,
                value: Hex(value),
                count: t.count,
                first: at(t.first),
                last: at(t.last),
                files: t.inputs.iter().map(|&i| self.paths[i].as_str()).collect(),
            })
            .collect()
    }

    fn table(&self, lang: Lang, style: Style) -> String {
        let header = match lang {
            Lang::Ru => ["ИМЯ", "ЗНАЧЕНИЕ", "ЧИСЛО", "ПЕРВАЯ", "ПОСЛЕДНЯЯ", "ФАЙЛЫ"],
            _ => ["NAME", "VALUE", "COUNT", "FIRST", "LAST", "FILES"],
        };
        let at = |(input, line): (usize, u64)| format!("{}:{line}", printable(&self.paths[input]));
        let rows: Vec<[String; 6]> = self
            .tallies
            .iter()
            .map(|(&value, t)| {
                let files: Vec<_> = t
                    .inputs
                    .iter()
                    .map(|&i| printable(&self.paths[i]))
                    .collect();
                [
                    t.name.to_string(),
                    Hex(value).to_string(),
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
        let pad =
            |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
        let mut out = String::new();
        let head: Vec<_> = header.iter().zip(widths).map(|(h, w)| pad(h, w)).collect();
        let _ = writeln!(out, "{}", style.dim(head.join("  ").trim_end()));
        for row in &rows {
            let _ = writeln!(
                out,
                "{}  {}  {:>w2$}  {}  {}  {}",
                style.name(&pad(&row[0], widths[0])),
                pad(&row[1], widths[1]),
                row[2],
                pad(&row[3], widths[3]),
                pad(&row[4], widths[4]),
                row[5],
                w2 = widths[2]
            );
        }
        out
    }
}

impl<W: Write> Sink for Summary<'_, W> {
    const LINES: bool = true;
    const LINE_ENDS: bool = false;

    fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
        let input = self.paths.len().saturating_sub(1);
        let t = self.tallies.entry(hit.found.code.value()).or_default();
        let at = (input, hit.line);
        if t.count == 0 {
            t.first = at;
            t.name = hit.found.code.name();
        }
        t.count += 1;
        t.last = at;
        if t.inputs.last() != Some(&input) {
            t.inputs.push(input);
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

    fn found_any(&self) -> bool {
        !self.tallies.is_empty()
    }
}
