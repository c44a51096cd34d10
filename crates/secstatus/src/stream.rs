//! A whole input streamed through the scanner, for `annotate`-like tools (feature `std`).
//!
//! [`Stream`] owns the buffering: it reads in chunks, finds every code with the scanner, keeps a token that
//! straddles two reads whole, cuts a line too long to hold only where no token or sign is split, and counts lines
//! and offsets. It knows nothing of output: it calls a [`Sink`] (grep-searcher's design): `matched` for each code,
//! `context` for the bytes in between, `line_end` where a line that held codes ends. Memory stays bounded by
//! [`MAX_SEGMENT`] whatever the input, a single endless line included.
//!
//! ```
//! use std::io;
//! use secstatus::stream::{Hit, Sink, Stream};
//!
//! /// Collects each code's name and line number.
//! struct Names(Vec<(u64, &'static str)>);
//!
//! impl Sink for Names {
//!     const LINES: bool = true;
//!     fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
//!         self.0.push((hit.line, hit.found.code.name()));
//!         Ok(())
//!     }
//! }
//!
//! let log = b"ok\nInitializeSecurityContext: 0x80090308\nStatus: 0xC000006D\n";
//! let mut names = Names(Vec::new());
//! Stream::new().run(&mut &log[..], &mut names).unwrap();
//! assert_eq!(names.0, [(2, "SEC_E_INVALID_TOKEN"), (3, "STATUS_LOGON_FAILURE")]);
//! ```

use std::boxed::Box;
use std::io::{self, Read};
use std::vec;

use crate::scan::{is_token_byte, scan_with_context};
use crate::{ldap_data, Found};

/// How much is read at a time.
pub const READ_SIZE: usize = 64 * 1024;
/// The most of one line held at once; a longer line is handed on in pieces cut between tokens.
pub const MAX_SEGMENT: usize = 1024 * 1024;

/// One code found in the stream.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'a> {
    /// What the scanner found; `start` and `end` are relative to the piece of input it was found in, so use
    /// `offset` and `text` instead.
    pub found: Found,
    /// The code as written.
    pub text: &'a [u8],
    /// Bytes from the start of the input to the code's first byte.
    pub offset: u64,
    /// 1-based line number (0 unless the sink asks for [`Sink::LINES`]).
    pub line: u64,
    /// 1-based column in bytes (0 unless the sink asks for [`Sink::COLUMNS`]).
    pub column: u64,
    /// The LDAP bind diagnostic's `data` sub-code that follows the code on its line, if any.
    pub ldap: Option<u32>,
}

/// What a [`Stream`] reports to.
///
/// Every input byte is handed to [`context`](Sink::context) exactly once and in order, except the terminator of a
/// line that held codes, which goes to [`line_end`](Sink::line_end) (so a sink can put something before it).
/// [`matched`](Sink::matched) comes before the context that holds the code's bytes.
pub trait Sink {
    /// Whether [`Hit::line`] is wanted; counting lines costs a pass over every byte.
    const LINES: bool = false;
    /// Whether [`Hit::column`] is wanted too (it implies [`Sink::LINES`]).
    const COLUMNS: bool = false;
    /// Whether [`Sink::line_end`] is wanted; without it the terminators of lines with codes go to
    /// [`Sink::context`] like every other byte, and the stream need not look for them.
    const LINE_ENDS: bool = true;

    /// A code was found.
    fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()>;

    /// Input bytes, in order.
    fn context(&mut self, bytes: &[u8]) -> io::Result<()> {
        let _ = bytes;
        Ok(())
    }

    /// A line that held codes ends here: `terminator` is `\r\n`, `\n`, or empty for a last line without one.
    fn line_end(&mut self, terminator: &[u8]) -> io::Result<()> {
        self.context(terminator)
    }

    /// Everything read so far has been handed on (a point to flush, for a sink that streams to a person).
    fn chunk_end(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Why a [`Stream::run`] stopped early.
#[derive(Debug)]
pub enum StreamError {
    /// Reading the input failed; everything read before was handed to the sink.
    Read(io::Error),
    /// The sink failed (a closed pipe, a full disk).
    Sink(io::Error),
}

impl core::fmt::Display for StreamError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            StreamError::Read(e) => write!(f, "cannot read the input: {e}"),
            StreamError::Sink(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for StreamError {}

/// Streams inputs through the scanner into a [`Sink`]; its buffer is reused from one input to the next.
pub struct Stream {
    buf: Box<[u8]>,
    /// The most of one line held at once.
    segment: usize,
    /// How much is read at a time: [`READ_SIZE`], or less for a segment smaller than that. What is kept after a
    /// cut is less than a segment, so a read always fits the buffer.
    read: usize,
}

impl Default for Stream {
    fn default() -> Self {
        Stream::new()
    }
}

impl core::fmt::Debug for Stream {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Stream").finish_non_exhaustive()
    }
}

/// Where the stream stands in one input.
struct Cursor {
    /// Absolute offset of `buf[0]`.
    base: u64,
    /// 1-based number of the line that holds the next byte to count (with `Sink::LINES`).
    line: u64,
    /// Absolute offset where that line starts.
    line_start: u64,
    /// Whether the byte just before `buf[0]`, on the same line, is a token byte.
    token_before: bool,
    /// Whether the current line has had codes whose `line_end` is still due.
    pending: bool,
}

impl Stream {
    /// A stream with its buffer (about 1 MiB) allocated.
    pub fn new() -> Stream {
        Stream::with_segment(MAX_SEGMENT)
    }

    /// A stream that holds at most `segment` bytes of one line (at least 128, so that a cut never needs to fall
    /// inside a token short enough to be a code); longer lines are cut, as [`MAX_SEGMENT`] is for [`Stream::new`].
    /// Tests use a small segment to reach the cuts with small inputs.
    ///
    /// ```
    /// use secstatus::stream::{Hit, Sink, Stream};
    /// struct Count(usize);
    /// impl Sink for Count {
    ///     fn matched(&mut self, _: &Hit<'_>) -> std::io::Result<()> {
    ///         self.0 += 1;
    ///         Ok(())
    ///     }
    /// }
    /// let line = b"0x80090308 ".repeat(100); // one line of 1,100 bytes
    /// let mut count = Count(0);
    /// Stream::with_segment(128).run(&mut &line[..], &mut count).unwrap();
    /// assert_eq!(count.0, 100);
    /// ```
    pub fn with_segment(segment: usize) -> Stream {
        let segment = segment.max(128);
        let read = READ_SIZE.min(segment);
        Stream {
            buf: vec![0u8; segment + read].into_boxed_slice(),
            segment,
            read,
        }
    }

    /// Reads `reader` to its end, handing every byte and every code to `sink`.
    ///
    /// On a read error, everything read before it has been handed on (the last line ended with an empty
    /// terminator if it held codes) and the error is returned; a sink error stops at once.
    pub fn run<S: Sink>(&mut self, reader: &mut dyn Read, sink: &mut S) -> Result<(), StreamError> {
        let mut cur = Cursor {
            base: 0,
            line: 1,
            line_start: 0,
            token_before: false,
            pending: false,
        };
        let (segment, read) = (self.segment, self.read);
        let buf = &mut self.buf[..];
        let mut filled = 0;
        loop {
            let n = match reader.read(&mut buf[filled..filled + read]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    region(&mut cur, &buf[..filled], None, sink).map_err(StreamError::Sink)?;
                    finish(&mut cur, sink).map_err(StreamError::Sink)?;
                    return Err(StreamError::Read(e));
                }
            };
            if n == 0 {
                // End of input: the rest is the last line, without a terminator.
                region(&mut cur, &buf[..filled], None, sink).map_err(StreamError::Sink)?;
                return finish(&mut cur, sink).map_err(StreamError::Sink);
            }
            let end = filled + n;
            // Hand on every complete line; keep the unfinished one for the next read.
            let cut = match memrchr(b'\n', &buf[filled..end]) {
                Some(nl) => filled + nl + 1,
                None if end >= segment => safe_cut(&buf[..end]),
                None => {
                    filled = end;
                    continue;
                }
            };
            // `cut < end` always holds here: a cut inside a line leaves its last byte, so the next byte is known.
            let next = buf.get(cut).copied();
            region(&mut cur, &buf[..cut], next, sink).map_err(StreamError::Sink)?;
            cur.token_before = buf[cut - 1] != b'\n' && is_token_byte(buf[cut - 1]);
            cur.base += cut as u64;
            buf.copy_within(cut..end, 0);
            filled = end - cut;
            sink.chunk_end().map_err(StreamError::Sink)?;
        }
    }
}

/// Hands on `region`, which starts at `cur.base` and ends at a line end, a cut inside a long line (then `next` is
/// the byte after it), or the end of the input (`next` is `None`).
fn region<S: Sink>(
    cur: &mut Cursor,
    region: &[u8],
    next: Option<u8>,
    sink: &mut S,
) -> io::Result<()> {
    let token_after = next.is_some_and(is_token_byte);
    let mut handed = 0; // bytes of `region` given to the sink
    let mut walked = 0; // bytes of `region` whose line ends were seen
    let codes = scan_with_context(region, cur.token_before, token_after);
    // With the feature `texts`, message texts too, merged in order (a text that overlaps a code is dropped).
    #[cfg(feature = "texts")]
    let codes = crate::texts::merge(
        codes,
        crate::texts::find_messages_with_context(region, cur.token_before, token_after),
    );
    for found in codes {
        walk(cur, region, &mut handed, &mut walked, found.start, sink)?;
        let offset = cur.base + found.start as u64;
        let line = if S::LINES || S::COLUMNS { cur.line } else { 0 };
        let column = if S::COLUMNS {
            offset - cur.line_start + 1
        } else {
            0
        };
        let after = &region[found.end..];
        let hit = Hit {
            found,
            text: &region[found.start..found.end],
            offset,
            line,
            column,
            ldap: if after.starts_with(b": LdapErr:") {
                ldap_data(after)
            } else {
                None
            },
        };
        sink.matched(&hit)?;
        cur.pending = true;
    }
    walk(cur, region, &mut handed, &mut walked, region.len(), sink)?;
    sink.context(&region[handed..])
}

/// Walks `region[*walked..end]`: the first newline ends a line with codes (its content and terminator are handed
/// on); with `Sink::LINES`, the lines are counted.
fn walk<S: Sink>(
    cur: &mut Cursor,
    region: &[u8],
    handed: &mut usize,
    walked: &mut usize,
    end: usize,
    sink: &mut S,
) -> io::Result<()> {
    let gap = &region[*walked..end];
    if S::LINE_ENDS && cur.pending {
        if let Some(nl) = memchr(b'\n', gap) {
            let nl = *walked + nl;
            let (content, terminator) = split_terminator(&region[*handed..=nl]);
            sink.context(content)?;
            sink.line_end(terminator)?;
            *handed = nl + 1;
            cur.pending = false;
        }
    }
    if S::LINES || S::COLUMNS {
        let lines = count_newlines(gap);
        if lines > 0 {
            cur.line += lines as u64;
            if S::COLUMNS {
                let last = memrchr(b'\n', gap).unwrap_or(0);
                cur.line_start = cur.base + (*walked + last) as u64 + 1;
            }
        }
    }
    *walked = end;
    Ok(())
}

/// At the end of an input: a last line with codes and without a terminator still ends.
fn finish<S: Sink>(cur: &mut Cursor, sink: &mut S) -> io::Result<()> {
    if S::LINE_ENDS && cur.pending {
        cur.pending = false;
        sink.line_end(b"")?;
    }
    sink.chunk_end()
}

/// A line's content and its terminator (`\r\n`, `\n`, or nothing for a last line without one).
///
/// ```
/// use secstatus::stream::split_terminator;
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

/// Where to cut a line too long to hold (it has no newline). The cut is always before the last byte, so the byte
/// after it is known, and in the second half of the buffer: it never splits a token or a `-` from the digits it
/// signs, and if it can, not a colour escape either (ESC `[`, its parameters, its `m`). When the second half has
/// no such place (one long token, or a run of escape parameters longer than any colour the scanner sees through),
/// it goes where no token is split, or else inside the token: a token that long is no code, and both pieces see
/// token bytes across the cut.
fn safe_cut(buf: &[u8]) -> usize {
    let end = buf.len();
    let splits = |i: usize, escapes: bool| {
        let (before, after) = (buf[i - 1], buf[i]);
        let token = is_token_byte(before) && is_token_byte(after);
        let sign = before == b'-' && after.is_ascii_digit();
        // Anywhere in ESC `[` 38 `;` 5 `;` 208 `m`: after ESC, after `[` or `;`, or before a `;`.
        let escape = (before == 0x1b && after == b'[')
            || (matches!(before, b'[' | b';')
                && (after.is_ascii_digit() || matches!(after, b';' | b'm')))
            || (before.is_ascii_digit() && after == b';');
        token || sign || (escapes && escape)
    };
    (end / 2..end)
        .rev()
        .find(|&i| !splits(i, true))
        .or_else(|| (end / 2..end).rev().find(|&i| !splits(i, false)))
        .unwrap_or(end - 1)
}

/// How many bytes [`memchr`] and [`memrchr`] test at once, without branches (a loop the compiler vectorises).
const LANES: usize = 32;

/// The first `needle` in `h`.
fn memchr(needle: u8, h: &[u8]) -> Option<usize> {
    let mut chunks = h.chunks_exact(LANES);
    let mut base = 0;
    for chunk in &mut chunks {
        if chunk
            .iter()
            .fold(0u8, |any, &b| any | u8::from(b == needle))
            != 0
        {
            return chunk.iter().position(|&b| b == needle).map(|i| base + i);
        }
        base += LANES;
    }
    let rest = chunks.remainder().iter().position(|&b| b == needle);
    rest.map(|i| base + i)
}

/// The last `needle` in `h`.
fn memrchr(needle: u8, h: &[u8]) -> Option<usize> {
    let mut chunks = h.rchunks_exact(LANES);
    let mut end = h.len();
    for chunk in &mut chunks {
        end -= LANES;
        if chunk
            .iter()
            .fold(0u8, |any, &b| any | u8::from(b == needle))
            != 0
        {
            return chunk.iter().rposition(|&b| b == needle).map(|i| end + i);
        }
    }
    chunks.remainder().iter().rposition(|&b| b == needle)
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
    use std::vec::Vec;

    /// Records every event, to check the order and that no byte is lost.
    #[derive(Default)]
    struct Events {
        bytes: Vec<u8>,
        hits: Vec<(u64, u64, u64)>,
        ends: usize,
    }

    impl Sink for Events {
        const COLUMNS: bool = true;
        fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
            self.hits.push((hit.offset, hit.line, hit.column));
            Ok(())
        }
        fn context(&mut self, bytes: &[u8]) -> io::Result<()> {
            self.bytes.extend_from_slice(bytes);
            Ok(())
        }
        fn line_end(&mut self, terminator: &[u8]) -> io::Result<()> {
            self.ends += 1;
            self.bytes.extend_from_slice(terminator);
            Ok(())
        }
    }

    #[test]
    fn every_byte_is_handed_on_once_and_lines_are_counted() {
        let data = b"one\ntwo 0x80090308\r\n\nfour SEC_E_OK\nlast 0x80090324";
        let mut events = Events::default();
        Stream::new().run(&mut &data[..], &mut events).unwrap();
        assert_eq!(events.bytes, data);
        assert_eq!(events.hits, [(8, 2, 5), (26, 4, 6), (40, 5, 6)]);
        assert_eq!(events.ends, 3);
    }

    /// Found by the `scan` fuzz target: with a segment smaller than a read, what a cut kept could exceed the
    /// segment, and the next read ran past the buffer.
    #[test]
    fn a_small_segment_never_reads_past_its_buffer() {
        struct Count(usize);
        impl Sink for Count {
            fn matched(&mut self, _: &Hit<'_>) -> io::Result<()> {
                self.0 += 1;
                Ok(())
            }
        }
        // A space a little past the middle of the first read: the cut falls there, far from the end.
        let mut line = b"a".repeat(READ_SIZE * 5 / 8);
        line.extend_from_slice(b" 0x80090308 ");
        line.extend_from_slice(&b"b".repeat(3 * READ_SIZE));
        for segment in [128, 1000, READ_SIZE - 1, READ_SIZE + 1] {
            let mut count = Count(0);
            Stream::with_segment(segment)
                .run(&mut &line[..], &mut count)
                .unwrap();
            assert_eq!(count.0, 1, "segment {segment}");
        }
    }

    /// Found by the `scan` fuzz target: a run of ESC bytes left no cut the escape rule allowed, and the fallback
    /// cut split the code after it (`0x90312`).
    #[test]
    fn a_run_of_escapes_is_cut_without_splitting_the_code_after_it() {
        struct Offsets(Vec<u64>);
        impl Sink for Offsets {
            fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
                self.0.push(hit.offset);
                Ok(())
            }
        }
        for run in [0x1b, b';', b'['] {
            let mut line = vec![run; 300];
            line.extend_from_slice(b"0x90312 00090312 ");
            let whole: Vec<u64> = crate::scan(&line).map(|f| f.start as u64).collect();
            assert_eq!(whole.len(), 2, "{run}");
            let mut streamed = Offsets(Vec::new());
            let mut reader = crate::stream::tests::Slow(&line[..]);
            Stream::with_segment(184)
                .run(&mut reader, &mut streamed)
                .unwrap();
            assert_eq!(streamed.0, whole, "a run of {run:#x}");
        }
    }

    /// Hands out 37 bytes at a time, so that reads end at many different places in a line.
    pub(super) struct Slow<'a>(pub(super) &'a [u8]);

    impl Read for Slow<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(buf.len()).min(37);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn memchr_and_memrchr_find_the_first_and_last() {
        for len in 0..100 {
            let mut h = vec![b'a'; len];
            assert_eq!((memchr(b'\n', &h), memrchr(b'\n', &h)), (None, None));
            for i in 0..len {
                h[i] = b'\n';
                assert_eq!(memchr(b'\n', &h), h.iter().position(|&b| b == b'\n'));
                assert_eq!(memrchr(b'\n', &h), h.iter().rposition(|&b| b == b'\n'));
            }
        }
    }

    #[test]
    fn a_cut_keeps_the_next_byte_and_splits_no_token() {
        let mut data = vec![b'a'; MAX_SEGMENT];
        data[MAX_SEGMENT / 2] = b' ';
        let cut = safe_cut(&data);
        assert_eq!(cut, MAX_SEGMENT / 2 + 1);
        assert!(safe_cut(&[b'x'; 10]) < 10);
    }
}
