//! `secstatus annotate`: every input streamed through the library's [`Stream`] into one of three outputs: the
//! annotated input ([`plain`]), JSON Lines ([`jsonl`]), or a table per code at the end ([`summary`]).

pub mod jsonl;
pub mod plain;
pub mod summary;

use std::fs::File;
use std::io::{self, Read};
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
}

/// Streams one input into `output`. A read error comes back as `Err(StreamError::Read)` after everything read
/// before it has been handed on.
pub fn input(
    stream: &mut Stream,
    path: &str,
    reader: &mut dyn Read,
    output: &mut impl Output,
) -> Result<(), StreamError> {
    output.begin(path);
    stream.run(reader, output)
}

/// Opens and streams every input in order (standard input when there are none, or for `-`), then finishes the
/// output. An input that cannot be opened or read goes to `failed` and the others are still processed; a write
/// error stops everything and is returned.
pub fn run(
    files: &[PathBuf],
    output: &mut impl Output,
    failed: &mut dyn FnMut(&Path, &io::Error),
) -> io::Result<()> {
    let stdin_only = [PathBuf::from("-")];
    let files = if files.is_empty() {
        &stdin_only[..]
    } else {
        files
    };
    let mut stream = Stream::new();
    for path in files {
        let result = if path == Path::new("-") {
            input(&mut stream, "-", &mut io::stdin().lock(), output)
        } else {
            match File::open(path) {
                Ok(mut file) => input(&mut stream, &path.to_string_lossy(), &mut file, output),
                Err(e) => Err(StreamError::Read(e)),
            }
        };
        match result {
            Ok(()) => {}
            Err(StreamError::Read(e)) => failed(path, &e),
            Err(StreamError::Sink(e)) => return Err(e),
        }
    }
    output.finish()
}
