//! The JSON the command line prints, as typed structs rendered by `serde_json`: one schema, documented in the README
//! (fields may be added; none is renamed or dropped). An entry is the library's own `Serialize` of [`Entry`], so
//! `serde_json::to_string(entry)` and `secstatus list --json` agree field for field.

use std::io::{self, Write};

use secstatus::stream::Hit;
use secstatus::{
    Entry, Foreign, Hex, Interpretation, Mapping, SecStatus, Text, ValueKind, WindowsError,
};
use serde::Serialize;

use crate::answer::{Answer, ErrorHit, Match};

/// Writes `value` as compact JSON and a newline. Every control character in a string is escaped (C1 controls and
/// DEL too, which `serde_json` leaves raw), so nothing read from the input can drive a terminal.
pub fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    write_searching(out, value, true)
}

/// [`write_line`] for a value whose strings all come from `sources` (the texts it was made from): when none of
/// them holds DEL or a C1 control, its strings are not searched for them one by one.
pub fn write_line_from<'s>(
    out: &mut impl Write,
    value: &impl Serialize,
    sources: impl IntoIterator<Item = &'s str>,
) -> io::Result<()> {
    let search = sources.into_iter().any(has_raw_controls);
    write_searching(out, value, search)
}

fn write_searching(out: &mut impl Write, value: &impl Serialize, search: bool) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Escaping { search });
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Whether `text` holds DEL or a C1 control.
fn has_raw_controls(text: &str) -> bool {
    raw_control(text.as_bytes(), 0).is_some()
}

/// The first DEL or C1 control (U+0080 to U+009F, which UTF-8 writes as 0xC2 then 0x80 to 0x9F) in `bytes` at or
/// after `from`: where it starts and how many bytes it takes.
fn raw_control(bytes: &[u8], mut from: usize) -> Option<(usize, usize)> {
    while let Some(k) = memchr::memchr2(0x7F, 0xC2, bytes.get(from..)?) {
        let at = from + k;
        if bytes[at] == 0x7F {
            return Some((at, 1));
        }
        if bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)) {
            return Some((at, 2));
        }
        from = at + 1;
    }
    None
}

/// `serde_json`'s compact formatter, escaping the control characters it would leave raw; with `search` false the
/// strings are known to have none.
struct Escaping {
    search: bool,
}

impl serde_json::ser::Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // `serde_json` escapes C0 controls itself; what is left are DEL and the C1 controls.
        let bytes = fragment.as_bytes();
        // Most fragments are ASCII without DEL, written as they are.
        if !self.search || below_del(bytes) {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        while let Some((at, len)) = raw_control(bytes, start) {
            writer.write_all(&bytes[start..at])?;
            let c = fragment[at..].chars().next().map_or(0, u32::from);
            write!(writer, "\\u{c:04x}")?;
            start = at + len;
        }
        writer.write_all(&bytes[start..])
    }
}

/// Whether every byte is below 0x7F, eight at a time: a byte of 0x7F or more has its top bit set, alone or once 1
/// is added to it (a carry into the next byte comes only from a byte of 0xFF, which has its top bit set).
fn below_del(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let words = bytes.chunks_exact(8);
    let rest = words.remainder();
    words
        .map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
        .all(|w| (w | w.wrapping_add(ONES)) & TOPS == 0)
        && rest.iter().all(|&b| b < 0x7F)
}

/// `secstatus lookup --json` and `explain --json`: one object per query.
#[derive(Serialize)]
pub struct Lookup<'a> {
    query: &'a str,
    matches: Vec<MatchJson>,
    decoded: Option<Decoded>,
    readings: Vec<ReadingJson>,
    foreign: Vec<ForeignJson>,
    suggestion: Option<&'static str>,
    /// Windows error codes of [MS-ERREF]'s tables; present when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ErrorJson>,
}

impl<'a> Lookup<'a> {
    pub fn new(answer: &'a Answer) -> Lookup<'a> {
        Lookup {
            query: &answer.query,
            matches: answer.matches.iter().map(MatchJson::new).collect(),
            decoded: answer.decoded.map(Decoded::new),
            readings: answer.readings.iter().map(ReadingJson::new).collect(),
            foreign: answer.foreign.iter().map(|f| ForeignJson::new(f)).collect(),
            errors: answer.errors.iter().map(ErrorJson::new).collect(),
            suggestion: answer
                .miss
                .as_ref()
                .and_then(|m| m.suggestion)
                .map(Entry::name),
        }
    }
}

/// A matched entry: how it was reached, the entry's own fields, and what maps to it.
#[derive(Serialize)]
struct MatchJson {
    reading: &'static str,
    #[serde(flatten)]
    entry: &'static Entry,
    mapped_from: Vec<MappedFrom>,
}

impl MatchJson {
    fn new(m: &Match) -> MatchJson {
        MatchJson {
            reading: m.via.as_str(),
            entry: m.entry,
            mapped_from: m
                .mapped_from
                .iter()
                .map(|&(f, m)| MappedFrom {
                    system: f.system().as_str(),
                    value: f.value(),
                    name: f.name(),
                    source: m.source().key(),
                    reverse_only: m.is_reverse_only(),
                    catch_all: m.is_catch_all(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct MappedFrom {
    system: &'static str,
    value: u32,
    name: &'static str,
    source: &'static str,
    reverse_only: bool,
    catch_all: bool,
}

/// The HRESULT fields and kind of any value.
#[derive(Serialize)]
pub struct Decoded {
    value: Hex,
    signed: i32,
    unsigned: u32,
    severity: &'static str,
    severity_bit: bool,
    reserved_bit: bool,
    customer_bit: bool,
    nt_bit: bool,
    x_bit: bool,
    facility: u16,
    facility_name: Option<&'static str>,
    code: u16,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    win32: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ntstatus: Option<Hex>,
}

impl Decoded {
    pub fn new(s: SecStatus) -> Decoded {
        let f = s.fields();
        let kind = s.kind();
        Decoded {
            value: Hex(s.to_u32()),
            signed: s.to_i32(),
            unsigned: s.to_u32(),
            severity: s.severity().as_str(),
            severity_bit: f.severity,
            reserved_bit: f.reserved,
            customer_bit: f.customer,
            nt_bit: f.nt,
            x_bit: f.x,
            facility: f.facility,
            facility_name: secstatus::facility_name(f.facility),
            code: f.code,
            kind: kind_name(kind),
            win32: match kind {
                ValueKind::Win32 { code } => Some(code),
                _ => None,
            },
            ntstatus: match kind {
                ValueKind::HResultFromNt { ntstatus } => Some(Hex(ntstatus)),
                _ => None,
            },
        }
    }
}

/// The kind of a value, as a stable name.
pub fn kind_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Sspi(_) => "sspi",
        ValueKind::SspiUnassigned => "sspi_unassigned",
        ValueKind::SecurityFacility => "security_facility",
        ValueKind::Win32 { .. } => "hresult_from_win32",
        ValueKind::HResultFromNt { .. } => "hresult_from_nt",
        ValueKind::NtStatus => "ntstatus",
        ValueKind::Win32Code => "win32_code",
        _ => "hresult",
    }
}

#[derive(Serialize)]
struct ReadingJson {
    value: Hex,
    reading: &'static str,
    kind: &'static str,
}

impl ReadingJson {
    fn new(i: &Interpretation) -> ReadingJson {
        ReadingJson {
            value: Hex(i.status.to_u32()),
            reading: i.reading.as_str(),
            kind: kind_name(i.status.kind()),
        }
    }
}

/// A neighbouring system's status with its SSPI equivalents (primary first).
#[derive(Serialize)]
pub struct ForeignJson {
    system: &'static str,
    value: u32,
    name: &'static str,
    aliases: &'static [&'static str],
    meaning: Text,
    note: Option<Text>,
    sspi: Vec<MappingJson>,
}

impl ForeignJson {
    pub fn new(f: &'static Foreign) -> ForeignJson {
        ForeignJson {
            system: f.system().as_str(),
            value: f.value(),
            name: f.name(),
            aliases: f.aliases(),
            meaning: f.meaning(),
            note: f.note(),
            sspi: f.mappings().iter().map(MappingJson::new).collect(),
        }
    }
}

#[derive(Serialize)]
struct MappingJson {
    name: Option<&'static str>,
    value: Hex,
    source: &'static str,
    source_title: &'static str,
    note: Option<Text>,
    reverse_only: bool,
    catch_all: bool,
}

impl MappingJson {
    fn new(m: &'static Mapping) -> MappingJson {
        MappingJson {
            name: m.status().name(),
            value: Hex(m.status().to_u32()),
            source: m.source().key(),
            source_title: m.source().title(),
            note: m.note(),
            reverse_only: m.is_reverse_only(),
            catch_all: m.is_catch_all(),
        }
    }
}

/// A Windows error code of [MS-ERREF]'s tables, with every name of its value.
#[derive(Serialize)]
pub struct ErrorJson {
    system: &'static str,
    /// That system's number: a Win32 error's, or the 32 bits of an NTSTATUS or HRESULT.
    value: u32,
    hex: Hex,
    names: Vec<&'static str>,
    message: &'static str,
    sdk_message: Option<&'static str>,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'static str>,
}

impl ErrorJson {
    pub fn new(hit: &ErrorHit) -> ErrorJson {
        ErrorJson {
            via: Some(hit.via.as_str()),
            ..ErrorJson::rows(hit.rows)
        }
    }

    /// The rows of one value, as `list --system` and `search` print them.
    pub fn rows(rows: &'static [WindowsError]) -> ErrorJson {
        let first = &rows[0];
        ErrorJson {
            system: first.system().as_str(),
            value: first.value(),
            hex: Hex(first.value()),
            names: rows.iter().map(WindowsError::name).collect(),
            message: first.message(),
            sdk_message: first.sdk_message(),
            source: first.source(),
            via: None,
        }
    }
}

/// `secstatus search --json`: one item per hit, an SSPI code's `entry` or another Windows error's `error`.
#[derive(Serialize)]
pub struct SearchHit {
    pub score: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<&'static Entry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorJson>,
}

/// `secstatus annotate --json`: one object per occurrence.
#[derive(Serialize)]
pub struct Occurrence<'a> {
    path: &'a str,
    line: u64,
    column: u64,
    offset: u64,
    text: &'a str,
    form: &'static str,
    name: &'static str,
    value: Hex,
    system: &'static str,
    sspi: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ldap: Option<Ldap>,
}

impl<'a> Occurrence<'a> {
    pub fn new(path: &'a str, hit: &Hit<'_>, text: &'a str) -> Occurrence<'a> {
        let code = hit.found.code;
        Occurrence {
            path,
            line: hit.line,
            column: hit.column,
            offset: hit.offset,
            text,
            form: hit.found.form.as_str(),
            name: code.name(),
            value: Hex(code.value()),
            system: code.system(),
            sspi: code.sspi().and_then(SecStatus::name),
            ldap: hit.ldap.map(Ldap::new),
        }
    }
}

/// An LDAP bind diagnostic's `data` sub-code.
#[derive(Serialize)]
struct Ldap {
    data: String,
    win32: u32,
    name: Option<&'static str>,
    meaning: Option<Text>,
}

impl Ldap {
    fn new(data: u32) -> Ldap {
        let sub = secstatus::ldap_sub_code(data);
        Ldap {
            data: format!("{data:x}"),
            win32: data,
            name: sub.map(Foreign::name),
            meaning: sub.map(Foreign::meaning),
        }
    }
}

/// `secstatus annotate --summary --json`: one item per code, most frequent first.
#[derive(Serialize)]
pub struct Tally<'a> {
    pub name: &'a str,
    pub value: Hex,
    pub count: u64,
    pub first: At<'a>,
    pub last: At<'a>,
    pub files: Vec<&'a str>,
    /// `sspi`, `ntstatus`, or `win32` for an LDAP `data` sub-code.
    pub system: &'static str,
    /// For an LDAP bind diagnostic's `data` sub-code: the sub-code as written (`52e`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ldap_data: Option<String>,
}

/// A place in the inputs.
#[derive(Serialize)]
pub struct At<'a> {
    pub path: &'a str,
    pub line: u64,
}

#[cfg(test)]
mod tests {
    use super::{below_del, write_line};

    /// Every byte value, at every place of a word and in the remainder, against the plain comparison.
    #[test]
    fn below_del_is_every_byte_below_0x7f() {
        for b in 0..=255u8 {
            for len in [1, 7, 8, 9, 16, 17] {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    assert_eq!(below_del(&bytes), b < 0x7F, "{b:#x} at {at} of {len}");
                    // A byte of 0xFF before it carries into it.
                    if at > 0 {
                        bytes[at - 1] = 0xFF;
                        assert!(!below_del(&bytes));
                    }
                }
            }
        }
        assert!(below_del(b""));
    }

    fn json(s: &str) -> String {
        let mut out = Vec::new();
        write_line(&mut out, &s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(json("a\u{1b}[31mb\"\\\n"), "\"a\\u001b[31mb\\\"\\\\\\n\"\n");
        assert_eq!(json("\u{7f}\u{9b}2J"), "\"\\u007f\\u009b2J\"\n");
        assert_eq!(json("часы"), "\"часы\"\n");
        // Every character up to U+02FF between others (U+00A0 to U+00BF share the C1 controls' first byte): the
        // JSON reads back as the text and holds no raw control character.
        for c in (0..=0x2FF).filter_map(char::from_u32) {
            let text = format!("a{c}\u{a0}{c}");
            let out = json(&text);
            assert!(
                !out.trim_end().chars().any(char::is_control),
                "{c:?}: {out:?}"
            );
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text, "{c:?}");
        }
    }
}
