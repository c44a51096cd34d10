//! Test support shared by the command line's tests, property tests and fuzz targets: a reader that hands out its
//! data in chunks as pipes do, a driver for annotate's outputs, and the inverse of annotation. Not part of the
//! command line.

use std::io::{self, Read};

use secstatus::stream::{Stream, StreamError};
use secstatus::Lang;

use crate::annotate::{self, jsonl::JsonLines, plain::Plain, summary, summary::Summary, Output};
use crate::human::Style;

/// A reader that hands out `data` in chunks of `sizes` (cycled; 0 means as much as asked for), optionally
/// interrupted every other call and failing at the end, as pipes and failing disks do.
#[derive(Debug)]
pub struct Chunked<'a> {
    pub data: &'a [u8],
    pub sizes: Vec<usize>,
    /// Every other read fails with `Interrupted` first.
    pub interrupt: bool,
    /// Once the data is used up, reads fail instead of returning 0.
    pub fail_at_end: bool,
    calls: usize,
}

impl<'a> Chunked<'a> {
    pub fn new(data: &'a [u8], sizes: Vec<usize>) -> Self {
        Chunked {
            data,
            sizes,
            interrupt: false,
            fail_at_end: false,
            calls: 0,
        }
    }
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.interrupt && self.calls % 2 == 0 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        if self.data.is_empty() && self.fail_at_end {
            return Err(io::Error::other("the disk went away"));
        }
        let size = match self.sizes.get(self.calls % self.sizes.len().max(1)) {
            None | Some(0) => buf.len(),
            Some(&s) => s,
        };
        let n = size.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Which output of annotate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The annotated input.
    Annotate,
    /// JSON Lines.
    Json,
    /// The summary, as a table or JSON.
    Summary { json: bool },
}

/// The threads [`annotate`] streams on: one. The stream's parallel run tells a sink exactly what its run does (the
/// library's tests and the `scan` fuzz target hold it), and starting threads for every input would slow the
/// `annotate` fuzz target threefold.
const THREADS: usize = 1;

/// Streams `reader`, named `path`, through the output `mode` calls for, without colour; returns what was written
/// and how the input ended.
pub fn annotate(
    reader: &mut (dyn Read + Send),
    path: &str,
    mode: Mode,
    lang: Lang,
) -> (Vec<u8>, Result<(), StreamError>) {
    fn drive(
        reader: &mut (dyn Read + Send),
        path: &str,
        mut output: impl Output,
    ) -> Result<(), StreamError> {
        let result = annotate::input(&mut Stream::new(), path, reader, &mut output, THREADS);
        output.finish().map_err(StreamError::Sink)?;
        result
    }
    let style = Style::PLAIN;
    let mut out = Vec::new();
    let result = match mode {
        Mode::Annotate => drive(reader, path, Plain::new(&mut out, lang, style, false)),
        Mode::Json => drive(reader, path, JsonLines::new(&mut out, false)),
        Mode::Summary { json } => {
            let format = if json {
                summary::Format::Json
            } else {
                summary::Format::Table { lang, style }
            };
            drive(reader, path, Summary::new(&mut out, format))
        }
    };
    (out, result)
}

/// The annotated form of `data` read in chunks of `sizes`, in English.
pub fn annotate_bytes(data: &[u8], sizes: Vec<usize>, mode: Mode) -> Vec<u8> {
    let (out, result) = annotate(&mut Chunked::new(data, sizes), "-", mode, Lang::En);
    result.expect("reading a slice and writing a Vec cannot fail");
    out
}

/// Removes what annotate appends: `  [secstatus: …]` right before each line terminator (or the end).
///
/// ```
/// use secstatus_cli::testkit::strip;
/// let out = b"a 0x80090308  [secstatus: SEC_E_INVALID_TOKEN (0x80090308): ...]\r\nb\n";
/// assert_eq!(strip(out), b"a 0x80090308\r\nb\n");
/// ```
pub fn strip(out: &[u8]) -> Vec<u8> {
    const MARK: &[u8] = b"  [secstatus: ";
    let mut result = Vec::with_capacity(out.len());
    for piece in out.split_inclusive(|&b| b == b'\n') {
        let (body, term) = secstatus::stream::split_terminator(piece);
        let body = match body.windows(MARK.len()).rposition(|w| w == MARK) {
            Some(at) if body.ends_with(b"]") => &body[..at],
            _ => body,
        };
        result.extend_from_slice(body);
        result.extend_from_slice(term);
    }
    result
}

/// Checks that `out` is `input` with one annotation before the terminator of each line that holds a code, and
/// nothing else, and returns the output without its annotations, and the annotations without their frame. `open` and `close` frame an annotation
/// (`  [secstatus: ` and `]`; with colour, their escapes around). A description of the first discrepancy comes
/// back as the error.
///
/// ```
/// use secstatus_cli::testkit::annotations;
/// let (input, out) = (&b"a 0x80090308\r\nb\n"[..], &b"a 0x80090308  [secstatus: X]\r\nb\n"[..]);
/// let (stripped, notes) = annotations(input, out, b"  [secstatus: ", b"]").unwrap();
/// assert_eq!((&stripped[..], &notes[..]), (input, &[&b"X"[..]][..]));
/// assert!(annotations(input, b"a 0x80090308\r\nb\n", b"  [secstatus: ", b"]").is_err());
/// ```
pub fn annotations<'o>(
    input: &[u8],
    out: &'o [u8],
    open: &[u8],
    close: &[u8],
) -> Result<(Vec<u8>, Vec<&'o [u8]>), String> {
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let ins: Vec<&[u8]> = input.split_inclusive(|&b| b == b'\n').collect();
    let outs: Vec<&[u8]> = out.split_inclusive(|&b| b == b'\n').collect();
    if ins.len() != outs.len() {
        return Err(format!(
            "{} input lines but {} output lines",
            ins.len(),
            outs.len()
        ));
    }
    let mut notes = Vec::new();
    let mut stripped = Vec::with_capacity(input.len());
    for (n, (&i, &o)) in ins.iter().zip(&outs).enumerate() {
        let n = n + 1;
        if secstatus::find_codes(i).next().is_none() {
            stripped.extend_from_slice(o);
            if i != o {
                return Err(format!(
                    "line {n} holds no code but changed: {:?} -> {:?}",
                    lossy(i),
                    lossy(o)
                ));
            }
            continue;
        }
        let (content, term) = secstatus::stream::split_terminator(i);
        if !(o.len() > i.len() && o.starts_with(content) && o.ends_with(term)) {
            return Err(format!(
                "line {n}: the input line is not around an annotation: {:?} -> {:?}",
                lossy(i),
                lossy(o)
            ));
        }
        let note = &o[content.len()..o.len() - term.len()];
        if !(note.len() >= open.len() + close.len()
            && note.starts_with(open)
            && note.ends_with(close))
        {
            return Err(format!("line {n}: not an annotation: {:?}", lossy(note)));
        }
        notes.push(&note[open.len()..note.len() - close.len()]);
        stripped.extend_from_slice(&o[..content.len()]);
        stripped.extend_from_slice(&o[o.len() - term.len()..]);
    }
    Ok((stripped, notes))
}
