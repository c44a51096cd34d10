//! .evtx files (recognised by their `ElfFile\0` signature) and event XML, read event by event.
//!
//! An .evtx file is read one 64 KiB chunk at a time, in file order, straight from the reader (no seeking, so
//! standard input works too): memory stays bounded by the chunk, whatever the file's size. Each chunk is parsed on
//! its own by the `evtx` crate and each record rendered as event XML, which the same reader as for XML files
//! turns into an [`Event`]. A chunk or record that does not parse is reported through `problem` (`chunk N: ...`,
//! `record N: ...`) and the reading goes on with the next one; a truncated last chunk is read as far as it goes.

use std::error::Error;
use std::io::{self, Read};
use std::sync::Arc;

use evtx::{EvtxChunkData, ParserSettings};

use super::events::Event;
use super::eventxml;

/// The signature at offset 0 of an .evtx file.
pub const MAGIC: &[u8; 8] = b"ElfFile\0";
const FILE_HEADER: usize = 4096;
const CHUNK: usize = 65536;
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

/// Reads an .evtx file from `reader`, handing each event to `event` and each damaged part to `problem`. An error
/// of `event` (a write error) stops the reading and is returned; a read error is reported and ends the file.
pub fn read_evtx(
    reader: &mut dyn Read,
    event: &mut dyn FnMut(&Event) -> io::Result<()>,
    problem: &mut dyn FnMut(String),
) -> io::Result<()> {
    let mut header = vec![0; FILE_HEADER];
    match fill(reader, &mut header) {
        Ok(n) if n == FILE_HEADER => {}
        Ok(n) => {
            problem(format!(
                "truncated file header ({n} of {FILE_HEADER} bytes)"
            ));
            return Ok(());
        }
        Err(e) => {
            problem(e.to_string());
            return Ok(());
        }
    }
    let settings = Arc::new(ParserSettings::new().num_threads(1));
    for number in 0u64.. {
        let mut data = vec![0; CHUNK];
        let n = match fill(reader, &mut data) {
            Ok(n) => n,
            Err(e) => {
                problem(format!("chunk {number}: {e}"));
                return Ok(());
            }
        };
        if n == 0 {
            break;
        }
        if n < CHUNK {
            problem(format!(
                "chunk {number}: truncated ({n} of {CHUNK} bytes); reading what is there"
            ));
        }
        // Empty chunks are left in a log that was never filled.
        if data.iter().all(|&b| b == 0) {
            if n < CHUNK {
                break;
            }
            continue;
        }
        chunk(number, data, &settings, event, problem)?;
        if n < CHUNK {
            break;
        }
    }
    Ok(())
}

/// One chunk's records.
fn chunk(
    number: u64,
    data: Vec<u8>,
    settings: &Arc<ParserSettings>,
    event: &mut dyn FnMut(&Event) -> io::Result<()>,
    problem: &mut dyn FnMut(String),
) -> io::Result<()> {
    let mut chunk_data = match EvtxChunkData::new(data, false) {
        Ok(c) => c,
        Err(e) => {
            problem(format!("chunk {number}: {}", describe(&e)));
            return Ok(());
        }
    };
    let mut chunk = match chunk_data.parse(Arc::clone(settings)) {
        Ok(c) => c,
        Err(e) => {
            problem(format!("chunk {number}: {}", describe(&e)));
            return Ok(());
        }
    };
    for record in chunk.iter().take(MAX_RECORDS) {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problem(format!("chunk {number}: {}", describe(&e)));
                continue;
            }
        };
        let id = record.event_record_id;
        match record.into_xml() {
            Ok(xml) => {
                let events = eventxml::events(&xml.data);
                if events.is_empty() {
                    problem(format!(
                        "chunk {number}: record {id}: no event in the record"
                    ));
                }
                for mut e in events {
                    e.record_id.get_or_insert(id);
                    event(&e)?;
                }
            }
            Err(e) => problem(format!("chunk {number}: record {id}: {}", describe(&e))),
        }
    }
    Ok(())
}

/// Reads event XML from `reader`, one event at a time, holding no more than the events of one read plus one
/// unfinished event. Invalid UTF-8 is replaced; an event longer than 16 MiB is reported and dropped.
pub fn read_xml(
    reader: &mut dyn Read,
    event: &mut dyn FnMut(&Event) -> io::Result<()>,
    problem: &mut dyn FnMut(String),
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
                problem(e.to_string());
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
                    problem(format!(
                        "an event longer than {MAX_XML_EVENT} bytes: skipped"
                    ));
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
}
