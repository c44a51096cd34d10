//! `data/mappings.toml`: neighbouring status systems (NTSTATUS, Win32, other HRESULTs, GSS-API, Kerberos, TLS
//! alerts) and the SSPI codes they map to, each mapping with its source.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Deserialize;

use crate::{check_text, fail, lit, text_lit, DataError, Text, REGENERATE};

/// `secstatus::System`, in table order, as `(key, Rust variant)`.
pub const SYSTEMS: &[(&str, &str)] = &[
    ("ntstatus", "NtStatus"),
    ("win32", "Win32"),
    ("hresult", "HResult"),
    ("gss", "Gss"),
    ("krb", "Kerberos"),
    ("tls", "Tls"),
];

/// Systems whose values come from headers, and so need two sources.
const HEADER_SYSTEMS: &[&str] = &["ntstatus", "win32", "hresult"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapData {
    source: BTreeMap<String, String>,
    foreign: Vec<Foreign>,
    #[serde(default)]
    catch_all: Vec<CatchAll>,
}

/// A system's answer for every value its table does not list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatchAll {
    system: String,
    code: String,
    source: String,
    note: Option<String>,
}

/// The systems whose decoder falls back to a catch-all row (`TlsAlert::mapping`): each needs exactly one, and no
/// other system may have one, since nothing would read it.
const CATCH_ALL_SYSTEMS: &[&str] = &["tls"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Foreign {
    system: String,
    value: u32,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    meaning: Text,
    value_sources: Vec<String>,
    #[serde(default)]
    sspi: Vec<Sspi>,
    note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sspi {
    code: String,
    source: String,
    note: Option<String>,
    #[serde(default)]
    reverse_only: bool,
}

fn system_index(entry: &str, system: &str) -> Result<usize, DataError> {
    match SYSTEMS.iter().position(|(k, _)| *k == system) {
        Some(i) => Ok(i),
        None => fail(entry, format!("unknown system `{system}`")),
    }
}

/// The library's variant for a system key that has been validated.
fn system_variant(key: &str) -> &'static str {
    SYSTEMS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, v)| v)
}

/// Validates the mappings against the catalogue's names and renders their generated Rust source.
///
/// `sspi_names` maps every catalogue name (aliases included) to the canonical name.
pub fn render(toml_text: &str, sspi_names: &BTreeMap<String, String>) -> Result<String, DataError> {
    let data: MapData = toml::from_str(toml_text).or_else(|e| fail("mappings", e.to_string()))?;
    let mut rows = data.foreign;
    for row in &rows {
        system_index(&row.name, &row.system)?;
    }
    rows.sort_by_key(|r| (system_index(&r.name, &r.system).unwrap_or(0), r.value));
    let sources: Vec<&String> = data.source.keys().collect();

    let mut names = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for r in &rows {
        let n = r.name.as_str();
        if !keys.insert((r.system.as_str(), r.value)) {
            return fail(n, format!("duplicate {} value {}", r.system, r.value));
        }
        for name in std::iter::once(&r.name).chain(&r.aliases) {
            let ok =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !ok {
                return fail(n, format!("`{name}` is not a name (letters, digits, _)"));
            }
            if sspi_names.contains_key(&name.to_ascii_uppercase())
                || !names.insert(name.to_ascii_uppercase())
            {
                return fail(n, format!("duplicate name `{name}`"));
            }
        }
        check_text(n, "meaning", &r.meaning)?;
        if let Some(note) = &r.note {
            check_text(n, "note", note)?;
        }
        let needed = if HEADER_SYSTEMS.contains(&r.system.as_str()) {
            2
        } else {
            1
        };
        if r.value_sources.len() < needed {
            return fail(
                n,
                format!("a {} value needs at least {needed} sources", r.system),
            );
        }
        for s in r
            .value_sources
            .iter()
            .chain(r.sspi.iter().map(|m| &m.source))
        {
            if !data.source.contains_key(s) {
                return fail(n, format!("unknown source `{s}` (add it to [source])"));
            }
        }
        if r.sspi
            .windows(2)
            .any(|w| w[0].reverse_only && !w[1].reverse_only)
        {
            return fail(n, "list `reverse_only` mappings after the others");
        }
        for m in &r.sspi {
            if !sspi_names.contains_key(&m.code) {
                return fail(n, format!("`{}` is not an SSPI status code", m.code));
            }
        }
    }
    let mut catch_all = data.catch_all;
    validate_catch_all(&catch_all, &data.source, sspi_names)?;
    catch_all.sort_by_key(|c| system_index(&c.system, &c.system).unwrap_or(0));
    Ok(emit(&rows, &catch_all, &sources, &data.source, sspi_names))
}

fn validate_catch_all(
    rows: &[CatchAll],
    sources: &BTreeMap<String, String>,
    sspi_names: &BTreeMap<String, String>,
) -> Result<(), DataError> {
    let entry = |c: &CatchAll| format!("catch_all {}", c.system);
    for c in rows {
        let n = &entry(c);
        system_index(n, &c.system)?;
        if !CATCH_ALL_SYSTEMS.contains(&c.system.as_str()) {
            return fail(
                n,
                format!(
                    "no decoder reads a catch-all row of {} (only: {})",
                    c.system,
                    CATCH_ALL_SYSTEMS.join(", ")
                ),
            );
        }
        if !sources.contains_key(&c.source) {
            return fail(
                n,
                format!("unknown source `{}` (add it to [source])", c.source),
            );
        }
        if !sspi_names.contains_key(&c.code) {
            return fail(n, format!("`{}` is not an SSPI status code", c.code));
        }
    }
    for system in CATCH_ALL_SYSTEMS {
        match rows.iter().filter(|c| c.system == *system).count() {
            1 => {}
            0 => {
                return fail(
                    &format!("catch_all {system}"),
                    "missing: the decoder falls back to it",
                )
            }
            _ => {
                return fail(
                    &format!("catch_all {system}"),
                    "more than one catch-all row",
                )
            }
        }
    }
    Ok(())
}

fn emit(
    rows: &[Foreign],
    catch_all: &[CatchAll],
    sources: &[&String],
    titles: &BTreeMap<String, String>,
    sspi_names: &BTreeMap<String, String>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by `{REGENERATE}` from data/mappings.toml. Do not edit: edit the data file and regenerate.\n\
         // Data only, made of the model's types; the lookups live in map/lookup.rs.\n\
         \n\
         use super::model::{{Foreign, Mapping, Source, System}};\n\
         use crate::{{SecStatus, Text}};\n\
         \n\
         /// Every source a mapping or a value cites, sorted by key.\n\
         pub(crate) static SOURCES: [Source; {}] = [",
        sources.len()
    );
    for key in sources {
        let _ = writeln!(
            out,
            "    Source {{ key: {}, title: {} }},",
            lit(key),
            lit(&titles[*key])
        );
    }
    out.push_str("];\n\n");
    let source_ref = |key: &str| {
        let i = sources.iter().position(|s| *s == key).unwrap_or(0);
        format!("&SOURCES[{i}]")
    };
    let mapping = |code: &str, source: &str, note: &Option<String>, reverse_only: bool| {
        format!(
            "Mapping {{ status: SecStatus::{}, source: {}, note: {}, reverse_only: {reverse_only} }}",
            sspi_names[code],
            source_ref(source),
            note.as_ref()
                .map_or("None".to_string(), |n| format!("Some({})", lit(n))),
        )
    };
    let _ = writeln!(
        out,
        "/// Every foreign status, sorted by system, then value."
    );
    let _ = writeln!(
        out,
        "pub(crate) static FOREIGN: [Foreign; {}] = [",
        rows.len()
    );
    for r in rows {
        let system = system_variant(&r.system);
        let aliases: Vec<_> = r.aliases.iter().map(|a| lit(a)).collect();
        let value_sources: Vec<_> = r.value_sources.iter().map(|s| source_ref(s)).collect();
        let mappings: Vec<_> = r
            .sspi
            .iter()
            .map(|m| mapping(&m.code, &m.source, &m.note, m.reverse_only))
            .collect();
        let _ = writeln!(out, "    Foreign {{");
        let _ = writeln!(out, "        system: System::{system},");
        let _ = writeln!(out, "        value: 0x{:X},", r.value);
        let _ = writeln!(out, "        name: {},", lit(&r.name));
        let _ = writeln!(out, "        aliases: &[{}],", aliases.join(", "));
        let _ = writeln!(out, "        meaning: {},", text_lit(&r.meaning));
        let _ = writeln!(
            out,
            "        note: {},",
            r.note
                .as_ref()
                .map_or("None".to_string(), |t| format!("Some({})", text_lit(t)))
        );
        let _ = writeln!(
            out,
            "        value_sources: &[{}],",
            value_sources.join(", ")
        );
        let _ = writeln!(out, "        mappings: &[{}],", mappings.join(", "));
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n\n");
    let mut names: Vec<(String, usize)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        names.push((r.name.to_ascii_uppercase(), i));
        names.extend(r.aliases.iter().map(|a| (a.to_ascii_uppercase(), i)));
    }
    names.sort();
    let _ = writeln!(
        out,
        "/// Every name and alias in upper case, sorted, with the index of its row in [`FOREIGN`]."
    );
    let _ = writeln!(
        out,
        "pub(crate) static FOREIGN_NAMES: [(&str, u16); {}] = [",
        names.len()
    );
    for (name, i) in names {
        let _ = writeln!(out, "    ({}, {i}),", lit(&name));
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "/// The catch-all rows, by system: the mapping of every value a system's table does not list."
    );
    let _ = writeln!(
        out,
        "pub(crate) static CATCH_ALL: [(System, Mapping); {}] = [",
        catch_all.len()
    );
    for c in catch_all {
        let _ = writeln!(
            out,
            "    (System::{}, {}),",
            system_variant(&c.system),
            mapping(&c.code, &c.source, &c.note, false)
        );
    }
    out.push_str("];\n");
    out
}
