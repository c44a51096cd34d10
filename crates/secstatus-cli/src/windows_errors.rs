//! `list --system ntstatus|win32|hresult`: every Windows error code of a system as a table, CSV or Markdown, a
//! row per value with all its names; and search hits among them. Their texts are [MS-ERREF]'s, in English.

use std::fmt::Write as _;

use secstatus::{Hex, WindowsError};

use crate::export::csv_field;
use crate::human::{error_value, shorten, Style};

/// Search hits among Windows error codes, one line each.
pub fn search(hits: &[(&'static WindowsError, u32)], style: Style) -> String {
    let mut out = String::new();
    for (e, _) in hits {
        let _ = writeln!(
            out,
            "{} ({})  {}",
            style.name(e.name()),
            error_value(e),
            e.message()
        );
    }
    out
}

/// The names of a value, `, `-separated.
fn names(rows: &[WindowsError], separator: &str) -> String {
    rows.iter()
        .map(WindowsError::name)
        .collect::<Vec<_>>()
        .join(separator)
}

/// A row per value: value, every name, the message (cut short on a terminal).
pub fn table(values: &[&'static [WindowsError]], style: Style) -> String {
    let all: Vec<String> = values.iter().map(|rows| names(rows, ", ")).collect();
    let width = all
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.dim(&format!("{:<10}  {:<width$}  MESSAGE", "VALUE", "NAME"))
    );
    for (rows, name) in values.iter().zip(&all) {
        let message = rows[0].message();
        let message = match style.width {
            Some(w) => shorten(message, w.saturating_sub(width + 14).max(12)),
            None => message.to_string(),
        };
        let _ = writeln!(
            out,
            "{:<10}  {}{}  {message}",
            Hex(rows[0].value()).to_string(),
            style.name(name),
            " ".repeat(width - name.chars().count())
        );
    }
    out
}

/// `system,value,hex,names,message,sdk_message,source`, a row per value, RFC 4180 quoting.
pub fn csv(values: &[&'static [WindowsError]]) -> String {
    let mut out = String::from("system,value,hex,names,message,sdk_message,source\n");
    for rows in values {
        let first = &rows[0];
        let fields = [
            first.system().as_str().to_string(),
            first.value().to_string(),
            Hex(first.value()).to_string(),
            names(rows, ";"),
            first.message().to_string(),
            first.sdk_message().unwrap_or("").to_string(),
            first.source().to_string(),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

/// A Markdown table of value, names and message.
pub fn markdown(values: &[&'static [WindowsError]]) -> String {
    let mut out = String::from("| Value | Names | Message |\n|---|---|---|\n");
    for rows in values {
        let names: Vec<String> = rows.iter().map(|r| format!("`{}`", r.name())).collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            Hex(rows[0].value()),
            names.join(", "),
            rows[0].message().replace('|', "\\|")
        );
    }
    out
}
