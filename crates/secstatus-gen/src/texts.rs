//! `data/texts.toml` (the texts implementations print for Kerberos errors, GSS-API major statuses and TLS alerts, and
//! the texts a Russian Windows prints for some of its codes)
//! together with the Windows texts the other data files already hold (the catalogue's English messages, [MS-ERREF]'s
//! and the SDK's): validates the curated rows, applies the distinctiveness rule and renders
//! `crates/secstatus/src/texts/tables.rs`.
//!
//! The rule, applied to each pattern (a text lower-cased, its final period dropped, and its spacing and commas in
//! the variants listed by [`variants`]):
//!
//! - it must belong to one value, or to several values that all stand for one SSPI code (an SSPI code and its
//!   NTSTATUS twin), which is then what it names; a text shared by values that differ (`The operation completed
//!   successfully.`, the `STATUS_WAIT_n` text) names nothing and is left out; one exception: a text of one Win32
//!   error that HRESULTs of other facilities reuse word for word (`Access is denied.`, also `RPC_E_ACCESS_DENIED`)
//!   names the Win32 error, whose system message the text is;
//! - it must have at least two words, at least eight characters (the recogniser's filter reads eight) and no `%`
//!   insertion;
//! - it is recognised anywhere in prose only when it is long enough to be unlikely there: at least
//!   [`MIN_WORDS`] words, or at least [`MIN_CHARS`] characters (two or three long words: `Preauthentication
//!   failed`, `Message stream modified`); a shorter one (`Access is denied.`, `Ticket expired`) only where it stands
//!   as a whole message, from the start of a line or a `:` to the end of the line.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::{fail, Blob, DataError, Out, REGENERATE};

/// The curated texts, relative to the workspace root.
pub const TEXTS_PATH: &str = "data/texts.toml";
/// Where the generated table lives, relative to the workspace root.
pub const TEXTS_OUTPUT_PATH: &str = "crates/secstatus/src/texts/tables.rs";

/// A text of at least this many words is recognised anywhere.
pub const MIN_WORDS: usize = 4;
/// A text of two or three words is recognised anywhere when it has at least this many characters.
pub const MIN_CHARS: usize = 23;

/// The neighbouring systems a curated row may name, as `(key, Rust variant)` (a row may also name `sspi` or one of
/// [`WINDOWS_SYSTEMS`]).
const CURATED_SYSTEMS: &[(&str, &str)] = &[("krb", "Kerberos"), ("gss", "Gss"), ("tls", "Tls")];
/// The systems of the Windows tables, as `(key, Rust variant)`.
const WINDOWS_SYSTEMS: &[(&str, &str)] = &[
    ("ntstatus", "NtStatus"),
    ("win32", "Win32"),
    ("hresult", "HResult"),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextsFile {
    source: BTreeMap<String, SourceDecl>,
    text: Vec<TextRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceDecl {
    title: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextRow {
    system: String,
    name: String,
    text: String,
    source: String,
}

/// What the generator needs of `data/mappings.toml`.
#[derive(Debug, Deserialize)]
struct Mappings {
    foreign: Vec<ForeignRow>,
}

#[derive(Debug, Deserialize)]
struct ForeignRow {
    system: String,
    value: u32,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    sspi: Vec<MappingRow>,
}

#[derive(Debug, Deserialize)]
struct MappingRow {
    code: String,
    #[serde(default)]
    reverse_only: bool,
}

/// What `data/windows-errors/decisions.toml` says of each file.
#[derive(Debug, Deserialize)]
struct Decisions {
    file: Vec<FileDecl>,
}

#[derive(Debug, Deserialize)]
struct FileDecl {
    path: String,
    system: String,
}

/// What a text names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// An SSPI code of the catalogue, by value.
    Sspi(u32),
    /// A curated status of a neighbouring system: `(system key, value)`.
    Foreign(&'static str, u32),
    /// A row of the Windows tables that the curated tables lack: `(system key, value, name)`.
    Windows(&'static str, u32, String),
}

impl Target {
    /// The value, with its system, that two targets must share to be one.
    fn key(&self) -> (&'static str, u32) {
        match self {
            Target::Sspi(v) => ("sspi", *v),
            Target::Foreign(s, v) | Target::Windows(s, v, _) => (s, *v),
        }
    }
}

/// Every form of `text` the table holds: lower-cased, without a final period, with its own spacing and with
/// single spaces, each with and without its commas. The recogniser folds only ASCII letters, so a text with other
/// letters (a Russian one) is held as written, with its first letter in lower case and in upper case (a program
/// may print the message after a colon, or lower-case it), and all in lower case.
pub fn variants(text: &str) -> BTreeSet<String> {
    let trimmed = text.trim().trim_end_matches('.').trim_end();
    let mut cases = vec![trimmed.to_ascii_lowercase()];
    if !trimmed.is_ascii() {
        let mut chars = trimmed.chars();
        let first = chars.next();
        let rest = chars.as_str();
        let lower: String = first.into_iter().flat_map(char::to_lowercase).collect();
        let upper: String = first.into_iter().flat_map(char::to_uppercase).collect();
        cases.push(format!("{lower}{rest}").to_ascii_lowercase());
        cases.push(format!("{upper}{rest}").to_ascii_lowercase());
        cases.push(trimmed.to_lowercase());
    }
    let mut out = BTreeSet::new();
    for case in cases {
        let single = case.split_whitespace().collect::<Vec<_>>().join(" ");
        for form in [case, single] {
            out.insert(form.replace(',', ""));
            out.insert(form);
        }
    }
    out.retain(|v| !v.is_empty());
    out
}

/// Whether a pattern is recognised anywhere in prose ([`MIN_WORDS`], [`MIN_CHARS`]), or only as a whole message.
pub fn anywhere(pattern: &str) -> bool {
    let words = pattern.split_whitespace().count();
    words >= MIN_WORDS || (words >= 2 && pattern.chars().count() >= MIN_CHARS)
}

/// Renders the table from the curated file, the catalogue's `(value, name, English message)` rows, the mappings
/// file and the Windows tables (`(file name, contents)`).
pub fn render(
    texts_toml: &str,
    catalogue: &[(u32, Vec<String>, String)],
    mappings_toml: &str,
    decisions_toml: &str,
    tables: &[(&str, &str)],
) -> Result<String, DataError> {
    let file: TextsFile = toml::from_str(texts_toml).or_else(|e| fail("data", e.to_string()))?;
    let maps: Mappings = toml::from_str(mappings_toml).or_else(|e| fail("data", e.to_string()))?;
    let decisions: Decisions =
        toml::from_str(decisions_toml).or_else(|e| fail("data", e.to_string()))?;
    let sspi_values: BTreeSet<u32> = catalogue.iter().map(|(v, _, _)| *v).collect();
    let sspi_by_name: BTreeMap<&str, u32> = catalogue
        .iter()
        .flat_map(|(v, names, _)| names.iter().map(move |n| (n.as_str(), *v)))
        .collect();
    // The curated statuses: by (system, name) and their primary SSPI code.
    let mut curated: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    let mut primary: BTreeMap<(&'static str, u32), u32> = BTreeMap::new();
    for f in &maps.foreign {
        let system = static_key(&f.system)?;
        for name in std::iter::once(&f.name).chain(&f.aliases) {
            curated.insert((system, name.as_str()), f.value);
        }
        if let Some(m) = f.sspi.iter().find(|m| !m.reverse_only) {
            if let Some(v) = sspi_by_name.get(m.code.as_str()) {
                primary.insert((system, f.value), *v);
            }
        }
    }
    let is_curated = |system: &'static str, value: u32| {
        curated
            .iter()
            .any(|((s, _), v)| *s == system && *v == value)
    };

    // The Windows tables' rows, read once: by (system, name) for the curated texts that name one, and in order.
    let mut windows_rows: Vec<(&'static str, u32, &str, &str)> = Vec::new();
    for (file_name, contents) in tables {
        let Some(decl) = decisions.file.iter().find(|d| d.path == *file_name) else {
            return fail(file_name, "not declared in decisions.toml");
        };
        let system = static_key(&decl.system)?;
        for line in contents.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(value), Some(name), Some(message)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(value) = u32::from_str_radix(value.trim_start_matches("0x"), 16) else {
                return fail(file_name, format!("bad value in `{line}`"));
            };
            windows_rows.push((system, value, name, message));
        }
    }
    // What a Windows value names: the SSPI code, the curated row, or the broad tables' row.
    let windows_target = |system: &'static str, value: u32, name: &str| {
        if system == "hresult" && sspi_values.contains(&value) {
            Target::Sspi(value)
        } else if is_curated(system, value) {
            Target::Foreign(system, value)
        } else {
            Target::Windows(system, value, name.to_string())
        }
    };

    let mut patterns: BTreeMap<String, BTreeSet<Target>> = BTreeMap::new();
    let mut add = |text: &str, target: Target| {
        for v in variants(text) {
            patterns.entry(v).or_default().insert(target.clone());
        }
    };
    for (i, row) in file.text.iter().enumerate() {
        let entry = format!("text {} ({} {})", i + 1, row.system, row.name);
        let target = match row.system.as_str() {
            "sspi" => match sspi_by_name.get(row.name.as_str()) {
                Some(v) => Target::Sspi(*v),
                None => return fail(&entry, "no such SSPI code in data/codes.toml"),
            },
            system => {
                let Ok(system) = static_key(system) else {
                    return fail(&entry, format!("unknown system `{}`", row.system));
                };
                if let Some(value) = curated.get(&(system, row.name.as_str())) {
                    Target::Foreign(system, *value)
                } else if CURATED_SYSTEMS.iter().any(|(k, _)| *k == system) {
                    return fail(&entry, "no such name for this system in data/mappings.toml");
                } else {
                    match windows_rows
                        .iter()
                        .find(|(s, _, n, _)| *s == system && *n == row.name)
                    {
                        Some(&(s, v, n, _)) => windows_target(s, v, n),
                        None => {
                            return fail(
                                &entry,
                                "no such name for this system in data/mappings.toml or data/windows-errors/",
                            )
                        }
                    }
                }
            }
        };
        if !file.source.contains_key(&row.source) {
            return fail(&entry, format!("unknown source `{}`", row.source));
        }
        if row.text.trim().is_empty() || row.text != row.text.trim() {
            return fail(&entry, "a text is not empty and has no surrounding spaces");
        }
        add(&row.text, target);
    }
    for (key, s) in &file.source {
        if s.title.is_empty() || !s.url.starts_with("https://") {
            return fail(
                &format!("source {key}"),
                "a source has a title and an https URL",
            );
        }
    }
    for (value, _, message) in catalogue {
        add(message, Target::Sspi(*value));
    }
    for &(system, value, name, message) in &windows_rows {
        add(message, windows_target(system, value, name));
    }

    // One target per pattern: the same value under several names is one; values that all stand for one SSPI code
    // are that code; anything else names nothing.
    let mut rows = Vec::new();
    for (pattern, targets) in patterns {
        if pattern.contains('%') || pattern.split_whitespace().count() < 2 || pattern.len() < 8 {
            continue;
        }
        let keys: BTreeSet<_> = targets.iter().map(Target::key).collect();
        let chosen = if keys.len() == 1 {
            targets.into_iter().next()
        } else {
            let sspi_of = |t: &Target| match t {
                Target::Sspi(v) => Some(*v),
                Target::Foreign(s, v) => primary.get(&(*s, *v)).copied(),
                Target::Windows(..) => None,
            };
            let codes: BTreeSet<_> = targets.iter().map(sspi_of).collect();
            let win32: Vec<_> = targets.iter().filter(|t| t.key().0 == "win32").collect();
            let others_hresult = targets
                .iter()
                .all(|t| t.key().0 == "win32" || matches!(t, Target::Windows("hresult", ..)));
            match codes.into_iter().collect::<Vec<_>>()[..] {
                [Some(code)] if targets.contains(&Target::Sspi(code)) => Some(Target::Sspi(code)),
                // One Win32 error and HRESULTs of other facilities that reuse its words: the Win32 error.
                _ if win32.len() == 1 && others_hresult => win32.first().map(|t| (*t).clone()),
                _ => None,
            }
        };
        if let Some(target) = chosen {
            let whole = anywhere(&pattern);
            rows.push((pattern, target, whole));
        }
    }

    let mut out = Out::default();
    out.line(format_args!(
        "// @generated by `{REGENERATE}` from {TEXTS_PATH}, data/codes.toml, data/mappings.toml and data/windows-errors/."
    ));
    out.line("// Do not edit: edit the data files and regenerate. Data only; the logic lives in `texts.rs`.");
    out.blank();
    out.line("use super::Target::{self, Foreign, Sspi, Windows};");
    out.line("use crate::blob::Span;");
    out.line("use crate::System::*;");
    out.blank();
    let mut text = Blob::default();
    let mut lines = Vec::with_capacity(rows.len());
    for (pattern, target, whole) in &rows {
        let target = match target {
            Target::Sspi(v) => format!("Sspi(0x{v:08X})"),
            Target::Foreign(s, v) => format!("Foreign({}, {v})", variant_of(s)),
            Target::Windows(s, v, name) => {
                format!(
                    "Windows({}, 0x{v:08X}, {})",
                    variant_of(s),
                    text.span(name)?
                )
            }
        };
        lines.push(format!(
            "    ({}, {target}, {whole}), // {}",
            text.span(pattern)?,
            pattern.escape_debug()
        ));
    }
    out.line("/// Every recognised text: the pattern (lower case, no final period), what it names, and whether it is");
    out.line("/// recognised anywhere (`true`) or only as a whole message; the patterns and names are spans of [`TEXT`].");
    out.line("#[rustfmt::skip]");
    out.line(format_args!(
        "pub(super) static TEXTS: [(Span, Target, bool); {}] = [",
        lines.len()
    ));
    for line in lines {
        out.line(line);
    }
    out.line("];");
    out.blank();
    out.line("/// The patterns and names of [`TEXTS`], each once.");
    text.emit(&mut out, "TEXT");
    Ok(out.finish())
}

fn static_key(system: &str) -> Result<&'static str, DataError> {
    CURATED_SYSTEMS
        .iter()
        .chain(WINDOWS_SYSTEMS)
        .map(|(k, _)| *k)
        .find(|k| *k == system)
        .map_or_else(|| fail("data", format!("unknown system `{system}`")), Ok)
}

fn variant_of(system: &str) -> &'static str {
    CURATED_SYSTEMS
        .iter()
        .chain(WINDOWS_SYSTEMS)
        .find(|(k, _)| *k == system)
        .map_or("", |(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::{anywhere, variants};

    #[test]
    fn variants_cover_spacing_commas_and_the_final_period() {
        let v = variants("Unspecified GSS failure.  Minor code, may provide more information.");
        assert!(v.contains("unspecified gss failure.  minor code, may provide more information"));
        assert!(v.contains("unspecified gss failure. minor code may provide more information"));
        assert_eq!(v.len(), 4);
    }

    #[test]
    fn a_russian_text_is_held_as_written_and_in_lower_case() {
        let v = variants("Отказано в доступе.");
        let want = ["Отказано в доступе", "отказано в доступе"];
        assert_eq!(v.iter().map(String::as_str).collect::<Vec<_>>(), want);
        // A text a program printed in lower case is held with its first letter in upper case too.
        assert!(variants("обычно разрешается одно").contains("Обычно разрешается одно"));
        // ASCII letters in it are lowered as in every text.
        assert!(variants("Сервер RPC недоступен.").contains("Сервер rpc недоступен"));
    }

    #[test]
    fn the_rule_counts_characters_not_bytes() {
        // 22 characters, 41 bytes: two words too short to count anywhere.
        assert!(!anywhere("неверный пароль учётки"));
        assert!(anywhere("недостаточно системных ресурсов"));
    }

    #[test]
    fn the_rule_measures_words_and_characters() {
        assert!(anywhere("clock skew too great"));
        assert!(anywhere("preauthentication failed"));
        assert!(anywhere("message stream modified"));
        assert!(!anywhere("access is denied"));
        assert!(!anywhere("ticket expired"));
        assert!(!anywhere("password has expired"));
    }
}
