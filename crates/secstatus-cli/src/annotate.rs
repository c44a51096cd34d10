//! `secstatus annotate`: stream input through, explaining every SSPI code on the line it occurs in.
//!
//! The library's scanner finds the codes; this module only moves bytes and decides how annotations look.
//! Default output is lossless: every input byte comes out unchanged and in order, and a line with codes gets
//! `  [secstatus: …]` appended after its content and before its terminator. Memory stays bounded: input is read in
//! chunks, and a line longer than 1 MiB is passed through in pieces cut between tokens.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use secstatus::{is_token_byte, Code, Found, Lang};

use crate::human::Style;
use crate::json;

/// How much is read at a time.
const READ_SIZE: usize = 64 * 1024;
/// The most of one line held at once; a longer line is processed in pieces.
const MAX_SEGMENT: usize = 1024 * 1024;
/// The most codes remembered for one line's annotation; the rest are counted.
const MAX_PER_LINE: usize = 32;

/// What annotate prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The input, with annotations appended to lines that hold codes.
    Annotate,
    /// JSON Lines: one object per code found.
    Json,
    /// Only a summary per code at the end.
    Summary { json: bool },
}

/// One occurrence of a code.
#[derive(Clone, Copy, Debug)]
struct Occurrence {
    code: Code,
    ldap: Option<u32>,
}

/// Per code, for `--summary`.
#[derive(Debug, Default)]
struct Tally {
    name: &'static str,
    count: u64,
    first: (usize, u64),
    last: (usize, u64),
    files: Vec<usize>,
}

/// The state of a run over every input.
pub struct Annotator<'o, W: Write> {
    out: &'o mut W,
    mode: Mode,
    lang: Lang,
    style: Style,
    line_buffered: bool,
    /// Names of the inputs seen so far (for JSON `path` and the summary).
    paths: Vec<String>,
    tallies: BTreeMap<u32, Tally>,
    found_any: bool,
}

/// Where the reader stands in one input.
struct Cursor {
    file: usize,
    /// Absolute offset of `buf[0]`.
    base: u64,
    /// 1-based number of the line that holds `buf[0]`.
    line: u64,
    /// Absolute offset where that line starts.
    line_start: u64,
    /// Whether the byte just before `buf[0]`, on the same line, is a token byte.
    token_before: bool,
    /// Codes of the current line not yet written out.
    pending: Vec<Occurrence>,
    overflow: usize,
}

impl<'o, W: Write> Annotator<'o, W> {
    pub fn new(out: &'o mut W, mode: Mode, lang: Lang, style: Style, line_buffered: bool) -> Self {
        Annotator {
            out,
            mode,
            lang,
            style,
            line_buffered,
            paths: Vec::new(),
            tallies: BTreeMap::new(),
            found_any: false,
        }
    }

    /// Whether any code was found so far.
    pub fn found_any(&self) -> bool {
        self.found_any
    }

    /// Streams one input. Read errors come back as `Err(Read(..))` after what was read has been written.
    pub fn input(&mut self, path: &str, reader: &mut dyn Read) -> Result<(), Failure> {
        self.paths.push(path.to_string());
        let mut cur = Cursor {
            file: self.paths.len() - 1,
            base: 0,
            line: 1,
            line_start: 0,
            token_before: false,
            pending: Vec::new(),
            overflow: 0,
        };
        let mut buf = vec![0u8; MAX_SEGMENT + READ_SIZE].into_boxed_slice();
        let mut filled = 0;
        loop {
            let n = match reader.read(&mut buf[filled..filled + READ_SIZE]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.region(&mut cur, &buf[..filled], false, true)?;
                    self.finish_line(&mut cur)?;
                    return Err(Failure::Read(e));
                }
            };
            if n == 0 {
                // End of input: the rest is the last line, without a terminator.
                self.region(&mut cur, &buf[..filled], false, true)?;
                self.finish_line(&mut cur)?;
                return self.flush_if(true);
            }
            let end = filled + n;
            // Process every complete line; keep the unfinished one for the next read.
            let cut = match memrchr(b'\n', &buf[filled..end]) {
                Some(nl) => filled + nl + 1,
                None if end >= MAX_SEGMENT => safe_cut(&buf[..end]),
                None => {
                    filled = end;
                    continue;
                }
            };
            let token_after = cut < end && is_token_byte(buf[cut]);
            self.region(&mut cur, &buf[..cut], token_after, false)?;
            cur.token_before = cut > 0 && buf[cut - 1] != b'\n' && is_token_byte(buf[cut - 1]);
            cur.base += cut as u64;
            buf.copy_within(cut..end, 0);
            filled = end - cut;
            self.flush_if(self.line_buffered)?;
        }
    }

    fn flush_if(&mut self, yes: bool) -> Result<(), Failure> {
        if yes {
            self.out.flush().map_err(Failure::Write)?;
        }
        Ok(())
    }

    /// Handles `region`, which starts at `cur.base` and ends at a line end, a cut inside a long line, or the input's
    /// end.
    fn region(
        &mut self,
        cur: &mut Cursor,
        region: &[u8],
        token_after: bool,
        at_end: bool,
    ) -> Result<(), Failure> {
        let mut written = 0; // bytes of `region` already written (annotate mode only)
        let mut counted = 0; // bytes of `region` already walked
        for found in secstatus::scan_with_context(region, cur.token_before, token_after && !at_end)
        {
            self.advance(cur, region, &mut written, &mut counted, found.start)?;
            self.occurrence(cur, region, &found)?;
        }
        self.advance(cur, region, &mut written, &mut counted, region.len())?;
        if self.mode == Mode::Annotate {
            self.out
                .write_all(&region[written..])
                .map_err(Failure::Write)?;
        }
        Ok(())
    }

    /// Walks `region[*counted..end]`: the first newline ends a line with pending codes, which is written out with
    /// its annotation; outside annotate mode, the lines are counted for JSON and the summary.
    fn advance(
        &mut self,
        cur: &mut Cursor,
        region: &[u8],
        written: &mut usize,
        counted: &mut usize,
        end: usize,
    ) -> Result<(), Failure> {
        let gap = &region[*counted..end];
        if !cur.pending.is_empty() {
            if let Some(nl) = memchr(b'\n', gap) {
                *written = self.write_line_end(cur, region, *written, *counted + nl)?;
                cur.pending.clear();
                cur.overflow = 0;
            }
        }
        if self.mode != Mode::Annotate {
            if let Some(last) = memrchr(b'\n', gap) {
                cur.line += count_newlines(gap) as u64;
                cur.line_start = cur.base + (*counted + last) as u64 + 1;
            }
        }
        *counted = end;
        Ok(())
    }

    /// Records one code: a JSON line, a tally, or a pending annotation.
    fn occurrence(
        &mut self,
        cur: &mut Cursor,
        region: &[u8],
        found: &Found,
    ) -> Result<(), Failure> {
        self.found_any = true;
        let ldap = secstatus::ldap_data(&region[found.end..]);
        let offset = cur.base + found.start as u64;
        match self.mode {
            Mode::Annotate => {
                let occ = Occurrence {
                    code: found.code,
                    ldap,
                };
                let duplicate = cur
                    .pending
                    .iter()
                    .any(|p| p.code == occ.code && p.ldap == occ.ldap);
                if !duplicate && cur.pending.len() < MAX_PER_LINE {
                    cur.pending.push(occ);
                } else if !duplicate {
                    cur.overflow += 1;
                }
            }
            Mode::Json => {
                let line = json_line(
                    &self.paths[cur.file],
                    cur.line,
                    offset - cur.line_start + 1,
                    offset,
                    &region[found.start..found.end],
                    found,
                    ldap,
                );
                self.out
                    .write_all(line.as_bytes())
                    .map_err(Failure::Write)?;
            }
            Mode::Summary { .. } => {
                let t = self.tallies.entry(found.code.value()).or_default();
                let at = (cur.file, cur.line);
                if t.count == 0 {
                    t.first = at;
                    t.name = found.code.name();
                }
                t.count += 1;
                t.last = at;
                if t.files.last() != Some(&cur.file) {
                    t.files.push(cur.file);
                }
            }
        }
        Ok(())
    }

    /// Writes `region[written..]` up to the content end of the line whose `\n` is at `nl`, the annotation, then the
    /// terminator. Returns the new `written`.
    fn write_line_end(
        &mut self,
        cur: &Cursor,
        region: &[u8],
        written: usize,
        nl: usize,
    ) -> Result<usize, Failure> {
        let (content, terminator) = split_terminator(&region[written..=nl]);
        self.out.write_all(content).map_err(Failure::Write)?;
        let note = annotation(&cur.pending, cur.overflow, self.lang, self.style);
        self.out
            .write_all(note.as_bytes())
            .map_err(Failure::Write)?;
        self.out.write_all(terminator).map_err(Failure::Write)?;
        Ok(nl + 1)
    }

    /// At the end of an input: a last line without a terminator still gets its annotation.
    fn finish_line(&mut self, cur: &mut Cursor) -> Result<(), Failure> {
        if self.mode == Mode::Annotate && !cur.pending.is_empty() {
            let note = annotation(&cur.pending, cur.overflow, self.lang, self.style);
            self.out
                .write_all(note.as_bytes())
                .map_err(Failure::Write)?;
        }
        cur.pending.clear();
        Ok(())
    }

    /// Writes the summary (in summary mode) and flushes.
    pub fn finish(&mut self) -> Result<(), Failure> {
        if let Mode::Summary { json } = self.mode {
            let text = if json {
                self.summary_json()
            } else {
                self.summary_table()
            };
            self.out
                .write_all(text.as_bytes())
                .map_err(Failure::Write)?;
        }
        self.out.flush().map_err(Failure::Write)
    }

    fn summary_json(&self) -> String {
        let items = self.tallies.iter().map(|(&value, t)| {
            let at = |(file, line): (usize, u64)| format!("{{\"path\":{},\"line\":{line}}}", json::string(&self.paths[file]));
            let files = json::array(t.files.iter().map(|&f| json::string(&self.paths[f])));
            format!(
                "{{\"name\":{},\"value\":{},\"count\":{},\"first\":{},\"last\":{},\"files\":{files}}}",
                json::string(t.name),
                json::hex(value),
                t.count,
                at(t.first),
                at(t.last)
            )
        });
        json::array(items) + "\n"
    }

    fn summary_table(&self) -> String {
        use std::fmt::Write as _;
        let header = match self.lang {
            Lang::Ru => ["ИМЯ", "ЗНАЧЕНИЕ", "ЧИСЛО", "ПЕРВАЯ", "ПОСЛЕДНЯЯ", "ФАЙЛЫ"],
            _ => ["NAME", "VALUE", "COUNT", "FIRST", "LAST", "FILES"],
        };
        let at = |(file, line): (usize, u64)| {
            format!("{}:{line}", crate::human::printable(&self.paths[file]))
        };
        let rows: Vec<[String; 6]> = self
            .tallies
            .iter()
            .map(|(&value, t)| {
                let files: Vec<_> = t
                    .files
                    .iter()
                    .map(|&f| crate::human::printable(&self.paths[f]))
                    .collect();
                [
                    t.name.to_string(),
                    format!("0x{value:08X}"),
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
        let _ = writeln!(out, "{}", self.style.dim(head.join("  ").trim_end()));
        for row in &rows {
            let _ = writeln!(
                out,
                "{}  {}  {:>w2$}  {}  {}  {}",
                self.style.name(&pad(&row[0], widths[0])),
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

/// A failure while streaming.
#[derive(Debug)]
pub enum Failure {
    Read(io::Error),
    Write(io::Error),
}

/// A line's content and its terminator (`\r\n`, `\n`, or nothing for a last line without one): the annotation goes
/// between the two.
///
/// ```
/// use secstatus_cli::annotate::split_terminator;
/// assert_eq!(split_terminator(b"a 0x80090308\r\n"), (&b"a 0x80090308"[..], &b"\r\n"[..]));
/// assert_eq!(split_terminator(b"last"), (&b"last"[..], &b""[..]));
/// ```
pub fn split_terminator(line: &[u8]) -> (&[u8], &[u8]) {
    let cut = match line {
        [.., b'\r', b'\n'] => line.len() - 2,
        [.., b'\n'] => line.len() - 1,
        _ => line.len(),
    };
    line.split_at(cut)
}

/// The text appended to a line that holds codes.
fn annotation(pending: &[Occurrence], overflow: usize, lang: Lang, style: Style) -> String {
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
                        "{} (0x{:08X}, NTSTATUS): {}{sspi}",
                        f.name(),
                        f.value(),
                        f.meaning().get(lang)
                    )
                }
                code => {
                    let message = code
                        .sspi()
                        .and_then(|s| s.entry())
                        .map_or("", |e| e.message().get(lang));
                    format!("{} (0x{:08X}): {message}", code.name(), code.value())
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

/// One JSON Lines object for an occurrence.
fn json_line(
    path: &str,
    line: u64,
    column: u64,
    offset: u64,
    text: &[u8],
    found: &Found,
    ldap: Option<u32>,
) -> String {
    let ldap = match ldap {
        None => String::new(),
        Some(data) => {
            let sub = secstatus::ldap_sub_code(data);
            format!(
                ",\"ldap\":{{\"data\":\"{data:x}\",\"win32\":{data},\"name\":{},\"meaning\":{}}}",
                sub.map_or_else(|| "null".to_string(), |s| json::string(s.name())),
                sub.map_or_else(|| "null".to_string(), |s| json::text(s.meaning())),
            )
        }
    };
    format!(
        "{{\"path\":{},\"line\":{line},\"column\":{column},\"offset\":{offset},\"text\":{},\"form\":\"{}\",\"name\":{},\"value\":{},\"system\":\"{}\",\"sspi\":{}{ldap}}}\n",
        json::string(path),
        json::string(&String::from_utf8_lossy(text)),
        found.form.as_str(),
        json::string(found.code.name()),
        json::hex(found.code.value()),
        match found.code {
            Code::NtStatus(_) => "ntstatus",
            _ => "sspi",
        },
        found.code.sspi().and_then(|s| s.name()).map_or_else(|| "null".to_string(), json::string),
    )
}

/// Where to cut a line too long to hold (it has no newline). The cut is always before the last byte, so the byte
/// after it is known: it never splits a token, a `-` from the digits it signs, or a colour escape, and the bytes
/// after it are kept
/// for the next piece. A line whose second half is one token is cut inside it: a token that long is no code, and
/// both pieces see token bytes across the cut.
fn safe_cut(buf: &[u8]) -> usize {
    let end = buf.len();
    (end / 2..end)
        .rev()
        .find(|&i| {
            let (before, after) = (buf[i - 1], buf[i]);
            let splits_token = is_token_byte(before) && is_token_byte(after);
            let splits_sign = before == b'-' && after.is_ascii_digit();
            // Inside a colour escape (ESC `[` 31 `;` 1 `m`), which may end glued to a code.
            let splits_escape = matches!(before, 0x1b | b'[' | b';');
            !splits_token && !splits_sign && !splits_escape
        })
        .unwrap_or(end - 1)
}

/// Opens and streams every input; errors on one input are reported and the others still processed.
pub fn run(
    files: &[std::path::PathBuf],
    annotator: &mut Annotator<'_, impl Write>,
) -> Result<bool, io::Error> {
    let mut failed = false;
    let stdin_only = [std::path::PathBuf::from("-")];
    let files = if files.is_empty() {
        &stdin_only[..]
    } else {
        files
    };
    for path in files {
        let result = if path == Path::new("-") {
            annotator.input("-", &mut io::stdin().lock())
        } else {
            match File::open(path) {
                Ok(mut file) => annotator.input(&path.to_string_lossy(), &mut file),
                Err(e) => Err(Failure::Read(e)),
            }
        };
        match result {
            Ok(()) => {}
            Err(Failure::Read(e)) => {
                eprintln!(
                    "secstatus: {}: {e}",
                    crate::human::printable(&path.to_string_lossy())
                );
                failed = true;
            }
            Err(Failure::Write(e)) => return Err(e),
        }
    }
    annotator.finish().map_err(|f| match f {
        Failure::Read(e) | Failure::Write(e) => e,
    })?;
    Ok(failed)
}

fn memchr(needle: u8, h: &[u8]) -> Option<usize> {
    h.iter().position(|&b| b == needle)
}

fn memrchr(needle: u8, h: &[u8]) -> Option<usize> {
    h.iter().rposition(|&b| b == needle)
}

/// Counts `\n` bytes 64 at a time into a byte counter (which the compiler vectorises), then widens.
fn count_newlines(h: &[u8]) -> usize {
    let mut chunks = h.chunks_exact(64);
    let mut n = 0;
    for chunk in &mut chunks {
        n += usize::from(chunk.iter().fold(0u8, |acc, &b| acc + u8::from(b == b'\n')));
    }
    n + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reader that hands out its data in chunks of the given sizes, as pipes do.
    struct Chunked<'a> {
        data: &'a [u8],
        sizes: Vec<usize>,
        next: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self
                .sizes
                .get(self.next % self.sizes.len().max(1))
                .copied()
                .unwrap_or(buf.len())
                .max(1);
            self.next += 1;
            let n = size.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn annotate(data: &[u8], sizes: Vec<usize>, mode: Mode) -> Vec<u8> {
        let mut out = Vec::new();
        let mut annotator = Annotator::new(&mut out, mode, Lang::En, Style { color: false }, false);
        let mut reader = Chunked {
            data,
            sizes,
            next: 0,
        };
        annotator.input("-", &mut reader).unwrap();
        annotator.finish().unwrap();
        out
    }

    /// Removes what annotate appends: `  [secstatus: …]` right before each line terminator (or the end).
    fn strip(out: &[u8]) -> Vec<u8> {
        const MARK: &[u8] = b"  [secstatus: ";
        let mut result = Vec::new();
        for piece in out.split_inclusive(|&b| b == b'\n') {
            let (body, term): (&[u8], &[u8]) = match piece {
                [body @ .., b'\r', b'\n'] => (body, b"\r\n"),
                [body @ .., b'\n'] => (body, b"\n"),
                body => (body, b""),
            };
            let body = match body.windows(MARK.len()).rposition(|w| w == MARK) {
                Some(at) if body.ends_with(b"]") => &body[..at],
                _ => body,
            };
            result.extend_from_slice(body);
            result.extend_from_slice(term);
        }
        result
    }

    const CODES: &[&str] = &[
        "0x80090308",
        "SEC_E_LOGON_DENIED",
        "-2146893044",
        "2148074252",
        "8009030C",
        "0x90312",
    ];

    fn with_codes() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..40),
            proptest::sample::select(CODES).prop_map(|c| c.as_bytes().to_vec()),
            Just(b" ".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\n".to_vec()),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn output_minus_annotations_is_the_input(data in with_codes(), sizes in proptest::collection::vec(1usize..300, 1..8)) {
            let out = annotate(&data, sizes, Mode::Annotate);
            prop_assert_eq!(strip(&out), data);
        }

        #[test]
        fn random_bytes_pass_through(data in proptest::collection::vec(any::<u8>(), 0..2000), sizes in proptest::collection::vec(1usize..100, 1..8)) {
            let out = annotate(&data, sizes, Mode::Annotate);
            prop_assert_eq!(strip(&out), data);
        }

        #[test]
        fn chunking_never_changes_the_result(data in with_codes(), sizes in proptest::collection::vec(1usize..50, 1..8)) {
            let whole = annotate(&data, vec![usize::MAX], Mode::Json);
            let chunked = annotate(&data, sizes, Mode::Json);
            prop_assert_eq!(whole, chunked);
        }
    }

    #[test]
    fn input_without_codes_is_identical() {
        for data in [
            &b""[..],
            b"x",
            b"plain\r\nline\n",
            b"no newline",
            b"\xff\xfe\x00binary\n\x1b[31m",
            b"\n\n\r\n",
        ] {
            assert_eq!(annotate(data, vec![3], Mode::Annotate), data);
        }
    }

    #[test]
    fn annotation_goes_before_the_terminator() {
        let out = annotate(b"a 0x80090308\r\nb\n", vec![1000], Mode::Annotate);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a 0x80090308  [secstatus: SEC_E_INVALID_TOKEN (0x80090308): The token supplied to the function is invalid.]\r\nb\n"
        );
    }

    #[test]
    fn codes_split_across_every_read_boundary_are_found() {
        let data = b"xx 0x80090308 yy SEC_E_TIME_SKEW zz -2146893044\n";
        for size in 1..data.len() {
            let out = annotate(data, vec![size], Mode::Json);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), 3, "read size {size}: {text}");
        }
    }

    #[test]
    fn a_line_longer_than_a_segment_keeps_its_codes_and_bytes() {
        let mut data = Vec::new();
        while data.len() < 3 * MAX_SEGMENT {
            data.extend_from_slice(b"abc 0x80090308 def-");
        }
        data.extend_from_slice(b"\nnext\n");
        let count = data.windows(10).filter(|w| w == b"0x80090308").count();
        let json = annotate(&data, vec![READ_SIZE], Mode::Json);
        assert_eq!(
            json.split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count(),
            count
        );
        let out = annotate(&data, vec![READ_SIZE], Mode::Annotate);
        assert_eq!(strip(&out), data);
    }

    #[test]
    fn json_counts_lines_and_columns() {
        let out = annotate(
            b"one\ntwo 0x80090308\r\n\nfour SEC_E_OK\n",
            vec![2],
            Mode::Json,
        );
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<_> = text.lines().collect();
        assert!(
            lines[0].starts_with(
                "{\"path\":\"-\",\"line\":2,\"column\":5,\"offset\":8,\"text\":\"0x80090308\""
            ),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with(
                "{\"path\":\"-\",\"line\":4,\"column\":6,\"offset\":26,\"text\":\"SEC_E_OK\""
            ),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn the_ldap_sub_code_is_explained() {
        let line = b"LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 775, v2580\n";
        let out = String::from_utf8(annotate(line, vec![7], Mode::Annotate)).unwrap();
        assert!(
            out.ends_with("LDAP data 775 = ERROR_ACCOUNT_LOCKED_OUT (1909): The account is locked out and cannot be used to log on now.]\n"),
            "{out}"
        );
        let json = String::from_utf8(annotate(line, vec![7], Mode::Json)).unwrap();
        assert!(
            json.contains(
                ",\"ldap\":{\"data\":\"775\",\"win32\":1909,\"name\":\"ERROR_ACCOUNT_LOCKED_OUT\""
            ),
            "{json}"
        );
    }
}
