//! `data/mappings.toml`: neighbouring status systems (NTSTATUS, Win32, other HRESULTs, GSS-API, Kerberos, TLS
//! alerts) and the SSPI codes they map to, each mapping with its source.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::{check_text, fail, lit, text_lit, DataError, Out, Text, MAPPINGS_PATH, REGENERATE};

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
    note: Option<Text>,
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
    /// A remark on this one mapping, in both languages.
    note: Option<Text>,
    #[serde(default)]
    reverse_only: bool,
    /// The source's answer for every status it does not list, not an equivalent.
    #[serde(default)]
    catch_all: bool,
}

impl Sspi {
    /// Where the mapping goes in its list: equivalents, then catch-alls, then one-way rows.
    fn rank(&self) -> u8 {
        u8::from(self.catch_all) + 2 * u8::from(self.reverse_only)
    }
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
    validate_rows(&rows, &data.source, sspi_names)?;
    let mut catch_all = data.catch_all;
    validate_catch_all(&catch_all, &data.source, sspi_names)?;
    catch_all.sort_by_key(|c| system_index(&c.system, &c.system).unwrap_or(0));
    let sources: Vec<&String> = data.source.keys().collect();
    Ok(emit(&rows, &catch_all, &sources, &data.source, sspi_names))
}

fn validate_rows(
    rows: &[Foreign],
    sources: &BTreeMap<String, String>,
    sspi_names: &BTreeMap<String, String>,
) -> Result<(), DataError> {
    let mut names = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for r in rows {
        if !keys.insert((r.system.as_str(), r.value)) {
            return fail(&r.name, format!("duplicate {} value {}", r.system, r.value));
        }
        for name in std::iter::once(&r.name).chain(&r.aliases) {
            let ok =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !ok {
                return fail(
                    &r.name,
                    format!("`{name}` is not a name (letters, digits, _)"),
                );
            }
            if sspi_names.contains_key(&name.to_ascii_uppercase())
                || !names.insert(name.to_ascii_uppercase())
            {
                return fail(&r.name, format!("duplicate name `{name}`"));
            }
        }
        validate_row(r, sources, sspi_names)?;
    }
    Ok(())
}

/// What one row needs on its own: translated texts, enough sources, known SSPI codes, one-way mappings last.
fn validate_row(
    r: &Foreign,
    sources: &BTreeMap<String, String>,
    sspi_names: &BTreeMap<String, String>,
) -> Result<(), DataError> {
    let n = r.name.as_str();
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
        if !sources.contains_key(s) {
            return fail(n, format!("unknown source `{s}` (add it to [source])"));
        }
    }
    if r.sspi.iter().any(|m| m.catch_all && m.reverse_only) {
        return fail(n, "a mapping is `catch_all` or `reverse_only`, not both");
    }
    if r.sspi.windows(2).any(|w| w[0].rank() > w[1].rank()) {
        return fail(
            n,
            "list the equivalents first, then `catch_all` mappings, then `reverse_only` ones",
        );
    }
    for m in &r.sspi {
        if !sspi_names.contains_key(&m.code) {
            return fail(n, format!("`{}` is not an SSPI status code", m.code));
        }
        if let Some(note) = &m.note {
            check_text(n, &format!("sspi {} note", m.code), note)?;
        }
    }
    Ok(())
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
        if let Some(note) = &c.note {
            check_text(n, "note", note)?;
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

/// `map/tables.rs`: the sources, the rows, the name index and the catch-all rows.
fn emit(
    rows: &[Foreign],
    catch_all: &[CatchAll],
    sources: &[&String],
    titles: &BTreeMap<String, String>,
    sspi_names: &BTreeMap<String, String>,
) -> String {
    let refs = Refs {
        sources,
        sspi_names,
    };
    let mut out = Out::default();
    emit_header(&mut out);
    emit_sources(&mut out, sources, titles);
    out.blank();
    emit_rows(&mut out, rows, &refs);
    out.blank();
    emit_names(&mut out, rows);
    out.blank();
    emit_catch_all(&mut out, catch_all, &refs);
    out.finish()
}

/// How rows refer to the sources and the SSPI codes.
struct Refs<'a> {
    sources: &'a [&'a String],
    sspi_names: &'a BTreeMap<String, String>,
}

impl Refs<'_> {
    fn source(&self, key: &str) -> String {
        let i = self.sources.iter().position(|s| *s == key).unwrap_or(0);
        format!("&SOURCES[{i}]")
    }

    fn mapping(&self, m: &Sspi) -> String {
        format!(
            "Mapping {{ status: SecStatus::{}, source: {}, note: {}, reverse_only: {}, catch_all: {} }}",
            self.sspi_names[&m.code],
            self.source(&m.source),
            m.note
                .as_ref()
                .map_or("None".to_string(), |n| format!("Some({})", text_lit(n))),
            m.reverse_only,
            m.catch_all,
        )
    }
}

fn emit_header(out: &mut Out) {
    out.line(format_args!(
        "// @generated by `{REGENERATE}` from {MAPPINGS_PATH}. Do not edit: edit the data file and regenerate."
    ));
    out.line("// Data only, made of the model's types; the lookups live in map/lookup.rs.");
    out.blank();
    out.line("use super::model::{Foreign, Mapping, Source, System};");
    out.line("use crate::{SecStatus, Text};");
    out.blank();
}

fn emit_sources(out: &mut Out, sources: &[&String], titles: &BTreeMap<String, String>) {
    out.line("/// Every source a mapping or a value cites, sorted by key.");
    out.line(format_args!(
        "pub(crate) static SOURCES: [Source; {}] = [",
        sources.len()
    ));
    for key in sources {
        out.line(format_args!(
            "    Source {{ key: {}, title: {} }},",
            lit(key),
            lit(&titles[*key])
        ));
    }
    out.line("];");
}

fn emit_rows(out: &mut Out, rows: &[Foreign], refs: &Refs<'_>) {
    out.line("/// Every foreign status, sorted by system, then value.");
    out.line(format_args!(
        "pub(crate) static FOREIGN: [Foreign; {}] = [",
        rows.len()
    ));
    for r in rows {
        emit_row(out, r, refs);
    }
    out.line("];");
}

fn emit_row(out: &mut Out, r: &Foreign, refs: &Refs<'_>) {
    let aliases: Vec<_> = r.aliases.iter().map(|a| lit(a)).collect();
    let value_sources: Vec<_> = r.value_sources.iter().map(|s| refs.source(s)).collect();
    let mappings: Vec<_> = r.sspi.iter().map(|m| refs.mapping(m)).collect();
    let note = r
        .note
        .as_ref()
        .map_or("None".to_string(), |t| format!("Some({})", text_lit(t)));
    out.line("    Foreign {");
    out.line(format_args!(
        "        system: System::{},",
        system_variant(&r.system)
    ));
    out.line(format_args!("        value: 0x{:X},", r.value));
    out.line(format_args!("        name: {},", lit(&r.name)));
    out.line(format_args!("        aliases: &[{}],", aliases.join(", ")));
    out.line(format_args!("        meaning: {},", text_lit(&r.meaning)));
    out.line(format_args!("        note: {note},"));
    out.line(format_args!(
        "        value_sources: &[{}],",
        value_sources.join(", ")
    ));
    out.line(format_args!(
        "        mappings: &[{}],",
        mappings.join(", ")
    ));
    out.line("    },");
}

fn emit_names(out: &mut Out, rows: &[Foreign]) {
    let mut names: Vec<(String, usize)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        names.push((r.name.to_ascii_uppercase(), i));
        names.extend(r.aliases.iter().map(|a| (a.to_ascii_uppercase(), i)));
    }
    names.sort();
    out.line(
        "/// Every name and alias in upper case, sorted, with the index of its row in [`FOREIGN`].",
    );
    out.line(format_args!(
        "pub(crate) static FOREIGN_NAMES: [(&str, u16); {}] = [",
        names.len()
    ));
    for (name, i) in &names {
        out.line(format_args!("    ({}, {i}),", lit(name)));
    }
    out.line("];");
    out.blank();
    crate::emit_name_prefixes(out, names.iter().map(|(n, _)| n.as_str()));
}

fn emit_catch_all(out: &mut Out, catch_all: &[CatchAll], refs: &Refs<'_>) {
    out.line("/// The catch-all rows, by system: the mapping of every value a system's table does not list.");
    out.line(format_args!(
        "pub(crate) static CATCH_ALL: [(System, Mapping); {}] = [",
        catch_all.len()
    ));
    for c in catch_all {
        out.line(format_args!(
            "    (System::{}, {}),",
            system_variant(&c.system),
            refs.mapping(&Sspi {
                code: c.code.clone(),
                source: c.source.clone(),
                note: c.note.clone(),
                reverse_only: false,
                catch_all: true,
            })
        ));
    }
    out.line("];");
}
