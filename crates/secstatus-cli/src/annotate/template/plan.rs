//! A template definition compiled, once per chunk, into the few steps that fill an [`Event`], so that a record
//! of the usual shape is read straight from its values instead of being played element by element into the
//! [`Reader`](super::Reader).
//!
//! A plan does what the reader does with the played elements: the same fields, from the same elements, in the same
//! order. It holds only for the shapes whose reading does not depend on the values: no `UserData`, no field element
//! with elements inside it, no other `Event` inside. A record it does not hold for (an element left out because its
//! value is NULL, a string array, embedded BinXML anywhere but directly in `Event`, too deep a nesting) is played
//! instead ([`super::play`]), which also decides what is not read at all. The tests and the `evtx` fuzz target
//! compare both with the events of the XML the `evtx` crate renders.

use super::{
    instance_into, push_decimal, push_utf16, split_strings, write_piece, Miss, Op, Piece,
    Templates, Value, MAX_NESTING,
};
use crate::annotate::events::Event;

/// Where a definition is played: as a record's template, or embedded directly in its `Event` element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Context {
    Record,
    InEvent,
}

/// What a definition does to an event, in document order.
#[derive(Debug)]
pub(super) struct Plan {
    steps: Vec<Step>,
    /// The values on which an element below the root depends: the plan holds only if none is NULL.
    dependencies: Vec<u16>,
    /// The values in attributes: the plan holds only if none is embedded BinXML or an array.
    attribute_values: Vec<u16>,
}

#[derive(Debug)]
enum Step {
    /// `System/Provider`'s `Name` or `System/TimeCreated`'s `SystemTime`: the first of the element's attributes
    /// so named that is not empty, if one is.
    Attribute(Attribute, Vec<Vec<Piece>>),
    /// An element kept as a field, and its text.
    Field(Field, Vec<Piece>),
    /// A value in text outside the fields: embedded BinXML is played there if `nests` (it is directly in `Event`),
    /// and any other value is not read.
    Value { index: u16, nests: bool },
}

/// The attributes that are kept.
#[derive(Clone, Copy, Debug)]
enum Attribute {
    Provider,
    Time,
}

/// The elements whose text is kept.
#[derive(Debug)]
enum Field {
    EventId,
    RecordId,
    Channel,
    Computer,
    /// `EventData/Data`, named by its first non-empty `Name` attribute or by its place.
    Data(Vec<Vec<Piece>>),
}

/// Compiles a definition's elements for `context`; `None` for a shape a plan does not hold for.
pub(super) fn compile(ops: &[Op], context: Context) -> Option<Plan> {
    let mut path: Vec<&str> = match context {
        Context::Record => Vec::new(),
        Context::InEvent => vec!["Event"],
    };
    let base = path.len();
    let mut plan = Plan {
        steps: Vec::new(),
        dependencies: Vec::new(),
        attribute_values: Vec::new(),
    };
    let mut i = 0;
    while let Some(op) = ops.get(i) {
        i += 1;
        match op {
            Op::Open {
                name,
                dependency,
                attributes,
            } => {
                let name = &**name;
                let root = path.len() == base;
                // A record's template is its event; any other `Event` would start one of its own.
                if name == "UserData" || (name == "Event") != (root && context == Context::Record) {
                    return None;
                }
                if let Some(d) = dependency.filter(|_| !root) {
                    plan.dependencies.push(d);
                }
                for piece in attributes.iter().flat_map(|(_, pieces)| pieces) {
                    if let Piece::Value { index } = piece {
                        plan.attribute_values.push(*index);
                    }
                }
                let named = |wanted: &str| -> Vec<Vec<Piece>> {
                    attributes
                        .iter()
                        .filter(|(n, _)| **n == *wanted)
                        .map(|(_, pieces)| pieces.clone())
                        .collect()
                };
                let parent = path.last().copied();
                let field = match (parent, name) {
                    (Some("System"), "Provider") => {
                        plan.steps
                            .push(Step::Attribute(Attribute::Provider, named("Name")));
                        None
                    }
                    (Some("System"), "TimeCreated") => {
                        plan.steps
                            .push(Step::Attribute(Attribute::Time, named("SystemTime")));
                        None
                    }
                    (Some("System"), "EventID") => Some(Field::EventId),
                    (Some("System"), "EventRecordID") => Some(Field::RecordId),
                    (Some("System"), "Channel") => Some(Field::Channel),
                    (Some("System"), "Computer") => Some(Field::Computer),
                    (Some("EventData"), "Data") => Some(Field::Data(named("Name"))),
                    _ => None,
                };
                let Some(field) = field else {
                    path.push(name);
                    continue;
                };
                // A field holds text only, up to its end.
                let mut text = Vec::new();
                loop {
                    let op = ops.get(i)?;
                    i += 1;
                    match op {
                        Op::Text(piece) => text.push(piece.clone()),
                        Op::Close => break,
                        Op::Open { .. } => return None,
                    }
                }
                plan.steps.push(Step::Field(field, text));
            }
            Op::Text(Piece::Value { index }) => plan.steps.push(Step::Value {
                index: *index,
                nests: path == ["Event"],
            }),
            Op::Text(Piece::Literal(_)) => {}
            Op::Close => {
                path.pop()?;
            }
        }
    }
    Some(plan)
}

/// Strings a plan writes in, kept from one record for the next.
#[derive(Default)]
pub struct Scratch {
    text: String,
    name: String,
    /// Lists of values, empty, one for each instance being run.
    values: Vec<Vec<Value<'static>>>,
}

impl Scratch {
    /// An empty list of values, with room from an earlier instance if there is one.
    fn values<'a>(&mut self) -> Vec<Value<'a>> {
        // An empty list collected into a list of the same layout keeps its allocation.
        let empty = self.values.pop().unwrap_or_default();
        empty.into_iter().map(|_| Value::Null).collect()
    }

    /// Keeps a list of values for the next instance.
    fn keep(&mut self, mut values: Vec<Value<'_>>) {
        values.clear();
        self.values
            .push(values.into_iter().map(|_| Value::Null).collect());
    }
}

/// Reads into `event` the event of the record whose BinXML is `data[start..end]`, by the plan of its template:
/// `Miss::Unread` if a definition it uses has not been read yet, `Miss::Unreadable` if a plan does not hold for it
/// (it is then played, which decides whether it is read at all).
pub(super) fn event(
    data: &[u8],
    (start, end): (usize, usize),
    templates: &Templates,
    scratch: &mut Scratch,
    event: &mut Event,
) -> Result<(), Miss> {
    event.clear();
    run(
        data,
        (start, end),
        Context::Record,
        templates,
        event,
        scratch,
        0,
    )
}

/// Runs the plan of the template instance at `data[start..end]` in `context` on `event`.
fn run(
    data: &[u8],
    (start, end): (usize, usize),
    context: Context,
    templates: &Templates,
    event: &mut Event,
    scratch: &mut Scratch,
    nesting: usize,
) -> Result<(), Miss> {
    if nesting > MAX_NESTING {
        return Err(Miss::Unreadable);
    }
    let mut values = scratch.values();
    let ran = instance_into(data, start, end, &mut values)
        .ok_or(Miss::Unreadable)
        .and_then(|offset| {
            let plan = templates.plan(offset, context)?;
            run_plan(data, plan, &values, templates, event, scratch, nesting)
        });
    scratch.keep(values);
    ran
}

/// Runs `plan` with the instance's `values` on `event`.
fn run_plan(
    data: &[u8],
    plan: &Plan,
    values: &[Value<'_>],
    templates: &Templates,
    event: &mut Event,
    scratch: &mut Scratch,
    nesting: usize,
) -> Result<(), Miss> {
    let is = |index: u16, f: fn(&Value<'_>) -> bool| values.get(usize::from(index)).is_some_and(f);
    let holds = !plan
        .dependencies
        .iter()
        .any(|&d| is(d, |v| matches!(v, Value::Null)))
        && !plan
            .attribute_values
            .iter()
            .any(|&a| is(a, |v| matches!(v, Value::Nested(..) | Value::Strings(_))));
    if !holds {
        return Err(Miss::Unreadable);
    }
    // The embedded instances not run yet, by value index (up to 256): each must be, as in `play`.
    let mut unplayed = [0u64; 4];
    for (k, v) in values.iter().enumerate() {
        if matches!(v, Value::Nested(_, len) if *len > 0) {
            *unplayed.get_mut(k / 64).ok_or(Miss::Unreadable)? |= 1 << (k % 64);
        }
    }
    for step in &plan.steps {
        match step {
            Step::Value { index, nests } => match values.get(usize::from(*index)) {
                // An array outside a field: an element written once per string, or a shape not read.
                Some(Value::Strings(_)) => return Err(Miss::Unreadable),
                Some(&Value::Nested(at, len)) if len > 0 => {
                    if !nests {
                        return Err(Miss::Unreadable);
                    }
                    let inner = (at, at + len);
                    run(
                        data,
                        inner,
                        Context::InEvent,
                        templates,
                        event,
                        scratch,
                        nesting + 1,
                    )?;
                    let k = usize::from(*index);
                    unplayed[k / 64] &= !(1 << (k % 64));
                }
                _ => {}
            },
            Step::Attribute(which, candidates) => {
                if first_non_empty(candidates, values, &mut scratch.name)? {
                    match which {
                        Attribute::Provider => event.set_provider(&scratch.name),
                        Attribute::Time => event.set_time(&scratch.name),
                    }
                }
            }
            Step::Field(Field::Data(names), pieces) => {
                // A string array in a field's text makes it a field per string ([MS-EVEN6] 3.1.4.7.5), as in
                // `super::repeated`.
                let mut arrays = pieces.iter().filter_map(|p| match p {
                    Piece::Value { index } => match values.get(usize::from(*index)) {
                        Some(Value::Strings(bytes)) => Some((*index, *bytes)),
                        _ => None,
                    },
                    Piece::Literal(_) => None,
                });
                let array = arrays.next();
                if arrays.next().is_some() {
                    return Err(Miss::Unreadable);
                }
                let strings = array.map(|(_, bytes)| split_strings(bytes));
                let times = strings.as_ref().map_or(1, |s| s.len().max(1));
                for k in 0..times {
                    let text = &mut scratch.text;
                    text.clear();
                    for piece in pieces {
                        match (piece, array, &strings) {
                            (Piece::Value { index }, Some((a, _)), Some(strings))
                                if *index == a =>
                            {
                                if let Some(item) = strings.get(k) {
                                    push_utf16(item, text);
                                }
                            }
                            _ => write_text(std::slice::from_ref(piece), values, text)?,
                        }
                    }
                    // A field's value is kept as it is, spaces included.
                    if !first_non_empty(names, values, &mut scratch.name)? {
                        // `Data[N]`, N counted from 1.
                        scratch.name.push_str("Data[");
                        push_decimal(event.data().len() as u64 + 1, &mut scratch.name);
                        scratch.name.push(']');
                    }
                    event.push_data(&scratch.name, &scratch.text);
                }
            }
            Step::Field(field, pieces) => {
                let text = &mut scratch.text;
                text.clear();
                write_text(pieces, values, text)?;
                let trimmed = text.trim();
                match field {
                    Field::EventId => event.event_id = trimmed.parse().ok(),
                    Field::RecordId => event.record_id = trimmed.parse().ok(),
                    Field::Channel => event.set_channel(trimmed),
                    Field::Computer => event.set_computer(trimmed),
                    Field::Data(_) => unreachable!("read above"),
                }
            }
        }
    }
    if unplayed.iter().any(|&w| w != 0) {
        return Err(Miss::Unreadable);
    }
    Ok(())
}

/// Writes `pieces` in `out`; embedded BinXML or a string array there is played instead.
fn write_text(pieces: &[Piece], values: &[Value<'_>], out: &mut String) -> Result<(), Miss> {
    for piece in pieces {
        if let Piece::Value { index } = piece {
            match values.get(usize::from(*index)) {
                Some(Value::Nested(_, len)) if *len > 0 => return Err(Miss::Unreadable),
                Some(Value::Strings(_)) => return Err(Miss::Unreadable),
                _ => {}
            }
        }
        write_piece(piece, values, out);
    }
    Ok(())
}

/// Writes in `out` the first of `candidates` (an element's attributes of one name) that is not empty, as the
/// reader reads an attribute; false if none is.
fn first_non_empty(
    candidates: &[Vec<Piece>],
    values: &[Value<'_>],
    out: &mut String,
) -> Result<bool, Miss> {
    out.clear();
    for pieces in candidates {
        write_text(pieces, values, out)?;
        if !out.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::super::{eventxml, play, read_definitions, Reader};
    use super::*;

    /// On every record of the fixtures, a plan that holds reads the event that playing the template reads; and
    /// plans hold for most records of the logs users bring (Security and System).
    #[test]
    fn a_plan_reads_what_playing_reads() {
        let settings = std::sync::Arc::new(evtx::ParserSettings::new().num_threads(1));
        for (name, least) in [
            ("Security_short_selected.evtx", 0.95),
            ("system.evtx", 0.95),
            ("sample_with_a_bad_chunk_magic.evtx", 0.95),
            ("security_bad_string_cache.evtx", 0.95),
        ] {
            let path = format!("{}/tests/fixtures/evtx/{name}", env!("CARGO_MANIFEST_DIR"));
            let file = std::fs::read(path).unwrap();
            let (mut records, mut planned) = (0, 0);
            for data in file[4096..].chunks(65536) {
                let Ok(mut chunk_data) = evtx::EvtxChunkData::new(data.to_vec(), false) else {
                    continue;
                };
                let Ok(mut chunk) = chunk_data.parse(std::sync::Arc::clone(&settings)) else {
                    continue;
                };
                let mut templates = Templates::default();
                for record in chunk.iter().flatten() {
                    records += 1;
                    let start = record.binxml_offset as usize;
                    let range = (start, start + record.binxml_size as usize);
                    let data = record.chunk.data;
                    if read_definitions(data, range.0, range.1, &mut templates, 0).is_none() {
                        continue;
                    }
                    let mut event = Event::default();
                    let scratch = &mut Scratch::default();
                    if super::event(data, range, &templates, scratch, &mut event).is_err() {
                        continue;
                    }
                    planned += 1;
                    let mut reader = Reader::unescaped(eventxml::Buffers::default());
                    let played = play(data, range, &templates, &mut reader, 0);
                    assert!(played.is_ok(), "{name}: record {}", record.event_record_id);
                    assert!(
                        reader.finish() == [event],
                        "{name}: record {}",
                        record.event_record_id
                    );
                }
            }
            eprintln!("{name}: {planned} of {records} records read by their plans");
            assert!(records > 0);
            assert!(planned as f64 >= least * records as f64, "{name}");
        }
    }
}
