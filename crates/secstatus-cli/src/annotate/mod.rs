//! `secstatus annotate`: every input streamed through the library's [`Stream`] into one of three outputs: the
//! annotated input ([`plain`]), JSON Lines ([`jsonl`]), or a table per code at the end ([`summary`]). Windows
//! event logs (.evtx, recognised by their signature, and event XML) are read event by event instead ([`evtx`]),
//! each event's codes read for what its fields are ([`events`]).

pub mod events;
pub mod eventxml;
pub mod evtx;
pub mod jsonl;
pub mod plain;
pub mod summary;
pub mod template;
pub mod utf16;

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use secstatus::stream::{Sink, Stream, StreamError};

/// One of annotate's outputs: a stream sink that also hears where each input starts and when all have ended.
pub trait Output: Sink {
    /// A new input starts; `path` is `-` for standard input.
    fn begin(&mut self, path: &str);
    /// Every input has been read: write what is left (the summary) and flush.
    fn finish(&mut self) -> io::Result<()>;
    /// Whether any code was found so far.
    fn found_any(&self) -> bool;
    /// Where events go, in the same form (lines, JSON Lines, or a summary at the end).
    fn events(&mut self) -> events::Target<'_>;
}

/// The threads that scan a text input or parse an .evtx file's chunks: the processors the process may use, at most
/// 8.
pub fn threads() -> usize {
    // Asked once: on Linux the answer reads the cgroup's files.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// Streams one input into `output`, its codes found on `threads` threads (fewer than two: on this one). A read
/// error comes back as `Err(StreamError::Read)` after everything read before it has been handed on.
pub fn input(
    stream: &mut Stream,
    path: &str,
    reader: &mut (dyn Read + Send),
    output: &mut impl Output,
    threads: usize,
) -> Result<(), StreamError> {
    output.begin(path);
    stream.run_parallel(reader, output, threads)
}

/// A file smaller than this is read on one thread: starting the others would cost more than they save. Standard
/// input, a pipe or a device is read on one thread too: its reads may wait for input, and a closed output would
/// only be noticed once the next one returned.
const PARALLEL_FROM: u64 = 1 << 20;

/// The first bytes of an input, enough to recognise an .evtx file or event XML: reads until 8 bytes or a line
/// end have come (so a terminal's or a pipe's first line is not held back) or the input ends.
fn head(reader: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut head = vec![0; 4096];
    let mut n = 0;
    while n < 8 && !head[..n].contains(&b'\n') {
        match reader.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(n);
    Ok(head)
}

/// `head`, read on to `want` bytes or the end.
fn read_on(mut head: Vec<u8>, reader: &mut dyn Read, want: usize) -> io::Result<Vec<u8>> {
    let mut more = [0; 4096];
    while head.len() < want {
        let room = (want - head.len()).min(more.len());
        match reader.read(&mut more[..room]) {
            Ok(0) => break,
            Ok(k) => head.extend_from_slice(&more[..k]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(head)
}

/// How much of a file found in a directory is looked at for a NUL byte, which no text log holds.
const BINARY_HEAD: usize = 8192;

/// An input: a path named, or a file found under a named directory.
struct Input {
    path: PathBuf,
    found: bool,
}

/// The inputs `files` name, in order: each file as named, and each directory as the files under it, depth first in
/// the order of their names (symbolic links under it are not followed). A directory that cannot be listed goes to
/// `failed`.
fn inputs(files: &[PathBuf], failed: &mut dyn FnMut(&Path, &io::Error)) -> Vec<Input> {
    let mut out = Vec::new();
    for path in files {
        if path == Path::new("-") || !path.is_dir() {
            out.push(Input {
                path: path.clone(),
                found: false,
            });
            continue;
        }
        // Paths still to visit, the next one last.
        let mut todo = vec![(path.clone(), true)];
        while let Some((at, is_dir)) = todo.pop() {
            if !is_dir {
                out.push(Input {
                    path: at,
                    found: true,
                });
                continue;
            }
            let entries = match std::fs::read_dir(&at) {
                Ok(entries) => entries,
                Err(e) => {
                    failed(&at, &e);
                    continue;
                }
            };
            let mut found = Vec::new();
            for entry in entries {
                match entry.and_then(|e| Ok((e.path(), e.file_type()?))) {
                    // A symbolic link, a socket or a device is not read.
                    Ok((p, kind)) if kind.is_dir() || kind.is_file() => {
                        found.push((p, kind.is_dir()))
                    }
                    Ok(_) => {}
                    Err(e) => failed(&at, &e),
                }
            }
            found.sort_by(|a, b| b.0.cmp(&a.0));
            todo.extend(found);
        }
    }
    out
}
/// Opens and streams every input in order (standard input when there are none, or for `-`), then finishes the
/// output. An input that cannot be opened or read goes to `failed` and the others are still processed; so does
/// each damaged chunk or record of an event log, whose readable events still come out. A write error stops
/// everything and is returned. A directory is read as the files under it, less the binary ones found there.
/// Returns whether an event held a failure code.
pub fn run(
    files: &[PathBuf],
    output: &mut impl Output,
    failed: &mut dyn FnMut(&Path, &io::Error),
) -> io::Result<bool> {
    let stdin_only = [PathBuf::from("-")];
    let files = if files.is_empty() {
        &stdin_only[..]
    } else {
        files
    };
    let mut stream = Stream::new();
    let mut summary = events::Summary::default();
    let (mut texts, mut event_logs, mut failures) = (0usize, 0usize, false);
    for Input { path, found } in inputs(files, failed) {
        let path = &path;
        let name = path.to_string_lossy();
        let mut parallel = false;
        let opened: io::Result<Box<dyn Read + Send>> = if path == Path::new("-") {
            Ok(Box::new(io::stdin()))
        } else {
            File::open(path).map(|f| {
                parallel = f
                    .metadata()
                    .is_ok_and(|m| m.is_file() && m.len() >= PARALLEL_FROM);
                Box::new(f) as Box<dyn Read + Send>
            })
        };
        let mut reader = match opened {
            Ok(r) => r,
            Err(e) => {
                failed(path, &e);
                continue;
            }
        };
        let head = match head(&mut reader) {
            Ok(h) => h,
            Err(e) => {
                failed(path, &e);
                continue;
            }
        };
        // UTF-16 with its mark is read as the UTF-8 it says, and that is recognised in turn; a file found in a
        // directory is looked at for a NUL.
        let want = if found {
            BINARY_HEAD
        } else if matches!(head[..], [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) {
            utf16::HEAD
        } else {
            0
        };
        let head = match read_on(head, &mut reader, want) {
            Ok(h) => h,
            Err(e) => {
                failed(path, &e);
                continue;
            }
        };
        let (head, reader): (Vec<u8>, Box<dyn Read + Send>) = match utf16::byte_order(&head) {
            Some(order) => {
                let mut text = utf16::Utf16::new(Cursor::new(head).chain(reader), order);
                match self::head(&mut text) {
                    Ok(h) => (h, Box::new(text)),
                    Err(e) => {
                        failed(path, &e);
                        continue;
                    }
                }
            }
            None => (head, reader),
        };
        let format = evtx::sniff(&head);
        // Passed over as ripgrep passes over one: a binary file found in a directory is no log.
        if found && format == evtx::Format::Text && head.contains(&0) {
            continue;
        }
        let mut reader = Cursor::new(head).chain(reader);
        if format == evtx::Format::Text {
            texts += 1;
            let threads = if parallel { threads() } else { 1 };
            match input(&mut stream, &name, &mut reader, output, threads) {
                Ok(()) => {}
                Err(StreamError::Read(e)) => failed(path, &e),
                Err(StreamError::Sink(e)) => return Err(e),
            }
            continue;
        }
        event_logs += 1;
        let mut target = output.events();
        let form = events::Form::of(&target, &name);
        let each: evtx::Each<'_, events::Handed> = &|e, handed| form.add(e, handed);
        let mut hand_on = |handed: events::Handed| -> io::Result<()> {
            failures |= events::hand_on(&mut target, &mut summary, handed)?;
            Ok(())
        };
        let mut problem = |p: evtx::Problem| failed(path, &io::Error::other(p));
        if format == evtx::Format::Evtx {
            let (threads, walk) = (threads(), evtx::Walk::Own);
            evtx::read_evtx_with(&mut reader, threads, walk, each, &mut hand_on, &mut problem)?;
        } else {
            let mut event = |e: &events::Event| {
                let mut handed = events::Handed::default();
                form.add(e, &mut handed);
                hand_on(handed)
            };
            evtx::read_xml(&mut reader, &mut event, &mut problem)?;
        }
    }
    if event_logs > 0 {
        let target = output.events();
        if let events::Target::Summary { out, format } = target {
            summary.write(out, format)?;
        }
        if texts == 0 {
            match output.events() {
                events::Target::Lines { out, .. }
                | events::Target::Json { out }
                | events::Target::Summary { out, .. } => out.flush()?,
            }
            return Ok(failures);
        }
    }
    output.finish()?;
    Ok(failures)
}
