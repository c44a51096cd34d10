//! A whole input streamed through the scanner, for `annotate`-like tools (feature `std`).
//!
//! [`Stream`] owns the buffering: it reads in chunks, finds every code with the scanner, keeps a token that
//! straddles two reads whole, cuts a line too long to hold only where no token or sign is split, and counts lines
//! and offsets. It knows nothing of output: it calls a [`Sink`] (grep-searcher's design): `matched` for each code,
//! `context` for the bytes in between, `line_end` where a line that held codes ends. Memory stays bounded by
//! [`MAX_SEGMENT`] whatever the input, a single endless line included.
//!
//! [`Stream::run_parallel`] does the same with the reading on one thread and the scanning on others: the sink still
//! hears everything in order on the caller's thread, and memory stays bounded by the regions read ahead (two per
//! scanning thread, each at most a segment and a read).
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
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::panic::AssertUnwindSafe;
use std::sync::{mpsc, Arc, Mutex};
use std::vec;
use std::vec::Vec;

use crate::scan::{is_token_byte, scan_with_context};
use crate::{ldap_data, Found};

/// How much is read at a time.
pub const READ_SIZE: usize = 64 * 1024;
/// How much [`Stream::run_parallel`] reads at a time.
pub const PARALLEL_READ_SIZE: usize = 256 * 1024;
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
    /// Absolute offset of the next region's first byte.
    base: u64,
    /// 1-based number of the line that holds the next byte to count (with `Sink::LINES`).
    line: u64,
    /// Absolute offset where that line starts.
    line_start: u64,
    /// Whether the current line has had codes whose `line_end` is still due.
    pending: bool,
}

impl Cursor {
    fn new() -> Cursor {
        Cursor {
            base: 0,
            line: 1,
            line_start: 0,
            pending: false,
        }
    }
}

/// A region of the input as [`frames`] cuts it: whole lines, a piece of a line too long to hold, or what is left at
/// the end.
struct Frame<'b> {
    bytes: &'b [u8],
    /// Whether the byte just before, on the same line, is a token byte.
    token_before: bool,
    /// The byte after a cut inside a line, or one that stands for whatever follows a line end; `None` for the last
    /// region of the input, and only for it.
    next: Option<u8>,
}

/// How many regions may be read ahead of the one the sink is at, per scanning thread of [`Stream::run_parallel`].
const AHEAD_PER_THREAD: usize = 2;

/// A region read ahead for [`Stream::run_parallel`]: its bytes, copied out of the stream's buffer, and where it stands.
struct Job {
    seq: u64,
    bytes: Vec<u8>,
    token_before: bool,
    next: Option<u8>,
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
        let mut cur = Cursor::new();
        let end = frames(
            &mut self.buf,
            self.segment,
            self.read,
            reader,
            &mut |frame| {
                let found = codes(frame.bytes, frame.token_before, frame.next);
                hand_on(&mut cur, &frame, found, sink)
            },
        )
        .map_err(StreamError::Sink)?;
        finish(&mut cur, sink).map_err(StreamError::Sink)?;
        end.map_or(Ok(()), |e| Err(StreamError::Read(e)))
    }

    /// [`Stream::run`] with the reading and the scanning on other threads: one reads and cuts the input, `threads`
    /// find the codes of the regions read ahead (at most two each), and the sink hears them on
    /// this thread, in order, exactly as from [`Stream::run`]. Fewer than two threads run [`Stream::run`].
    ///
    /// A sink error is returned once the read in progress returns: this is for inputs whose reads do not wait, such
    /// as files; a pipe or a terminal is better read with [`Stream::run`], which stops at once. Memory is about two
    /// segments and two reads for each thread.
    ///
    /// ```
    /// use secstatus::stream::{Hit, Sink, Stream};
    /// struct Names(Vec<&'static str>);
    /// impl Sink for Names {
    ///     fn matched(&mut self, hit: &Hit<'_>) -> std::io::Result<()> {
    ///         self.0.push(hit.found.code.name());
    ///         Ok(())
    ///     }
    /// }
    /// let log = b"a 0x80090308\n".repeat(10_000);
    /// let mut names = Names(Vec::new());
    /// Stream::new().run_parallel(&mut &log[..], &mut names, 4).unwrap();
    /// assert_eq!(names.0.len(), 10_000);
    /// assert!(names.0.iter().all(|n| *n == "SEC_E_INVALID_TOKEN"));
    /// ```
    pub fn run_parallel<S: Sink>(
        &mut self,
        reader: &mut (dyn Read + Send),
        sink: &mut S,
        threads: usize,
    ) -> Result<(), StreamError> {
        if threads < 2 {
            return self.run(reader, sink);
        }
        // Larger reads than one thread's: fewer regions to hand between threads. A pipe or a terminal still
        // hands on what it has.
        let (segment, read) = (self.segment, PARALLEL_READ_SIZE.min(self.segment));
        if self.buf.len() < segment + read {
            self.buf = vec![0u8; segment + read].into_boxed_slice();
        }
        let buf = &mut self.buf[..];
        let ahead = threads * AHEAD_PER_THREAD;
        std::thread::scope(|scope| {
            // Buffers go round: read into by the reader, handed back once the sink has heard them. Their number
            // bounds how far the reading runs ahead.
            let (free, buffers) = mpsc::sync_channel::<Vec<u8>>(ahead);
            for _ in 0..ahead {
                let _ = free.send(Vec::new());
            }
            let (to_scan, jobs) = mpsc::channel::<Job>();
            let (scanned, done) = mpsc::channel::<(Job, std::thread::Result<Vec<Found>>)>();
            let reading = scope.spawn(move || {
                let mut seq = 0;
                let end = frames(buf, segment, read, reader, &mut |frame| {
                    let stopped = || io::Error::other("the stream stopped");
                    let mut bytes = buffers.recv().map_err(|_| stopped())?;
                    bytes.clear();
                    bytes.extend_from_slice(frame.bytes);
                    let (token_before, next) = (frame.token_before, frame.next);
                    let job = Job {
                        seq,
                        bytes,
                        token_before,
                        next,
                    };
                    seq += 1;
                    to_scan.send(job).map_err(|_| stopped())
                });
                // Once the sink has stopped, nobody listens.
                end.ok().flatten()
            });
            // Shared by the scanning threads; the last one to stop drops it, which stops the reader.
            let jobs = Arc::new(Mutex::new(jobs));
            for _ in 0..threads {
                let (jobs, scanned) = (Arc::clone(&jobs), scanned.clone());
                scope.spawn(move || loop {
                    let job = match jobs.lock() {
                        Ok(jobs) => jobs.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    // A panic goes to the sink's thread, which raises it again: the others then stop.
                    let found = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        codes(&job.bytes, job.token_before, job.next).collect()
                    }));
                    if scanned.send((job, found)).is_err() {
                        return;
                    }
                });
            }
            drop((jobs, scanned));
            // The regions in the order they were read, whatever order they were scanned in.
            let mut cur = Cursor::new();
            let mut waiting = BTreeMap::new();
            let mut next_seq = 0;
            for (job, found) in &done {
                waiting.insert(job.seq, (job, found));
                while let Some((job, found)) = waiting.remove(&next_seq) {
                    next_seq += 1;
                    let found = found.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    let frame = Frame {
                        bytes: &job.bytes,
                        token_before: job.token_before,
                        next: job.next,
                    };
                    hand_on(&mut cur, &frame, found.into_iter(), sink)
                        .map_err(StreamError::Sink)?;
                    if job.next.is_none() {
                        finish(&mut cur, sink).map_err(StreamError::Sink)?;
                        // The reader is done: it has handed on its last region.
                        let end = reading
                            .join()
                            .unwrap_or_else(|p| std::panic::resume_unwind(p));
                        return end.map_or(Ok(()), |e| Err(StreamError::Read(e)));
                    }
                    let _ = free.send(job.bytes);
                }
            }
            // Every thread stopped before the last region: the reader panicked, and its panic goes on here.
            if let Err(panic) = reading.join() {
                std::panic::resume_unwind(panic);
            }
            Ok(())
        })
    }
}

/// Reads `reader` to its end through `buf` and hands `each` the input as regions, in order: every complete line read
/// so far, or a piece of a line longer than `segment` cut where no token is split, then what is left at the end
/// (`next` is `None`). Returns the read error that ended the input early, if one did; an error of `each` stops at
/// once and is returned.
fn frames(
    buf: &mut [u8],
    segment: usize,
    read: usize,
    reader: &mut dyn Read,
    each: &mut dyn FnMut(Frame<'_>) -> io::Result<()>,
) -> io::Result<Option<io::Error>> {
    let mut filled = 0;
    let mut token_before = false;
    loop {
        let n = match reader.read(&mut buf[filled..filled + read]) {
            Ok(n) if n > 0 => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            ended => {
                // End of input, or a read error: the rest is the last line, without a terminator.
                let bytes = &buf[..filled];
                each(Frame {
                    bytes,
                    token_before,
                    next: None,
                })?;
                return Ok(ended.err());
            }
        };
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
        // A cut inside a line leaves its last byte, so the byte after it is known. A cut after a line end may fall at
        // the end of what was read, even of the buffer: no byte after it is known yet, and any byte that is no token
        // byte stands for it. `next` is `None` only for the last region.
        let next = Some(if cut < end { buf[cut] } else { b'\n' });
        each(Frame {
            bytes: &buf[..cut],
            token_before,
            next,
        })?;
        token_before = buf[cut - 1] != b'\n' && is_token_byte(buf[cut - 1]);
        buf.copy_within(cut..end, 0);
        filled = end - cut;
    }
}

/// The codes of a region, and with the feature `texts` its message texts, merged in order (a text that overlaps a
/// code is dropped).
fn codes(region: &[u8], token_before: bool, next: Option<u8>) -> impl Iterator<Item = Found> + '_ {
    let token_after = next.is_some_and(is_token_byte);
    let codes = scan_with_context(region, token_before, token_after);
    #[cfg(feature = "texts")]
    let codes = crate::texts::merge(
        codes,
        crate::texts::find_messages_with_context(region, token_before, token_after),
    );
    codes
}

/// Hands a region and its codes on to the sink; a region cut inside the input ends a chunk.
fn hand_on<S: Sink>(
    cur: &mut Cursor,
    frame: &Frame<'_>,
    codes: impl Iterator<Item = Found>,
    sink: &mut S,
) -> io::Result<()> {
    region(cur, frame.bytes, codes, sink)?;
    if frame.next.is_some() {
        cur.base += frame.bytes.len() as u64;
        sink.chunk_end()?;
    }
    Ok(())
}

/// Hands on `region`, which starts at `cur.base` and ends at a line end, a cut inside a long line, or the end of the
/// input, with the codes found in it.
fn region<S: Sink>(
    cur: &mut Cursor,
    region: &[u8],
    codes: impl Iterator<Item = Found>,
    sink: &mut S,
) -> io::Result<()> {
    let mut handed = 0; // bytes of `region` given to the sink
    let mut walked = 0; // bytes of `region` whose line ends were seen
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
    use std::string::ToString;
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

    /// A record of everything a sink heard, in order.
    #[derive(Default, Debug, PartialEq)]
    struct Heard(Vec<(u8, u64, u64, u64, Vec<u8>)>);

    impl Sink for Heard {
        const COLUMNS: bool = true;
        fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
            self.0
                .push((b'm', hit.offset, hit.line, hit.column, hit.text.to_vec()));
            Ok(())
        }
        fn context(&mut self, bytes: &[u8]) -> io::Result<()> {
            self.0.push((b'c', 0, 0, 0, bytes.to_vec()));
            Ok(())
        }
        fn line_end(&mut self, terminator: &[u8]) -> io::Result<()> {
            self.0.push((b'e', 0, 0, 0, terminator.to_vec()));
            Ok(())
        }
        fn chunk_end(&mut self) -> io::Result<()> {
            self.0.push((b'k', 0, 0, 0, Vec::new()));
            Ok(())
        }
    }

    /// Lines with codes, long lines that the stream cuts, CRLF and a last line without a newline.
    fn mixed_log() -> Vec<u8> {
        let mut log = Vec::new();
        for i in 0..3000u32 {
            match i % 7 {
                0 => log.extend_from_slice(b"ok, nothing here\n"),
                1 => log.extend_from_slice(b"AcquireCredentialsHandle: 0x8009030E\r\n"),
                2 => log.extend_from_slice(&b"word 0x80090308 ".repeat(40)),
                3 => log.extend_from_slice(b"Status: 0xC000006D Sub Status: 0xC000006A\n"),
                4 => log.extend_from_slice(
                    b"LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e\n",
                ),
                5 => log.extend_from_slice(&b"a".repeat(usize::try_from(i).unwrap() % 500)),
                _ => log.extend_from_slice(b"\n"),
            }
        }
        log.extend_from_slice(b"last SEC_E_TIME_SKEW");
        log
    }

    #[test]
    fn the_parallel_stream_tells_the_sink_exactly_what_the_stream_does() {
        let log = mixed_log();
        for segment in [128, 1000, MAX_SEGMENT] {
            let mut alone = Heard::default();
            Stream::with_segment(segment)
                .run(&mut Slow(&log), &mut alone)
                .unwrap();
            assert!(alone.0.iter().filter(|h| h.0 == b'm').count() > 3000);
            for threads in [2, 3, 8] {
                let mut parallel = Heard::default();
                Stream::with_segment(segment)
                    .run_parallel(&mut Slow(&log), &mut parallel, threads)
                    .unwrap();
                assert!(parallel == alone, "segment {segment}, {threads} threads");
            }
        }
    }

    /// Found in review: a read that fills the buffer and ends with a line end left no byte after the cut, and the
    /// region was taken for the last one (offsets went short; the parallel run waited for ever).
    #[test]
    fn a_line_end_at_the_end_of_the_buffer_is_not_the_end_of_the_input() {
        let mut log = b"\n".to_vec();
        log.extend_from_slice(&b" ".repeat(127));
        log.extend_from_slice(&b"a".repeat(128));
        log.extend_from_slice(&b"b".repeat(127));
        log.push(b'\n');
        log.extend_from_slice(&b"x 0x80090308\n".repeat(50));
        let expected: Vec<u64> = crate::scan(&log).map(|f| f.start as u64).collect();
        assert_eq!(expected.len(), 50);
        for segment in [128, 256, 1000] {
            let mut alone = Heard::default();
            Stream::with_segment(segment)
                .run(&mut &log[..], &mut alone)
                .unwrap();
            let offsets: Vec<u64> = alone
                .0
                .iter()
                .filter(|h| h.0 == b'm')
                .map(|h| h.1)
                .collect();
            assert_eq!(offsets, expected, "segment {segment}");
            let mut parallel = Heard::default();
            Stream::with_segment(segment)
                .run_parallel(&mut &log[..], &mut parallel, 2)
                .unwrap();
            assert!(parallel == alone, "segment {segment}");
        }
    }

    /// Fails after handing out `good` bytes.
    struct Failing<'a> {
        good: &'a [u8],
    }

    impl Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.good.is_empty() {
                return Err(io::Error::other("the disk is gone"));
            }
            let n = self.good.len().min(buf.len()).min(1000);
            buf[..n].copy_from_slice(&self.good[..n]);
            self.good = &self.good[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_comes_back_after_everything_read_before_it() {
        let log = mixed_log();
        let mut alone = Heard::default();
        let result = Stream::new().run(&mut Failing { good: &log }, &mut alone);
        assert!(matches!(result, Err(StreamError::Read(_))));
        let mut parallel = Heard::default();
        let result = Stream::new().run_parallel(&mut Failing { good: &log }, &mut parallel, 2);
        assert!(matches!(result, Err(StreamError::Read(e)) if e.to_string() == "the disk is gone"));
        assert!(parallel == alone);
        let heard: Vec<u8> = alone
            .0
            .iter()
            .filter(|h| matches!(h.0, b'c' | b'e'))
            .flat_map(|h| h.4.clone())
            .collect();
        assert_eq!(heard, log);
    }

    /// Counts the codes; fails at the `fail_at`-th, if given.
    struct Count {
        codes: usize,
        fail_at: Option<usize>,
    }

    impl Count {
        fn new(fail_at: Option<usize>) -> Count {
            Count { codes: 0, fail_at }
        }
    }

    impl Sink for Count {
        fn matched(&mut self, _: &Hit<'_>) -> io::Result<()> {
            self.codes += 1;
            if Some(self.codes) == self.fail_at {
                return Err(io::Error::other("the disk is full"));
            }
            Ok(())
        }
    }

    #[test]
    fn a_sink_error_stops_the_parallel_stream() {
        let log = b"0x80090308\n".repeat(100_000);
        let mut full = Count::new(Some(10));
        let result = Stream::new().run_parallel(&mut &log[..], &mut full, 2);
        assert!(matches!(result, Err(StreamError::Sink(e)) if e.to_string() == "the disk is full"));
        assert_eq!(full.codes, 10);
    }

    /// Found by the `scan` fuzz target: with a segment smaller than a read, what a cut kept could exceed the
    /// segment, and the next read ran past the buffer.
    #[test]
    fn a_small_segment_never_reads_past_its_buffer() {
        // A space a little past the middle of the first read: the cut falls there, far from the end.
        let mut line = b"a".repeat(READ_SIZE * 5 / 8);
        line.extend_from_slice(b" 0x80090308 ");
        line.extend_from_slice(&b"b".repeat(3 * READ_SIZE));
        for segment in [128, 1000, READ_SIZE - 1, READ_SIZE + 1] {
            let mut count = Count::new(None);
            Stream::with_segment(segment)
                .run(&mut &line[..], &mut count)
                .unwrap();
            assert_eq!(count.codes, 1, "segment {segment}");
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
