//! `secstatus annotate` on Windows event logs, driven directly: arbitrary bytes through the whole .evtx path (the
//! `evtx` crate's chunk and record parsing, each record's XML, the event fields, the codes, every output), and
//! through the event XML path when the input starts with `<`.
//!
//! Input layout: the data itself. Bytes that do not start with the `ElfFile\0` signature get a file header of
//! 4096 bytes (the signature, then zeros) in front, so that they are read as chunks.
//!
//! Checks: nothing panics or hangs; every event line is one line of valid UTF-8 with no control character (the
//! fields are escaped); every JSON object is valid, free of raw control characters, and its codes agree with the
//! codes read from the event; a record read from its template gives the event its XML gives; the summary's
//! counts add up to the failure codes of the events; chunks walked by our reader on one thread and by the `evtx`
//! crate on several give the same events and problems in the same order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secstatus::Lang;
use secstatus_cli::annotate::events::{self, Event};
use secstatus_cli::annotate::{evtx, template};
use secstatus_cli::human::Style;
use serde_json::Value;

fn check(event: &Event, summary: &mut events::Summary, failures: &mut u64) {
    let codes = events::codes(event, Lang::En);
    *failures += codes.iter().filter(|c| c.failure).count() as u64;
    for lang in [Lang::En, Lang::Ru] {
        let line = events::line(event, &events::codes(event, lang), lang, Style::PLAIN);
        assert!(
            !line.chars().any(char::is_control),
            "control character in {line:?}"
        );
    }
    let mut out = Vec::new();
    events::write_json(&mut out, "p", event, &codes);
    let text = std::str::from_utf8(&out).expect("JSON is UTF-8");
    assert!(
        text.ends_with('\n') && text.lines().count() == 1,
        "{text:?}"
    );
    assert!(!text.trim_end().chars().any(char::is_control), "{text:?}");
    let v: Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}): {text:?}"));
    let json_codes = v["codes"].as_array().expect("codes");
    assert_eq!(json_codes.len(), codes.len());
    for (j, c) in json_codes.iter().zip(&codes) {
        assert_eq!(j["field"].as_str(), Some(c.field.as_str()));
        assert_eq!(j["failure"].as_bool(), Some(c.failure));
    }
    summary.add(event, &codes);
}

fuzz_target!(|data: &[u8]| {
    let mut summary = events::Summary::default();
    let mut failures = 0u64;
    if data.first() == Some(&b'<') {
        evtx::read_xml(
            &mut &data[..],
            &mut |e: &Event| {
                check(e, &mut summary, &mut failures);
                Ok(())
            },
            &mut |p: evtx::Problem| {
                assert!(!p.text(Lang::En).is_empty() && !p.text(Lang::Ru).is_empty());
            },
        )
        .expect("no write error");
    } else {
        let mut input = Vec::with_capacity(data.len() + 4096);
        if !data.starts_with(evtx::MAGIC) {
            input.extend_from_slice(evtx::MAGIC);
            input.resize(4096, 0);
        }
        input.extend_from_slice(data);
        // A record read from its template is the event its XML says.
        let compared = template::compare(&input);
        assert!(compared.differ.is_empty(), "{compared:?}");
        // Our walk on one thread and the crate's on three hand on the same events and problems, in order.
        let read =
            |threads, walk, checked: bool, summary: &mut events::Summary, failures: &mut u64| {
                let (mut seen, mut reported) = (Vec::new(), Vec::new());
                evtx::read_evtx_walked(
                    &mut &input[..],
                    threads,
                    walk,
                    &mut |e: &Event| {
                        if checked {
                            check(e, summary, failures);
                        }
                        seen.push(e.clone());
                        Ok(())
                    },
                    &mut |p: evtx::Problem| {
                        let (en, ru) = (p.text(Lang::En), p.text(Lang::Ru));
                        assert!(!en.is_empty() && !ru.is_empty());
                        reported.push(en);
                    },
                )
                .expect("no write error");
                (seen, reported)
            };
        let ours = read(1, evtx::Walk::Own, true, &mut summary, &mut failures);
        let crates = read(
            3,
            evtx::Walk::Crate,
            false,
            &mut events::Summary::default(),
            &mut 0,
        );
        assert!(ours == crates, "our walk and the crate's disagree");
    }
    let mut out = Vec::new();
    summary
        .write(&mut out, secstatus_cli::annotate::summary::Format::Json)
        .expect("writing to a Vec");
    let v: Value = serde_json::from_slice(&out).expect("summary JSON");
    let counted: u64 = v
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| r["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(counted, failures, "summary counts");
});
