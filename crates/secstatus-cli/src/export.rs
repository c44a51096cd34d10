//! The reference table as Markdown, CSV and a self-contained HTML page.

mod html;

pub use html::{esc, html, json_in_script};

use std::fmt::Write as _;

use secstatus::{Entry, Hex, Lang, Text};

/// Orders names as the specification does: `_` before letters (`SEC_E_NO_TGT_REPLY` before `SEC_E_NOT_OWNER`).
pub fn spec_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| {
        s.bytes()
            .map(|b| if b == b'_' { b' ' } else { b })
            .collect::<Vec<_>>()
    };
    key(a).cmp(&key(b))
}

/// One row per name (aliases included), with its meaning: the specification's table.
pub fn rows(entries: &[&'static Entry], spec_only: bool) -> Vec<(&'static str, Text)> {
    let mut rows = Vec::new();
    for e in entries {
        if !spec_only || e.in_spec() {
            rows.push((e.name(), e.meaning()));
        }
        for a in e.aliases() {
            if !spec_only || a.in_spec() {
                rows.push((a.name(), a.meaning()));
            }
        }
    }
    rows.sort_by(|a, b| spec_order(a.0, b.0));
    rows
}

/// The specification's table in Markdown.
pub fn markdown(entries: &[&'static Entry], spec_only: bool, lang: Lang) -> String {
    let (code, meaning) = match lang {
        Lang::Ru => ("Код состояния", "Описание"),
        _ => ("Status code", "Meaning"),
    };
    let mut out = format!("| {code} | {meaning} |\n|---|---|\n");
    for (name, text) in rows(entries, spec_only) {
        let _ = writeln!(out, "| {name} | {} |", text.get(lang).replace('|', "\\|"));
    }
    out
}

/// A CSV field, quoted as RFC 4180 wants when it holds a comma, a quote or a line break.
pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per code, both languages, RFC 4180 quoting.
pub fn csv(entries: &[&Entry]) -> String {
    let mut out = String::from(
        "name,value,signed,unsigned,aliases,severity,facility,code,category,meaning_en,meaning_ru,message_en,message_ru,next_step_en,next_step_ru,actor,retry\r\n",
    );
    for e in entries {
        let s = e.status();
        let aliases: Vec<_> = e.aliases().iter().map(|a| a.name()).collect();
        let next = |l| e.next_step().map_or("", |t| t.get(l));
        let fields = [
            e.name().to_string(),
            Hex(s.to_u32()).to_string(),
            s.to_i32().to_string(),
            s.to_u32().to_string(),
            aliases.join(";"),
            e.severity().as_str().to_string(),
            s.fields().facility.to_string(),
            s.fields().code.to_string(),
            e.category().as_str().to_string(),
            e.meaning().get(Lang::En).to_string(),
            e.meaning().get(Lang::Ru).to_string(),
            e.message().get(Lang::En).to_string(),
            e.message().get(Lang::Ru).to_string(),
            next(Lang::En).to_string(),
            next(Lang::Ru).to_string(),
            e.actor().map_or("", |a| a.as_str()).to_string(),
            e.retry().map_or("", |r| r.as_str()).to_string(),
        ];
        let line: Vec<_> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}
