//! The events of .evtx records read from their binary templates, without rendering XML.
//!
//! Nearly every record of an .evtx file is a template instance ([MS-EVEN6] 2.2.12): a reference to a template
//! definition kept once in the chunk, which holds the event's elements, and the record's own substitution values;
//! a value may itself be an instance (Security events embed their `EventData` so). The `evtx` crate parses the
//! chunk's header and [`super::evtx`] finds the records; this module reads each definition into a list of elements,
//! texts and substitutions, once for all the chunks that hold it ([`Known`]), and plays it with the record's values
//! into the same [`Reader`] that reads event XML, writing each value as the crate's XML renderer writes it. An
//! event read here is the event read from the record's XML: a test and the `evtx` fuzz target compare the two on
//! every record.
//!
//! Only what is fully understood is read so. Any other record (not a template instance, a value type other than
//! strings, ANSI strings, string arrays, integers, hex integers, booleans, binary, GUIDs, times and SIDs, an array
//! in an attribute or beside child elements, a template with other tokens, a name that is not plain) is left to the
//! XML path, which [`event`] says by returning `None`.
//!
//! [MS-EVEN6]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-even6/

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use evtx::binxml::value_variant::BinXmlValue;
use evtx::EvtxRecord;

use super::events::Event;
use super::eventxml::{self, Attributes, Reader};

mod plan;

use plan::Context;

/// The most elements, texts and attributes one template may have here, and the deepest nesting; larger ones go to
/// the XML path.
const MAX_OPS: usize = 4096;
const MAX_DEPTH: usize = 32;

/// A piece of an attribute's value or of an element's text.
#[derive(Clone, Debug)]
enum Piece {
    Literal(Box<str>),
    /// Substitution value `index` (an optional one that is empty writes nothing, as any empty value does).
    Value {
        index: u16,
    },
}

/// A template definition as a list in document order.
#[derive(Clone, Debug)]
enum Op {
    /// An element starts; it is left out if it depends on a value that is NULL.
    Open {
        name: Box<str>,
        dependency: Option<u16>,
        attributes: Vec<(Box<str>, Vec<Piece>)>,
    },
    Text(Piece),
    Close,
}

/// The template definitions of one chunk read so far, by offset: `None` for one that is left to the XML path.
/// With [`Known`] definitions, one met in an earlier chunk is taken from there instead of being read again.
#[derive(Default)]
pub struct Templates<'k> {
    by_offset: HashMap<u32, Option<Rc<Definition>>, BuildHasherDefault<OffsetHasher>>,
    known: Option<&'k mut Known>,
}

/// Hashes a definition's offset in its chunk: a multiplication, which keeps distinct offsets distinct, its high
/// bits turned down so that they choose the bucket. It is not keyed: offsets chosen to share buckets can only slow
/// the lookups of one chunk, which holds a few thousand definitions at most.
#[derive(Default)]
struct OffsetHasher(u64);

impl Hasher for OffsetHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// The definitions met in earlier chunks, by content: a log stores each template again in every chunk that uses
/// it, at another offset. The content is the definition's tokens with each name written out (see `key`), so two
/// definitions with the same content read the same.
#[derive(Default)]
pub struct Known {
    by_content: HashMap<Box<[u8]>, Option<Rc<Definition>>>,
    /// The bytes of the keys kept.
    kept: usize,
    key: Vec<u8>,
}

/// The most definitions [`Known`] keeps, and the most bytes of their contents (a real log's few hundred templates
/// take some hundreds of KiB); when either is reached it starts again, so that memory stays bounded whatever a file
/// holds.
const MAX_KNOWN: usize = 1024;
const MAX_KNOWN_BYTES: usize = 4 << 20;

/// A definition read: its elements, and its plans for a record and for BinXML embedded in an event.
struct Definition {
    ops: Vec<Op>,
    plans: [Option<plan::Plan>; 2],
}

impl Definition {
    fn new(ops: Vec<Op>) -> Definition {
        let plans = [Context::Record, Context::InEvent].map(|c| plan::compile(&ops, c));
        Definition { ops, plans }
    }

    /// The definition at `offset` of the chunk `data`, `None` if it is left to the XML path.
    fn read(data: &[u8], offset: u32) -> Option<Rc<Definition>> {
        definition(data, offset).map(|ops| Rc::new(Definition::new(ops)))
    }
}

impl<'k> Templates<'k> {
    /// A chunk's definitions, taken from `known` where it has them.
    pub fn sharing(known: &'k mut Known) -> Self {
        Templates {
            by_offset: HashMap::default(),
            known: Some(known),
        }
    }

    /// Reads the definition at `offset` of the chunk `data`, if it is not read yet; `None` if it is left to the
    /// XML path.
    fn read(&mut self, data: &[u8], offset: u32) -> Option<()> {
        if let Some(read) = self.by_offset.get(&offset) {
            return read.as_ref().map(|_| ());
        }
        let read = match self.known.as_deref_mut() {
            Some(known) => known.get(data, offset),
            None => Definition::read(data, offset),
        };
        let found = read.is_some();
        self.by_offset.insert(offset, read);
        found.then_some(())
    }

    /// The elements of the definition at `offset`.
    fn ops(&self, offset: u32) -> Result<&[Op], Miss> {
        match self.by_offset.get(&offset) {
            None => Err(Miss::Unread),
            Some(d) => d.as_ref().map(|d| &d.ops[..]).ok_or(Miss::Unreadable),
        }
    }

    /// The plan of the definition at `offset` for `context`.
    fn plan(&self, offset: u32, context: Context) -> Result<&plan::Plan, Miss> {
        let definition = self.by_offset.get(&offset).ok_or(Miss::Unread)?;
        let plans = &definition.as_ref().ok_or(Miss::Unreadable)?.plans;
        plans[context as usize].as_ref().ok_or(Miss::Unreadable)
    }
}

impl Known {
    /// The definition at `offset` of the chunk `data`: the one known with the same content, or read and kept.
    fn get(&mut self, data: &[u8], offset: u32) -> Option<Rc<Definition>> {
        if key(data, offset, &mut self.key).is_none() {
            return Definition::read(data, offset);
        }
        if let Some(known) = self.by_content.get(&self.key[..]) {
            return known.clone();
        }
        if self.by_content.len() >= MAX_KNOWN || self.kept + self.key.len() > MAX_KNOWN_BYTES {
            self.by_content.clear();
            self.kept = 0;
        }
        self.kept += self.key.len();
        let read = Definition::read(data, offset);
        self.by_content.insert(self.key[..].into(), read.clone());
        read
    }
}

/// The buffers the readers of a chunk's records write in, kept from one record for the next.
#[derive(Default)]
pub struct Buffers {
    reader: eventxml::Buffers,
    plan: plan::Scratch,
    /// The event a plan reads.
    event: Event,
}

/// A substitution value, as far as this module reads it.
#[derive(Clone)]
enum Value<'a> {
    Null,
    /// A UTF-16LE string, up to its first NUL.
    Utf16(&'a [u8]),
    /// UTF-16LE strings, each ending with a NUL.
    Strings(&'a [u8]),
    /// An ANSI string (Windows-1252), NULs left out wherever they are.
    Ansi(&'a [u8]),
    /// A SID's bytes.
    Sid(&'a [u8]),
    /// A number, GUID, time, boolean or binary value, written as the `evtx` crate writes it.
    Shown(BinXmlValue<'a>),
    /// Embedded BinXML at this offset of the chunk, this long.
    Nested(usize, usize),
}

/// The events of `record`, or `None` if the record is not a template instance that this module reads.
pub fn event(record: &EvtxRecord<'_>, templates: &mut Templates) -> Option<Vec<Event>> {
    let start = usize::try_from(record.binxml_offset).ok()?;
    let end = start.checked_add(usize::try_from(record.binxml_size).ok()?)?;
    let mut events = Vec::new();
    let buffers = &mut Buffers::default();
    let data = record.chunk.data;
    event_at(data, start, end, templates, buffers, &mut |e| {
        events.push(std::mem::take(e));
    })?;
    Some(events)
}

/// Reads the events of the record whose BinXML is `chunk[start..end]`, handing each to `each`, and says how many
/// it held; `None` (with none handed on) if it is not a template instance that this module reads. The reader
/// writes in `buffers`, and leaves them there for the next record.
pub fn event_at(
    chunk: &[u8],
    start: usize,
    end: usize,
    templates: &mut Templates,
    buffers: &mut Buffers,
    each: &mut dyn FnMut(&mut Event),
) -> Option<usize> {
    let data = chunk.get(..end)?;
    // Most records use definitions read already, and are read by their plans: only a record that needs another
    // definition reads it, and only one that its plan does not hold for is played.
    let event = &mut buffers.event;
    let mut planned = plan::event(data, (start, end), templates, &mut buffers.plan, event);
    if let Err(Miss::Unread) = planned {
        read_definitions(data, start, end, templates, 0)?;
        planned = plan::event(data, (start, end), templates, &mut buffers.plan, event);
    }
    if planned.is_ok() {
        each(event);
        return Some(1);
    }
    let played = played(data, (start, end), templates, &mut buffers.reader)?;
    let count = played.len();
    played.into_iter().for_each(|mut e| each(&mut e));
    Some(count)
}

/// The events of the template instance at `data[start..end]`, played into a reader.
fn played(
    data: &[u8],
    (start, end): (usize, usize),
    templates: &mut Templates,
    buffers: &mut eventxml::Buffers,
) -> Option<Vec<Event>> {
    let mut reader = Reader::unescaped(std::mem::take(buffers));
    match play(data, (start, end), templates, &mut reader, 0) {
        Ok(()) => return Some(reader.finish_keeping(buffers)),
        Err(Miss::Unreadable) => {
            reader.finish_keeping(buffers);
            return None;
        }
        Err(Miss::Unread) => {
            reader.finish_keeping(buffers);
        }
    }
    read_definitions(data, start, end, templates, 0)?;
    let mut reader = Reader::unescaped(std::mem::take(buffers));
    let played = play(data, (start, end), templates, &mut reader, 0);
    let events = reader.finish_keeping(buffers);
    played.ok().map(|()| events)
}

/// Why a template instance was not played.
enum Miss {
    /// A definition it uses has not been read yet.
    Unread,
    /// It is left to the XML path.
    Unreadable,
}

/// The most template instances embedded in one another that are read.
const MAX_NESTING: usize = 4;

/// Reads the definitions of the template instance at `data[start..end]` and of the instances embedded in its
/// values into `templates`; `None` if one is left to the XML path. `nesting` counts the instances around it.
fn read_definitions(
    data: &[u8],
    start: usize,
    end: usize,
    templates: &mut Templates,
    nesting: usize,
) -> Option<()> {
    if nesting > MAX_NESTING {
        return None;
    }
    let (offset, values) = instance(data, start, end)?;
    templates.read(data, offset)?;
    for v in &values {
        if let Value::Nested(at, len) = *v {
            if len > 0 {
                read_definitions(data, at, at + len, templates, nesting + 1)?;
            }
        }
    }
    Some(())
}

/// Plays the template instance at `data[start..end]` (a fragment header, the instance, then the end of the stream
/// or of `end`) into `reader`, its definition and those of the instances it embeds read already. `nesting` counts
/// the instances around it.
fn play<'t>(
    data: &[u8],
    (start, end): (usize, usize),
    templates: &'t Templates,
    reader: &mut Reader<'t>,
    nesting: usize,
) -> Result<(), Miss> {
    if nesting > MAX_NESTING {
        return Err(Miss::Unreadable);
    }
    let (offset, values) = instance(data, start, end).ok_or(Miss::Unreadable)?;
    let ops = templates.ops(offset)?;
    let arrays = values.iter().any(|v| matches!(v, Value::Strings(_)));
    // The embedded instances not played yet, by value index (up to 256). The `evtx` crate parses every one and
    // refuses a record with one it cannot parse, so a record must play them all to be read here.
    let mut unplayed = [0u64; 4];
    for (k, v) in values.iter().enumerate() {
        if matches!(v, Value::Nested(_, len) if *len > 0) {
            *unplayed.get_mut(k / 64).ok_or(Miss::Unreadable)? |= 1 << (k % 64);
        }
    }
    // The elements open, innermost last (a definition nests at most `MAX_DEPTH` deep).
    let mut open: [&str; MAX_DEPTH] = [""; MAX_DEPTH];
    let mut depth = 0;
    let mut skip = 0usize;
    let mut i = 0;
    while let Some(op) = ops.get(i) {
        i += 1;
        match op {
            Op::Open { .. } if skip > 0 => skip += 1,
            Op::Close if skip > 0 => skip -= 1,
            Op::Text(_) if skip > 0 => {}
            Op::Open {
                name,
                dependency,
                attributes,
            } => {
                let left_out = dependency
                    .and_then(|d| values.get(usize::from(d)))
                    .is_some_and(|v| matches!(v, Value::Null));
                // A template's root is always there.
                if left_out && depth > 0 {
                    skip = 1;
                    continue;
                }
                let attrs = Attrs {
                    attributes,
                    values: &values,
                };
                if attrs.unreadable() {
                    return Err(Miss::Unreadable);
                }
                if arrays {
                    if let Some(close) = repeated(ops, i, &values, depth == 0, reader, name, &attrs)
                        .ok_or(Miss::Unreadable)?
                    {
                        i = close + 1;
                        continue;
                    }
                }
                reader.start(name, &attrs);
                *open.get_mut(depth).ok_or(Miss::Unreadable)? = name;
                depth += 1;
            }
            Op::Text(Piece::Value { index }) => match values.get(usize::from(*index)) {
                Some(Value::Nested(at, len)) if *len > 0 => {
                    play(data, (*at, at + len), templates, reader, nesting + 1)?;
                    let k = usize::from(*index);
                    if let Some(word) = unplayed.get_mut(k / 64) {
                        *word &= !(1 << (k % 64));
                    }
                }
                // An array after a child element: its element would repeat, which `repeated` does not do.
                Some(Value::Strings(_)) => return Err(Miss::Unreadable),
                _ => {
                    if let Some(text) = reader.text_wanted() {
                        write_piece(&Piece::Value { index: *index }, &values, text);
                    }
                }
            },
            Op::Text(piece) => {
                if let Some(text) = reader.text_wanted() {
                    write_piece(piece, &values, text);
                }
            }
            Op::Close => {
                depth = depth.checked_sub(1).ok_or(Miss::Unreadable)?;
                reader.end(open[depth]);
            }
        }
    }
    if unplayed.iter().any(|&w| w != 0) {
        return Err(Miss::Unreadable);
    }
    Ok(())
}

/// An element whose text holds a string array is written once per string ([MS-EVEN6] 3.1.4.7.5), as the `evtx`
/// crate writes it: `ops[first..]` is the element's content after its start. `Some(Some(close))`: the element was
/// written and ends at `ops[close]`; `Some(None)`: it holds no array; `None`: a shape this module does not read (an
/// array beside child elements or another array, or in the root).
fn repeated<'t>(
    ops: &'t [Op],
    first: usize,
    values: &[Value<'_>],
    root: bool,
    reader: &mut Reader<'t>,
    name: &'t str,
    attrs: &Attrs<'_, '_>,
) -> Option<Option<usize>> {
    let array = |piece: &Piece| match piece {
        Piece::Value { index } => match values.get(usize::from(*index)) {
            Some(Value::Strings(bytes)) => Some((*index, *bytes)),
            _ => None,
        },
        Piece::Literal(_) => None,
    };
    let end = first
        + ops
            .get(first..)?
            .iter()
            .position(|o| !matches!(o, Op::Text(_)))?;
    let texts = || {
        ops[first..end].iter().filter_map(|o| match o {
            Op::Text(p) => Some(p),
            _ => None,
        })
    };
    let mut found = texts().filter_map(array);
    let Some((index, bytes)) = found.next() else {
        return Some(None);
    };
    if found.next().is_some() || !matches!(ops[end], Op::Close) || root {
        return None;
    }
    let strings = split_strings(bytes);
    for k in 0..strings.len().max(1) {
        reader.start(name, attrs);
        for piece in texts() {
            let Some(text) = reader.text_wanted() else {
                break;
            };
            match piece {
                Piece::Value { index: i } if *i == index => {
                    if let Some(item) = strings.get(k) {
                        push_utf16(item, text);
                    }
                }
                _ => write_piece(piece, values, text),
            }
        }
        reader.end(name);
    }
    Some(Some(end))
}

/// The strings of a string array: UTF-16LE, each ending with a NUL.
fn split_strings(bytes: &[u8]) -> Vec<&[u8]> {
    let mut items = Vec::new();
    let mut start = 0;
    for (k, unit) in bytes.chunks_exact(2).enumerate() {
        if unit == [0, 0] {
            items.push(&bytes[start..2 * k]);
            start = 2 * k + 2;
        }
    }
    items
}

/// Appends UTF-16LE text as the XML renderer writes it: what XML 1.0 does not allow (control characters other
/// than tab and line ends, unpaired surrogates, U+FFFE and U+FFFF) becomes `_`, as Windows writes it too.
fn push_utf16(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len() / 2);
    // Most text is printable ASCII: copied a run at a time, four units at a time while they are, up to the first
    // unit that is not.
    let mut rest = &bytes[..bytes.len() & !1];
    while !rest.is_empty() {
        let mut run = [0u8; 128];
        let mut n = 0;
        let window = &rest[..rest.len().min(2 * run.len())];
        for w in window.chunks_exact(8) {
            let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            if !printable_ascii4(w) {
                break;
            }
            run[n..n + 4].copy_from_slice(&[
                w as u8,
                (w >> 16) as u8,
                (w >> 32) as u8,
                (w >> 48) as u8,
            ]);
            n += 4;
        }
        for u in window[2 * n..].chunks_exact(2) {
            if u[1] != 0 || !(0x20..0x7F).contains(&u[0]) {
                break;
            }
            run[n] = u[0];
            n += 1;
        }
        out.push_str(std::str::from_utf8(&run[..n]).unwrap_or_default());
        rest = &rest[2 * n..];
        if n < run.len() {
            break;
        }
    }
    let units = rest
        .chunks_exact(2)
        .map(|u| u16::from_le_bytes([u[0], u[1]]));
    out.extend(char::decode_utf16(units).map(|c| c.map_or('_', xml_char)));
}

/// Whether the four UTF-16 units of `w` (little-endian) are all printable ASCII, U+0020 to U+007E: each 16-bit
/// lane below 0x80, then (so that no sum leaves its lane) at least 0x20 (0x60 added sets bit 7) and below 0x7F (1
/// added leaves bit 7 clear).
fn printable_ascii4(w: u64) -> bool {
    const LANES: u64 = 0x0001_0001_0001_0001;
    let bit7 = 0x80 * LANES;
    w & (0xFF80 * LANES) == 0
        && w.wrapping_add(0x60 * LANES) & bit7 == bit7
        && w.wrapping_add(LANES) & bit7 == 0
}

/// A character as the XML renderer writes it: what XML 1.0 does not allow (control characters other than tab and
/// line ends, U+FFFE and U+FFFF) becomes `_`.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '_',
        c => c,
    }
}

/// Appends an ANSI string as the `evtx` crate writes it with its default code page: without its NULs, decoded as
/// Windows-1252, with what XML 1.0 does not allow (control characters other than tab and line ends) as `_`.
fn push_ansi(bytes: &[u8], out: &mut String) {
    // Every byte has a character in Windows-1252, so nothing is replaced; a NUL byte is U+0000 and only U+0000.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    out.extend(text.chars().filter(|&c| c != '\0').map(xml_char));
}

/// UTF-16LE bytes up to the first NUL, as the `evtx` crate reads a string.
fn until_nul(bytes: &[u8]) -> &[u8] {
    let end = bytes.chunks_exact(2).position(|u| u == [0, 0]);
    &bytes[..end.map_or(bytes.len() & !1, |u| 2 * u)]
}

/// Appends a piece's text: a substitution out of range, or an empty one, writes nothing.
fn write_piece(piece: &Piece, values: &[Value<'_>], out: &mut String) {
    match piece {
        Piece::Literal(s) => out.push_str(s),
        Piece::Value { index } => match values.get(usize::from(*index)) {
            // An array is written by `repeated`.
            None | Some(Value::Null | Value::Nested(..) | Value::Strings(_)) => {}
            Some(Value::Utf16(bytes)) => push_utf16(bytes, out),
            Some(Value::Ansi(bytes)) => push_ansi(bytes, out),
            Some(Value::Sid(bytes)) => write_sid(bytes, out),
            Some(Value::Shown(BinXmlValue::BinaryType([]))) => {}
            // Numbers and times as the crate writes them (decimal; hex in lower case after `0x`), without its
            // renderer.
            Some(Value::Shown(value)) => match *value {
                BinXmlValue::Int8Type(v) => push_signed(i64::from(v), out),
                BinXmlValue::UInt8Type(v) => push_decimal(u64::from(v), out),
                BinXmlValue::Int16Type(v) => push_signed(i64::from(v), out),
                BinXmlValue::UInt16Type(v) => push_decimal(u64::from(v), out),
                BinXmlValue::Int32Type(v) => push_signed(i64::from(v), out),
                BinXmlValue::UInt32Type(v) => push_decimal(u64::from(v), out),
                BinXmlValue::Int64Type(v) => push_signed(v, out),
                BinXmlValue::UInt64Type(v) => push_decimal(v, out),
                BinXmlValue::HexInt32Type(v) => push_hex(u64::from(v), out),
                BinXmlValue::HexInt64Type(v) => push_hex(v, out),
                BinXmlValue::FileTimeType(t) => push_filetime(t.0, out),
                BinXmlValue::BoolType(v) => out.push_str(if v { "true" } else { "false" }),
                BinXmlValue::GuidType(ref bytes) => push_guid(bytes, out),
                BinXmlValue::BinaryType(bytes) => push_hex_bytes(bytes, out),
                ref other => {
                    let _ = write!(out, "{other}");
                }
            },
        },
    }
}

/// Appends `v` in decimal.
fn push_decimal(mut v: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

fn push_signed(v: i64, out: &mut String) {
    if v < 0 {
        out.push('-');
    }
    push_decimal(v.unsigned_abs(), out);
}

/// Appends a GUID as Windows writes it, `{d1-d2-d3-d4[0..2]-d4[2..8]}` in lower case, the first three parts
/// little-endian ([MS-DTYP] 2.3.4), as the crate writes it.
fn push_guid(bytes: &[u8; 16], out: &mut String) {
    const ORDER: [usize; 16] = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = [b'-'; 38];
    (text[0], text[37]) = (b'{', b'}');
    let mut at = 1;
    for (k, &i) in ORDER.iter().enumerate() {
        at += usize::from(matches!(k, 4 | 6 | 8 | 10));
        text[at] = DIGITS[usize::from(bytes[i] >> 4)];
        text[at + 1] = DIGITS[usize::from(bytes[i] & 0xF)];
        at += 2;
    }
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}

/// Appends binary data as upper-case hex digits, two a byte, as the crate writes it.
fn push_hex_bytes(bytes: &[u8], out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(2 * bytes.len());
    for chunk in bytes.chunks(64) {
        let mut text = [0u8; 128];
        for (pair, &b) in text.chunks_exact_mut(2).zip(chunk) {
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 0xF)];
        }
        out.push_str(std::str::from_utf8(&text[..2 * chunk.len()]).unwrap_or_default());
    }
}

/// Appends `v` as `0x` and lower-case hex digits, no leading zeros.
fn push_hex(v: u64, out: &mut String) {
    out.push_str("0x");
    let digits = (64 - v.leading_zeros()).div_ceil(4).max(1);
    for k in (0..digits).rev() {
        let d = (v >> (4 * k)) & 0xF;
        out.push(char::from_digit(d as u32, 16).unwrap_or('0'));
    }
}

/// Appends a FILETIME (100 ns intervals since 1601-01-01 UTC) as the crate writes it,
/// `YYYY-MM-DDThh:mm:ss.fffffffZ`: a year past 9999 keeps its last four digits and a value past `i64::MAX` is all
/// zeros. The date is Howard Hinnant's `civil_from_days`, counted from 0000-03-01 (584,694 days before 1601-01-01)
/// in eras of 400 years.
fn push_filetime(t: u64, out: &mut String) {
    const TICKS_PER_SEC: u64 = 10_000_000;
    const TICKS_PER_DAY: u64 = 86_400 * TICKS_PER_SEC;
    let mut text = *b"0000-00-00T00:00:00.0000000Z";
    if t <= i64::MAX as u64 {
        let (days, ticks) = (t / TICKS_PER_DAY, t % TICKS_PER_DAY);
        let z = days + 584_694;
        let (era, doe) = (z / 146_097, z % 146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = era * 400 + yoe + u64::from(month <= 2);
        let secs = ticks / TICKS_PER_SEC;
        for (range, value) in [
            (0..4, year % 10_000),
            (5..7, month),
            (8..10, day),
            (11..13, secs / 3_600),
            (14..16, secs / 60 % 60),
            (17..19, secs % 60),
            (20..27, ticks % TICKS_PER_SEC),
        ] {
            let mut value = value;
            for b in text[range].iter_mut().rev() {
                *b = b'0' + (value % 10) as u8;
                value /= 10;
            }
        }
    }
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}

/// A SID as Windows writes it, `S-1-5-21-...`: revision, count, a 48-bit big-endian authority, then the
/// little-endian sub-authorities ([MS-DTYP] 2.4.2.2), as many as the count says and the bytes hold.
fn write_sid(bytes: &[u8], out: &mut String) {
    let &[revision, count, a0, a1, a2, a3, a4, a5, ref subs @ ..] = bytes else {
        out.push_str("S-?");
        return;
    };
    let authority = u64::from_be_bytes([0, 0, a0, a1, a2, a3, a4, a5]);
    out.push_str("S-");
    push_decimal(u64::from(revision), out);
    out.push('-');
    push_decimal(authority, out);
    for sub in subs.chunks_exact(4).take(usize::from(count)) {
        out.push('-');
        push_decimal(
            u64::from(u32::from_le_bytes([sub[0], sub[1], sub[2], sub[3]])),
            out,
        );
    }
}

/// An element's attributes (by local name), their substitutions taken from `values`.
struct Attrs<'t, 'v> {
    attributes: &'t [(Box<str>, Vec<Piece>)],
    values: &'t [Value<'v>],
}

impl Attrs<'_, '_> {
    /// Whether an attribute's value is embedded BinXML or an array, which this module does not read.
    fn unreadable(&self) -> bool {
        self.attributes
            .iter()
            .flat_map(|(_, p)| p)
            .any(|p| match p {
                Piece::Value { index } => matches!(
                    self.values.get(usize::from(*index)),
                    Some(Value::Nested(..) | Value::Strings(_))
                ),
                Piece::Literal(_) => false,
            })
    }
}

impl Attributes for Attrs<'_, '_> {
    fn get_into(&self, wanted: &str, out: &mut String) -> bool {
        let start = out.len();
        // An attribute whose value comes out empty is left out of the rendered XML, so a later one of the same
        // name is the one the XML shows.
        for (_, pieces) in self.attributes.iter().filter(|(name, _)| **name == *wanted) {
            for piece in pieces {
                write_piece(piece, self.values, out);
            }
            if out.len() > start {
                return true;
            }
        }
        false
    }
}

/// The value of type `kind` in `bytes`, if this module reads it ([MS-EVEN6] 2.2.18's value types).
fn value(kind: u8, bytes: &[u8], at: usize) -> Option<Value<'_>> {
    let n = bytes.len();
    let int = |size: usize| (n == size).then_some(());
    let le8 = || -> Option<[u8; 8]> { bytes.try_into().ok() };
    let le4 = || -> Option<[u8; 4]> { bytes.try_into().ok() };
    let le2 = || -> Option<[u8; 2]> { bytes.try_into().ok() };
    Some(match kind {
        0x00 => Value::Null,
        // A string ends at its first NUL.
        0x01 => (n % 2 == 0).then_some(Value::Utf16(until_nul(bytes)))?,
        0x02 => Value::Ansi(bytes),
        0x81 => {
            let terminated = n == 0 || bytes.ends_with(&[0, 0]);
            (n % 2 == 0 && terminated).then_some(Value::Strings(bytes))?
        }
        0x03 => Value::Shown(BinXmlValue::Int8Type(i8::from_le_bytes([*bytes
            .first()
            .filter(
            |_| n == 1,
        )?]))),
        0x04 => Value::Shown(BinXmlValue::UInt8Type(*bytes.first().filter(|_| n == 1)?)),
        0x05 => Value::Shown(BinXmlValue::Int16Type(i16::from_le_bytes(le2()?))),
        0x06 => Value::Shown(BinXmlValue::UInt16Type(u16::from_le_bytes(le2()?))),
        0x07 => Value::Shown(BinXmlValue::Int32Type(i32::from_le_bytes(le4()?))),
        0x08 => Value::Shown(BinXmlValue::UInt32Type(u32::from_le_bytes(le4()?))),
        0x09 => Value::Shown(BinXmlValue::Int64Type(i64::from_le_bytes(le8()?))),
        0x0A => Value::Shown(BinXmlValue::UInt64Type(u64::from_le_bytes(le8()?))),
        0x0D => match i32::from_le_bytes(le4()?) {
            0 => Value::Shown(BinXmlValue::BoolType(false)),
            1 => Value::Shown(BinXmlValue::BoolType(true)),
            _ => return None,
        },
        0x0E => Value::Shown(BinXmlValue::BinaryType(bytes)),
        0x0F => {
            int(16)?;
            Value::Shown(BinXmlValue::GuidType(bytes.try_into().ok()?))
        }
        0x11 => Value::Shown(BinXmlValue::FileTimeType(
            evtx::binxml::value_variant::FileTime(u64::from_le_bytes(le8()?)),
        )),
        // The count of sub-authorities says the length.
        0x13 if n >= 8 && n == 8 + 4 * usize::from(bytes[1]) => Value::Sid(bytes),
        0x14 => Value::Shown(BinXmlValue::HexInt32Type(u32::from_le_bytes(le4()?))),
        0x15 => Value::Shown(BinXmlValue::HexInt64Type(u64::from_le_bytes(le8()?))),
        0x21 => Value::Nested(at, n),
        _ => return None,
    })
}

/// Little-endian reads that fail past the end.
fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        data.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        data.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// If `data[start..end]` is a fragment header, one template instance and the end of the stream (or of `end`), the
/// offset of the template's definition and the instance's values ([MS-EVEN6] 2.2.12).
fn instance(data: &[u8], start: usize, end: usize) -> Option<(u32, Vec<Value<'_>>)> {
    let mut values = Vec::new();
    let offset = instance_into(data, start, end, &mut values)?;
    Some((offset, values))
}

/// [`instance`], the values written in `values` (emptied first).
fn instance_into<'a>(
    data: &'a [u8],
    start: usize,
    end: usize,
    values: &mut Vec<Value<'a>>,
) -> Option<u32> {
    values.clear();
    let data = data.get(..end)?;
    // A fragment header (token, major and minor version, flags; embedded BinXML may go without), then the template
    // instance token.
    let start = match data.get(start..start.checked_add(4)?)? {
        [0x0F, 1, 1, 0] => start + 4,
        _ => start,
    };
    if data.get(start) != Some(&0x0C) {
        return None;
    }
    // An unknown byte, the template id, the definition's offset; a definition stored here is skipped.
    let mut at = start + 1 + 1 + 4;
    let offset = u32_at(data, at)?;
    at += 4;
    if usize::try_from(offset).ok()? == at {
        let size = u32_at(data, at + 20)?;
        at = at
            .checked_add(24)?
            .checked_add(usize::try_from(size).ok()?)?;
    }
    // The values: their count and descriptors (size, type, padding), then the values themselves.
    let count = usize::try_from(u32_at(data, at)?).ok()?;
    at += 4;
    let descriptors = data.get(at..at.checked_add(count.checked_mul(4)?)?)?;
    at += descriptors.len();
    values.reserve(count);
    for d in descriptors.chunks_exact(4) {
        let size = usize::from(u16::from_le_bytes([d[0], d[1]]));
        let bytes = data.get(at..at.checked_add(size)?)?;
        values.push(value(d[2], bytes, at)?);
        at += size;
    }
    // The end of the stream, or of the BinXML.
    match data.get(at) {
        None | Some(0x00) => Some(offset),
        _ => None,
    }
}

/// A name of the chunk's string table at `offset`: the next name's offset, a hash, a length in UTF-16 units, the
/// units (up to a NUL, as the `evtx` crate reads it). `None` for one that does not decode or that the XML it
/// renders would not show as one name (white space, markup, control characters).
fn name_at(data: &[u8], offset: u32) -> Option<Box<str>> {
    let at = usize::try_from(offset).ok()?;
    let len = usize::from(u16_at(data, at.checked_add(6)?)?);
    let bytes = until_nul(data.get(at + 8..(at + 8).checked_add(len * 2)?)?);
    let units = bytes
        .chunks_exact(2)
        .map(|u| u16::from_le_bytes([u[0], u[1]]));
    let mut name = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        name.push(c.ok()?);
    }
    let plain = |c: char| !c.is_whitespace() && !c.is_control() && !"<>/=\"'&".contains(c);
    (!name.is_empty() && name.chars().all(plain)).then(|| name.into_boxed_str())
}

/// The local part of a name, after its namespace prefix: the reader knows elements and attributes so, as the XML
/// reader does.
fn local(name: Box<str>) -> Box<str> {
    match name.rsplit_once(':') {
        Some((_, local)) => local.into(),
        None => name,
    }
}

/// A token of a template definition ([MS-EVEN6] 2.2.12 and 2.2.13), of the kinds read here; names are offsets of
/// the chunk's string table.
#[derive(Clone, Copy)]
enum Token<'a> {
    /// An element starts (its dependency is 0xFFFF when it has none).
    Open {
        dependency: u16,
        name: u32,
    },
    Attribute {
        name: u32,
    },
    /// The start tag closes; with `empty` the element ends there.
    StartEnds {
        empty: bool,
    },
    Close,
    /// A string value's UTF-16LE units.
    Text(&'a [u8]),
    Substitution {
        index: u16,
    },
}

/// The tokens of the template definition at `offset` of the chunk `data`: its header (next definition, GUID,
/// size), then a fragment of elements, attributes, string values and substitutions, up to its end token.
struct Tokens<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(data: &'a [u8], offset: u32) -> Option<Self> {
        let start = usize::try_from(offset).ok()?;
        let size = usize::try_from(u32_at(data, start.checked_add(20)?)?).ok()?;
        let at = start + 24;
        let data = data.get(..at.checked_add(size)?)?;
        Some(Tokens { data, at })
    }

    /// The next token: `Some(None)` at the end token, `None` for one of another kind or one that does not read.
    fn token(&mut self) -> Option<Option<Token<'a>>> {
        let data = self.data;
        loop {
            let token = *data.get(self.at)?;
            self.at += 1;
            return Some(Some(match token {
                0x00 => return Some(None),
                // Fragment header: versions and flags.
                0x0F => {
                    self.at += 3;
                    continue;
                }
                // An element start: dependency, size, name, and with 0x40 the attribute list's size.
                0x01 | 0x41 => {
                    let dependency = u16_at(data, self.at)?;
                    self.at += 2 + 4;
                    let name = self.name_ref()?;
                    if token == 0x41 {
                        self.at += 4;
                    }
                    Token::Open { dependency, name }
                }
                0x06 | 0x46 => Token::Attribute {
                    name: self.name_ref()?,
                },
                0x02 | 0x03 => Token::StartEnds {
                    empty: token == 0x03,
                },
                0x04 => Token::Close,
                // A value: only strings (type 0x01), a length in units and the units.
                0x05 | 0x45 => {
                    if *data.get(self.at)? != 0x01 {
                        return None;
                    }
                    let len = usize::from(u16_at(data, self.at + 1)?);
                    let units = data.get(self.at + 3..(self.at + 3).checked_add(2 * len)?)?;
                    self.at += 3 + 2 * len;
                    Token::Text(units)
                }
                // A substitution: its index and the value's type, one that [MS-EVEN6] 2.2.18 defines (as the
                // `evtx` crate requires).
                0x0D | 0x0E => {
                    let index = u16_at(data, self.at)?;
                    let kind = *data.get(self.at + 2)?;
                    if !matches!(kind, 0x00..=0x15 | 0x20 | 0x21 | 0x23 | 0x81..=0x95) {
                        return None;
                    }
                    self.at += 3;
                    Token::Substitution { index }
                }
                _ => return None,
            }));
        }
    }

    /// A name reference: its offset, stepping over a name stored in place.
    fn name_ref(&mut self) -> Option<u32> {
        let offset = u32_at(self.data, self.at)?;
        self.at += 4;
        if usize::try_from(offset).ok()? == self.at {
            let len = usize::from(u16_at(self.data, self.at + 6)?);
            self.at = self.at.checked_add(8 + 2 * len + 2)?;
        }
        Some(offset)
    }
}

/// The units of the name at `offset` of the chunk's string table, as they are stored.
fn name_units(data: &[u8], offset: u32) -> Option<&[u8]> {
    let at = usize::try_from(offset).ok()?;
    let len = usize::from(u16_at(data, at.checked_add(6)?)?);
    data.get(at + 8..(at + 8).checked_add(len * 2)?)
}

/// Writes in `key` the content of the definition at `offset` of the chunk `data`: its tokens, each name written
/// out in place of its offset. `None` if a token does not read (the definition is then not read either).
fn key(data: &[u8], offset: u32, key: &mut Vec<u8>) -> Option<()> {
    key.clear();
    let mut tokens = Tokens::new(data, offset)?;
    let name = |key: &mut Vec<u8>, offset: u32| -> Option<()> {
        let units = name_units(data, offset)?;
        key.extend_from_slice(&u16::try_from(units.len()).ok()?.to_le_bytes());
        key.extend_from_slice(units);
        Some(())
    };
    while let Some(token) = tokens.token()? {
        match token {
            Token::Open {
                dependency,
                name: n,
            } => {
                key.push(0x01);
                key.extend_from_slice(&dependency.to_le_bytes());
                name(key, n)?;
            }
            Token::Attribute { name: n } => {
                key.push(0x06);
                name(key, n)?;
            }
            Token::StartEnds { empty } => key.push(if empty { 0x03 } else { 0x02 }),
            Token::Close => key.push(0x04),
            Token::Text(units) => {
                key.push(0x05);
                key.extend_from_slice(&u32::try_from(units.len()).ok()?.to_le_bytes());
                key.extend_from_slice(units);
            }
            Token::Substitution { index } => {
                key.push(0x0D);
                key.extend_from_slice(&index.to_le_bytes());
            }
        }
    }
    Some(())
}

/// Reads the template definition at `offset` of the chunk `data` ([MS-EVEN6] 2.2.12 and 2.2.13) into elements,
/// attributes, string values and substitutions. `None` for anything else, or for a definition that is not one
/// element (no element, a second one, text outside it: the `evtx` crate refuses such a record, "missing root
/// element").
fn definition(data: &[u8], offset: u32) -> Option<Vec<Op>> {
    let mut tokens = Tokens::new(data, offset)?;
    let mut ops = Vec::new();
    let mut depth = 0usize;
    let mut roots = 0usize;
    // The element whose start tag is being read, and the attribute whose value is being read.
    let mut pending: Option<Op> = None;
    let mut in_attribute = false;
    let push_piece =
        |pending: &mut Option<Op>, ops: &mut Vec<Op>, in_attribute: bool, piece: Piece| {
            match pending {
                Some(Op::Open { attributes, .. }) if in_attribute => {
                    attributes.last_mut()?.1.push(piece);
                    Some(())
                }
                None => {
                    ops.push(Op::Text(piece));
                    Some(())
                }
                _ => None,
            }
        };
    loop {
        if ops.len() > MAX_OPS {
            return None;
        }
        let Some(token) = tokens.token()? else {
            break;
        };
        match token {
            Token::Open { dependency, name } => {
                if pending.is_some() || depth >= MAX_DEPTH {
                    return None;
                }
                pending = Some(Op::Open {
                    name: local(name_at(data, name)?),
                    dependency: (dependency != 0xFFFF).then_some(dependency),
                    attributes: Vec::new(),
                });
                in_attribute = false;
            }
            Token::Attribute { name } => {
                let name = local(name_at(data, name)?);
                match &mut pending {
                    Some(Op::Open { attributes, .. }) => attributes.push((name, Vec::new())),
                    _ => return None,
                }
                in_attribute = true;
            }
            Token::StartEnds { empty } => {
                ops.push(pending.take()?);
                roots += usize::from(depth == 0);
                in_attribute = false;
                depth += 1;
                if empty {
                    ops.push(Op::Close);
                    depth -= 1;
                }
            }
            Token::Close => {
                if pending.is_some() || depth == 0 {
                    return None;
                }
                ops.push(Op::Close);
                depth -= 1;
            }
            Token::Text(units) => {
                let mut text = String::new();
                push_utf16(until_nul(units), &mut text);
                if depth == 0 && pending.is_none() {
                    return None;
                }
                push_piece(
                    &mut pending,
                    &mut ops,
                    in_attribute,
                    Piece::Literal(text.into()),
                )?;
            }
            Token::Substitution { index } => {
                if depth == 0 && pending.is_none() {
                    return None;
                }
                push_piece(&mut pending, &mut ops, in_attribute, Piece::Value { index })?;
            }
        }
    }
    (depth == 0 && pending.is_none() && roots == 1).then_some(ops)
}

/// How the records of an .evtx file read from their templates compare with their XML: for tests and fuzzing.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Records in the chunks that parse.
    pub records: usize,
    /// Records read from their templates.
    pub read: usize,
    /// Record ids whose event read from the template is not the event read from the XML.
    pub differ: Vec<u64>,
}

/// Reads every record of the .evtx `file` both ways (its template here, with the definitions of earlier chunks
/// known, and its XML rendered by the `evtx` crate) and compares the events.
pub fn compare(file: &[u8]) -> Comparison {
    let settings = std::sync::Arc::new(evtx::ParserSettings::new().num_threads(1));
    let mut out = Comparison::default();
    // Definitions met in one chunk are taken for the next, as when a log is read.
    let mut known = Known::default();
    for data in file.get(4096..).unwrap_or_default().chunks(65536) {
        let Ok(mut chunk_data) = evtx::EvtxChunkData::new(data.to_vec(), false) else {
            continue;
        };
        let Ok(mut chunk) = chunk_data.parse(std::sync::Arc::clone(&settings)) else {
            continue;
        };
        let mut templates = Templates::sharing(&mut known);
        for record in chunk.iter().flatten() {
            out.records += 1;
            let id = record.event_record_id;
            let read = event(&record, &mut templates);
            let xml = record
                .into_xml()
                .map(|xml| super::eventxml::events(&xml.data));
            if let Some(events) = read {
                out.read += 1;
                if xml.ok() != Some(events) {
                    out.differ.push(id);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real log stores its templates again in every chunk: each is read once and known in the chunks after, and
    /// one known is the one the chunk holds (the `compare` of every test and of the fuzz target reads so).
    #[test]
    fn definitions_are_known_from_earlier_chunks() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/evtx/");
        let file = std::fs::read(format!("{dir}system.evtx")).unwrap();
        let settings = std::sync::Arc::new(evtx::ParserSettings::new().num_threads(1));
        let mut known = Known::default();
        let (mut chunks, mut used) = (0, 0);
        for data in file[4096..].chunks(65536) {
            // The log's last chunks were never filled.
            let Ok(mut chunk_data) = evtx::EvtxChunkData::new(data.to_vec(), false) else {
                continue;
            };
            let mut chunk = chunk_data.parse(std::sync::Arc::clone(&settings)).unwrap();
            let mut templates = Templates::sharing(&mut known);
            for record in chunk.iter().flatten() {
                event(&record, &mut templates).unwrap();
            }
            chunks += 1;
            used += templates.by_offset.len();
            // Each definition of the chunk, read from the chunk itself, is the one taken from earlier chunks.
            for (&offset, taken) in &templates.by_offset {
                let own = definition(data, offset).unwrap();
                let taken = &taken.as_ref().unwrap().ops;
                assert_eq!(format!("{own:?}"), format!("{taken:?}"), "offset {offset}");
            }
        }
        let read = known.by_content.len();
        assert!(
            chunks > 10 && read * 3 < used,
            "{chunks} chunks, {used} definitions used, {read} read"
        );
    }

    #[test]
    fn reads_what_the_xml_says() {
        for (name, least) in [
            ("Security_short_selected.evtx", 1.0),
            ("system.evtx", 1.0),
            ("sample_with_a_bad_chunk_magic.evtx", 1.0),
            ("security_bad_string_cache.evtx", 1.0),
        ] {
            let path = format!("{}/tests/fixtures/evtx/{name}", env!("CARGO_MANIFEST_DIR"));
            let c = compare(&std::fs::read(path).unwrap());
            eprintln!(
                "{name}: {} of {} records read from their templates",
                c.read, c.records
            );
            assert!(c.records > 0, "{name}");
            assert!(c.differ.is_empty(), "{name}: records {:?} differ", c.differ);
            assert!(c.read as f64 >= least * c.records as f64, "{name}: {c:?}");
        }
    }

    /// Text is copied as the plain decoding writes it, wherever in a long text the first unit that is not
    /// printable ASCII falls.
    /// Every unit in every lane, beside printable ones, against the plain comparison.
    #[test]
    fn printable_ascii4_is_four_units_from_space_to_tilde() {
        for v in 0..=u16::MAX {
            for lane in 0..4 {
                let mut units = [u16::from(b'a'); 4];
                units[lane] = v;
                let w = units
                    .iter()
                    .rev()
                    .fold(0u64, |w, &u| w << 16 | u64::from(u));
                assert_eq!(
                    printable_ascii4(w),
                    (0x20..0x7F).contains(&v),
                    "{v:#x} in lane {lane}"
                );
            }
        }
    }

    #[test]
    fn utf16_runs() {
        let plain = |bytes: &[u8]| -> String {
            let units = bytes
                .chunks_exact(2)
                .map(|u| u16::from_le_bytes([u[0], u[1]]));
            char::decode_utf16(units)
                .map(|c| match c {
                    Ok(c)
                        if c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}'
                            || matches!(c, '\t' | '\n' | '\r') =>
                    {
                        c
                    }
                    _ => '_',
                })
                .collect()
        };
        let odd: &[u16] = &[
            0xD83D, 0xDE00, 0xD800, 0x0041, 0xDC00, 0x0007, 0x0009, 0xFFFE, 0x044F, 0x007F, 0x001F,
            0x0020, 0x007E, 0x0080, 0x00FF, 0x0100, 0x0120, 0x2020, 0x7E00, 0x0000,
        ];
        for len in [0, 1, 3, 4, 5, 8, 127, 128, 129, 300] {
            for at in [0, 1, 2, 3, 4, 5, 6, 7, 126, 127, 128, 129, 255, 256, 299] {
                for &u in odd {
                    let mut units: Vec<u16> = (0..len).map(|k| 0x61 + (k % 26) as u16).collect();
                    if at < len {
                        units[at] = u;
                    }
                    let mut bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
                    for extra in [false, true] {
                        if extra {
                            bytes.push(0x41);
                        }
                        let mut out = String::from("x");
                        push_utf16(&bytes, &mut out);
                        assert_eq!(
                            out,
                            format!("x{}", plain(&bytes)),
                            "{len} {at} {u:#x} {extra}"
                        );
                    }
                }
            }
        }
    }

    /// ANSI strings are Windows-1252 (the bytes 0x80 to 0x9F as the WHATWG Encoding Standard's
    /// index-windows-1252 maps them, the rest as Latin-1), their NULs left out wherever they are, control
    /// characters other than tab and line ends written as `_`.
    #[test]
    fn ansi_strings_as_windows_1252() {
        let write = |bytes: &[u8]| {
            let mut out = String::new();
            write_piece(&Piece::Value { index: 0 }, &[Value::Ansi(bytes)], &mut out);
            out
        };
        assert_eq!(write(b" NOEXECUTE=OPTIN\0"), " NOEXECUTE=OPTIN");
        assert_eq!(write(b"a\0b\0\0"), "ab");
        assert_eq!(write(b"\0\0"), "");
        assert_eq!(write(b""), "");
        assert_eq!(
            write(b"\x80\x81\x8A\x9F\xA0\xE9\xFF"),
            "\u{20AC}\u{81}\u{160}\u{178}\u{A0}\u{E9}\u{FF}"
        );
        assert_eq!(write(b"\x01\t\n\r\x1F\x7F"), "_\t\n\r_\u{7F}");
    }

    /// Numbers and times are written as the `evtx` crate writes them, edges included.
    #[test]
    fn numbers_and_times_as_the_crate_writes_them() {
        use evtx::binxml::value_variant::FileTime;
        let write = |v: BinXmlValue<'_>| {
            let mut out = String::new();
            write_piece(
                &Piece::Value { index: 0 },
                &[Value::Shown(v.clone())],
                &mut out,
            );
            (out, v.to_string())
        };
        let day = 86_400 * 10_000_000u64;
        let mut times = vec![
            0,
            1,
            day - 1,
            day,
            i64::MAX as u64,
            i64::MAX as u64 + 1,
            u64::MAX,
        ];
        // Every 37th day for 10,000 years, at an odd hour, past leap days and centuries (years past 9999 too).
        times.extend((0..100_000u64).map(|k| k * 37 * day + 3_723_456_789));
        for t in times {
            let (ours, crates) = write(BinXmlValue::FileTimeType(FileTime(t)));
            assert_eq!(ours, crates, "{t}");
        }
        for v in [0u64, 1, 9, 10, 15, 16, 255, 4_294_967_295, u64::MAX] {
            assert_eq!(write(BinXmlValue::UInt64Type(v)).0, v.to_string());
            assert_eq!(write(BinXmlValue::HexInt64Type(v)).0, format!("{v:#x}"));
        }
        for v in [i64::MIN, -1, 0, 7, i64::MAX] {
            assert_eq!(write(BinXmlValue::Int64Type(v)).0, v.to_string());
        }
        for v in [i8::MIN, -1, 0, i8::MAX] {
            assert_eq!(write(BinXmlValue::Int8Type(v)).0, v.to_string());
        }
        assert_eq!(
            write(BinXmlValue::HexInt32Type(0xC000_006D)).0,
            "0xc000006d"
        );
        // GUIDs, binary data and booleans, against the crate's rendering of each.
        let guids: [[u8; 16]; 3] = [
            [0; 16],
            [0xFF; 16],
            core::array::from_fn(|k| (k as u8).wrapping_mul(37).wrapping_add(5)),
        ];
        for guid in guids {
            let (ours, crates) = write(BinXmlValue::GuidType(guid));
            assert_eq!(ours, crates);
            assert_eq!(ours.len(), 38);
        }
        let binary: Vec<u8> = (0..=255u8).chain(0..=255).collect();
        for len in [1, 2, 63, 64, 65, 130, 512] {
            let (ours, crates) = write(BinXmlValue::BinaryType(&binary[..len]));
            assert_eq!(ours, crates, "{len} bytes");
        }
        for v in [false, true] {
            let (ours, crates) = write(BinXmlValue::BoolType(v));
            assert_eq!(ours, crates);
        }
    }

    /// Text that looks like XML markup or an entity is read as it is, as the XML path reads it escaped.
    #[test]
    fn markup_in_a_value_is_text() {
        let path = format!(
            "{}/tests/fixtures/evtx/Security_short_selected.evtx",
            env!("CARGO_MANIFEST_DIR")
        );
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let (from, to) = (utf16("WORKGROUP"), utf16("a&amp;<b>"));
        let mut file = std::fs::read(path).unwrap();
        let mut replaced = 0;
        let mut at = 0;
        while let Some(p) = file[at..].windows(from.len()).position(|w| w == from) {
            let start = at + p;
            file[start..start + to.len()].copy_from_slice(&to);
            replaced += 1;
            at = start + to.len();
        }
        assert!(replaced > 0);
        let c = compare(&file);
        assert!(
            c.differ.is_empty() && c.read == c.records && c.records > 0,
            "{c:?}"
        );
        let mut values = Vec::new();
        crate::annotate::evtx::read_evtx(
            &mut &file[..],
            1,
            &mut |e| {
                values.extend(e.data().map(|(_, v)| v.to_string()));
                Ok(())
            },
            &mut |p| panic!("{p}"),
        )
        .unwrap();
        assert!(values.iter().any(|v| v == "a&amp;<b>"), "{values:?}");
    }

    /// Instances embedded in one another beyond a few levels are left to the XML path, not followed down.
    #[test]
    fn deep_nesting_is_refused() {
        // An instance of the template at offset 0 whose one value is a string, or embedded BinXML: another instance.
        fn nested(levels: usize) -> Vec<u8> {
            let (mut value, mut kind) = (vec![b'x', 0], 0x01);
            for _ in 0..levels {
                let mut outer = vec![0x0C, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];
                outer.extend_from_slice(&(value.len() as u16).to_le_bytes());
                outer.extend_from_slice(&[kind, 0]);
                outer.extend_from_slice(&value);
                (value, kind) = (outer, 0x21);
            }
            value
        }
        let mut templates = Templates::default();
        let ops = vec![
            Op::Open {
                name: "Event".into(),
                dependency: None,
                attributes: Vec::new(),
            },
            Op::Text(Piece::Value { index: 0 }),
            Op::Close,
        ];
        templates
            .by_offset
            .insert(0, Some(Rc::new(Definition::new(ops))));
        for (levels, readable) in [(1, true), (3, true), (6, false), (3000, false)] {
            let data = nested(levels);
            let mut reader = Reader::unescaped(eventxml::Buffers::default());
            let played = play(&data, (0, data.len()), &templates, &mut reader, 0);
            assert_eq!(played.is_ok(), readable, "{levels} levels");
        }
    }
}
