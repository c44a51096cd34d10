//! .evtx files (recognised by their `ElfFile\0` signature) and event XML, read event by event.
//!
//! An .evtx file is read one 64 KiB chunk at a time, in file order, straight from the reader (no seeking, so standard
//! input works too): memory stays bounded by the chunks read ahead, whatever the file's size. Each chunk is parsed on
//! its own, on a pool of threads: its header and string table by the `evtx` crate, its records walked here when the
//! chunk is undamaged and each record's [`Event`] read from its binary template ([`template`]); any other chunk's
//! records are walked by the crate, and a record the template reader leaves is read from the event XML the crate
//! renders, by the same reader as for XML files. A chunk or record that does not parse is reported through `problem`
//! (`chunk N: ...`, `record N: ...`) and the reading goes on with the next one; a truncated last chunk is read as far
//! as it goes.

use std::error::Error;
use std::io::{self, Read};
use std::sync::Arc;

use evtx::{EvtxChunk, EvtxChunkData, EvtxRecordHeader, ParserSettings};

use secstatus::Lang;

use super::events::Event;
use super::eventxml;
use super::template::{self, Known};

/// The signature at offset 0 of an .evtx file.
pub const MAGIC: &[u8; 8] = b"ElfFile\0";
const FILE_HEADER: usize = 4096;
const CHUNK: usize = 65536;
/// A chunk's header, before its first record ([MS-EVEN6] 2.2.2), and a record's, before its BinXML (2.2.3).
const CHUNK_HEADER: usize = 512;
const RECORD_HEADER: usize = 24;
/// The most records one chunk can hold (each takes at least 24 bytes); a guard against a reader that never ends.
const MAX_RECORDS: usize = CHUNK / 24;
/// The most bytes of XML kept while looking for the end of an event.
const MAX_XML_EVENT: usize = 16 << 20;

/// What an input's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Evtx,
    Xml,
    Text,
}

/// Recognises an input by its first bytes: the .evtx signature, or event XML (`<Event` or `<Events` first, after
/// a byte order mark, white space and an `<?xml ...?>` declaration).
pub fn sniff(head: &[u8]) -> Format {
    if head.starts_with(MAGIC) {
        return Format::Evtx;
    }
    let mut s = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        s = s.trim_ascii_start();
        if s.starts_with(b"<?") {
            match s.windows(2).position(|w| w == b"?>") {
                Some(end) => s = &s[end + 2..],
                None => return Format::Text,
            }
        } else if s.starts_with(b"<!--") {
            match s.windows(3).position(|w| w == b"-->") {
                Some(end) => s = &s[end + 3..],
                None => return Format::Text,
            }
        } else {
            break;
        }
    }
    let event = s.strip_prefix(b"<Event").and_then(|r| r.first().copied());
    match event {
        Some(b's' | b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/') => Format::Xml,
        _ => Format::Text,
    }
}

/// An error and its causes, `: `-separated.
pub fn describe(e: &dyn Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = cause.source();
    }
    s
}

/// Reads until `buf` is full or the input ends; returns how much was read.
fn fill(reader: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// How many chunks may be read ahead of the one handed on, per thread: enough to keep the threads busy, few
/// enough that memory stays a few MiB.
const CHUNKS_PER_THREAD: usize = 8;

/// What parsing a chunk yields, in the chunk's order: runs of events, each made into a `T` where it was read,
/// between the problems.
enum Item<T> {
    Events(T),
    Problem(Problem),
}

/// What is done with each event on the thread that read it: it is added to a `T` (a run of events between two
/// problems), which is handed on.
pub type Each<'a, T> = &'a (dyn Fn(&Event, &mut T) + Sync);

/// A chunk's items as they are made.
struct Items<'e, T> {
    list: Vec<Item<T>>,
    each: Each<'e, T>,
}

impl<'e, T: Default> Items<'e, T> {
    fn new(each: Each<'e, T>) -> Self {
        Items {
            list: Vec::new(),
            each,
        }
    }

    fn problem(&mut self, p: Problem) {
        self.list.push(Item::Problem(p));
    }

    fn event(&mut self, e: &Event) {
        if !matches!(self.list.last(), Some(Item::Events(_))) {
            self.list.push(Item::Events(T::default()));
        }
        if let Some(Item::Events(run)) = self.list.last_mut() {
            (self.each)(e, run);
        }
    }
}

/// A damaged part of an event log, or a read error: what `problem` is handed. It is an [`Error`], so it can
/// travel inside an [`io::Error`] and still be told in either language ([`Problem::text`]).
#[derive(Debug)]
pub enum Problem {
    /// The file ends inside its 4 KiB header.
    TruncatedHeader { got: usize },
    /// Reading failed (in chunk `chunk`, if the header was read).
    Read {
        chunk: Option<u64>,
        error: io::Error,
    },
    /// The file ends inside a chunk; what is there is read.
    TruncatedChunk { chunk: u64, got: usize },
    /// The chunk does not parse (the parser's words).
    Chunk { chunk: u64, detail: String },
    /// A record of the chunk does not parse.
    Record {
        chunk: u64,
        record: u64,
        detail: String,
    },
    /// A record holds no event.
    NoEvent { chunk: u64, record: u64 },
    /// Event XML with an event longer than 16 MiB, skipped.
    EventTooLong,
}

impl Problem {
    /// The problem in `lang` (the parser's and the system's own words are kept as they are).
    pub fn text(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        let chunk = |n: u64| {
            if ru {
                format!("блок {n}")
            } else {
                format!("chunk {n}")
            }
        };
        let record = |n: u64| {
            if ru {
                format!("запись {n}")
            } else {
                format!("record {n}")
            }
        };
        match self {
            Problem::TruncatedHeader { got } if ru => {
                format!("заголовок файла обрезан ({got} из {FILE_HEADER} байт)")
            }
            Problem::TruncatedHeader { got } => {
                format!("truncated file header ({got} of {FILE_HEADER} bytes)")
            }
            Problem::Read { chunk: None, error } => crate::messages::io_error(error, lang),
            Problem::Read {
                chunk: Some(n),
                error,
            } => format!("{}: {}", chunk(*n), crate::messages::io_error(error, lang)),
            Problem::TruncatedChunk { chunk: n, got } if ru => format!(
                "{}: обрезан ({got} из {CHUNK} байт); читается то, что есть",
                chunk(*n)
            ),
            Problem::TruncatedChunk { chunk: n, got } => format!(
                "{}: truncated ({got} of {CHUNK} bytes); reading what is there",
                chunk(*n)
            ),
            Problem::Chunk { chunk: n, detail } => format!("{}: {detail}", chunk(*n)),
            Problem::Record {
                chunk: n,
                record: r,
                detail,
            } => format!("{}: {}: {detail}", chunk(*n), record(*r)),
            Problem::NoEvent {
                chunk: n,
                record: r,
            } if ru => {
                format!("{}: {}: в записи нет события", chunk(*n), record(*r))
            }
            Problem::NoEvent {
                chunk: n,
                record: r,
            } => {
                format!("{}: {}: no event in the record", chunk(*n), record(*r))
            }
            Problem::EventTooLong if ru => {
                format!("событие длиннее {MAX_XML_EVENT} байт: пропущено")
            }
            Problem::EventTooLong => format!("an event longer than {MAX_XML_EVENT} bytes: skipped"),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl Error for Problem {}

/// Reads an .evtx file from `reader`, handing each event to `event` and each damaged part to `problem`, in file
/// order. An error of `event` (a write error) stops the reading and is returned; a read error is reported and ends
/// the file.
pub fn read_evtx(
    reader: &mut dyn Read,
    threads: usize,
    event: &mut dyn FnMut(&Event) -> io::Result<()>,
    problem: &mut dyn FnMut(Problem),
) -> io::Result<()> {
    read_evtx_walked(reader, threads, Walk::Own, event, problem)
}

/// Who walks a chunk's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walk {
    /// This module, on a chunk whose records all read from their templates; the `evtx` crate on any other.
    Own,
    /// The `evtx` crate, which also builds its model of every record (slower). The two give the same events and
    /// problems: the tests and the `evtx` fuzz target hold it.
    Crate,
}

/// [`read_evtx`], with the records of each chunk walked by `walk`.
pub fn read_evtx_walked(
    reader: &mut dyn Read,
    threads: usize,
    walk: Walk,
    event: &mut dyn FnMut(&Event) -> io::Result<()>,
    problem: &mut dyn FnMut(Problem),
) -> io::Result<()> {
    let each: Each<'_, Vec<Event>> = &|e, run| run.push(e.clone());
    let mut hand_on = |run: Vec<Event>| run.iter().try_for_each(&mut *event);
    read_evtx_with(reader, threads, walk, each, &mut hand_on, problem)
}

/// Reads an .evtx file from `reader`: each event is added by `each`, on the thread that read it, to a run of
/// events, and the runs are handed to `hand_on` and the damaged parts to `problem`, in file order. An error of
/// `hand_on` (a write error) stops the reading and is returned; a read error is reported and ends the file.
///
/// Chunks are parsed on `threads` threads of their own (each chunk stands on its own) while this one reads them
/// and hands their runs on: memory is bounded by the chunks read ahead, not the file.
pub fn read_evtx_with<T: Default + Send>(
    reader: &mut dyn Read,
    threads: usize,
    walk: Walk,
    each: Each<'_, T>,
    hand_on: &mut dyn FnMut(T) -> io::Result<()>,
    problem: &mut dyn FnMut(Problem),
) -> io::Result<()> {
    let mut header = vec![0; FILE_HEADER];
    match fill(reader, &mut header) {
        Ok(n) if n == FILE_HEADER => {}
        Ok(n) => {
            problem(Problem::TruncatedHeader { got: n });
            return Ok(());
        }
        Err(e) => {
            problem(Problem::Read {
                chunk: None,
                error: e,
            });
            return Ok(());
        }
    }
    let settings = Arc::new(ParserSettings::new().num_threads(1));
    let mut chunks = Chunks {
        reader,
        number: 0,
        done: false,
        spare: Vec::new(),
    };
    let parse = |job: Job, known: &mut Known| parse_job(job, &settings, walk, each, known);
    let mut hand_on = |items: Vec<Item<T>>| -> io::Result<()> {
        for item in items {
            match item {
                Item::Events(run) => hand_on(run)?,
                Item::Problem(p) => problem(p),
            }
        }
        Ok(())
    };
    if threads <= 1 {
        let mut known = Known::default();
        while let Some(job) = chunks.next() {
            let (items, buffer) = parse(job, &mut known);
            chunks.spare.extend(buffer);
            hand_on(items)?;
        }
        return Ok(());
    }
    pool(&mut chunks, threads, &parse, &mut hand_on)
}

/// A chunk to parse: its number, its bytes (empty if there is nothing to parse), what reading it reported.
type Job = (u64, Vec<u8>, Option<Problem>);
/// A parsed chunk: its items, in order, and its buffer back.
type Parsed<T> = (Vec<Item<T>>, Option<Vec<u8>>);

/// The chunks of an .evtx file after its header, read one after the other; empty chunks (left in a log that was
/// never filled) are passed over.
struct Chunks<'a> {
    reader: &'a mut dyn Read,
    number: u64,
    done: bool,
    /// Buffers of chunks parsed already, to read the next ones into.
    spare: Vec<Vec<u8>>,
}

impl Chunks<'_> {
    fn next(&mut self) -> Option<Job> {
        while !self.done {
            let number = self.number;
            let mut data = self.spare.pop().unwrap_or_else(|| vec![0; CHUNK]);
            let n = match fill(self.reader, &mut data) {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    let read = Problem::Read {
                        chunk: Some(number),
                        error: e,
                    };
                    return Some((number, Vec::new(), Some(read)));
                }
            };
            if n == 0 {
                self.done = true;
                return None;
            }
            let mut note = None;
            if n < CHUNK {
                // A truncated chunk is read as if zeros followed.
                data[n..].fill(0);
                note = Some(Problem::TruncatedChunk {
                    chunk: number,
                    got: n,
                });
                self.done = true;
            }
            self.number += 1;
            if data.iter().all(|&b| b == 0) {
                self.spare.push(data);
                if note.is_some() {
                    return Some((number, Vec::new(), note));
                }
                continue;
            }
            return Some((number, data, note));
        }
        None
    }
}

/// Parses `chunks` on `threads` threads of their own while this one reads the chunks and hands each one's items
/// on in file order, with at most `threads * CHUNKS_PER_THREAD` chunks read ahead. An error of `hand_on` stops the
/// reading; the threads then end with the chunks they hold.
fn pool<T: Send>(
    chunks: &mut Chunks<'_>,
    threads: usize,
    parse: &(dyn Fn(Job, &mut Known) -> Parsed<T> + Sync),
    hand_on: &mut dyn FnMut(Vec<Item<T>>) -> io::Result<()>,
) -> io::Result<()> {
    use std::collections::BTreeMap;
    use std::sync::{mpsc, Mutex};
    let ahead = threads * CHUNKS_PER_THREAD;
    let (jobs, queue) = mpsc::channel::<(usize, Job)>();
    let queue = Mutex::new(queue);
    let (results, parsed) = mpsc::channel::<(usize, std::thread::Result<Parsed<T>>)>();
    std::thread::scope(|scope| {
        // Dropped when this closure returns, before the threads are joined: they then stop waiting for work.
        let jobs = jobs;
        for _ in 0..threads {
            let (queue, results) = (&queue, results.clone());
            scope.spawn(move || {
                let mut known = Known::default();
                loop {
                    // A poisoned lock means a thread panicked; its panic is raised on this side.
                    let Ok(next) = queue.lock().map(|q| q.recv()) else {
                        return;
                    };
                    let Ok((seq, job)) = next else { return };
                    // The release profile aborts on a panic; a test build carries it to the reading thread.
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        parse(job, &mut known)
                    }));
                    if results.send((seq, outcome)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(results);
        let (mut sent, mut next) = (0usize, 0usize);
        let mut waiting: BTreeMap<usize, Parsed<T>> = BTreeMap::new();
        loop {
            while sent - next < ahead {
                let Some(job) = chunks.next() else { break };
                if jobs.send((sent, job)).is_err() {
                    break;
                }
                sent += 1;
            }
            if next == sent {
                return Ok(());
            }
            let Ok((seq, outcome)) = parsed.recv() else {
                return Ok(());
            };
            match outcome {
                Ok(items) => waiting.insert(seq, items),
                Err(panic) => std::panic::resume_unwind(panic),
            };
            while let Some((items, buffer)) = waiting.remove(&next) {
                next += 1;
                chunks.spare.extend(buffer);
                hand_on(items)?;
            }
        }
    })
}

/// One chunk's items, in order, and its buffer back.
fn parse_job<T: Default>(
    (number, data, note): Job,
    settings: &Arc<ParserSettings>,
    walk: Walk,
    each: Each<'_, T>,
    known: &mut Known,
) -> Parsed<T> {
    let mut items = Items::new(each);
    items.list.extend(note.map(Item::Problem));
    let buffer = if data.is_empty() {
        None
    } else {
        chunk(number, data, settings, walk, &mut items, known)
    };
    (items.list, buffer)
}

/// One chunk's records, as items; the chunk's buffer back, unless its header did not read.
fn chunk<T: Default>(
    number: u64,
    data: Vec<u8>,
    settings: &Arc<ParserSettings>,
    walk: Walk,
    items: &mut Items<'_, T>,
    known: &mut Known,
) -> Option<Vec<u8>> {
    let mut chunk_data = match EvtxChunkData::new(data, false) {
        Ok(c) => c,
        Err(e) => {
            items.problem(Problem::Chunk {
                chunk: number,
                detail: describe(&e),
            });
            return None;
        }
    };
    records(number, &mut chunk_data, settings, walk, items, known);
    Some(chunk_data.data)
}

/// The records of a chunk whose header reads, as items.
fn records<T: Default>(
    number: u64,
    chunk_data: &mut EvtxChunkData,
    settings: &Arc<ParserSettings>,
    walk: Walk,
    items: &mut Items<'_, T>,
    known: &mut Known,
) {
    let mut chunk = match chunk_data.parse(Arc::clone(settings)) {
        Ok(c) => c,
        Err(e) => {
            items.problem(Problem::Chunk {
                chunk: number,
                detail: describe(&e),
            });
            return;
        }
    };
    let mut templates = template::Templates::sharing(known);
    if walk == Walk::Own {
        if let Some(own) = own_walk(number, &chunk, &mut templates, items.each) {
            items.list.extend(own.list);
            return;
        }
    }
    for record in chunk.iter().take(MAX_RECORDS) {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                items.problem(Problem::Chunk {
                    chunk: number,
                    detail: describe(&e),
                });
                continue;
            }
        };
        let id = record.event_record_id;
        let read = match template::event(&record, &mut templates) {
            Some(events) => Ok(events),
            None => record.into_xml().map(|xml| eventxml::events(&xml.data)),
        };
        match read {
            Ok(mut events) => {
                if events.is_empty() {
                    items.problem(Problem::NoEvent {
                        chunk: number,
                        record: id,
                    });
                }
                events.iter_mut().for_each(|e| push_event(id, e, items));
            }
            Err(e) => items.problem(Problem::Record {
                chunk: number,
                record: id,
                detail: describe(&e),
            }),
        }
    }
}

/// A record's event as an item, with the record's id if it names none.
fn push_event<T: Default>(record: u64, event: &mut Event, items: &mut Items<'_, T>) {
    event.record_id.get_or_insert(record);
    items.event(event);
}

/// The records of a chunk, walked as the `evtx` crate walks a chunk without damage (one record after the other
/// from the chunk's header to its free space, up to the last record its header names) and each read from its
/// template, without the crate's model of every record. `None` as soon as a record header does not read or a
/// record is one the template reader leaves: the crate then walks the chunk.
fn own_walk<'e, T: Default>(
    number: u64,
    chunk: &EvtxChunk<'_>,
    templates: &mut template::Templates,
    each: Each<'e, T>,
) -> Option<Items<'e, T>> {
    let data = chunk.data;
    let live_end = usize::try_from(chunk.header.free_space_offset)
        .ok()?
        .min(data.len());
    let mut items = Items::new(each);
    let mut buffers = template::Buffers::default();
    let mut at = CHUNK_HEADER;
    for _ in 0..MAX_RECORDS {
        if at >= live_end {
            break;
        }
        let header = EvtxRecordHeader::from_bytes_at(data, at).ok()?;
        let start = at + RECORD_HEADER;
        let end = start.checked_add(usize::try_from(header.record_data_size().ok()?).ok()?)?;
        if end > data.len() {
            return None;
        }
        let id = header.event_record_id;
        let each = &mut |e: &mut Event| push_event(id, e, &mut items);
        if template::event_at(data, start, end, templates, &mut buffers, each)? == 0 {
            items.problem(Problem::NoEvent {
                chunk: number,
                record: id,
            });
        }
        if header.event_record_id == chunk.header.last_event_record_id {
            break;
        }
        at = at.checked_add(usize::try_from(header.data_size).ok()?)?;
    }
    Some(items)
}

/// Reads event XML from `reader`, one event at a time, holding no more than the events of one read plus one
/// unfinished event. Invalid UTF-8 is replaced; an event longer than 16 MiB is reported and dropped.
pub fn read_xml(
    reader: &mut dyn Read,
    event: &mut dyn FnMut(&Event) -> io::Result<()>,
    problem: &mut dyn FnMut(Problem),
) -> io::Result<()> {
    const END: &[u8] = b"</Event>";
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = vec![0; CHUNK];
    let mut skipping = false;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                problem(Problem::Read {
                    chunk: None,
                    error: e,
                });
                break;
            }
        };
        let search_from = pending.len().saturating_sub(END.len());
        pending.extend_from_slice(&buf[..n]);
        let last_end = pending[search_from..]
            .windows(END.len())
            .rposition(|w| w == END)
            .map(|p| search_from + p + END.len());
        match last_end {
            Some(end) => {
                if !skipping {
                    for e in eventxml::events(&String::from_utf8_lossy(&pending[..end])) {
                        event(&e)?;
                    }
                }
                skipping = false;
                pending.drain(..end);
            }
            None if pending.len() > MAX_XML_EVENT => {
                if !skipping {
                    problem(Problem::EventTooLong);
                }
                skipping = true;
                let keep = pending.len() - END.len();
                pending.drain(..keep);
            }
            None => {}
        }
    }
    if !skipping {
        for e in eventxml::events(&String::from_utf8_lossy(&pending)) {
            event(&e)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff(b"ElfFile\0rest"), Format::Evtx);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<Events><Event>"),
            Format::Xml
        );
        assert_eq!(sniff(b"  <Event xmlns='x'>"), Format::Xml);
        assert_eq!(sniff(b"<EventLog>"), Format::Text);
        assert_eq!(sniff(b"ElfFile"), Format::Text);
        assert_eq!(sniff(b"log line 0x80090308"), Format::Text);
    }

    /// The events and problems of an .evtx input read on `threads` threads.
    fn read(input: &[u8], threads: usize) -> (Vec<Event>, Vec<String>) {
        read_walked(input, threads, Walk::Own)
    }

    fn read_walked(input: &[u8], threads: usize, walk: Walk) -> (Vec<Event>, Vec<String>) {
        let (mut events, mut problems) = (Vec::new(), Vec::new());
        read_evtx_walked(
            &mut &input[..],
            threads,
            walk,
            &mut |e| {
                events.push(e.clone());
                Ok(())
            },
            &mut |p| problems.push(p.text(Lang::En)),
        )
        .unwrap();
        (events, problems)
    }

    /// Our walk of a chunk's records and the `evtx` crate's give the same events and problems, on every fixture,
    /// damaged ones included, and on each cut short at several places.
    #[test]
    fn the_own_walk_reads_what_the_crates_does() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/evtx/");
        for name in [
            "system.evtx",
            "Security_short_selected.evtx",
            "sample_with_a_bad_chunk_magic.evtx",
            "security_bad_string_cache.evtx",
        ] {
            let file = std::fs::read(format!("{dir}{name}")).unwrap();
            let whole = read_walked(&file, 1, Walk::Crate);
            assert!(!whole.0.is_empty(), "{name}");
            assert!(read_walked(&file, 1, Walk::Own) == whole, "{name}");
            for cut in [FILE_HEADER + 600, FILE_HEADER + 20_000, file.len() - 3000] {
                let cut = &file[..cut];
                assert!(
                    read_walked(cut, 1, Walk::Own) == read_walked(cut, 1, Walk::Crate),
                    "{name} cut at {}",
                    cut.len()
                );
            }
        }
    }

    /// The inputs on which fuzzing found the two walks apart, each given the file header the fuzz target gives it.
    #[test]
    fn the_walks_agree_on_what_fuzzing_found() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/regressions/evtx");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            let mut input = Vec::new();
            if !data.starts_with(MAGIC) {
                input.extend_from_slice(MAGIC);
                input.resize(FILE_HEADER, 0);
            }
            input.extend_from_slice(&data);
            assert!(read_walked(&input, 1, Walk::Own) == read_walked(&input, 1, Walk::Crate));
            seen += 1;
        }
        assert!(seen >= 4, "{seen} inputs");
    }

    #[test]
    fn several_threads_hand_on_what_one_does_in_the_same_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/evtx/");
        let file = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
        // One header, then the chunks of three real logs (one with a damaged chunk) three times over: more chunks
        // than one batch holds, so batches and their runs are cut in several places.
        let mut log = file("system.evtx")[..FILE_HEADER].to_vec();
        for _ in 0..3 {
            for name in [
                "system.evtx",
                "Security_short_selected.evtx",
                "sample_with_a_bad_chunk_magic.evtx",
            ] {
                log.extend_from_slice(&file(name)[FILE_HEADER..]);
            }
        }
        let (events, problems) = read(&log, 1);
        assert!(
            log.len() / CHUNK > 2 * CHUNKS_PER_THREAD,
            "{} chunks",
            log.len() / CHUNK
        );
        assert!(events.len() > 5000 && !problems.is_empty());
        for threads in [2, 3, 8] {
            assert!(
                read(&log, threads) == (events.clone(), problems.clone()),
                "{threads} threads"
            );
        }
        // Cut inside a chunk: the same for every thread count, the cut reported last.
        let cut = &log[..log.len() / 2 + 1000];
        let one = read(cut, 1);
        assert!(one.1.last().unwrap().contains("truncated"));
        assert!(read(cut, 3) == one);
    }
}
