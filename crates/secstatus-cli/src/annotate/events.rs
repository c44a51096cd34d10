//! Windows events, from .evtx files or event XML: which field of which event holds which kind of code, and
//! annotate's three outputs for them (one line per event, one JSON object per event, a summary per code).
//!
//! A field is read for what its event documents it to be, never by guessing from the number: `Status` is an
//! NTSTATUS in 4625 and 4776 but a Kerberos error code in 4768, 4769 and 4771; the same `0x18` is an encryption
//! type in `TicketEncryptionType`. Encryption types are context, not failures, and a status of 0 is success.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use secstatus::{Hex, Lang, System};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::summary::Format;
use crate::human::{printable, Style};
use crate::wire;

/// One event record: the `System` fields shown and every named data field, in order.
///
/// Its texts are kept one after the other in one buffer: an event has tens of fields of a few bytes each, and one
/// allocation serves them all.
#[derive(Clone, Debug, Default)]
pub struct Event {
    pub record_id: Option<u64>,
    pub event_id: Option<u32>,
    text: String,
    time: Span,
    channel: Span,
    provider: Span,
    computer: Span,
    /// `EventData`'s `Data` fields by `Name` (`Data[N]` for an unnamed one, 1-based), or `UserData`'s fields.
    data: Vec<(Span, Span)>,
}

/// Where a text is in [`Event`]'s buffer.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: usize,
    end: usize,
}

impl Event {
    /// An event with room for the texts and fields of most events.
    pub fn new() -> Event {
        Event {
            text: String::with_capacity(512),
            data: Vec::with_capacity(16),
            ..Event::default()
        }
    }

    /// Empties the event, keeping its buffers for the next one.
    pub fn clear(&mut self) {
        let (mut text, mut data) = (
            std::mem::take(&mut self.text),
            std::mem::take(&mut self.data),
        );
        text.clear();
        data.clear();
        *self = Event {
            text,
            data,
            ..Event::default()
        };
    }

    fn get(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }

    fn put(&mut self, text: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(text);
        Span {
            start,
            end: self.text.len(),
        }
    }

    /// `TimeCreated`'s `SystemTime`, as written.
    pub fn time(&self) -> &str {
        self.get(self.time)
    }

    pub fn channel(&self) -> &str {
        self.get(self.channel)
    }

    /// `Provider`'s `Name`.
    pub fn provider(&self) -> &str {
        self.get(self.provider)
    }

    pub fn computer(&self) -> &str {
        self.get(self.computer)
    }

    pub fn set_time(&mut self, text: &str) {
        self.time = self.put(text);
    }

    pub fn set_channel(&mut self, text: &str) {
        self.channel = self.put(text);
    }

    pub fn set_provider(&mut self, text: &str) {
        self.provider = self.put(text);
    }

    pub fn set_computer(&mut self, text: &str) {
        self.computer = self.put(text);
    }

    /// The data fields, names and values, in order.
    pub fn data(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.data.iter().map(|&(k, v)| (self.get(k), self.get(v)))
    }

    /// Adds a data field.
    pub fn push_data(&mut self, name: &str, value: &str) {
        let name = self.put(name);
        let value = self.put(value);
        self.data.push((name, value));
    }

    /// The value of data field `name`, if present.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.data().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Event) -> bool {
        self.record_id == other.record_id
            && self.event_id == other.event_id
            && self.time() == other.time()
            && self.channel() == other.channel()
            && self.provider() == other.provider()
            && self.computer() == other.computer()
            && self.data().eq(other.data())
    }
}

impl Eq for Event {}

/// What a field's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NtStatus,
    Kerberos,
    Tls,
    /// A Kerberos encryption type: context, never a failure.
    Etype,
    /// An NTSTATUS written inside a text, as `(0xc000006d)`.
    NtStatusInText,
}

const SECURITY: &str = "Microsoft-Windows-Security-Auditing";
const KDC_FIELDS: &[(&str, Kind)] = &[
    ("Status", Kind::Kerberos),
    ("TicketEncryptionType", Kind::Etype),
    ("SessionKeyEncryptionType", Kind::Etype),
    ("PreAuthEncryptionType", Kind::Etype),
];

/// The fields of this event that hold codes, and what they are (from each event's documentation).
fn code_fields(event: &Event) -> &'static [(&'static str, Kind)] {
    let provider = event.provider();
    let is = |name: &str| provider.eq_ignore_ascii_case(name);
    match event.event_id {
        Some(4625) if is(SECURITY) => &[("Status", Kind::NtStatus), ("SubStatus", Kind::NtStatus)],
        Some(4776) if is(SECURITY) => &[("Status", Kind::NtStatus)],
        Some(4771) if is(SECURITY) => &[("Status", Kind::Kerberos)],
        Some(4768 | 4769) if is(SECURITY) => KDC_FIELDS,
        Some(36887 | 36888) if is("Schannel") => &[("AlertDesc", Kind::Tls)],
        Some(3) if is("Microsoft-Windows-Security-Kerberos") => &[
            ("ErrorCode", Kind::Kerberos),
            ("ExtendedError", Kind::NtStatus),
        ],
        Some(40960 | 40961) if is("LsaSrv") => &[("*", Kind::NtStatusInText)],
        _ => &[],
    }
}

/// Fields shown on an event's line beside its codes: who, from where, for what.
const SHOWN: &[&str] = &[
    "TargetUserName",
    "TargetDomainName",
    "ClientName",
    "ClientRealm",
    "Workstation",
    "WorkstationName",
    "IpAddress",
    "ServiceName",
    "ServerName",
    "TargetName",
    "LogonType",
];

/// One code of an event, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventCode {
    pub field: String,
    /// `ntstatus`, `krb`, `tls` or `etype`.
    pub system: &'static str,
    pub value: u32,
    /// The code's name, when the tables know it.
    pub name: Option<&'static str>,
    pub meaning: Option<String>,
    /// The SSPI equivalent, `NAME (0xVALUE)`'s parts.
    pub sspi: Option<(&'static str, u32)>,
    /// False for context (an encryption type).
    pub failure: bool,
}

/// A field's number: `0x` hex or decimal; `-`, empty and message references (`%%2313`) are none.
fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u32::from_str_radix(hex, 16).ok()
    } else {
        s.parse().ok()
    }
}

/// NTSTATUS values written in a text as `0x` and 8 hex digits with the error or warning severity.
fn ntstatus_in_text(s: &str) -> impl Iterator<Item = u32> + '_ {
    let bytes = s.as_bytes();
    (0..bytes.len()).filter_map(move |i| {
        let hex = bytes.get(i + 2..i + 10)?;
        let boundary = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        let ok = bytes[i] == b'0'
            && matches!(bytes[i + 1], b'x' | b'X')
            && (i == 0 || boundary(bytes.get(i - 1)))
            && boundary(bytes.get(i + 10))
            && hex.iter().all(u8::is_ascii_hexdigit);
        let v = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        (ok && v >= 0x8000_0000).then_some(v)
    })
}

/// Kerberos encryption types (RFC 3961 section 8, RFC 4757, RFC 8009, RFC 8429; Microsoft's 4768 page).
fn etype(value: u32) -> Option<(&'static str, &'static str)> {
    Some(match value {
        0x1 => (
            "des-cbc-crc",
            "DES, deprecated (RFC 6649), disabled by default since Windows 7",
        ),
        0x3 => (
            "des-cbc-md5",
            "DES, deprecated (RFC 6649), disabled by default since Windows 7",
        ),
        0x11 => ("aes128-cts-hmac-sha1-96", "AES128 (RFC 3962)"),
        0x12 => (
            "aes256-cts-hmac-sha1-96",
            "AES256 (RFC 3962), the strongest Windows offers",
        ),
        0x13 => (
            "aes128-cts-hmac-sha256-128",
            "AES128 with SHA-256 (RFC 8009)",
        ),
        0x14 => (
            "aes256-cts-hmac-sha384-192",
            "AES256 with SHA-384 (RFC 8009)",
        ),
        0x17 => (
            "rc4-hmac",
            "RC4, deprecated (RFC 8429); an account or service without AES keys",
        ),
        0x18 => ("rc4-hmac-exp", "RC4 export strength, deprecated (RFC 8429)"),
        0xffff_ffff => ("no ticket", "the request failed: no ticket was issued"),
        _ => return None,
    })
}

fn foreign(system: System, sys: &'static str, field: &str, value: u32, lang: Lang) -> EventCode {
    let f = secstatus::foreign(system, value);
    let sspi = f.and_then(|f| f.primary()).map(|m| {
        let status = m.status();
        (status.name().unwrap_or(""), status.to_u32())
    });
    EventCode {
        field: field.to_string(),
        system: sys,
        value,
        name: f.map(|f| f.name()),
        meaning: f.map(|f| f.meaning().get(lang).to_string()),
        sspi,
        failure: true,
    }
}

/// Every code of `event`, in the order of its fields. Status 0 (success) is left out.
pub fn codes(event: &Event, lang: Lang) -> Vec<EventCode> {
    let mut out = Vec::new();
    for &(field, kind) in code_fields(event) {
        if kind == Kind::NtStatusInText {
            for (name, value) in event.data() {
                for v in ntstatus_in_text(value) {
                    out.push(foreign(System::NtStatus, "ntstatus", name, v, lang));
                }
            }
            continue;
        }
        let Some(value) = event.field(field).and_then(number) else {
            continue;
        };
        out.push(match kind {
            Kind::NtStatus | Kind::Kerberos if value == 0 => continue,
            Kind::NtStatus => foreign(System::NtStatus, "ntstatus", field, value, lang),
            Kind::Kerberos => foreign(System::Kerberos, "krb", field, value, lang),
            Kind::Tls => foreign(System::Tls, "tls", field, value, lang),
            Kind::Etype | Kind::NtStatusInText => {
                let known = etype(value);
                EventCode {
                    field: field.to_string(),
                    system: "etype",
                    value,
                    name: known.map(|k| k.0),
                    meaning: known.map(|k| k.1.to_string()),
                    sspi: None,
                    failure: false,
                }
            }
        });
    }
    out
}

/// A value as its field writes it: NTSTATUS as 8 hex digits, a TLS alert in decimal, the rest in short hex.
pub fn value_text(system: &str, value: u32) -> String {
    match system {
        "ntstatus" => Hex(value).to_string(),
        "tls" => value.to_string(),
        _ => format!("0x{value:X}"),
    }
}

fn system_label(system: &str, lang: Lang) -> &'static str {
    match (system, lang) {
        ("ntstatus", _) => "NTSTATUS",
        ("krb", Lang::Ru) => "код ошибки Kerberos",
        ("krb", _) => "Kerberos error code",
        ("tls", Lang::Ru) => "оповещение TLS",
        ("tls", _) => "TLS alert",
        (_, Lang::Ru) => "тип шифрования, контекст",
        _ => "encryption type, context",
    }
}

/// A value as the line shows it: escaped, quoted when it has spaces or is empty.
fn shown(s: &str) -> String {
    let s = printable(s);
    if s.is_empty() || s.contains(char::is_whitespace) || s.contains('"') {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s
    }
}

/// The line of one event: time, computer, provider, event id, the fields that matter, the codes' fields, and the
/// annotation when it has codes.
pub fn line(event: &Event, codes: &[EventCode], lang: Lang, style: Style) -> String {
    let mut s = String::new();
    let dash = |v: &str| {
        if v.is_empty() {
            "-".to_string()
        } else {
            printable(v)
        }
    };
    let id = event.event_id.map_or("-".to_string(), |i| i.to_string());
    let _ = write!(
        s,
        "{} {} {} {}",
        dash(event.time()),
        dash(event.computer()),
        dash(event.provider()),
        id
    );
    let code_field = |k: &str| codes.iter().any(|c| c.field == k);
    for (k, v) in event.data() {
        let v_trim = v.trim();
        if (SHOWN.contains(&k) && !v_trim.is_empty() && v_trim != "-") || code_field(k) {
            let _ = write!(s, " {}={}", printable(k), shown(v));
        }
    }
    if !codes.is_empty() {
        let parts: Vec<String> = codes.iter().map(|c| explain(c, lang)).collect();
        let note = format!("  [secstatus: {}]", parts.join(" | "));
        s.push_str(&style.dim(&note));
    }
    s
}

/// One code in an annotation: `Status 0x18 KDC_ERR_PREAUTH_FAILED (Kerberos error code): ... -> SEC_E_...`.
fn explain(c: &EventCode, lang: Lang) -> String {
    let mut s = format!("{} {}", printable(&c.field), value_text(c.system, c.value));
    if let Some(name) = c.name {
        let _ = write!(s, " {name}");
    }
    let _ = write!(s, " ({})", system_label(c.system, lang));
    match &c.meaning {
        Some(m) => {
            let _ = write!(s, ": {m}");
        }
        None => s.push_str(match lang {
            Lang::Ru => ": нет в таблицах",
            _ => ": not in the tables",
        }),
    }
    if let Some((name, value)) = c.sspi {
        let _ = write!(s, " -> {name} ({})", Hex(value));
    }
    s
}

/// The data fields as a JSON object, in their order.
struct Data<'a>(&'a Event);

impl Serialize for Data<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.data.len()))?;
        for (k, v) in self.0.data() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct JsonCode<'a> {
    field: &'a str,
    system: &'static str,
    name: Option<&'static str>,
    value: String,
    meaning: Option<&'a str>,
    sspi: Option<&'static str>,
    failure: bool,
}

#[derive(serde::Serialize)]
struct JsonEvent<'a> {
    path: &'a str,
    record_id: Option<u64>,
    time: &'a str,
    channel: &'a str,
    provider: &'a str,
    event_id: Option<u32>,
    computer: &'a str,
    data: Data<'a>,
    codes: Vec<JsonCode<'a>>,
}

/// Appends the JSON Lines object of one event to `out`.
pub fn write_json(out: &mut Vec<u8>, path: &str, event: &Event, codes: &[EventCode]) {
    // Its strings: the path, the event's texts, and the codes' fields and meanings (the rest are the tables' names
    // and numbers).
    let codes_texts = codes
        .iter()
        .flat_map(|c| [Some(c.field.as_str()), c.meaning.as_deref()])
        .flatten();
    let sources = [path, &event.text].into_iter().chain(codes_texts);
    // Writing to a Vec does not fail.
    let _ = wire::write_line_from(out, &json(path, event, codes), sources);
}

/// The JSON object of one event.
fn json<'a>(path: &'a str, event: &'a Event, codes: &'a [EventCode]) -> JsonEvent<'a> {
    JsonEvent {
        path,
        record_id: event.record_id,
        time: event.time(),
        channel: event.channel(),
        provider: event.provider(),
        event_id: event.event_id,
        computer: event.computer(),
        data: Data(event),
        codes: codes
            .iter()
            .map(|c| JsonCode {
                field: &c.field,
                system: c.system,
                name: c.name,
                value: value_text(c.system, c.value),
                meaning: c.meaning.as_deref(),
                sspi: c.sspi.map(|s| s.0),
                failure: c.failure,
            })
            .collect(),
    }
}

/// Per failure code: how often, in which events, when, and the accounts and hosts seen most.
#[derive(Debug, Default)]
struct Tally {
    name: Option<&'static str>,
    count: u64,
    event_ids: BTreeSet<u32>,
    first: String,
    last: String,
    accounts: HashMap<String, u64>,
    hosts: HashMap<String, u64>,
}

/// Where annotate's event outputs go.
pub enum Target<'a> {
    Lines {
        out: &'a mut dyn Write,
        lang: Lang,
        style: Style,
    },
    Json {
        out: &'a mut dyn Write,
    },
    Summary {
        out: &'a mut dyn Write,
        format: Format,
    },
}

/// The summary of the failure codes of every event read.
#[derive(Debug, Default)]
pub struct Summary {
    tallies: BTreeMap<(&'static str, u32), Tally>,
    pub events: u64,
}

fn meaningful(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty() && *v != "-")
}

impl Summary {
    pub fn is_empty(&self) -> bool {
        self.events == 0
    }

    pub fn add(&mut self, event: &Event, codes: &[EventCode]) {
        self.events += 1;
        if !codes.iter().any(|c| c.failure) {
            return;
        }
        let account = meaningful(event.field("TargetUserName"))
            .or_else(|| meaningful(event.field("ClientName")));
        let host = meaningful(event.field("IpAddress"))
            .or_else(|| meaningful(event.field("WorkstationName")))
            .or_else(|| meaningful(event.field("Workstation")))
            .or_else(|| meaningful(Some(event.computer())));
        for c in codes.iter().filter(|c| c.failure) {
            let t = self.tallies.entry((c.system, c.value)).or_default();
            t.name = c.name;
            let time = event.time();
            if t.count == 0 || time < t.first.as_str() {
                time.clone_into(&mut t.first);
            }
            if t.count == 0 || time > t.last.as_str() {
                time.clone_into(&mut t.last);
            }
            t.count += 1;
            if let Some(id) = event.event_id {
                t.event_ids.insert(id);
            }
            if let Some(a) = account {
                *t.accounts.entry(a.to_string()).or_default() += 1;
            }
            if let Some(h) = host {
                *t.hosts.entry(h.to_string()).or_default() += 1;
            }
        }
    }

    /// Adds another summary's counts to this one's: the same as if its events had been added here.
    pub fn merge(&mut self, other: Summary) {
        self.events += other.events;
        for (key, t) in other.tallies {
            let Some(mine) = self.tallies.get_mut(&key) else {
                self.tallies.insert(key, t);
                continue;
            };
            if t.first < mine.first {
                mine.first = t.first;
            }
            if t.last > mine.last {
                mine.last = t.last;
            }
            mine.count += t.count;
            mine.event_ids.extend(t.event_ids);
            for (seen, theirs) in [(&mut mine.accounts, t.accounts), (&mut mine.hosts, t.hosts)] {
                for (k, n) in theirs {
                    *seen.entry(k).or_default() += n;
                }
            }
        }
    }

    fn ranked(&self) -> Vec<(&(&'static str, u32), &Tally)> {
        let mut v: Vec<_> = self.tallies.iter().collect();
        v.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        v
    }

    /// The three seen most, most first (then by name).
    fn top(seen: &HashMap<String, u64>) -> Vec<(&str, u64)> {
        let mut v: Vec<_> = seen.iter().map(|(k, &n)| (k.as_str(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(3);
        v
    }

    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        match format {
            Format::Json => {
                #[derive(serde::Serialize)]
                struct Seen<'a> {
                    name: &'a str,
                    count: u64,
                }
                #[derive(serde::Serialize)]
                struct Row<'a> {
                    name: Option<&'static str>,
                    value: String,
                    system: &'static str,
                    count: u64,
                    event_ids: Vec<u32>,
                    first: &'a str,
                    last: &'a str,
                    accounts: Vec<Seen<'a>>,
                    hosts: Vec<Seen<'a>>,
                }
                fn seen(m: &HashMap<String, u64>) -> Vec<Seen<'_>> {
                    Summary::top(m)
                        .into_iter()
                        .map(|(name, count)| Seen { name, count })
                        .collect()
                }
                let rows: Vec<Row<'_>> = self
                    .ranked()
                    .into_iter()
                    .map(|(&(system, value), t)| Row {
                        name: t.name,
                        value: value_text(system, value),
                        system,
                        count: t.count,
                        event_ids: t.event_ids.iter().copied().collect(),
                        first: &t.first,
                        last: &t.last,
                        accounts: seen(&t.accounts),
                        hosts: seen(&t.hosts),
                    })
                    .collect();
                let mut text = Vec::new();
                wire::write_line(&mut text, &rows)?;
                out.write_all(&text)
            }
            Format::Table { lang, style } => {
                let header = match lang {
                    Lang::Ru => [
                        "ИМЯ",
                        "ЗНАЧЕНИЕ",
                        "ВСТРЕЧ",
                        "СОБЫТИЯ",
                        "ПЕРВОЕ",
                        "ПОСЛЕДНЕЕ",
                        "УЧЁТНЫЕ ЗАПИСИ",
                        "УЗЛЫ",
                    ],
                    _ => [
                        "NAME", "VALUE", "COUNT", "EVENTS", "FIRST", "LAST", "ACCOUNTS", "HOSTS",
                    ],
                };
                let list = |m: &HashMap<String, u64>| {
                    Self::top(m)
                        .into_iter()
                        .map(|(k, n)| format!("{} ({n})", printable(k)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let rows: Vec<[String; 8]> = self
                    .ranked()
                    .into_iter()
                    .map(|(&(system, value), t)| {
                        let ids: Vec<_> = t.event_ids.iter().map(u32::to_string).collect();
                        [
                            t.name.unwrap_or("?").to_string(),
                            format!(
                                "{} {}",
                                system_label(system, lang),
                                value_text(system, value)
                            ),
                            t.count.to_string(),
                            ids.join(","),
                            printable(&t.first),
                            printable(&t.last),
                            list(&t.accounts),
                            list(&t.hosts),
                        ]
                    })
                    .collect();
                let mut widths = header.map(|h| h.chars().count());
                for row in &rows {
                    for (w, cell) in widths.iter_mut().zip(row) {
                        *w = (*w).max(cell.chars().count());
                    }
                }
                let pad = |s: &str, w: usize| {
                    format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())))
                };
                let mut text = String::new();
                let head: Vec<_> = header.iter().zip(widths).map(|(h, w)| pad(h, w)).collect();
                let _ = writeln!(text, "{}", style.dim(head.join("  ").trim_end()));
                for row in &rows {
                    let mut cells = vec![style.name(&pad(&row[0], widths[0]))];
                    cells.extend((1..8).map(|i| pad(&row[i], widths[i])));
                    let _ = writeln!(text, "{}", cells.join("  ").trim_end());
                }
                out.write_all(text.as_bytes())
            }
        }
    }
}

/// How each event is made into output, chosen once from the output's [`Target`]: its line, its JSON object, or its
/// share of the summary. It holds no writer, so the threads that read an event log use it where they read.
#[derive(Clone, Debug)]
pub enum Form {
    Lines { lang: Lang, style: Style },
    Json { path: String },
    Summary { lang: Lang },
}

/// What the events of a stretch of a log came to: the text written for them, or their summary; and whether one
/// held a failure code.
#[derive(Debug, Default)]
pub struct Handed {
    text: Vec<u8>,
    summary: Summary,
    failures: bool,
}

impl Form {
    /// The form `target` calls for; `path` is the name JSON gives the log.
    pub fn of(target: &Target<'_>, path: &str) -> Form {
        match target {
            Target::Lines { lang, style, .. } => Form::Lines {
                lang: *lang,
                style: *style,
            },
            Target::Json { .. } => Form::Json {
                path: path.to_string(),
            },
            Target::Summary { format, .. } => Form::Summary {
                lang: match format {
                    Format::Table { lang, .. } => *lang,
                    Format::Json => Lang::En,
                },
            },
        }
    }

    /// Adds an event to `handed`.
    pub fn add(&self, event: &Event, handed: &mut Handed) {
        let lang = match self {
            Form::Lines { lang, .. } | Form::Summary { lang } => *lang,
            Form::Json { .. } => Lang::En,
        };
        let codes = codes(event, lang);
        match self {
            Form::Lines { lang, style } => {
                handed
                    .text
                    .extend_from_slice(line(event, &codes, *lang, *style).as_bytes());
                handed.text.push(b'\n');
            }
            Form::Json { path } => write_json(&mut handed.text, path, event, &codes),
            Form::Summary { .. } => handed.summary.add(event, &codes),
        }
        handed.failures |= codes.iter().any(|c| c.failure);
    }
}

/// Hands what a stretch of a log came to on to `target` (its text) or to `summary`; returns whether an event of
/// it held a failure code.
pub fn hand_on(target: &mut Target<'_>, summary: &mut Summary, handed: Handed) -> io::Result<bool> {
    let out = match target {
        Target::Lines { out, .. } | Target::Json { out } | Target::Summary { out, .. } => out,
    };
    if !handed.text.is_empty() {
        out.write_all(&handed.text)?;
    }
    summary.merge(handed.summary);
    Ok(handed.failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(provider: &str, id: u32, data: &[(&str, &str)]) -> Event {
        let mut e = Event {
            event_id: Some(id),
            ..Event::default()
        };
        e.set_provider(provider);
        for (k, v) in data {
            e.push_data(k, v);
        }
        e
    }

    /// DEL and C1 controls are escaped in an event's JSON wherever they are: in a field, in the path, or nowhere.
    #[test]
    fn json_escapes_raw_controls_in_any_of_its_texts() {
        let raw =
            |s: &str| s.contains(|c: char| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c));
        for (path, value) in [
            ("p", "a\u{85}b\u{7f}c"),
            ("p\u{9b}31m", "plain"),
            ("p", "plain \u{e9}\u{a0}"),
        ] {
            let e = event(
                SECURITY,
                4625,
                &[("TargetUserName", value), ("Status", "0xC000006D")],
            );
            let mut out = Vec::new();
            write_json(&mut out, path, &e, &codes(&e, Lang::En));
            let text = String::from_utf8(out).unwrap();
            assert!(!raw(&text), "{text}");
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["path"], path);
            assert_eq!(v["data"]["TargetUserName"], value);
        }
    }

    /// Summaries of parts of a log, merged, are the summary of the whole: what the threads reading an event log
    /// hand on is added up so.
    #[test]
    fn merged_summaries_are_the_summary_of_the_whole() {
        let mut log = Vec::new();
        for (k, (status, user, time)) in [
            ("0x18", "alice", "2026-01-02T10:00:00Z"),
            ("0x18", "bob", "2026-01-01T09:00:00Z"),
            ("0x6", "alice", "2026-01-03T08:00:00Z"),
            ("0x18", "alice", "2026-01-04T07:00:00Z"),
            ("0x0", "carol", "2026-01-05T06:00:00Z"),
        ]
        .into_iter()
        .enumerate()
        {
            let id = if k == 2 { 4768 } else { 4771 };
            let mut e = event(
                SECURITY,
                id,
                &[("Status", status), ("TargetUserName", user)],
            );
            e.set_time(time);
            log.push(e);
        }
        let json = |s: &Summary| {
            let mut out = Vec::new();
            s.write(&mut out, Format::Json).unwrap();
            String::from_utf8(out).unwrap()
        };
        let form = Form::Summary { lang: Lang::En };
        let mut whole = Handed::default();
        log.iter().for_each(|e| form.add(e, &mut whole));
        assert!(whole.failures && whole.summary.events == 5);
        let expected = json(&whole.summary);
        // KDC_ERR_PREAUTH_FAILED three times, two of them alice's, from the earliest time to the latest.
        for part in [
            r#""count":3"#,
            r#""first":"2026-01-01T09:00:00Z","last":"2026-01-04T07:00:00Z""#,
            r#"{"name":"alice","count":2}"#,
        ] {
            assert!(expected.contains(part), "{part} in {expected}");
        }
        for cut in 0..=log.len() {
            let mut merged = Summary::default();
            for part in [&log[..cut], &log[cut..]] {
                let mut handed = Handed::default();
                part.iter().for_each(|e| form.add(e, &mut handed));
                merged.merge(handed.summary);
            }
            assert_eq!(json(&merged), expected, "cut at {cut}");
        }
    }

    #[test]
    fn status_depends_on_the_event() {
        let krb = codes(&event(SECURITY, 4771, &[("Status", "0x18")]), Lang::En);
        assert_eq!(krb[0].name, Some("KDC_ERR_PREAUTH_FAILED"));
        let tgt = codes(
            &event(
                SECURITY,
                4768,
                &[("Status", "0x0"), ("TicketEncryptionType", "0x18")],
            ),
            Lang::En,
        );
        assert_eq!(tgt.len(), 1);
        assert_eq!(tgt[0].name, Some("rc4-hmac-exp"));
        assert!(!tgt[0].failure);
        assert!(codes(&event(SECURITY, 5152, &[("Status", "0x18")]), Lang::En).is_empty());
    }

    #[test]
    fn ntstatus_in_a_text() {
        let v: Vec<_> =
            ntstatus_in_text("was \"x\" (0xc000006d) 0x0 0xc000006dd x0xc000006a").collect();
        assert_eq!(v, [0xC000_006D]);
    }
}
