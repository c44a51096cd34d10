//! The reference table as Markdown, CSV and a self-contained HTML page.

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
        Lang::Ru => ("Код состояния", "Значение"),
        _ => ("Status code", "Meaning"),
    };
    let mut out = format!("| {code} | {meaning} |\n|---|---|\n");
    for (name, text) in rows(entries, spec_only) {
        let _ = writeln!(out, "| {name} | {} |", text.get(lang).replace('|', "\\|"));
    }
    out
}

fn csv_field(s: &str) -> String {
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

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Both languages of a text, the one not shown hidden by the page's language switch.
fn bilingual(t: Text) -> String {
    bi(t.get(Lang::En), t.get(Lang::Ru))
}

fn list(label: String, items: &[Text]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let lis: String = items
        .iter()
        .map(|&t| format!("<li>{}</li>", bilingual(t)))
        .collect();
    format!("<p><b>{label}</b></p><ul>{lis}</ul>")
}

/// Interface words in both languages.
fn bi(en: &str, ru: &str) -> String {
    format!(
        "<span lang=\"en\">{}</span><span lang=\"ru\">{}</span>",
        esc(en),
        esc(ru)
    )
}

/// A single page that works offline: a search box and an English/Russian switch.
pub fn html(entries: &[&Entry], lang: Lang) -> String {
    let mut rows = String::new();
    for e in entries {
        let s = e.status();
        let aliases: Vec<_> = e.aliases().iter().map(|a| a.name()).collect();
        let mut details = String::new();
        if let Some(next) = e.next_step() {
            let _ = write!(
                details,
                "<p><b>{}</b> {}</p>",
                bi("Next step:", "Что дальше:"),
                bilingual(next)
            );
        }
        if let (Some(actor), Some(retry)) = (e.actor(), e.retry()) {
            let _ = write!(
                details,
                "<p><b>{}</b> {}. <b>{}</b> {}.</p>",
                bi("Who acts:", "Кто действует:"),
                bi(actor.label(Lang::En), actor.label(Lang::Ru)),
                bi("Retry:", "Повтор:"),
                bi(retry.label(Lang::En), retry.label(Lang::Ru))
            );
        }
        details.push_str(&list(bi("Causes", "Причины"), e.causes()));
        details.push_str(&list(bi("Fixes", "Что делать"), e.fixes()));
        if let Some(erratum) = e.erratum() {
            let _ = write!(
                details,
                "<p><b>{}</b> {}</p>",
                bi("Erratum:", "Уточнение:"),
                bilingual(erratum)
            );
        }
        let _ = writeln!(
            rows,
            "<tr class=\"{sev}\"><td><code>{name}</code>{aliases}</td><td><code>{hex}</code><br><small>{signed}</small></td>\
             <td>{severity}<br><small>{category}</small></td><td>{meaning}<br><small>{message}</small>{details}</td></tr>",
            sev = e.severity().as_str(),
            name = e.name(),
            aliases = if aliases.is_empty() { String::new() } else { format!("<br><small>= {}</small>", aliases.join(", ")) },
            hex = Hex(s.to_u32()),
            signed = s.to_i32(),
            severity = bi(e.severity().label(Lang::En), e.severity().label(Lang::Ru)),
            category = bi(e.category().label(Lang::En), e.category().label(Lang::Ru)),
            meaning = bilingual(e.meaning()),
            message = bilingual(e.message()),
            details = if details.is_empty() { String::new() } else { format!("<details><summary>…</summary>{details}</details>") },
        );
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SSPI status codes · Коды состояния SSPI</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}}
header{{display:flex;gap:1em;align-items:center;flex-wrap:wrap}}
input{{font:inherit;padding:.3em .5em;min-width:20em}}
button{{font:inherit}} button[aria-pressed=true]{{font-weight:bold}}
table{{border-collapse:collapse;width:100%;margin-top:1em}}
td,th{{border-bottom:1px solid #ddd;padding:.4em;vertical-align:top;text-align:left}}
tr.error code{{color:#a00}} tr.informational code{{color:#960}} tr.success code{{color:#070}}
small{{color:#666}}
html[lang=en] [lang=ru],html[lang=ru] [lang=en]{{display:none}}
</style>
</head>
<body>
<header>
<h1><span lang="en">SSPI status codes</span><span lang="ru">Коды состояния SSPI</span></h1>
<input id="q" type="search" autofocus placeholder="0x8009030C, LOGON_DENIED, clock, часы…">
<button id="en" type="button">English</button><button id="ru" type="button">Русский</button>
<span id="count"></span>
</header>
<table>
<thead><tr><th><span lang="en">Name</span><span lang="ru">Имя</span></th><th><span lang="en">Value</span><span lang="ru">Значение</span></th><th><span lang="en">Severity</span><span lang="ru">Важность</span></th><th><span lang="en">Meaning and message</span><span lang="ru">Описание и сообщение</span></th></tr></thead>
<tbody>
{rows}</tbody>
</table>
<script>
const q=document.getElementById('q'),rows=[...document.querySelectorAll('tbody tr')],count=document.getElementById('count');
function setLang(l){{document.documentElement.lang=l;for(const b of ['en','ru'])document.getElementById(b).setAttribute('aria-pressed',b===l);}}
function filter(){{
  let words=q.value.toLowerCase().split(/\s+/).filter(Boolean),n=0;
  for(const r of rows){{
    const t=r.textContent.toLowerCase(),ok=words.every(w=>t.includes(w));
    r.hidden=!ok;n+=ok;
  }}
  count.textContent=n+' / '+rows.length;
}}
document.getElementById('en').onclick=()=>setLang('en');
document.getElementById('ru').onclick=()=>setLang('ru');
q.oninput=filter;setLang('{lang}');filter();
</script>
</body>
</html>
"#,
        lang = lang.code(),
    )
}
