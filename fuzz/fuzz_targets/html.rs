//! The HTML export: `secstatus list --format html` for any selection of the catalogue in either language, and its
//! two escapes fed arbitrary text.
//!
//! Input layout: byte 0 picks the language (its low bit) and whether to build the page (the next bit: the page
//! takes milliseconds, the escapes microseconds), the next 12 bytes pick the entries (one bit each, in catalogue
//! order; the first `MAX_ROWS` of them, since each row is made from its entry alone and a small page runs many
//! times faster: the whole catalogue's page is the unit and browser tests'), the rest is text for the escapes.
//!
//! Checks: nothing panics. The escaped text holds no `<`, `>`, `"` or `'` and every `&` starts one of the five
//! escapes, and unescaping gives the text back; the JSON made safe for a script element still parses to the same
//! value and holds no `<`, `>` or `&`. The page is well formed: every element the page opens is closed in order
//! (void elements aside), no text or attribute holds a raw `<`, the page has a row per entry chosen, in order and
//! named by its id, plus the header row, and the embedded JSON parses.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secstatus::{Entry, Lang};
use secstatus_cli::export::{esc, html, json_in_script};
use serde_json::Value;

/// `esc` undone.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn check_escape(text: &str) {
    let e = esc(text);
    assert!(!e.contains(['<', '>', '"', '\'']), "{e:?}");
    for (at, _) in e.match_indices('&') {
        let rest = &e[at..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|x| rest.starts_with(x)),
            "{e:?}"
        );
    }
    assert_eq!(unescape(&e), text);
    let json = serde_json::to_string(text).expect("a string serialises");
    let safe = json_in_script(&json);
    assert!(!safe.contains(['<', '>', '&']), "{safe:?}");
    let back: Value = serde_json::from_str(&safe).expect("still JSON");
    assert_eq!(back.as_str(), Some(text));
}

/// The most entries one page holds here.
const MAX_ROWS: usize = 8;

/// Elements without an end tag.
const VOID: &[&str] = &["meta", "input", "br", "img", "link", "hr", "wbr"];

/// Checks that the elements nest, and returns the text of the `<script type="application/json">` element.
fn check_page(page: &str) -> String {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = page;
    let mut json = None;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(r) = rest.strip_prefix("!DOCTYPE") {
            rest = &r[r.find('>').expect("doctype ends") + 1..];
            continue;
        }
        let gt = rest.find('>').expect("a tag ends");
        let tag = &rest[..gt];
        assert!(!tag.contains('<'), "raw < in a tag: {tag:?}");
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "closing {name}");
            continue;
        }
        let name = tag.split([' ', '\n']).next().unwrap_or_default();
        if VOID.contains(&name) {
            continue;
        }
        open.push(name);
        // A script's and a style's content is not markup: skip to its end tag.
        if name == "script" || name == "style" {
            let end = format!("</{name}>");
            let at = rest.find(&end).expect("the element ends");
            if tag.contains("application/json") {
                json = Some(rest[..at].to_string());
            }
            rest = &rest[at + end.len()..];
            open.pop();
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
    json.expect("the embedded JSON")
}

fuzz_target!(|data: &[u8]| {
    let lang = if data.first().is_some_and(|b| b & 1 == 1) {
        Lang::Ru
    } else {
        Lang::En
    };
    let bits = data.get(1..13).unwrap_or_default();
    let chosen: Vec<&Entry> = secstatus::entries()
        .enumerate()
        .filter(|(i, _)| bits.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1))
        .map(|(_, e)| e)
        .take(MAX_ROWS)
        .collect();
    if let Some(text) = data.get(13..) {
        check_escape(&String::from_utf8_lossy(text));
    }
    if data.first().is_none_or(|b| b & 2 == 0) {
        return;
    }
    let page = html(&chosen, lang);
    let json = check_page(&page);
    // The embedded JSON is the same on every page: parsed once, then compared.
    static FOREIGN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let first = FOREIGN.get_or_init(|| {
        let _: Value = serde_json::from_str(&json).expect("the embedded JSON parses");
        json.clone()
    });
    assert!(*first == json, "the embedded JSON changed");
    // The rows after the header, each `<tr class=".." id="NAME" ...>`, are the entries chosen, in order.
    let ids: Vec<&str> = page
        .split("<tr class=")
        .skip(1)
        .map(|row| {
            let id = &row[row.find(" id=\"").expect("a row id") + 5..];
            &id[..id.find('"').expect("the id ends")]
        })
        .collect();
    let names: Vec<String> = chosen.iter().map(|e| esc(e.name())).collect();
    assert_eq!(ids, names);
    assert_eq!(page.matches("<tr").count(), chosen.len() + 1);
});
