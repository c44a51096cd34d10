//! Output for people: cards for lookup and explain, the list table, colour.

use std::fmt::Write as _;

use secstatus::{
    Advice, Entry, Foreign, Hex, Lang, LineContext, Mapping, Reading, SecStatus, Severity, System,
    ValueKind, WindowsError,
};

use crate::answer::{Answer, ErrorHit, ErrorVia, Match, Miss, Via};

/// How human output looks: ANSI colour on or off, and the width to wrap to (a terminal's; `None` when the output
/// is piped, which is never wrapped).
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: Option<usize>,
}

impl Style {
    /// No colour, no wrapping: what pipes and tests get.
    pub const PLAIN: Style = Style {
        color: false,
        width: None,
    };

    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub fn name(self, s: &str) -> String {
        self.paint("1", s)
    }

    pub fn dim(self, s: &str) -> String {
        self.paint("2", s)
    }

    pub fn severity(self, severity: Severity, s: &str) -> String {
        match severity {
            Severity::Error => self.paint("31", s),
            Severity::Informational => self.paint("33", s),
            _ => self.paint("32", s),
        }
    }
}

/// The words of the interface, in both languages.
pub fn word(key: &str, lang: Lang) -> &'static str {
    const WORDS: &[(&str, &str, &str)] = &[
        ("value", "value", "значение"),
        ("signed", "signed", "со знаком"),
        ("unsigned", "unsigned", "без знака"),
        ("aliases", "aliases", "псевдонимы"),
        ("severity", "severity", "серьёзность"),
        ("category", "category", "категория"),
        ("meaning", "meaning", "описание"),
        ("message", "message", "сообщение"),
        ("next", "next step", "что дальше"),
        ("actor", "who acts", "кто действует"),
        ("retry", "retry", "повтор"),
        ("causes", "causes", "причины"),
        ("fixes", "fixes", "что делать"),
        ("erratum", "erratum", "уточнение"),
        ("related", "related", "см. также"),
        ("fields", "fields", "поля"),
        ("note", "note", "примечание"),
        ("top_fix", "first fix", "первым делом"),
        ("in_line", "for this line", "для этой строки"),
        ("english", "", " (на английском)"),
        ("windows_prints", "Windows prints", "Windows выводит"),
        ("source", "source", "источник"),
        ("system", "system", "система"),
        ("inside_win32", "the Win32 error inside the HRESULT (HRESULT_FROM_WIN32)", "ошибка Win32 внутри HRESULT (HRESULT_FROM_WIN32)"),
        ("inside_nt", "the NTSTATUS inside the HRESULT (HRESULT_FROM_NT)", "NTSTATUS внутри HRESULT (HRESULT_FROM_NT)"),
        ("more", "more", "подробнее"),
        (
            "newest",
            "defined only by the newest Windows SDK",
            "определён только в новейшем Windows SDK",
        ),
        (
            "own",
            "(wording of this catalogue; no public text exists)",
            "(формулировка каталога; публичного текста нет)",
        ),
        (
            "not_sspi",
            "not an SSPI status code",
            "не код состояния SSPI",
        ),
        (
            "not_code",
            "not a status code or a name",
            "не код состояния и не имя",
        ),
        ("did_you_mean", "did you mean", "возможно, имелось в виду"),
        (
            "what_works",
            "Try a name (SEC_E_LOGON_DENIED, LOGON_DENIED, KRB_AP_ERR_SKEW, STATUS_LOGON_FAILURE), hex (0x8009030C), decimal (-2146893044), `--from krb|tls|gss|ntstatus|win32 NUMBER`, or `secstatus search WORDS`.",
            "Попробуйте имя (SEC_E_LOGON_DENIED, LOGON_DENIED, KRB_AP_ERR_SKEW, STATUS_LOGON_FAILURE), шестнадцатеричное (0x8009030C) или десятичное (-2146893044) значение, `--from krb|tls|gss|ntstatus|win32 ЧИСЛО` или `secstatus search СЛОВА`.",
        ),
        ("sspi", "SSPI", "SSPI"),
        ("also", "also", "также"),
        (
            "no_sspi",
            "no SSPI equivalent in any source",
            "ни один источник не даёт эквивалента SSPI",
        ),
        ("mapped_from", "mapped from", "соответствия"),
        // A lossy one-way row (SSPI to the neighbour only): never an equivalent.
        ("one_way_from", "lossy, from", "с потерей, из"),
        ("one_way_to", "lossy, only to", "с потерей, в"),
        // A source's answer for whatever it does not list: not an equivalent, the detail is lost.
        ("catch_all", "catch-all", "обобщённо"),
        ("catch_all_from", "catch-all from", "обобщённо из"),
        ("read_as", "read as", "прочитано как"),
        ("name", "NAME", "ИМЯ"),
        ("value_h", "VALUE", "ЗНАЧЕНИЕ"),
        ("severity_h", "SEVERITY", "СЕРЬЁЗНОСТЬ"),
        ("message_h", "MESSAGE", "СООБЩЕНИЕ"),
    ];
    let (_, en, ru) = WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .copied()
        .unwrap_or((key, "?", "?"));
    match lang {
        Lang::Ru => ru,
        _ => en,
    }
}

/// Replaces control characters in user-supplied text, so that nothing we echo can drive the terminal.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn reading_label(reading: Reading, lang: Lang) -> &'static str {
    match (reading, lang) {
        (Reading::Name, Lang::Ru) => "имя",
        (Reading::ShortName, Lang::Ru) => "имя без префикса",
        (Reading::Hex | Reading::BareHex | Reading::DecimalAsHex, Lang::Ru) => {
            "шестнадцатеричное число"
        }
        (Reading::Decimal, Lang::Ru) => "десятичное",
        (Reading::Name, _) => "name",
        (Reading::ShortName, _) => "name without prefix",
        (Reading::Hex | Reading::BareHex | Reading::DecimalAsHex, _) => "hex",
        (Reading::Decimal, _) => "decimal",
        (Reading::InText, Lang::Ru) => "найдено в тексте",
        (Reading::InText, _) => "found in the text",
        _ => "",
    }
}

/// What a value outside the catalogue is.
pub fn describe_kind(status: SecStatus, lang: Lang) -> String {
    let f = status.fields();
    let facility = secstatus::facility_name(f.facility).unwrap_or("?");
    match (status.kind(), lang) {
        (ValueKind::Sspi(e), _) => e.name().to_string(),
        (ValueKind::NtStatus, Lang::Ru) => {
            "код NTSTATUS (как в журнале безопасности Windows), а не код SSPI".into()
        }
        (ValueKind::NtStatus, _) => {
            "an NTSTATUS error code (as in the Windows Security log), not an SSPI code".into()
        }
        (ValueKind::HResultFromNt { ntstatus }, Lang::Ru) => {
            format!("NTSTATUS {}, упакованный в HRESULT (HRESULT_FROM_NT)", Hex(ntstatus))
        }
        (ValueKind::HResultFromNt { ntstatus }, _) => {
            format!("the NTSTATUS {} wrapped in an HRESULT (HRESULT_FROM_NT)", Hex(ntstatus))
        }
        (ValueKind::Win32 { code }, Lang::Ru) => {
            format!("ошибка Win32 {code} (0x{code:X}), упакованная в HRESULT (HRESULT_FROM_WIN32)")
        }
        (ValueKind::Win32 { code }, _) => {
            format!(
                "the Win32 error {code} (0x{code:X}) wrapped in an HRESULT (HRESULT_FROM_WIN32)"
            )
        }
        (ValueKind::SspiUnassigned, Lang::Ru) => {
            "в диапазоне SSPI, но winerror.h не определяет это значение (пропуск или код новее каталога)".into()
        }
        (ValueKind::SspiUnassigned, _) => {
            "in the SSPI range, but winerror.h defines no code with this value (a gap, or a code newer than the catalogue)".into()
        }
        (ValueKind::SecurityFacility, Lang::Ru) => {
            "код FACILITY_SECURITY (9), но не SSPI: CryptoAPI или другой код безопасности".into()
        }
        (ValueKind::SecurityFacility, _) => {
            "in FACILITY_SECURITY (9) but not an SSPI code: a CryptoAPI or other security code"
                .into()
        }
        (ValueKind::Win32Code, Lang::Ru) => "небольшое число: возможно, код ошибки Win32".into(),
        (ValueKind::Win32Code, _) => "a small number: possibly a plain Win32 error code".into(),
        (_, Lang::Ru) => format!(
            "HRESULT из facility {} ({facility}), а не код SSPI",
            f.facility
        ),
        (_, _) => format!(
            "an HRESULT of facility {} ({facility}), not an SSPI code",
            f.facility
        ),
    }
}

/// One `label: value` line of a card, values aligned; an empty label continues the previous row. On a terminal the
/// value wraps at spaces under itself.
fn row(out: &mut String, style: Style, label: &str, value: &str) {
    const WIDTH: usize = 15;
    /// Where values start: two spaces, the label column, a space.
    const INDENT: usize = WIDTH + 3;
    let shown = if label.is_empty() {
        String::new()
    } else {
        format!("{label}:")
    };
    let pad = WIDTH.saturating_sub(shown.chars().count());
    let value = match style.width {
        Some(width) => wrap(value, width.saturating_sub(INDENT).max(20), INDENT),
        None => value.to_string(),
    };
    let _ = writeln!(out, "  {}{} {value}", style.dim(&shown), " ".repeat(pad));
}

/// The columns `s` takes on a terminal: characters outside colour escapes.
pub fn visible_width(s: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => width += 1,
        }
    }
    width
}

/// `text` wrapped at spaces to lines of at most `width` columns, every line after the first indented by `indent`
/// spaces (two more under a `- ` bullet). Runs of spaces inside a line are kept; a word longer than a line is
/// never broken, it gets a line of its own.
///
/// ```
/// use secstatus_cli::human::wrap;
/// assert_eq!(wrap("the logon attempt failed", 10, 2), "the logon\n  attempt\n  failed");
/// assert_eq!(wrap("- a bullet item", 9, 0), "- a\n  bullet\n  item");
/// assert_eq!(wrap("0x1  signed 1", 40, 2), "0x1  signed 1");
/// ```
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let indent = indent + if text.starts_with("- ") { 2 } else { 0 };
    let mut out = String::with_capacity(text.len() + 16);
    let mut line = 0;
    let mut gap = 0; // spaces owed before the next word
    for word in text.split(' ') {
        if word.is_empty() {
            gap += 1;
            continue;
        }
        let w = visible_width(word);
        let spaces = if line == 0 { 0 } else { gap + 1 };
        if line > 0 && line + spaces + w > width {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
            line = indent;
        } else {
            out.extend(std::iter::repeat_n(' ', spaces));
            line += spaces;
        }
        out.push_str(word);
        line += w;
        gap = 0;
    }
    out
}

fn fields_line(status: SecStatus) -> String {
    let f = status.fields();
    format!(
        "S={} R={} C={} N={} X={} facility={} ({}) code=0x{:04X}",
        u8::from(f.severity),
        u8::from(f.reserved),
        u8::from(f.customer),
        u8::from(f.nt),
        u8::from(f.x),
        f.facility,
        secstatus::facility_name(f.facility).unwrap_or("?"),
        f.code
    )
}

/// The card for one entry: the essentials (`lookup`) or everything (`explain`).
pub fn card(e: &Entry, context: &LineContext, lang: Lang, style: Style, full: bool) -> String {
    let s = e.status();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})",
        style.name(e.name()),
        style.severity(e.severity(), &Hex(s.to_u32()).to_string())
    );
    let w = |k| word(k, lang);
    row(&mut out, style, w("value"), &numbers(s, lang));
    if !e.aliases().is_empty() {
        let names: Vec<_> = e.aliases().iter().map(|a| a.name()).collect();
        row(&mut out, style, w("aliases"), &names.join(", "));
    }
    row(
        &mut out,
        style,
        w("severity"),
        &style.severity(e.severity(), e.severity().label(lang)),
    );
    row(&mut out, style, w("category"), e.category().label(lang));
    row(&mut out, style, w("meaning"), e.meaning().get(lang));
    // The text Windows prints where it differs from the message: always in `explain`; in a lookup card only when
    // it differs by more than a final period.
    let windows = e.windows_message().filter(|text| {
        full || text.trim_end_matches('.')
            != e.message().get(secstatus::Lang::En).trim_end_matches('.')
    });
    // The message's source is named where it matters: beside a different text Windows prints, or when it is not
    // [MS-ERREF]'s.
    let source = match e.message_source() {
        secstatus::MessageSource::Own if full => format!(" {}", style.dim(w("own"))),
        secstatus::MessageSource::WinerrorH => format!(" {}", style.dim("[winerror.h]")),
        secstatus::MessageSource::MsErref if windows.is_some() => {
            format!(" {}", style.dim("[MS-ERREF]"))
        }
        _ => String::new(),
    };
    row(
        &mut out,
        style,
        w("message"),
        &format!("{}{source}", e.message().get(lang)),
    );
    if let Some(text) = windows {
        row(
            &mut out,
            style,
            w("windows_prints"),
            &format!("{text}{} {}", w("english"), style.dim("[winerror.h]")),
        );
    }
    if let Some(next) = e.next_step() {
        // Its source, as explain gives the sources of causes and fixes.
        let source = e.next_source().filter(|_| full);
        let text = match source {
            Some(source) => format!("{}  {}", next.get(lang), style.dim(source)),
            None => next.get(lang).to_string(),
        };
        row(&mut out, style, w("next"), &text);
    }
    if let (Some(actor), Some(retry)) = (e.actor(), e.retry()) {
        row(&mut out, style, w("actor"), actor.label(lang));
        row(&mut out, style, w("retry"), retry.label(lang));
    }
    if let Some(erratum) = e.erratum() {
        row(&mut out, style, w("erratum"), erratum.get(lang));
    }
    // The causes and fixes for where the pasted line says the code appeared come first.
    let here: Vec<&Advice> = context.advice(e).collect();
    for (i, a) in here.iter().enumerate() {
        row(
            &mut out,
            style,
            if i == 0 { w("in_line") } else { "" },
            &advice_item(a, lang, style),
        );
    }
    if !full {
        // Else the first fix that holds wherever the code appears.
        let fix_here = here.iter().any(|a| e.fixes().contains(a));
        let general = e.fixes().iter().find(|f| f.context().is_none());
        if let Some(fix) = general.filter(|_| !fix_here) {
            row(&mut out, style, w("top_fix"), fix.get(lang));
        }
        let more = format!("secstatus explain {}", e.name());
        row(&mut out, style, w("more"), &style.dim(&more));
    }
    if full {
        for alias in e.aliases() {
            row(&mut out, style, alias.name(), alias.meaning().get(lang));
        }
        for (key, list) in [("causes", e.causes()), ("fixes", e.fixes())] {
            // What holds wherever the code appears first, then each context's advice together.
            let mut ordered: Vec<&Advice> = list.iter().collect();
            let mut contexts: Vec<&str> = Vec::new();
            for a in &ordered {
                if let Some(c) = a.context() {
                    if !contexts.contains(&c) {
                        contexts.push(c);
                    }
                }
            }
            ordered.sort_by_key(|a| a.context().map(|c| contexts.iter().position(|&k| k == c)));
            for (i, a) in ordered.iter().enumerate() {
                row(
                    &mut out,
                    style,
                    if i == 0 { w(key) } else { "" },
                    &advice_item(a, lang, style),
                );
            }
        }
        let related: Vec<_> = e.related().iter().map(|r| r.to_string()).collect();
        if !related.is_empty() {
            row(&mut out, style, w("related"), &related.join(", "));
        }
        row(&mut out, style, w("fields"), &fields_line(s));
        if e.newest_sdk() {
            row(&mut out, style, w("note"), w("newest"));
        }
    }
    out
}

/// One cause or fix: `- [context] text  source`, the source dimmed.
fn advice_item(a: &Advice, lang: Lang, style: Style) -> String {
    let context = a
        .context()
        .map(|c| format!("[{}] ", context_label(c, lang)))
        .unwrap_or_default();
    let source = a
        .source()
        .map(|s| format!("  {}", style.dim(s)))
        .unwrap_or_default();
    format!("- {context}{}{source}", a.get(lang))
}

/// A context key (`ldap-data:52e`, `tls-alert:40`, `product:sqlserver`) as a reader says it.
pub fn context_label(key: &str, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let Some((kind, value)) = key.split_once(':') else {
        return key.to_string();
    };
    match kind {
        "ldap-data" => format!("LDAP data {value}"),
        "tls-alert" if ru => format!("оповещение TLS {value}"),
        "tls-alert" => format!("TLS alert {value}"),
        "krb" => format!("Kerberos {value}"),
        "ntstatus" => value.to_string(),
        "sql-state" if ru => format!("SQL Server, состояние {value}"),
        "sql-state" => format!("SQL Server state {value}"),
        "event" if ru => format!("событие {value}"),
        "event" => format!("event {value}"),
        "product" => match value {
            "sqlserver" => "SQL Server".to_string(),
            "curl" => "curl".to_string(),
            "dotnet" => ".NET".to_string(),
            "rdp" => "RDP".to_string(),
            "winrm" => "WinRM".to_string(),
            "ad-replication" if ru => "репликация AD".to_string(),
            "ad-replication" => "AD replication".to_string(),
            other => other.to_string(),
        },
        _ => key.to_string(),
    }
}

/// A neighbouring system's value as people write it: hex for 32-bit statuses, decimal for small numbers.
pub fn foreign_value(f: &Foreign) -> String {
    match f.system() {
        System::NtStatus | System::HResult => Hex(f.value()).to_string(),
        System::Gss => format!("0x{:X}", f.value()),
        System::Win32 => format!("{} (0x{:X})", f.value(), f.value()),
        _ => f.value().to_string(),
    }
}

/// A mapping with its source and note.
fn mapping_line(m: &Mapping, lang: Lang) -> String {
    format!("{}  {}", m.status(), source_line(m, lang))
}

/// A mapping's source and note, in `lang`: `[wine: ...]`.
fn source_line(m: &Mapping, lang: Lang) -> String {
    let note = m
        .note()
        .map(|n| format!(": {}", n.get(lang)))
        .unwrap_or_default();
    format!("[{}{note}]", m.source().key())
}

/// The card for a neighbouring system's status and its SSPI equivalents.
pub fn foreign_card(f: &Foreign, lang: Lang, style: Style) -> String {
    let mut out = String::new();
    if f.system() == System::HResult && lang == Lang::Ru {
        // «HRESULT 0x80092010, не код SSPI»: the value goes with HRESULT, not with the negation.
        let _ = writeln!(
            out,
            "{} (HRESULT {}, не код SSPI)",
            style.name(f.name()),
            foreign_value(f)
        );
    } else {
        let _ = writeln!(
            out,
            "{} ({} {})",
            style.name(f.name()),
            f.system().label(lang),
            foreign_value(f)
        );
    }
    if !f.aliases().is_empty() {
        row(
            &mut out,
            style,
            word("aliases", lang),
            &f.aliases().join(", "),
        );
    }
    row(
        &mut out,
        style,
        word("meaning", lang),
        f.meaning().get(lang),
    );
    let forward: Vec<&Mapping> = f.mappings().iter().filter(|m| m.is_equivalent()).collect();
    let catch_all = f.mappings().iter().filter(|m| m.is_catch_all());
    let one_way: Vec<&Mapping> = f
        .mappings()
        .iter()
        .filter(|m| m.is_reverse_only())
        .collect();
    if forward.is_empty() {
        row(&mut out, style, word("sspi", lang), word("no_sspi", lang));
    }
    // Each SSPI code once, with every source that gives it; the primary first.
    let mut shown: Vec<SecStatus> = Vec::new();
    for m in &forward {
        if shown.contains(&m.status()) {
            continue;
        }
        let label = if shown.is_empty() {
            word("sspi", lang)
        } else {
            word("also", lang)
        };
        shown.push(m.status());
        let mut sources = forward.iter().filter(|o| o.status() == m.status());
        if let Some(first) = sources.next() {
            row(&mut out, style, label, &mapping_line(first, lang));
        }
        for other in sources {
            row(&mut out, style, "", &source_line(other, lang));
        }
    }
    // Apart from the equivalents, each under its own label.
    for (i, m) in catch_all.enumerate() {
        let label = if i == 0 { word("catch_all", lang) } else { "" };
        row(&mut out, style, label, &mapping_line(m, lang));
    }
    for (i, m) in one_way.iter().enumerate() {
        let label = if i == 0 {
            word("one_way_from", lang)
        } else {
            ""
        };
        row(&mut out, style, label, &mapping_line(m, lang));
    }
    if let Some(note) = f.note() {
        row(&mut out, style, word("note", lang), note.get(lang));
    }
    out
}

/// A Windows error's system and value as people write them: `Win32 error 5 (0x5)`, `HRESULT 0x80070005`,
/// `NTSTATUS 0xC0000234`.
pub fn error_label(e: &WindowsError, lang: Lang) -> String {
    match e.system() {
        System::HResult => format!("HRESULT {}", error_value(e)),
        System::NtStatus => format!("NTSTATUS {}", error_value(e)),
        system => format!("{} {}", system.label(lang), error_value(e)),
    }
}

/// A Windows error's value as people write it: `5 (0x5)` for a Win32 error, `0x80070005` for 32-bit values.
pub fn error_value(e: &WindowsError) -> String {
    match e.system() {
        System::Win32 => format!("{} (0x{:X})", e.value(), e.value()),
        _ => Hex(e.value()).to_string(),
    }
}

/// The card for a Windows error code of [MS-ERREF]'s tables: its names, the documented message (English: these
/// texts are not translated), the text Windows prints where it differs, and the source.
pub fn error_card(hit: &ErrorHit, lang: Lang, style: Style, full: bool) -> String {
    let first = hit.first();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})",
        style.name(first.name()),
        error_label(first, lang)
    );
    let w = |k| word(k, lang);
    if hit.rows.len() > 1 {
        let names: Vec<_> = hit.rows[1..].iter().map(WindowsError::name).collect();
        row(&mut out, style, w("aliases"), &names.join(", "));
    }
    row(
        &mut out,
        style,
        w("message"),
        &format!("{}{}", first.message(), w("english")),
    );
    if let Some(sdk) = first.sdk_message() {
        row(
            &mut out,
            style,
            w("windows_prints"),
            &format!("{sdk}{}", w("english")),
        );
    }
    if hit.via == ErrorVia::Wrapped {
        let inside = match first.system() {
            System::NtStatus => w("inside_nt"),
            _ => w("inside_win32"),
        };
        row(&mut out, style, w("note"), inside);
    }
    if full && first.system() != System::Win32 {
        row(
            &mut out,
            style,
            w("fields"),
            &fields_line(SecStatus::from_u32(first.value())),
        );
    }
    row(&mut out, style, w("source"), first.source());
    out
}

/// What maps to a code from every neighbouring system, one row each.
pub fn mapped_from(
    rows: &[(&'static Foreign, &'static Mapping)],
    lang: Lang,
    style: Style,
) -> String {
    let mut out = String::new();
    // What maps to the code first; then, collapsed by source, the catch-alls (a source's answer for whatever it does
    // not list); then the one-way rows, which go from the code to a neighbour.
    let is = |kind: fn(&Mapping) -> bool| rows.iter().filter(move |(_, m)| kind(m));
    let line = |f: &Foreign, m: &Mapping| {
        let (system, value) = (f.system().label(lang), foreign_value(f));
        format!("{system} {value} {} [{}]", f.name(), m.source().key())
    };
    for (i, (f, m)) in is(Mapping::is_equivalent).enumerate() {
        let label = if i == 0 {
            word("mapped_from", lang)
        } else {
            ""
        };
        row(&mut out, style, label, &line(f, m));
    }
    let mut sources: Vec<&str> = is(Mapping::is_catch_all)
        .map(|(_, m)| m.source().key())
        .collect();
    sources.dedup();
    for (i, source) in sources.into_iter().enumerate() {
        let label = if i == 0 {
            word("catch_all_from", lang)
        } else {
            ""
        };
        let names: Vec<&str> = is(Mapping::is_catch_all)
            .filter(|(_, m)| m.source().key() == source)
            .map(|(f, _)| f.name())
            .collect();
        row(
            &mut out,
            style,
            label,
            &format!("[{source}] {}", names.join(", ")),
        );
    }
    for (i, (f, m)) in is(Mapping::is_reverse_only).enumerate() {
        let label = if i == 0 { word("one_way_to", lang) } else { "" };
        row(&mut out, style, label, &line(f, m));
    }
    out
}

/// The human answer to one query.
pub fn lookup(answer: &Answer, lang: Lang, style: Style, full: bool) -> String {
    let mut out = String::new();
    let (direct, mapped): (Vec<&Match>, Vec<&Match>) = answer
        .matches
        .iter()
        .partition(|m| !matches!(m.via, Via::Mapped | Via::CatchAll));
    for m in direct {
        out.push_str(&card(m.entry, &answer.context, lang, style, full));
        if full {
            out.push_str(&mapped_from(&m.mapped_from, lang, style));
        }
    }
    for f in &answer.foreign {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&foreign_card(f, lang, style));
    }
    if let Some((alert, m)) = answer.unnamed_alert {
        let _ = writeln!(out, "{} {alert}", System::Tls.label(lang));
        let label = if m.is_catch_all() {
            "catch_all"
        } else {
            "sspi"
        };
        row(&mut out, style, word(label, lang), &mapping_line(m, lang));
    }
    for hit in &answer.errors {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&error_card(hit, lang, style, full));
    }
    // The SSPI codes the neighbours map to, each once.
    for m in mapped {
        out.push('\n');
        out.push_str(&card(m.entry, &answer.context, lang, style, full));
    }
    // Readings that name nothing are worth showing only when nothing else matched: then they are the answer.
    for i in answer.readings.iter().filter(|_| !answer.found()) {
        let value = i.status;
        // The query is worth repeating only when it is not the value as written.
        let hex = Hex(value.to_u32()).to_string();
        let query = answer.query.trim();
        if !query.eq_ignore_ascii_case(&hex) {
            let _ = write!(out, "{}: ", printable(query));
        }
        let _ = writeln!(
            out,
            "{hex} ({} {}): {}",
            word("read_as", lang),
            reading_label(i.reading, lang),
            word("not_sspi", lang)
        );
        row(&mut out, style, word("value", lang), &numbers(value, lang));
        row(&mut out, style, word("fields", lang), &fields_line(value));
        row(&mut out, style, "", &describe_kind(value, lang));
    }
    out
}

/// The one-line form of an answer, a line per code (certutil's shape): `0x8009030C (-2146893044)
/// SEC_E_LOGON_DENIED -- The logon attempt failed.`; a neighbouring status names its SSPI equivalent after `->`.
pub fn short(answer: &Answer, lang: Lang) -> String {
    let mut out = String::new();
    for m in &answer.matches {
        let s = m.entry.status();
        let _ = writeln!(
            out,
            "{} ({}) {} -- {}",
            Hex(s.to_u32()),
            s.to_i32(),
            m.entry.name(),
            m.entry.message().get(lang)
        );
    }
    for f in &answer.foreign {
        let sspi = f
            .primary()
            .map(|m| format!(" -> {}", m.status()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {} {} -- {}{sspi}",
            f.system().label(lang),
            foreign_value(f),
            f.name(),
            f.meaning().get(lang)
        );
    }
    if let Some((alert, m)) = answer.unnamed_alert {
        let _ = writeln!(out, "{} {alert} -> {}", System::Tls.label(lang), m.status());
    }
    for hit in &answer.errors {
        let first = hit.first();
        let _ = writeln!(
            out,
            "{} {} -- {}",
            error_label(first, lang),
            first.name(),
            first.message()
        );
    }
    if !answer.found() {
        for i in &answer.readings {
            let _ = writeln!(
                out,
                "{} ({}) -- {}",
                Hex(i.status.to_u32()),
                i.status.to_i32(),
                describe_kind(i.status, lang)
            );
        }
    }
    out
}

/// `0x8009030C  signed -2146893044  unsigned 2148074252`.
fn numbers(value: SecStatus, lang: Lang) -> String {
    format!(
        "{}  {} {}  {} {}",
        Hex(value.to_u32()),
        word("signed", lang),
        value.to_i32(),
        word("unsigned", lang),
        value.to_u32()
    )
}

/// For a query that names nothing and is no number: what was wrong, and what would work (for stderr).
pub fn not_found_hint(answer: &Answer, miss: &Miss, lang: Lang) -> String {
    let reason = match &miss.reason {
        Some(e) => e.text().get(lang),
        None => word("not_code", lang),
    };
    let mut out = format!("secstatus: `{}`: {reason}", printable(&answer.query));
    if let Some(s) = miss.suggestion {
        let _ = write!(out, "; {} {}?", word("did_you_mean", lang), s.name());
    }
    let _ = write!(out, "\n{}", word("what_works", lang));
    out
}

/// `search`'s hits, one line each.
pub fn search(hits: &[(&'static Entry, u32)], lang: Lang, style: Style) -> String {
    let mut out = String::new();
    for (e, _) in hits {
        let _ = writeln!(
            out,
            "{} ({})  {}",
            style.name(e.name()),
            Hex(e.status().to_u32()),
            e.message().get(lang)
        );
    }
    out
}

/// The aligned table of `list`. On a terminal narrower than the table, the severity column goes first, then
/// messages are cut short (with `…`) rather than wrapped or overflowing.
pub fn table(entries: &[&Entry], lang: Lang, style: Style) -> String {
    let width = entries
        .iter()
        .map(|e| e.name().chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let sev_width = entries
        .iter()
        .map(|e| e.severity().label(lang).chars().count())
        .chain([word("severity_h", lang).chars().count()])
        .max()
        .unwrap_or(8);
    let longest = entries
        .iter()
        .map(|e| e.message().get(lang).chars().count())
        .max()
        .unwrap_or(0);
    let fixed = width + 2 + 10 + 2;
    let show_severity = style
        .width
        .is_none_or(|w| fixed + sev_width + 2 + longest <= w);
    let room = style.width.map(|w| {
        let used = fixed + if show_severity { sev_width + 2 } else { 0 };
        w.saturating_sub(used).max(12)
    });
    let mut out = String::new();
    let mut header = format!(
        "{:<width$}  {:<10}  ",
        word("name", lang),
        word("value_h", lang)
    );
    if show_severity {
        let _ = write!(header, "{:<sev_width$}  ", word("severity_h", lang));
    }
    header.push_str(word("message_h", lang));
    let _ = writeln!(out, "{}", style.dim(&header));
    for e in entries {
        let _ = write!(
            out,
            "{}{}  {}  ",
            style.name(e.name()),
            " ".repeat(width - e.name().chars().count()),
            Hex(e.status().to_u32()),
        );
        if show_severity {
            let sev = e.severity().label(lang);
            let pad = sev_width.saturating_sub(sev.chars().count());
            let _ = write!(
                out,
                "{}{}  ",
                style.severity(e.severity(), sev),
                " ".repeat(pad)
            );
        }
        let message = e.message().get(lang);
        let _ = writeln!(
            out,
            "{}",
            room.map_or_else(|| message.to_string(), |r| shorten(message, r))
        );
    }
    out
}

/// `text` cut to at most `width` characters, ending with `…` when cut.
pub fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}
