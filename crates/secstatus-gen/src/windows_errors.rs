//! `data/windows-errors/`: every Win32 error, NTSTATUS and HRESULT with its documented message (the MS-ERREF
//! tables), the SDK's own texts for security codes, and `decisions.toml`, which says where each file comes from and
//! records every per-row departure. Renders `crates/secstatus/src/errors/tables.rs`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::{fail, lit, Blob, DataError, Hex, Out, REGENERATE};

/// The folder of the tables, relative to the workspace root.
pub const WINDOWS_ERRORS_DIR: &str = "data/windows-errors";
/// The per-row decisions, relative to the workspace root.
pub const DECISIONS_PATH: &str = "data/windows-errors/decisions.toml";
/// Where the generated tables live, relative to the workspace root.
pub const WINDOWS_ERRORS_OUTPUT_PATH: &str = "crates/secstatus/src/errors/tables.rs";

/// The header line every table starts with.
const HEADER: &str = "# value\tname\tmessage";

/// The systems of these tables, in the library's table order, as `(key, Rust variant)`.
const ERROR_SYSTEMS: &[(&str, &str)] = &[
    ("ntstatus", "NtStatus"),
    ("win32", "Win32"),
    ("hresult", "HResult"),
];

/// The N bit: set in an HRESULT that carries an NTSTATUS, and never set in an NTSTATUS.
const N_BIT: u32 = 0x1000_0000;
/// The R bit of an HRESULT: reserved unless the N bit is set.
const R_BIT: u32 = 0x4000_0000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Decisions {
    #[serde(default)]
    file: Vec<FileDecl>,
    #[serde(default)]
    value: Vec<ValueDecision>,
    #[serde(default)]
    shape: Vec<ShapeDecision>,
}

/// Where one file's rows come from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDecl {
    path: String,
    system: String,
    source: String,
    /// The SDK's texts for names of the system's table (and rows of their own for names it lacks).
    #[serde(default)]
    sdk_messages: bool,
}

/// A value where MS-ERREF disagrees with the SDK headers: the table carries `value`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueDecision {
    system: String,
    name: String,
    documented: u32,
    value: u32,
    reason: String,
}

/// Rows accepted although their value is outside their system's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShapeDecision {
    system: String,
    reason: String,
    names: Vec<String>,
}

/// One row of a table, with what the decisions add.
#[derive(Debug)]
struct Row {
    system: usize,
    value: u32,
    name: String,
    message: String,
    /// The SDK's text, where it differs from `message`.
    sdk: Option<String>,
    source: usize,
    /// MS-ERREF's value, where a decision replaced it.
    documented: Option<u32>,
}

impl Row {
    /// A row as its table gives it: no SDK text and no decision yet.
    fn new(system: usize, source: usize, line: &Line<'_>) -> Row {
        Row {
            system,
            value: line.value,
            name: line.name.to_string(),
            message: line.message.to_string(),
            sdk: None,
            source,
            documented: None,
        }
    }
}

fn system_of(entry: &str, key: &str) -> Result<usize, DataError> {
    match ERROR_SYSTEMS.iter().position(|(k, _)| *k == key) {
        Some(i) => Ok(i),
        None => fail(
            entry,
            format!("unknown system `{key}` (known: ntstatus, win32, hresult)"),
        ),
    }
}

/// A table line: value, name, message.
struct Line<'a> {
    entry: String,
    value: u32,
    name: &'a str,
    message: &'a str,
}

/// Every row of one file, checked on its own: the header, three fields, the value's form, the name, the message.
fn parse_table<'a>(path: &str, text: &'a str) -> Result<Vec<Line<'a>>, DataError> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return fail(
            path,
            "the table must start with the header `# value\\tname\\tmessage`",
        );
    }
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let at = format!("{path}:{}", i + 2);
        if line.is_empty() {
            continue;
        }
        let [value, name, message] = line.split('\t').collect::<Vec<_>>()[..] else {
            return fail(&at, "a row is `value<TAB>name<TAB>message`");
        };
        let entry = format!("{at} {name}");
        let hex = value.strip_prefix("0x").filter(|h| {
            h.len() == 8
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        });
        let Some(value) = hex.and_then(|h| u32::from_str_radix(h, 16).ok()) else {
            return fail(
                &entry,
                format!("`{value}` is not 0x and eight upper-case hex digits"),
            );
        };
        let name_ok =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !name_ok {
            return fail(&entry, "the name must be letters, digits and _");
        }
        if message.trim().is_empty() {
            return fail(&entry, "the message is empty");
        }
        if message.trim() != message {
            return fail(&entry, "the message has leading or trailing whitespace");
        }
        rows.push(Line {
            entry,
            value,
            name,
            message,
        });
    }
    Ok(rows)
}

/// Why `value` does not fit `system`'s numbering, if it does not.
fn shape_problem(system: usize, value: u32) -> Option<&'static str> {
    match ERROR_SYSTEMS[system].0 {
        "win32" if value > 0xFFFF => Some("a Win32 error code is at most 0xFFFF"),
        "ntstatus" if value & N_BIT != 0 => Some("the N bit (0x10000000) of an NTSTATUS is clear"),
        "hresult" if value & R_BIT != 0 && value & N_BIT == 0 => Some(
            "the R bit (0x40000000) of an HRESULT is clear unless the N bit (0x10000000) is set",
        ),
        _ => None,
    }
}

/// Validates the tables (`(file name, contents)`, in any order) against `decisions.toml` and renders their
/// generated Rust source.
pub fn render(decisions_toml: &str, files: &[(&str, &str)]) -> Result<String, DataError> {
    let decisions: Decisions =
        toml::from_str(decisions_toml).or_else(|e| fail("decisions", e.to_string()))?;
    let rows = build(&decisions, files)?;
    let sources: Vec<&str> = decisions.file.iter().map(|f| f.source.as_str()).collect();
    emit(&rows, &sources)
}

/// Every row, in system order, then value, then file order; decisions applied and checked.
fn build(decisions: &Decisions, files: &[(&str, &str)]) -> Result<Vec<Row>, DataError> {
    let contents: BTreeMap<&str, &str> = files.iter().copied().collect();
    for (path, text) in files {
        if !decisions.file.iter().any(|f| f.path == *path) {
            // A row without a source: name the first.
            let lines = parse_table(path, text)?;
            let entry = lines.first().map_or(path.to_string(), |l| l.entry.clone());
            return fail(
                &entry,
                format!("the row has no source: list `{path}` as a [[file]] of decisions.toml"),
            );
        }
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut sdk_files = Vec::new();
    for (source, decl) in decisions.file.iter().enumerate() {
        let entry = format!("file {}", decl.path);
        let system = system_of(&entry, &decl.system)?;
        if decl.source.trim().is_empty() {
            return fail(&entry, "the source is empty");
        }
        let Some(text) = contents.get(decl.path.as_str()) else {
            return fail(&entry, "listed in decisions.toml but not in the folder");
        };
        let lines = parse_table(&decl.path, text)?;
        if decl.sdk_messages {
            sdk_files.push((system, source, lines));
            continue;
        }
        rows.extend(lines.iter().map(|l| Row::new(system, source, l)));
    }
    apply_values(&mut rows, &decisions.value)?;
    check_names(&rows)?;
    for (system, source, lines) in sdk_files {
        merge_sdk(&mut rows, system, source, lines)?;
    }
    check_shapes(&rows, &decisions.shape)?;
    if rows.len() > usize::from(u16::MAX) {
        return fail("data", "more rows than the name index can address (65,535)");
    }
    // Stable: rows of one value keep the order of their files.
    rows.sort_by_key(|r| (r.system, r.value));
    Ok(rows)
}

/// Replaces MS-ERREF's value where a decision says the headers differ; a decision that matches no row is refused.
fn apply_values(rows: &mut [Row], decisions: &[ValueDecision]) -> Result<(), DataError> {
    for d in decisions {
        let system = system_of(&d.name, &d.system)?;
        if d.reason.trim().is_empty() {
            return fail(&d.name, "a value decision needs a reason");
        }
        let Some(row) = rows
            .iter_mut()
            .find(|r| r.system == system && r.name == d.name)
        else {
            return fail(
                &d.name,
                format!("the value decision names no {} row", d.system),
            );
        };
        if row.value != d.documented || row.documented.is_some() {
            return fail(
                &d.name,
                format!(
                    "the value decision expects {} in the table, which has {}",
                    Hex(d.documented),
                    Hex(row.value)
                ),
            );
        }
        row.documented = Some(row.value);
        row.value = d.value;
    }
    Ok(())
}

/// A name is given once per system, whatever its case.
fn check_names(rows: &[Row]) -> Result<(), DataError> {
    let mut seen = BTreeSet::new();
    for r in rows {
        if !seen.insert((r.system, r.name.to_ascii_uppercase())) {
            return fail(
                &r.name,
                format!(
                    "duplicate name in {} ({})",
                    ERROR_SYSTEMS[r.system].0,
                    Hex(r.value)
                ),
            );
        }
    }
    Ok(())
}

/// The SDK's texts: a differing text of a listed name becomes its `sdk` message, an unlisted name a row of its own.
fn merge_sdk(
    rows: &mut Vec<Row>,
    system: usize,
    source: usize,
    lines: Vec<Line<'_>>,
) -> Result<(), DataError> {
    let mut seen = BTreeSet::new();
    for l in lines {
        if !seen.insert(l.name.to_ascii_uppercase()) {
            return fail(&l.entry, "duplicate name in the SDK's texts");
        }
        match rows
            .iter_mut()
            .find(|r| r.system == system && r.name == l.name)
        {
            Some(row) if row.value != l.value => {
                return fail(
                    &l.entry,
                    format!(
                        "the SDK's value disagrees with the table's {}",
                        Hex(row.value)
                    ),
                )
            }
            Some(row) => {
                if row.message != l.message {
                    row.sdk = Some(l.message.to_string());
                }
            }
            None => rows.push(Row::new(system, source, &l)),
        }
    }
    check_names(rows)
}

/// Every value fits its system's shape, or a shape decision lists the row; a listed row that fits is refused.
fn check_shapes(rows: &[Row], decisions: &[ShapeDecision]) -> Result<(), DataError> {
    let mut allowed = BTreeSet::new();
    for d in decisions {
        let system = system_of("shape", &d.system)?;
        if d.reason.trim().is_empty() {
            return fail(
                &format!("shape {}", d.system),
                "a shape decision needs a reason",
            );
        }
        for name in &d.names {
            if !allowed.insert((system, name.as_str())) {
                return fail(name, "listed twice in the shape decisions");
            }
        }
    }
    for r in rows {
        let listed = allowed.remove(&(r.system, r.name.as_str()));
        match (shape_problem(r.system, r.value), listed) {
            (Some(problem), false) => {
                return fail(
                    &r.name,
                    format!(
                        "{} is outside its system's shape: {problem} (decide in decisions.toml)",
                        Hex(r.value)
                    ),
                )
            }
            (None, true) => {
                return fail(
                    &r.name,
                    format!(
                        "a shape decision lists it, but {} fits its system",
                        Hex(r.value)
                    ),
                )
            }
            _ => {}
        }
    }
    if let Some((system, name)) = allowed.into_iter().next() {
        return fail(
            name,
            format!(
                "a shape decision lists it, but the {} table has no such row",
                ERROR_SYSTEMS[system].0
            ),
        );
    }
    Ok(())
}

/// `errors/tables.rs`: the sources, the rows with their texts, each system's range and the name index.
fn emit(rows: &[Row], sources: &[&str]) -> Result<String, DataError> {
    let mut out = Out::default();
    out.line(format_args!(
        "// @generated by `{REGENERATE}` from data/windows-errors/. Do not edit: edit the data and regenerate."
    ));
    out.line("// Data only; the lookups live in errors/mod.rs.");
    out.blank();
    out.line("use super::WindowsError;");
    out.line("use crate::blob::Span;");
    out.line("use crate::System;");
    out.blank();
    out.line("/// Where the rows come from, by the index a row keeps.");
    out.line(format_args!(
        "pub(crate) const SOURCES: [&str; {}] = [{}];",
        sources.len(),
        sources
            .iter()
            .map(|s| lit(s))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.blank();
    // The names first, together: a lookup by name reads only them.
    let mut text = Blob::default();
    let names = rows
        .iter()
        .map(|r| text.span(&r.name))
        .collect::<Result<Vec<_>, _>>()?;
    let mut lines = Vec::with_capacity(rows.len());
    for (r, name) in rows.iter().zip(names) {
        lines.push(format!(
            "    WindowsError {{ system: System::{}, value: 0x{:08X}, source: {}, name: {name}, message: {}, sdk: {} }}, // {}",
            ERROR_SYSTEMS[r.system].1,
            r.value,
            r.source,
            text.span(&r.message)?,
            text.span(r.sdk.as_deref().unwrap_or(""))?,
            r.name,
        ));
    }
    out.line("/// Every row, sorted by system (NTSTATUS, Win32, HRESULT), then value, then the order of the source; its name,");
    out.line("/// message and SDK text (the header's, where it differs from MS-ERREF's) are spans of [`TEXT`].");
    out.line(format_args!(
        "pub(crate) static ROWS: [WindowsError; {}] = [",
        rows.len()
    ));
    for line in lines {
        out.line(line);
    }
    out.line("];");
    out.blank();
    out.line("/// The names and texts of [`ROWS`], each once.");
    text.emit(&mut out, "TEXT");
    out.blank();
    out.line("/// Each system's rows in [`ROWS`], as `start..end`, in the order of `System`'s first three variants.");
    let ranges: Vec<String> = (0..ERROR_SYSTEMS.len())
        .map(|s| {
            let start = rows.iter().position(|r| r.system == s).unwrap_or(0);
            let end = start + rows.iter().filter(|r| r.system == s).count();
            format!("{start}..{end}")
        })
        .collect();
    out.line(format_args!(
        "pub(crate) const RANGES: [core::ops::Range<usize>; {}] = [{}];",
        ranges.len(),
        ranges.join(", ")
    ));
    out.blank();
    let documented: Vec<(usize, u32)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.documented.map(|d| (i, d)))
        .collect();
    out.line("/// The rows whose value a decision took from the SDK headers, with MS-ERREF's value: `(row, documented)`.");
    out.line(format_args!(
        "pub(crate) static DOCUMENTED: [(u16, u32); {}] = [",
        documented.len()
    ));
    for (i, d) in documented {
        out.line(format_args!("    ({i}, 0x{d:08X}),"));
    }
    out.line("];");
    out.blank();
    let mut names: Vec<(String, usize, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.name.to_ascii_uppercase(), r.system, i))
        .collect();
    names.sort();
    out.line(
        "/// Every row by its name in upper case (then system), as indices into [`ROWS`], for binary search.",
    );
    out.line(format_args!(
        "pub(crate) static BY_NAME: [u16; {}] = [",
        names.len()
    ));
    for chunk in names.chunks(16) {
        let items: Vec<String> = chunk.iter().map(|(_, _, i)| i.to_string()).collect();
        out.line(format_args!("    {},", items.join(", ")));
    }
    out.line("];");
    out.blank();
    crate::emit_name_prefixes(&mut out, names.iter().map(|(n, _, _)| n.as_str()));
    Ok(out.finish())
}
