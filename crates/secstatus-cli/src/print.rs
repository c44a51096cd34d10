//! The printer, chosen once from the options (human or JSON): commands hand it data, and it alone decides how
//! the data looks.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use secstatus::{Entry, Lang, WindowsError};

use crate::annotate::{self, jsonl::JsonLines, plain::Plain, summary::Summary, Output};
use crate::answer::Answer;
use crate::cli::Format;
use crate::human::{self, Style};
use crate::{export, windows_errors, wire};

/// A hint for people on stderr, wrapped to its width when it is a terminal.
fn hint(text: &str) {
    let stderr = io::stderr();
    let width = stderr
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(&stderr))
        .flatten()
        .map(|(w, _)| usize::from(w.0));
    let text = match width {
        Some(w) => text
            .lines()
            .map(|line| human::wrap(line, w, 2))
            .collect::<Vec<_>>()
            .join("\n"),
        None => text.to_string(),
    };
    eprintln!("{text}");
}

/// How much of an answer people see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// One line per code (`--short`).
    Short,
    /// The essentials, the first fix, and where to read more (`lookup`).
    Card,
    /// Everything (`explain`).
    Full,
}

/// How output looks.
#[derive(Clone, Copy, Debug)]
pub enum Printer {
    /// For people: cards, tables, annotations, in a language and with or without colour.
    Human { lang: Lang, style: Style },
    /// The stable JSON of the README.
    Json,
}

impl Printer {
    /// The answers to lookup queries: cards, or one JSON array. A query that names nothing and is no number gets,
    /// for people, a hint on stderr.
    pub fn lookup(
        &self,
        answers: &[Answer],
        detail: Detail,
        out: &mut impl Write,
    ) -> io::Result<()> {
        match *self {
            Printer::Json => {
                let objects: Vec<_> = answers.iter().map(wire::Lookup::new).collect();
                wire::write_line(out, &objects)
            }
            Printer::Human { lang, style } => {
                for (i, answer) in answers.iter().enumerate() {
                    let text = match detail {
                        Detail::Short => human::short(answer, lang),
                        Detail::Card => human::lookup(answer, lang, style, false),
                        Detail::Full => human::lookup(answer, lang, style, true),
                    };
                    if i > 0 && detail != Detail::Short {
                        writeln!(out)?;
                    }
                    out.write_all(text.as_bytes())?;
                    if let (Some(miss), true) = (&answer.miss, answer.readings.is_empty()) {
                        hint(&human::not_found_hint(answer, miss, lang));
                    }
                }
                Ok(())
            }
        }
    }

    /// Entries for `list`, in `format` (JSON whenever the printer is JSON).
    pub fn list(
        &self,
        entries: &[&'static Entry],
        format: Format,
        spec: bool,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let (lang, style) = match (*self, format) {
            (Printer::Json, _) | (_, Format::Json) => return wire::write_line(out, &entries),
            (Printer::Human { lang, style }, _) => (lang, style),
        };
        let text = match format {
            Format::Table => human::table(entries, lang, style),
            Format::Markdown => export::markdown(entries, spec, lang),
            Format::Csv => export::csv(entries),
            Format::Html | Format::Json => export::html(entries, lang),
        };
        out.write_all(text.as_bytes())
    }

    /// Search hits, best first: the SSPI codes, then other Windows error codes; for people, a hint on stderr when
    /// there are none.
    pub fn search(
        &self,
        query: &str,
        hits: &[(&'static Entry, u32)],
        errors: &[(&'static WindowsError, u32)],
        out: &mut impl Write,
    ) -> io::Result<()> {
        match *self {
            Printer::Json => {
                let sspi = hits.iter().map(|&(entry, score)| wire::SearchHit {
                    score,
                    entry: Some(entry),
                    error: None,
                });
                let others = errors.iter().map(|&(e, score)| wire::SearchHit {
                    score,
                    entry: None,
                    error: Some(wire::ErrorJson::rows(std::slice::from_ref(e))),
                });
                let items: Vec<_> = sspi.chain(others).collect();
                wire::write_line(out, &items)
            }
            Printer::Human { lang, style } => {
                if hits.is_empty() && errors.is_empty() {
                    hint(&crate::messages::Message::NothingMentions { query }.text(lang));
                }
                out.write_all(human::search(hits, lang, style).as_bytes())?;
                out.write_all(windows_errors::search(errors, style).as_bytes())
            }
        }
    }

    /// Every Windows error code of one system (`list --system`), a row per value with all its names.
    pub fn list_errors(
        &self,
        values: &[&'static [WindowsError]],
        format: Format,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let style = match (*self, format) {
            (Printer::Json, _) | (_, Format::Json) => {
                let rows: Vec<_> = values.iter().map(|r| wire::ErrorJson::rows(r)).collect();
                return wire::write_line(out, &rows);
            }
            (Printer::Human { style, .. }, _) => style,
        };
        let text = match format {
            Format::Csv => windows_errors::csv(values),
            Format::Markdown => windows_errors::markdown(values),
            _ => windows_errors::table(values, style),
        };
        out.write_all(text.as_bytes())
    }

    /// Streams `files` through annotate into the output this printer and `summary` call for. Returns whether any
    /// code was found; inputs that cannot be read go to `failed`.
    pub fn annotate(
        &self,
        files: &[PathBuf],
        summary: bool,
        line_buffered: bool,
        out: &mut impl Write,
        failed: &mut dyn FnMut(&Path, &io::Error),
    ) -> io::Result<bool> {
        fn run(
            files: &[PathBuf],
            mut output: impl Output,
            failed: &mut dyn FnMut(&Path, &io::Error),
        ) -> io::Result<bool> {
            let events_failed = annotate::run(files, &mut output, failed)?;
            Ok(events_failed || output.found_any())
        }
        use annotate::summary::Format as Summarised;
        match (*self, summary) {
            (Printer::Json, true) => run(files, Summary::new(out, Summarised::Json), failed),
            (Printer::Human { lang, style }, true) => {
                let format = Summarised::Table { lang, style };
                run(files, Summary::new(out, format), failed)
            }
            (Printer::Json, false) => run(files, JsonLines::new(out, line_buffered), failed),
            (Printer::Human { lang, style }, false) => {
                run(files, Plain::new(out, lang, style, line_buffered), failed)
            }
        }
    }
}
