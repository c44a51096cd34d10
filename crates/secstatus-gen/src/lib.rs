//! Reads `data/codes.toml` (with the specification's table, `data/spec/sspi-status-codes.tsv`),
//! `data/mappings.toml` and `data/windows-errors/`, validates them, and renders `crates/secstatus/src/generated.rs`,
//! `crates/secstatus/src/map/tables.rs` and `crates/secstatus/src/errors/tables.rs`.
//!
//! Run `cargo run -p secstatus-gen` after editing a data file. The test `generated_files_are_fresh` fails, naming
//! that command, when a checked-in file no longer matches the data.
//!
//! Each file is parsed once; generated source is written through `Out`, which cannot fail halfway.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

mod mappings;
mod texts;
mod windows_errors;

pub use mappings::SYSTEMS;
pub use texts::{TEXTS_OUTPUT_PATH, TEXTS_PATH};
pub use windows_errors::{
    render as render_windows_errors, DECISIONS_PATH, WINDOWS_ERRORS_DIR, WINDOWS_ERRORS_OUTPUT_PATH,
};

/// The command that regenerates the tables, as error messages and the generated header name it.
pub const REGENERATE: &str = "cargo run -p secstatus-gen";

/// The codes whose `E`/`I` prefix disagrees with their severity bit, as winerror.h defines them.
const PREFIX_EXCEPTIONS: &[&str] = &["SEC_E_OK", "SEC_I_INVALID_SESSION_STATE"];

/// `FACILITY_SECURITY`: every SSPI code but `SEC_E_OK` lives there.
const FACILITY_SECURITY: u32 = 9;

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where the data file lives, relative to the workspace root.
pub const DATA_PATH: &str = "data/codes.toml";
/// The specification's table, relative to the workspace root.
pub const SPEC_PATH: &str = "data/spec/sspi-status-codes.tsv";
/// Where the generated file lives, relative to the workspace root.
pub const OUTPUT_PATH: &str = "crates/secstatus/src/generated.rs";
/// The neighbouring systems' data file, relative to the workspace root.
pub const MAPPINGS_PATH: &str = "data/mappings.toml";
/// Where the generated mapping tables live, relative to the workspace root.
pub const MAPPINGS_OUTPUT_PATH: &str = "crates/secstatus/src/map/tables.rs";

/// A problem with the data, naming the entry it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The entry's name, or `data` for problems of the whole file.
    pub entry: String,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.entry, self.problem)
    }
}

impl std::error::Error for DataError {}

/// A 32-bit value as `0x` and eight upper-case hex digits, as `secstatus::Hex` writes it (the generator cannot use the
/// library it generates; `tests/closed_sets.rs` checks the two agree).
#[derive(Clone, Copy, Debug)]
pub struct Hex(pub u32);

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.0)
    }
}

fn fail<T>(entry: &str, problem: impl Into<String>) -> Result<T, DataError> {
    Err(DataError {
        entry: entry.to_string(),
        problem: problem.into(),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    source: BTreeMap<String, String>,
    code: Vec<Code>,
}

#[derive(Debug, Deserialize, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct Text {
    en: String,
    ru: String,
}

/// A likely cause or a fix: the text, where it was checked (a URL or a citation), and where the advice applies, if only in one
/// context (see [`CONTEXT_KINDS`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Advice {
    en: String,
    ru: String,
    source: Option<String>,
    context: Option<String>,
}

/// Whether a context's key has the shape its kind wants.
type KeyShape = fn(&str) -> bool;

/// The kinds of context a cause or fix can be keyed by (`KIND:KEY`), each with what its key must look like.
const CONTEXT_KINDS: &[(&str, KeyShape)] = &[
    // An LDAP `data` sub-code in hex (`ldap-data:52e`).
    ("ldap-data", |k| {
        !k.is_empty()
            && k.len() <= 8
            && k.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }),
    // A TLS alert number, a SQL Server state, a Windows event id.
    ("tls-alert", |k| k.parse::<u8>().is_ok()),
    ("sql-state", |k| k.parse::<u32>().is_ok()),
    ("event", |k| k.parse::<u32>().is_ok()),
    // A Kerberos error's or an NTSTATUS's name.
    ("krb", |k| {
        k.starts_with("KDC_ERR_") || k.starts_with("KRB_")
    }),
    ("ntstatus", |k| k.starts_with("STATUS_")),
    // A product, in lower case with hyphens (`ad-replication`).
    ("product", |k| {
        !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    }),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Alias {
    name: String,
    #[serde(default)]
    spec: bool,
    meaning: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Code {
    name: String,
    value: u32,
    category: String,
    sources: Vec<String>,
    #[serde(default)]
    spec: bool,
    #[serde(default)]
    newest_sdk: bool,
    meaning: Text,
    ru_note: Option<String>,
    message: Text,
    message_source: String,
    next: Option<Text>,
    /// The public page or citation the next step was checked against.
    next_source: Option<String>,
    actor: Option<String>,
    retry: Option<String>,
    #[serde(default)]
    causes: Vec<Advice>,
    #[serde(default)]
    fixes: Vec<Advice>,
    /// For an error without causes or fixes: why (no public source says when it occurs).
    no_advice: Option<String>,
    erratum: Option<Text>,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    alias: Vec<Alias>,
}

/// The closed sets the data file uses, as `(key, Rust variant)`: the key as the library's `as_str` spells it, the
/// variant as the generated code names it. They must equal the library's sets (`tests/closed_sets.rs` checks it).
///
/// `secstatus::Category`.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("success", "Success"),
    ("continuation", "Continuation"),
    ("credentials", "Credentials"),
    ("certificates", "Certificates"),
    ("smart_cards", "SmartCards"),
    ("kerberos", "Kerberos"),
    ("message_protection", "MessageProtection"),
    ("negotiation", "Negotiation"),
    ("context", "Context"),
    ("packages", "Packages"),
    ("resources", "Resources"),
];
/// `secstatus::Actor`, as `(key, Rust variant)`.
pub const ACTORS: &[(&str, &str)] = &[
    ("caller", "Caller"),
    ("configuration", "Configuration"),
    ("credentials", "Credentials"),
    ("peer", "Peer"),
    ("environment", "Environment"),
];
/// `secstatus::Retry`, as `(key, Rust variant)`.
pub const RETRIES: &[(&str, &str)] = &[
    ("never", "Never"),
    ("after_fix", "AfterFix"),
    ("may_help", "MayHelp"),
];
/// `secstatus::MessageSource`, as `(key, Rust variant)`.
pub const MESSAGE_SOURCES: &[(&str, &str)] = &[
    ("ms-erref", "MsErref"),
    ("own", "Own"),
    ("winerror.h", "WinerrorH"),
];

/// The SDK header's texts, relative to the workspace root: what Windows prints for each security code.
pub const SDK_MESSAGES_PATH: &str = "data/windows-errors/sdk-security-messages.tsv";

fn variant(
    set: &[(&str, &'static str)],
    key: &str,
    what: &str,
    entry: &str,
) -> Result<String, DataError> {
    match set.iter().find(|(k, _)| *k == key) {
        Some((_, v)) => Ok((*v).to_string()),
        None => {
            let known: Vec<_> = set.iter().map(|(k, _)| *k).collect();
            fail(
                entry,
                format!("unknown {what} `{key}` (known: {})", known.join(", ")),
            )
        }
    }
}

/// Parses and validates the data file and the specification table, and renders the generated Rust source, without
/// the SDK header's texts (no entry gets a `windows_message`, and none may cite `winerror.h`).
pub fn render(data_toml: &str, spec_tsv: &str) -> Result<String, DataError> {
    render_codes(parse_data(data_toml)?, spec_tsv, "")
}

/// As [`render`], with the SDK header's texts (`sdk-security-messages.tsv`): every code the header gives a text
/// carries it, as its message (`message_source = "winerror.h"`) or beside it.
pub fn render_with_sdk(
    data_toml: &str,
    spec_tsv: &str,
    sdk_tsv: &str,
) -> Result<String, DataError> {
    render_codes(parse_data(data_toml)?, spec_tsv, sdk_tsv)
}

/// The SDK header's texts by name: `value<TAB>name<TAB>text` rows after `#` lines.
fn parse_sdk(tsv: &str) -> Result<BTreeMap<String, (u32, String)>, DataError> {
    let mut out = BTreeMap::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let [value, name, text] = line.splitn(3, '\t').collect::<Vec<_>>()[..] else {
            return fail("sdk", format!("malformed row `{line}`"));
        };
        let Ok(value) = u32::from_str_radix(value.trim_start_matches("0x"), 16) else {
            return fail("sdk", format!("bad value in `{line}`"));
        };
        out.insert(name.to_string(), (value, text.to_string()));
    }
    Ok(out)
}

/// The text the SDK header gives `c` (by its name or an alias), checked against its value and its message source.
fn sdk_text(c: &Code, sdk: &BTreeMap<String, (u32, String)>) -> Result<Option<String>, DataError> {
    let n = c.name.as_str();
    let mut found: Option<&str> = None;
    for name in std::iter::once(&c.name).chain(c.alias.iter().map(|a| &a.name)) {
        if let Some((value, text)) = sdk.get(name) {
            if *value != c.value {
                return fail(
                    n,
                    format!("the SDK header gives `{name}` the value {}", Hex(*value)),
                );
            }
            if found.is_some_and(|f| f != text) {
                return fail(
                    n,
                    "the SDK header gives the names of this value different texts",
                );
            }
            found = Some(text);
        }
    }
    match (c.message_source.as_str(), found) {
        ("winerror.h", Some(text)) if text != c.message.en => fail(
            n,
            format!("message.en must be the SDK header's text verbatim: `{text}`"),
        ),
        ("winerror.h", None) => fail(n, "message_source is winerror.h but the SDK header has no text for it"),
        ("own", Some(text)) => fail(
            n,
            format!("the SDK header has the text Windows prints: make message.en `{text}` with message_source = \"winerror.h\""),
        ),
        _ => Ok(found.filter(|t| *t != c.message.en).map(str::to_string)),
    }
}

/// `data/codes.toml`, parsed.
fn parse_data(data_toml: &str) -> Result<Data, DataError> {
    toml::from_str(data_toml).or_else(|e| fail("data", e.to_string()))
}

/// Validates the parsed data against the specification table and renders the generated Rust source.
fn render_codes(data: Data, spec_tsv: &str, sdk_tsv: &str) -> Result<String, DataError> {
    let mut codes = data.code;
    codes.sort_by_key(|c| c.value);
    validate(&codes, &data.source, &parse_spec(spec_tsv)?)?;
    let sdk = parse_sdk(sdk_tsv)?;
    let windows: Vec<Option<String>> = codes
        .iter()
        .map(|c| sdk_text(c, &sdk))
        .collect::<Result<_, _>>()?;
    Ok(emit(&codes, &windows))
}

/// The specification's table: name -> English meaning, with Markdown links reduced to their text.
fn parse_spec(tsv: &str) -> Result<BTreeMap<String, String>, DataError> {
    let mut lines = tsv.lines();
    if lines.next() != Some("name\tmeaning_en\tmeaning_ru") {
        return fail(
            "spec",
            "the table must start with the header `name\\tmeaning_en\\tmeaning_ru`",
        );
    }
    lines
        .filter(|l| !l.is_empty())
        .map(|line| match line.split('\t').collect::<Vec<_>>()[..] {
            [name, en, _ru] => Ok((name.to_string(), strip_markdown(en))),
            _ => fail("spec", format!("malformed row `{line}`")),
        })
        .collect()
}

/// `[*text*](url)` and `[**text**](url)` become `text`; other emphasis markers are dropped.
pub fn strip_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|close| (mid, mid + close)))
        {
            Some((mid, close)) => {
                out.push_str(&after[..mid]);
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace('*', "")
}

/// Markdown that must not be left in a catalogue text.
fn markdown_in(text: &str) -> Option<&'static str> {
    [
        ("](", "a Markdown link"),
        ("**", "Markdown emphasis"),
        ("\\_", "a Markdown escape"),
        ("`", "a code span"),
    ]
    .into_iter()
    .find(|(needle, _)| text.contains(needle))
    .map(|(_, what)| what)
}

/// A source a reader can follow: a web address, or a citation they can look up (`Microsoft KB 281245, title`).
fn check_source(entry: &str, field: &str, source: &str) -> Result<(), DataError> {
    let url = source
        .strip_prefix("https://")
        .or(source.strip_prefix("http://"));
    let good = match url {
        Some(rest) => !rest.is_empty() && !rest.contains(char::is_whitespace),
        None => source.trim() == source && source.split_whitespace().count() >= 3,
    };
    if good {
        Ok(())
    } else {
        fail(
            entry,
            format!("{field}: source `{source}` is neither a web address nor a citation"),
        )
    }
}

/// A cause or fix: its texts as [`check_text`] wants them, a source that is a web address or a citation, a context
/// of a known kind with a key of the right shape.
fn check_advice(entry: &str, field: &str, advice: &Advice) -> Result<(), DataError> {
    let text = Text {
        en: advice.en.clone(),
        ru: advice.ru.clone(),
    };
    check_text(entry, field, &text)?;
    let Some(source) = &advice.source else {
        return fail(
            entry,
            format!(
                "{field}: `{}` has no source (the page or citation it was checked against)",
                advice.en
            ),
        );
    };
    check_source(entry, field, source)?;
    if let Some(context) = &advice.context {
        let known = context.split_once(':').and_then(|(kind, key)| {
            CONTEXT_KINDS
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, shape)| shape(key))
        });
        if known != Some(true) {
            let kinds: Vec<_> = CONTEXT_KINDS.iter().map(|(k, _)| *k).collect();
            return fail(
                entry,
                format!(
                    "{field}: context `{context}` is not KIND:KEY with a kind of {}",
                    kinds.join(", ")
                ),
            );
        }
    }
    Ok(())
}

fn check_text(entry: &str, field: &str, text: &Text) -> Result<(), DataError> {
    for (lang, s) in [("en", &text.en), ("ru", &text.ru)] {
        if s.trim().is_empty() {
            return fail(entry, format!("{field}.{lang} is empty"));
        }
        if s.trim() != s {
            return fail(
                entry,
                format!("{field}.{lang} has leading or trailing whitespace"),
            );
        }
        if let Some(what) = markdown_in(s) {
            return fail(entry, format!("{field}.{lang} contains {what}"));
        }
    }
    if !text
        .ru
        .chars()
        .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    {
        return fail(
            entry,
            format!("{field}.ru has no Cyrillic letter: is it translated?"),
        );
    }
    Ok(())
}

fn check_name(entry: &str, name: &str) -> Result<(), DataError> {
    let ok = (name.starts_with("SEC_E_") || name.starts_with("SEC_I_"))
        && name.len() > 6
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        fail(
            entry,
            format!(
                "`{name}` is not an SSPI name (SEC_E_ or SEC_I_ and upper-case letters, digits, _)"
            ),
        )
    }
}

fn validate(
    codes: &[Code],
    sources: &BTreeMap<String, String>,
    spec: &BTreeMap<String, String>,
) -> Result<(), DataError> {
    let mut names = BTreeSet::new();
    let mut values = BTreeSet::new();
    for c in codes {
        let all_names = std::iter::once(&c.name).chain(c.alias.iter().map(|a| &a.name));
        for name in all_names {
            check_name(&c.name, name)?;
            if !names.insert(name.as_str()) {
                return fail(&c.name, format!("duplicate name `{name}`"));
            }
        }
        if !values.insert(c.value) {
            return fail(&c.name, format!("duplicate value {}", Hex(c.value)));
        }
    }
    for c in codes {
        validate_code(c, sources, spec, &names)?;
    }
    for name in spec.keys() {
        if !names.contains(name.as_str()) {
            return fail(
                name,
                "the specification lists this name but the data file does not",
            );
        }
    }
    Ok(())
}

fn validate_code(
    c: &Code,
    sources: &BTreeMap<String, String>,
    spec: &BTreeMap<String, String>,
    names: &BTreeSet<&str>,
) -> Result<(), DataError> {
    let n = c.name.as_str();
    let is_error = c.value & 0x8000_0000 != 0;
    let by_prefix_error = n.starts_with("SEC_E_");
    if is_error != by_prefix_error && !PREFIX_EXCEPTIONS.contains(&n) {
        let bit = if is_error { "set" } else { "clear" };
        return fail(
            n,
            format!(
                "the severity bit of {} is {bit}, which disagrees with the prefix",
                Hex(c.value)
            ),
        );
    }
    let facility = (c.value >> 16) & 0x7FF;
    if c.value != 0 && facility != FACILITY_SECURITY {
        return fail(
            n,
            format!("facility {facility} is not FACILITY_SECURITY (9)"),
        );
    }
    if c.sources.len() < 2 {
        return fail(n, "a value needs at least two independent sources");
    }
    for s in &c.sources {
        if !sources.contains_key(s) {
            return fail(n, format!("unknown source `{s}` (add it to [source])"));
        }
    }
    variant(CATEGORIES, &c.category, "category", n)?;
    variant(MESSAGE_SOURCES, &c.message_source, "message_source", n)?;
    check_text(n, "meaning", &c.meaning)?;
    check_text(n, "message", &c.message)?;
    for (field, text) in [("next", &c.next), ("erratum", &c.erratum)] {
        if let Some(text) = text {
            check_text(n, field, text)?;
        }
    }
    for (field, list) in [("causes", &c.causes), ("fixes", &c.fixes)] {
        for advice in list {
            check_advice(n, field, advice)?;
        }
    }
    if is_error {
        match (&c.actor, &c.retry) {
            (Some(actor), Some(retry)) => {
                variant(ACTORS, actor, "actor", n)?;
                variant(RETRIES, retry, "retry", n)?;
            }
            _ => return fail(n, "an error needs `actor` and `retry`"),
        }
        let advised = !c.causes.is_empty() && !c.fixes.is_empty();
        match &c.no_advice {
            None if !advised => {
                return fail(
                    n,
                    "an error needs causes and fixes, or `no_advice` saying why no public source gives any",
                )
            }
            Some(_) if advised => {
                return fail(n, "`no_advice` is for an error without causes or fixes")
            }
            Some(why) if why.trim() != why || why.split_whitespace().count() < 5 => {
                return fail(n, "`no_advice` must say why, in a sentence")
            }
            _ => {}
        }
    } else {
        if c.actor.is_some() || c.retry.is_some() || c.no_advice.is_some() {
            return fail(n, "`actor`, `retry` and `no_advice` are for errors only");
        }
        if c.next.is_none() {
            return fail(
                n,
                "a code that is not an error needs `next` (the caller's next step)",
            );
        }
    }
    // A next step is checked like a cause or fix: against the source it names.
    match (&c.next, &c.next_source) {
        (Some(_), Some(source)) => check_source(n, "next_source", source)?,
        (Some(_), None) => {
            return fail(
                n,
                "`next` needs `next_source` (the page or citation it was checked against)",
            )
        }
        (None, Some(_)) => return fail(n, "`next_source` without `next`"),
        (None, None) => {}
    }
    for r in &c.related {
        if r == n || !names.contains(r.as_str()) {
            return fail(
                n,
                format!("related `{r}` is not another name in the catalogue"),
            );
        }
    }
    check_spec(n, c.spec, &c.meaning.en, c.ru_note.is_some(), spec)?;
    for a in &c.alias {
        check_text(&a.name, "meaning", &a.meaning)?;
        check_spec(&a.name, a.spec, &a.meaning.en, false, spec)?;
    }
    Ok(())
}

fn check_spec(
    name: &str,
    in_spec: bool,
    meaning_en: &str,
    has_ru_note: bool,
    spec: &BTreeMap<String, String>,
) -> Result<(), DataError> {
    match (in_spec, spec.get(name)) {
        (true, Some(documented)) if documented != meaning_en => fail(
            name,
            format!("meaning.en must be the specification's text verbatim: `{documented}`"),
        ),
        (true, None) => fail(
            name,
            "marked `spec = true` but the specification does not list it",
        ),
        (false, Some(_)) => fail(name, "the specification lists it: mark it `spec = true`"),
        (false, None) if has_ru_note => fail(
            name,
            "`ru_note` is for corrections of the specification's Russian",
        ),
        _ => Ok(()),
    }
}

/// The Rust variant for a key that [`validate`] has already accepted.
fn rust_variant(set: &[(&str, &'static str)], key: &str) -> &'static str {
    set.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v)
}

/// Generated source being written: a `String`, so writing never fails and there is no error to ignore.
#[derive(Debug, Default)]
struct Out(String);

impl Out {
    /// Appends `text` and a newline.
    fn line(&mut self, text: impl fmt::Display) {
        self.0.push_str(&text.to_string());
        self.0.push('\n');
    }

    /// Appends an empty line.
    fn blank(&mut self) {
        self.0.push('\n');
    }

    /// The source written so far.
    fn finish(self) -> String {
        self.0
    }
}

/// The strings of one generated table, written once each into one text that the rows point into by `Span`s (offset
/// and length), so that the table holds numbers rather than pointers the loader would have to relocate.
#[derive(Debug, Default)]
struct Blob {
    text: String,
    /// Where each string already written starts.
    at: BTreeMap<String, usize>,
}

impl Blob {
    /// The `Span::new(at, len)` expression for `s`, written into the text unless it is there already.
    fn span(&mut self, s: &str) -> Result<String, DataError> {
        if s.is_empty() {
            return Ok("Span::EMPTY".to_string());
        }
        let at = match self.at.get(s) {
            Some(&at) => at,
            None => {
                let at = self.text.len();
                self.text.push_str(s);
                self.at.insert(s.to_string(), at);
                at
            }
        };
        match (u32::try_from(at), u16::try_from(s.len())) {
            (Ok(at), Ok(len)) => Ok(format!("Span::new({at}, {len})")),
            _ => fail("data", format!("a table's text outgrows a span at `{s}`")),
        }
    }

    /// `static NAME: &str`, the text, one string per line in the order first written.
    fn emit(self, out: &mut Out, name: &str) {
        let mut strings: Vec<(usize, String)> =
            self.at.into_iter().map(|(s, at)| (at, s)).collect();
        strings.sort_unstable();
        out.line(format_args!("pub(crate) const {name}: &str = concat!("));
        for (_, s) in &strings {
            out.line(format_args!("    {},", lit(s)));
        }
        out.line(");");
    }
}

/// `NAME_PREFIXES`: the first word of every name, up to and including its first `_`, in upper case, sorted and
/// without repeats, so that the scanner can reject a word with underscores (`TLS_AES_256_GCM_SHA384`) before
/// looking its whole name up.
fn emit_name_prefixes<'a>(out: &mut Out, upper_names: impl Iterator<Item = &'a str>) {
    let mut prefixes: Vec<&str> = upper_names
        .filter_map(|n| n.find('_').map(|i| &n[..=i]))
        .collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    out.line("/// The first word of every name above, up to and including its first `_`, sorted.");
    out.line(format_args!(
        "pub(crate) const NAME_PREFIXES: [&str; {}] = [",
        prefixes.len()
    ));
    for chunk in prefixes.chunks(8) {
        let items: Vec<String> = chunk.iter().map(|p| lit(p)).collect();
        out.line(format_args!("    {},", items.join(", ")));
    }
    out.line("];");
}

/// A Rust string literal for `s`.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn text_lit(t: &Text) -> String {
    format!("Text {{ en: {}, ru: {} }}", lit(&t.en), lit(&t.ru))
}

fn option<T>(value: &Option<T>, f: impl Fn(&T) -> String) -> String {
    match value {
        Some(v) => format!("Some({})", f(v)),
        None => "None".to_string(),
    }
}

fn advice_list(list: &[Advice]) -> String {
    let items: Vec<_> = list
        .iter()
        .map(|a| {
            format!(
                "Advice {{ text: Text {{ en: {}, ru: {} }}, source: {}, context: {} }}",
                lit(&a.en),
                lit(&a.ru),
                option(&a.source, |s| lit(s)),
                option(&a.context, |s| lit(s))
            )
        })
        .collect();
    format!("&[{}]", items.join(", "))
}

/// `generated.rs`: the constants, the entries (with the SDK header's text of each, where it differs from the
/// message) and the name index.
fn emit(codes: &[Code], windows: &[Option<String>]) -> String {
    let mut out = Out::default();
    emit_header(&mut out);
    emit_constants(&mut out, codes);
    out.blank();
    emit_entries(&mut out, codes, windows);
    out.blank();
    emit_names(&mut out, codes);
    out.finish()
}

fn emit_header(out: &mut Out) {
    out.line(format_args!(
        "// @generated by `{REGENERATE}` from {DATA_PATH} and {SDK_MESSAGES_PATH}. Do not edit: edit the data files and regenerate."
    ));
    out.line("// Data only; the logic lives in the hand-written modules.");
    out.blank();
    out.line(
        "use crate::entry::{Actor, Advice, Alias, Category, Entry, MessageSource, Retry, Text};",
    );
    out.line("use crate::SecStatus;");
    out.blank();
}

/// `impl SecStatus` with a constant for every name and alias.
fn emit_constants(out: &mut Out, codes: &[Code]) {
    out.line("/// Every SSPI status code winerror.h defines, by its SDK name.");
    out.line("impl SecStatus {");
    for c in codes {
        let hex = Hex(c.value);
        let signed = c.value as i32;
        out.line(format_args!("    /// `{hex}`: {}", c.meaning.en));
        out.line(format_args!("    #[doc(alias = \"{hex}\")]"));
        out.line(format_args!("    #[doc(alias = \"{signed}\")]"));
        out.line(format_args!(
            "    pub const {}: SecStatus = SecStatus({signed});",
            c.name
        ));
        for a in &c.alias {
            out.line(format_args!(
                "    /// `{hex}`, an alias of [`Self::{}`]: {}",
                c.name, a.meaning.en
            ));
            out.line(format_args!(
                "    pub const {}: SecStatus = SecStatus::{};",
                a.name, c.name
            ));
        }
    }
    out.line("}");
}

/// `ENTRY_COUNT` and `ENTRIES`, sorted by unsigned value.
fn emit_entries(out: &mut Out, codes: &[Code], windows: &[Option<String>]) {
    out.line("/// How many entries the catalogue has.");
    out.line(format_args!(
        "pub(crate) const ENTRY_COUNT: usize = {};",
        codes.len()
    ));
    out.blank();
    out.line("/// The catalogue, sorted by unsigned value.");
    out.line("pub(crate) static ENTRIES: [Entry; ENTRY_COUNT] = [");
    for (c, w) in codes.iter().zip(windows) {
        emit_entry(out, c, w);
    }
    out.line("];");
}

fn emit_entry(out: &mut Out, c: &Code, windows: &Option<String>) {
    let aliases: Vec<_> = c
        .alias
        .iter()
        .map(|a| {
            format!(
                "Alias {{ name: {}, in_spec: {}, meaning: {} }}",
                lit(&a.name),
                a.spec,
                text_lit(&a.meaning)
            )
        })
        .collect();
    let related: Vec<_> = c
        .related
        .iter()
        .map(|r| format!("SecStatus::{r}"))
        .collect();
    let actor = option(&c.actor, |k| format!("Actor::{}", rust_variant(ACTORS, k)));
    let retry = option(&c.retry, |k| format!("Retry::{}", rust_variant(RETRIES, k)));
    let fields = [
        ("status", format!("SecStatus::{}", c.name)),
        ("name", lit(&c.name)),
        ("aliases", format!("&[{}]", aliases.join(", "))),
        (
            "category",
            format!("Category::{}", rust_variant(CATEGORIES, &c.category)),
        ),
        ("in_spec", c.spec.to_string()),
        ("newest_sdk", c.newest_sdk.to_string()),
        ("meaning", text_lit(&c.meaning)),
        ("ru_note", option(&c.ru_note, |s| lit(s))),
        ("message", text_lit(&c.message)),
        (
            "message_source",
            format!(
                "MessageSource::{}",
                rust_variant(MESSAGE_SOURCES, &c.message_source)
            ),
        ),
        ("windows_message", option(windows, |s| lit(s))),
        ("next_step", option(&c.next, text_lit)),
        ("next_source", option(&c.next_source, |s| lit(s))),
        ("actor", actor),
        ("retry", retry),
        ("causes", advice_list(&c.causes)),
        ("fixes", advice_list(&c.fixes)),
        ("erratum", option(&c.erratum, text_lit)),
        ("related", format!("&[{}]", related.join(", "))),
    ];
    emit_struct(out, "Entry", &fields);
}

/// A struct literal in a table, one field a line, as rustfmt would lay it out.
fn emit_struct(out: &mut Out, name: &str, fields: &[(&str, String)]) {
    out.line(format_args!("    {name} {{"));
    for (field, value) in fields {
        out.line(format_args!("        {field}: {value},"));
    }
    out.line("    },");
}

/// `NAMES`: every name and alias, sorted, with its entry's index.
fn emit_names(out: &mut Out, codes: &[Code]) {
    let mut names: Vec<(&str, usize)> = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        names.push((&c.name, i));
        names.extend(c.alias.iter().map(|a| (a.name.as_str(), i)));
    }
    names.sort();
    out.line("/// Every name and alias, sorted, with the index of its entry in [`ENTRIES`].");
    out.line(format_args!(
        "pub(crate) static NAMES: [(&str, u8); {}] = [",
        names.len()
    ));
    for (name, i) in names {
        out.line(format_args!("    ({}, {i}),", lit(name)));
    }
    out.line("];");
}

/// Validates `data/mappings.toml` against the catalogue in `data_toml` and renders its generated Rust source.
pub fn render_mappings(data_toml: &str, mappings_toml: &str) -> Result<String, DataError> {
    mappings::render(mappings_toml, &sspi_names(&parse_data(data_toml)?))
}

/// Every catalogue name, aliases included, with its canonical name.
fn sspi_names(data: &Data) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for c in &data.code {
        names.insert(c.name.clone(), c.name.clone());
        for a in &c.alias {
            names.insert(a.name.clone(), c.name.clone());
        }
    }
    names
}

/// Every catalogue code as `(value, names with aliases, English message)`, for the text recogniser.
fn catalogue_texts(data: &Data) -> Vec<(u32, Vec<String>, String)> {
    data.code
        .iter()
        .map(|c| {
            let names = std::iter::once(c.name.clone())
                .chain(c.alias.iter().map(|a| a.name.clone()))
                .collect();
            (c.value, names, c.message.en.clone())
        })
        .collect()
}

/// Reads the data files and the specification from the workspace and renders every generated file:
/// `(path relative to the workspace root, contents)`.
pub fn render_workspace() -> Result<Vec<(&'static str, String)>, Box<dyn std::error::Error>> {
    let root = workspace_root();
    let read =
        |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"));
    let data = parse_data(&read(DATA_PATH)?).map_err(|e| format!("{DATA_PATH}: {e}"))?;
    let spec = read(SPEC_PATH)?;
    let sdk = read(SDK_MESSAGES_PATH)?;
    let maps = read(MAPPINGS_PATH)?;
    let names = sspi_names(&data);
    let catalogue = catalogue_texts(&data);
    let curated_texts = read(TEXTS_PATH)?;
    let decisions = read(DECISIONS_PATH)?;
    let mut tables = Vec::new();
    let dir = root.join(WINDOWS_ERRORS_DIR);
    let listing = std::fs::read_dir(&dir).map_err(|e| format!("{WINDOWS_ERRORS_DIR}: {e}"))?;
    for item in listing {
        let file_name = item
            .map_err(|e| format!("{WINDOWS_ERRORS_DIR}: {e}"))?
            .file_name();
        let file_name = file_name.to_string_lossy().into_owned();
        if file_name.ends_with(".tsv") {
            let text = read(&format!("{WINDOWS_ERRORS_DIR}/{file_name}"))?;
            tables.push((file_name, text));
        }
    }
    tables.sort();
    let tables: Vec<(&str, &str)> = tables
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Ok(vec![
        (
            OUTPUT_PATH,
            render_codes(data, &spec, &sdk).map_err(|e| format!("{DATA_PATH}: {e}"))?,
        ),
        (
            MAPPINGS_OUTPUT_PATH,
            mappings::render(&maps, &names).map_err(|e| format!("{MAPPINGS_PATH}: {e}"))?,
        ),
        (
            WINDOWS_ERRORS_OUTPUT_PATH,
            windows_errors::render(&decisions, &tables)
                .map_err(|e| format!("{WINDOWS_ERRORS_DIR}: {e}"))?,
        ),
        (
            TEXTS_OUTPUT_PATH,
            texts::render(&curated_texts, &catalogue, &maps, &decisions, &tables)
                .map_err(|e| format!("{TEXTS_PATH}: {e}"))?,
        ),
    ])
}
