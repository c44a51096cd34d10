//! The offline reference page: one file with every code, a ranked search that reads every form the command line
//! reads, deep links (`#SEC_E_TIME_SKEW`, `?q=clock`) and an English/Russian switch.
//!
//! The page loads nothing: its style and script are inlined from `page.css` and `page.js` beside this file, and the
//! neighbouring systems' mappings are embedded as JSON. Every name and text goes through [`esc`]; the JSON goes
//! through [`json_in_script`].

use std::fmt::Write as _;

use secstatus::{Advice, Entry, Hex, Lang, Text};

use crate::human::context_label;
use serde::Serialize;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` escaped, the rest as it is.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JSON that can stand inside `<script type="application/json">`: `<`, `>` and `&` occur only inside strings,
/// where their `\u` escapes mean the same, so no `</script>` or `<!--` can end or change the element.
pub fn json_in_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Interface words in both languages; the page shows the one of its current language.
fn bi(en: &str, ru: &str) -> String {
    format!(
        "<span lang=\"en\">{}</span><span lang=\"ru\">{}</span>",
        esc(en),
        esc(ru)
    )
}

/// Both languages of a catalogue text.
fn bilingual(t: Text) -> String {
    bi(t.get(Lang::En), t.get(Lang::Ru))
}

/// A labelled list of causes or fixes, each with its context and a link to its source; the items are searched with
/// weight 2 (`w2`).
fn list(label: &str, items: &[Advice]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let lis: String = items
        .iter()
        .map(|a| {
            let context = a
                .context()
                .map(|c| {
                    let (en, ru) = (context_label(c, Lang::En), context_label(c, Lang::Ru));
                    format!("<b class=\"ctx\">{}</b> ", bi(&en, &ru))
                })
                .unwrap_or_default();
            let source = match a.source() {
                Some(s) if s.starts_with("http") => format!(
                    " <a class=\"src\" href=\"{}\" rel=\"noreferrer\">{}</a>",
                    esc(s),
                    bi("source", "источник")
                ),
                Some(s) => format!(" <cite class=\"src\">{}</cite>", esc(s)),
                None => String::new(),
            };
            format!(
                "<li class=\"w2\">{context}{}{source}</li>",
                bilingual(a.text())
            )
        })
        .collect();
    format!("<h3>{label}</h3><ul>{lis}</ul>")
}

/// A neighbouring system's status, as the page's search needs it.
#[derive(Serialize)]
struct ForeignRow {
    /// The system (`ntstatus`, `win32`, `hresult`, `gss`, `krb`, `tls`).
    s: &'static str,
    /// Its value in that system.
    v: u32,
    /// Name and aliases.
    n: Vec<&'static str>,
    /// The SSPI codes it maps to, primary first, one-way rows left out.
    m: Vec<&'static str>,
}

fn foreign_rows() -> Vec<ForeignRow> {
    secstatus::foreigns()
        .map(|f| {
            let mut m: Vec<&'static str> = Vec::new();
            for mapping in f.mappings().iter().filter(|m| m.is_equivalent()) {
                if let Some(e) = mapping.status().entry() {
                    if !m.contains(&e.name()) {
                        m.push(e.name());
                    }
                }
            }
            ForeignRow {
                s: f.system().as_str(),
                v: f.value(),
                n: std::iter::once(f.name())
                    .chain(f.aliases().iter().copied())
                    .collect(),
                m,
            }
        })
        .collect()
}

/// The details of one code: next step, who acts, causes, fixes, erratum. Empty when it has none.
fn details(e: &Entry) -> String {
    let mut out = String::new();
    if let Some(next) = e.next_step() {
        let _ = write!(
            out,
            "<p class=\"w1\"><b>{}</b> {}</p>",
            bi("Next step:", "Что дальше:"),
            bilingual(next)
        );
    }
    if let (Some(actor), Some(retry)) = (e.actor(), e.retry()) {
        let _ = write!(
            out,
            "<p><b>{}</b> {}. <b>{}</b> {}.</p>",
            bi("Who acts:", "Кто действует:"),
            bi(actor.label(Lang::En), actor.label(Lang::Ru)),
            bi("Retry:", "Повтор:"),
            bi(retry.label(Lang::En), retry.label(Lang::Ru))
        );
    }
    out.push_str(&list(&bi("Causes", "Причины"), e.causes()));
    out.push_str(&list(&bi("Fixes", "Что делать"), e.fixes()));
    if let Some(erratum) = e.erratum() {
        let _ = write!(
            out,
            "<p class=\"w1\"><b>{}</b> {}</p>",
            bi("Erratum:", "Уточнение:"),
            bilingual(erratum)
        );
    }
    out
}

/// One code's row: a table row on a wide screen, a card on a phone. Its `id` is the canonical name, so that
/// `#NAME` links to it; `data-v` is the unsigned value and `data-a` the aliases, for the search.
fn row(e: &Entry) -> String {
    let s = e.status();
    let name = esc(e.name());
    let aliases: Vec<String> = e.aliases().iter().map(|a| esc(a.name())).collect();
    let alias_line = if aliases.is_empty() {
        String::new()
    } else {
        format!(
            "<small class=\"alias\">= {}</small>",
            aliases
                .iter()
                .map(|a| format!("<code>{a}</code>"))
                .collect::<String>()
        )
    };
    let more = details(e);
    let more = if more.is_empty() {
        String::new()
    } else {
        format!(
            "<button type=\"button\" class=\"more\" aria-expanded=\"false\" aria-controls=\"d-{name}\">{}<span class=\"vh\"> {name}</span></button>\
             <div class=\"details\" id=\"d-{name}\" hidden>{more}</div>",
            bi("details", "подробнее"),
        )
    };
    format!(
        "<tr class=\"{sev}\" id=\"{name}\" data-v=\"{unsigned}\" data-a=\"{alias_attr}\">\
         <th scope=\"row\" class=\"name\"><a class=\"self\" href=\"#{name}\"><code>{name}</code></a>{alias_line}</th>\
         <td class=\"value\"><code>{hex}</code> <small>{signed}</small></td>\
         <td class=\"kind\">{severity}<br><small>{category}</small></td>\
         <td class=\"text\"><p class=\"meaning w4\">{meaning}</p><p class=\"message w4\"><small>{message}</small></p>{more}</td></tr>\n",
        sev = e.severity().as_str(),
        unsigned = s.to_u32(),
        alias_attr = aliases.join(" "),
        hex = Hex(s.to_u32()),
        signed = s.to_i32(),
        severity = bi(e.severity().label(Lang::En), e.severity().label(Lang::Ru)),
        category = bi(e.category().label(Lang::En), e.category().label(Lang::Ru)),
        meaning = bilingual(e.meaning()),
        message = bilingual(e.message()),
    )
}

/// A single page that works offline: a ranked search box, deep links and an English/Russian switch.
pub fn html(entries: &[&Entry], lang: Lang) -> String {
    let rows: String = entries.iter().map(|e| row(e)).collect();
    // The same for every page: made once per process.
    static FOREIGN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let data = FOREIGN.get_or_init(|| {
        json_in_script(&serde_json::to_string(&foreign_rows()).unwrap_or_else(|_| "[]".to_string()))
    });
    format!(
        r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>SSPI status codes · Коды состояния SSPI</title>
<style>
{STYLE}</style>
</head>
<body>
<a class="skip" href="#results">{skip}</a>
<header>
<h1>{title}</h1>
<div class="langs" role="group" aria-label="Language · Язык">
<button id="en" type="button" lang="en" aria-pressed="false">English</button><button id="ru" type="button" lang="ru" aria-pressed="false">Русский</button>
</div>
</header>
<div class="bar" role="search">
<label for="q">{label}</label>
<input id="q" type="search" autocomplete="off" spellcheck="false" placeholder="0x8009030C, LOGON_DENIED, KRB_AP_ERR_SKEW, clock, часы…" aria-describedby="count hint">
<p id="count" role="status" aria-live="polite" aria-atomic="true"></p>
<p id="hint" class="hint">{hint}</p>
</div>
<main id="results" tabindex="-1">
<table>
<caption class="vh">{caption}</caption>
<thead><tr><th scope="col">{h_name}</th><th scope="col">{h_value}</th><th scope="col">{h_severity}</th><th scope="col">{h_text}</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
<p id="none" hidden>{none}</p>
</main>
<script type="application/json" id="foreign">{data}</script>
<script>
{SCRIPT}</script>
</body>
</html>
"##,
        lang = lang.code(),
        skip = bi("Skip to the codes", "К кодам"),
        title = bi("SSPI status codes", "Коды состояния SSPI"),
        label = bi("Search codes", "Поиск кодов"),
        hint = bi(
            "A value in any form, a name, a Kerberos, NTSTATUS, GSS-API or TLS status, or words. / focuses the box, Esc clears it.",
            "Значение в любой форме, имя, статус Kerberos, NTSTATUS, GSS-API или TLS, или слова. / переводит в поле, Esc очищает его."
        ),
        caption = bi("Every SSPI status code", "Все коды состояния SSPI"),
        h_name = bi("Name", "Имя"),
        h_value = bi("Value", "Значение"),
        h_severity = bi("Severity", "Серьёзность"),
        h_text = bi("Meaning and message", "Описание и сообщение"),
        none = bi("No code matches.", "Ни один код не подходит."),
        data = data,
    )
}

#[cfg(test)]
mod tests {
    use super::{esc, json_in_script};

    #[test]
    fn markup_and_script_ends_are_escaped() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let json = serde_json::to_string(&["</script><!--&"]).unwrap();
        let safe = json_in_script(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, ["</script><!--&"]);
    }
}
