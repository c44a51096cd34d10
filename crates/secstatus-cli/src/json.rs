//! JSON for the stable machine-readable output (field names documented in the README).

use std::fmt::Write as _;

use secstatus::{Entry, Foreign, Mapping, SecStatus, Text, ValueKind};

use crate::answer::Answer;

/// A JSON string literal; control characters (terminal escapes included) are escaped.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `0x` and eight upper-case hex digits.
pub fn hex(value: u32) -> String {
    format!("\"0x{value:08X}\"")
}

/// A `{en, ru}` object.
pub fn text(t: Text) -> String {
    format!(
        "{{\"en\":{},\"ru\":{}}}",
        string(t.get(secstatus::Lang::En)),
        string(t.get(secstatus::Lang::Ru))
    )
}

fn opt_text(t: Option<Text>) -> String {
    t.map_or_else(|| "null".to_string(), text)
}

fn texts(list: &[Text]) -> String {
    array(list.iter().map(|&t| text(t)))
}

/// A JSON array of already-rendered values.
pub fn array(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("[{}]", items.join(","))
}

/// An entry, with every field of the catalogue.
pub fn entry(e: &Entry) -> String {
    let s = e.status();
    let f = s.fields();
    let aliases = array(e.aliases().iter().map(|a| string(a.name())));
    let alias_meanings = array(e.aliases().iter().map(|a| {
        format!(
            "{{\"name\":{},\"meaning\":{}}}",
            string(a.name()),
            text(a.meaning())
        )
    }));
    let related = array(e.related().iter().filter_map(|r| r.name()).map(string));
    format!(
        "{{\"name\":{},\"value\":{},\"signed\":{},\"unsigned\":{},\"aliases\":{aliases},\"alias_meanings\":{alias_meanings},\
         \"severity\":\"{}\",\"facility\":{},\"code\":{},\"category\":\"{}\",\"in_spec\":{},\"newest_sdk\":{},\
         \"meaning\":{},\"ru_note\":{},\"message\":{},\"message_source\":\"{}\",\"next_step\":{},\"actor\":{},\
         \"retry\":{},\"causes\":{},\"fixes\":{},\"erratum\":{},\"related\":{related}}}",
        string(e.name()),
        hex(s.to_u32()),
        s.to_i32(),
        s.to_u32(),
        e.severity().as_str(),
        f.facility,
        f.code,
        e.category().as_str(),
        e.in_spec(),
        e.newest_sdk(),
        text(e.meaning()),
        e.ru_note().map_or_else(|| "null".to_string(), string),
        text(e.message()),
        e.message_source().as_str(),
        opt_text(e.next_step()),
        e.actor().map_or_else(|| "null".to_string(), |a| string(a.as_str())),
        e.retry().map_or_else(|| "null".to_string(), |r| string(r.as_str())),
        texts(e.causes()),
        texts(e.fixes()),
        opt_text(e.erratum()),
    )
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

/// The HRESULT fields and kind of any value.
pub fn decoded(s: SecStatus) -> String {
    let f = s.fields();
    let kind = s.kind();
    let extra = match kind {
        ValueKind::Win32 { code } => format!(",\"win32\":{code}"),
        ValueKind::HResultFromNt { ntstatus } => format!(",\"ntstatus\":{}", hex(ntstatus)),
        _ => String::new(),
    };
    format!(
        "{{\"value\":{},\"signed\":{},\"unsigned\":{},\"severity\":\"{}\",\"severity_bit\":{},\"reserved_bit\":{},\
         \"customer_bit\":{},\"nt_bit\":{},\"x_bit\":{},\"facility\":{},\"facility_name\":{},\"code\":{},\
         \"kind\":\"{}\"{extra}}}",
        hex(s.to_u32()),
        s.to_i32(),
        s.to_u32(),
        s.severity().as_str(),
        f.severity,
        f.reserved,
        f.customer,
        f.nt,
        f.x,
        f.facility,
        secstatus::facility_name(f.facility).map_or_else(|| "null".to_string(), string),
        f.code,
        kind_name(kind),
    )
}

fn mapping(m: &Mapping) -> String {
    format!(
        "{{\"name\":{},\"value\":{},\"source\":{},\"source_title\":{},\"note\":{},\"reverse_only\":{}}}",
        m.status().name().map_or_else(|| "null".to_string(), string),
        hex(m.status().to_u32()),
        string(m.source().key()),
        string(m.source().title()),
        m.note().map_or_else(|| "null".to_string(), string),
        m.is_reverse_only(),
    )
}

/// A neighbouring system's status with its SSPI equivalents (primary first).
pub fn foreign(f: &Foreign) -> String {
    format!(
        "{{\"system\":\"{}\",\"value\":{},\"name\":{},\"aliases\":{},\"meaning\":{},\"note\":{},\"sspi\":{}}}",
        f.system().as_str(),
        f.value(),
        string(f.name()),
        array(f.aliases().iter().map(|a| string(a))),
        text(f.meaning()),
        opt_text(f.note()),
        array(f.mappings().iter().map(mapping)),
    )
}

/// What maps to `status` from the neighbouring systems.
pub fn mapped_from(status: SecStatus) -> String {
    array(secstatus::mapped_to(status).map(|(f, m)| {
        format!(
            "{{\"system\":\"{}\",\"value\":{},\"name\":{},\"source\":{},\"reverse_only\":{}}}",
            f.system().as_str(),
            f.value(),
            string(f.name()),
            string(m.source().key()),
            m.is_reverse_only()
        )
    }))
}

/// The answer to one lookup query.
pub fn lookup(query: &str, answer: &Answer) -> String {
    let matches = array(answer.entries().into_iter().map(|(e, how)| {
        let mut obj = entry(e);
        obj.insert_str(1, &format!("\"reading\":\"{how}\","));
        obj.insert_str(
            obj.len() - 1,
            &format!(",\"mapped_from\":{}", mapped_from(e.status())),
        );
        obj
    }));
    let readings = &answer.readings;
    let decoded = answer.decoded().map_or_else(|| "null".to_string(), decoded);
    let readings_json = array(readings.iter().map(|i| {
        format!(
            "{{\"value\":{},\"reading\":\"{}\",\"kind\":\"{}\"}}",
            hex(i.status.to_u32()),
            i.reading.as_str(),
            kind_name(i.status.kind())
        )
    }));
    let foreign = array(answer.foreign.iter().map(|f| foreign(f)));
    let suggestion = answer
        .suggestion
        .map_or_else(|| "null".to_string(), |e| string(e.name()));
    format!(
        "{{\"query\":{},\"matches\":{matches},\"decoded\":{decoded},\"readings\":{readings_json},\"foreign\":{foreign},\"suggestion\":{suggestion}}}",
        string(query)
    )
}

#[cfg(test)]
mod tests {
    use super::string;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(string("a\u{1b}[31mb\"\\\n"), "\"a\\u001b[31mb\\\"\\\\\\n\"");
        assert_eq!(string("часы"), "\"часы\"");
    }
}
