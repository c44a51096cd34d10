//! Windows event XML (`wevtutil qe /f:xml`, Event Viewer's "Save as XML", and each .evtx record as the `evtx`
//! crate renders it) read into [`Event`]s. Only what the events say is kept: the `System` fields annotate shows and
//! every `EventData`/`UserData` field. A small reader of the subset events use: elements, attributes, text,
//! character and the five named entities, CDATA; comments, declarations and processing instructions are skipped.
//! It never fails: what is not understood is ignored.

use std::fmt::Write as _;

use super::events::Event;

/// Every `<Event>` element in `xml`, in order. Text outside events is ignored; an event cut off at the end of
/// `xml` is still returned with what it had.
pub fn events(xml: &str) -> Vec<Event> {
    let mut reader = Reader::default();
    reader.run(xml);
    reader.finish()
}

/// The attributes of a start tag, read by local name: the text of an XML tag, or an element of a binary
/// template ([`super::template`]).
pub trait Attributes {
    /// Appends the value of the attribute whose local name is `wanted`, with no XML escapes, to `out`; false
    /// (and nothing appended) if the element has none.
    fn get_into(&self, wanted: &str, out: &mut String) -> bool;
}

impl Attributes for str {
    fn get_into(&self, wanted: &str, out: &mut String) -> bool {
        attribute(self, wanted).map(|v| out.push_str(&v)).is_some()
    }
}

/// Where the reader is: it is told of elements' starts and ends and of text, in document order, and keeps what
/// the events say. The XML reader drives it, and so does the .evtx template reader, so both read events alike.
#[derive(Default)]
pub struct Reader<'a> {
    events: Vec<Event>,
    current: Option<Event>,
    /// Local names of the open elements inside the current event, `Event` first.
    path: Vec<&'a str>,
    /// The field the text of the current `Data` element belongs to, if it is one.
    data_name: String,
    in_data: bool,
    text: String,
    /// An attribute's value, read.
    scratch: String,
    /// Whether text comes as it is, not XML-escaped (from a binary template).
    unescaped: bool,
}

/// The part of a name after its namespace prefix.
fn local(name: &str) -> &str {
    match name.bytes().rposition(|b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// `s` with the entity and character references replaced (an unknown one stays as it is).
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        name.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    n.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where `byte` first is in `s`.
fn find_byte(s: &str, byte: u8) -> Option<usize> {
    memchr::memchr(byte, s.as_bytes())
}

/// The attribute `wanted` of a start tag's inside (after its name), unescaped.
fn attribute(mut s: &str, wanted: &str) -> Option<String> {
    loop {
        s = s.trim_start();
        let eq = find_byte(s, b'=')?;
        let name = s[..eq].trim();
        let after = s[eq + 1..].trim_start();
        let quote = *after
            .as_bytes()
            .first()
            .filter(|&&c| c == b'"' || c == b'\'')?;
        let end = find_byte(&after[1..], quote)?;
        if local(name) == wanted {
            return Some(unescape(&after[1..1 + end]));
        }
        s = &after[end + 2..];
    }
}

/// The buffers a [`Reader`] grew, for the next one: a reader per record need not grow its own.
#[derive(Default)]
pub struct Buffers {
    text: String,
    scratch: String,
    data_name: String,
    path: Vec<&'static str>,
}

impl<'a> Reader<'a> {
    /// A reader told text as it is, not XML-escaped, and attributes likewise, with `buffers` to write in.
    pub fn unescaped(buffers: Buffers) -> Self {
        let Buffers {
            mut text,
            mut scratch,
            mut data_name,
            mut path,
        } = buffers;
        text.clear();
        scratch.clear();
        data_name.clear();
        path.clear();
        Reader {
            unescaped: true,
            text,
            scratch,
            data_name,
            path,
            ..Reader::default()
        }
    }

    /// The events read, the last one even if it was not closed.
    pub fn finish(self) -> Vec<Event> {
        self.finish_keeping(&mut Buffers::default())
    }

    /// [`Reader::finish`], leaving the reader's buffers in `buffers`.
    pub fn finish_keeping(mut self, buffers: &mut Buffers) -> Vec<Event> {
        if let Some(event) = self.current.take() {
            self.events.push(event);
        }
        self.path.clear();
        *buffers = Buffers {
            text: self.text,
            scratch: self.scratch,
            data_name: self.data_name,
            // The same allocation, empty (collected in place), for names of any lifetime.
            path: self.path.into_iter().map(|_| "").collect(),
        };
        self.events
    }

    fn run(&mut self, xml: &'a str) {
        let mut rest = xml;
        while let Some(lt) = find_byte(rest, b'<') {
            self.text_between(&rest[..lt]);
            rest = &rest[lt..];
            if let Some(r) = rest.strip_prefix("<!--") {
                rest = r.find("-->").map_or("", |e| &r[e + 3..]);
            } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
                let end = r.find("]]>").unwrap_or(r.len());
                if self.current.is_some() {
                    self.text.push_str(&r[..end]);
                }
                rest = r.get(end + 3..).unwrap_or("");
            } else if rest.starts_with("<?") || rest.starts_with("<!") {
                rest = find_byte(rest, b'>').map_or("", |e| &rest[e + 1..]);
            } else {
                let Some(gt) = find_byte(rest, b'>') else {
                    break;
                };
                let tag = &rest[1..gt];
                rest = &rest[gt + 1..];
                if let Some(name) = tag.strip_prefix('/') {
                    self.end(local(name.trim()));
                } else {
                    let (tag, empty) = match tag.strip_suffix('/') {
                        Some(t) => (t, true),
                        None => (tag, false),
                    };
                    let split = tag
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(tag.len());
                    let name = local(&tag[..split]);
                    self.start(name, &tag[split..]);
                    if empty {
                        self.end(name);
                    }
                }
            }
        }
        self.text_between(rest);
    }

    fn text_between(&mut self, text: &str) {
        if self.current.is_some() && !text.is_empty() {
            self.text.push_str(text);
        }
    }

    /// Where the text of the open element goes, if the element is a field whose text is kept (text anywhere else
    /// is never read).
    pub fn text_wanted(&mut self) -> Option<&mut String> {
        let depth = self.path.len();
        let name = *self.path.last()?;
        let parent = depth.checked_sub(2).and_then(|i| self.path.get(i)).copied();
        (self.current.is_some() && self.is_field(parent, name, depth)).then_some(&mut self.text)
    }

    /// Whether the element `name`, child of `parent` at `depth` (`Event` is 1), is a field whose text is kept.
    fn is_field(&self, parent: Option<&str>, name: &str, depth: usize) -> bool {
        match (parent, name) {
            (Some("System"), "EventID" | "EventRecordID" | "Channel" | "Computer") => true,
            (Some("EventData"), "Data") => self.in_data,
            // UserData holds one element of the provider's own, whose children are the fields.
            _ => depth >= 4 && self.path.contains(&"UserData"),
        }
    }

    /// An element starts; `attrs` are its attributes.
    pub fn start(&mut self, name: &'a str, attrs: &(impl Attributes + ?Sized)) {
        if name == "Event" {
            if let Some(event) = self.current.take() {
                self.events.push(event);
            }
            self.current = Some(Event::new());
            self.path.clear();
        }
        let Some(event) = self.current.as_mut() else {
            return;
        };
        self.text.clear();
        self.scratch.clear();
        match (self.path.last().copied(), name) {
            (Some("System"), "Provider" | "TimeCreated") => {
                let time = name == "TimeCreated";
                let wanted = if time { "SystemTime" } else { "Name" };
                if attrs.get_into(wanted, &mut self.scratch) {
                    if time {
                        event.set_time(&self.scratch);
                    } else {
                        event.set_provider(&self.scratch);
                    }
                }
            }
            (Some("EventData"), "Data") => {
                self.data_name.clear();
                if !attrs.get_into("Name", &mut self.data_name) {
                    let _ = write!(self.data_name, "Data[{}]", event.data().len() + 1);
                }
                self.in_data = true;
            }
            _ => {}
        }
        if self.path.len() < 64 {
            self.path.push(name);
        }
    }

    /// The element `name` ends.
    pub fn end(&mut self, name: &str) {
        if self.current.is_none() {
            return;
        }
        let depth = self.path.len();
        let parent = depth.checked_sub(2).and_then(|i| self.path.get(i)).copied();
        // Most elements end without a field to keep: their text is not decoded.
        let field = self.is_field(parent, name, depth);
        let Some(event) = self.current.as_mut() else {
            return;
        };
        if field {
            let unescaped;
            let raw = if self.unescaped || !self.text.contains('&') {
                self.text.as_str()
            } else {
                unescaped = unescape(&self.text);
                unescaped.as_str()
            };
            let text = raw.trim();
            match (parent, name) {
                (Some("System"), "EventID") => event.event_id = text.parse().ok(),
                (Some("System"), "EventRecordID") => event.record_id = text.parse().ok(),
                (Some("System"), "Channel") => event.set_channel(text),
                (Some("System"), "Computer") => event.set_computer(text),
                (Some("EventData"), "Data") => {
                    // A field's value is kept as it is, spaces included (this is a field: `in_data` is set).
                    self.in_data = false;
                    event.push_data(&self.data_name, raw);
                }
                _ if !text.is_empty() => event.push_data(name, text),
                _ => {}
            }
        }
        self.text.clear();
        if self.path.last() == Some(&name) {
            self.path.pop();
        }
        if name == "Event" {
            if let Some(event) = self.current.take() {
                self.events.push(event);
            }
            self.path.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_event() {
        let xml = r#"<?xml version="1.0"?><Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing" Guid="{x}"/><EventID>4771</EventID><TimeCreated SystemTime="2024-01-01T00:00:00Z"/><EventRecordID>7</EventRecordID><Channel>Security</Channel><Computer>dc1.contoso.local</Computer></System><EventData><Data Name="TargetUserName">a&amp;b</Data><Data Name="Status">0x18</Data><Data>free</Data></EventData></Event></Events>"#;
        let events = events(xml);
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.event_id, Some(4771));
        assert_eq!(e.record_id, Some(7));
        assert_eq!(e.provider(), "Microsoft-Windows-Security-Auditing");
        assert_eq!(e.computer(), "dc1.contoso.local");
        assert_eq!(e.channel(), "Security");
        assert_eq!(e.time(), "2024-01-01T00:00:00Z");
        assert_eq!(
            e.data().collect::<Vec<_>>(),
            [
                ("TargetUserName", "a&b"),
                ("Status", "0x18"),
                ("Data[3]", "free"),
            ]
        );
    }

    #[test]
    fn entities() {
        assert_eq!(unescape("&lt;&#x41;&#66;&bogus;&"), "<AB&bogus;&");
    }
}
