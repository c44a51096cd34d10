//! `secstatus annotate` driven directly, over a reader that hands the input out in chunks of fuzzed sizes.
//!
//! Input layout: byte 0 holds the number of chunk sizes (low 3 bits, plus one), the language (bit 3), whether the
//! reader fails at the end instead of returning 0 (bit 4) and whether it interrupts every other read (bit 5); the
//! sizes follow, one byte each (0: as much as the buffer takes); the rest is the data.
//!
//! Checks: the default output minus its `  [secstatus: …]` annotations is the input, byte for byte, a line gets an
//! annotation exactly when it holds a code, and an annotation has no control character; `--json` output is one
//! valid JSON object per line, free of raw control characters, one per code the scanner finds, whose `offset`,
//! `line`, `column` and `text` point at that code in the input; `--summary --json` is valid JSON whose counts add
//! up to the codes found plus the LDAP sub-codes the tables name; and the chunk sizes never change any of it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secstatus::stream::StreamError;
use secstatus::Lang;
use secstatus_cli::testkit::{self, Chunked, Mode};
use serde_json::Value;

/// A path with everything JSON must escape.
const PATH: &str = "dir/\"quoted\"\\\u{1b}[31m\u{9b}\u{7f}\tlog";

struct Setup<'a> {
    data: &'a [u8],
    sizes: &'a [u8],
    lang: Lang,
    fail_at_end: bool,
    interrupt: bool,
}

fn run(s: &Setup, mode: Mode, whole: bool) -> Vec<u8> {
    let sizes = if whole {
        Vec::new()
    } else {
        s.sizes.iter().map(|&b| usize::from(b)).collect()
    };
    let mut reader = Chunked::new(s.data, sizes);
    reader.fail_at_end = s.fail_at_end && !whole;
    reader.interrupt = s.interrupt && !whole;
    let (out, result) = testkit::annotate(&mut reader, PATH, mode, s.lang);
    match result {
        Ok(()) => assert!(!reader.fail_at_end || whole),
        Err(StreamError::Read(e)) => assert!(reader.fail_at_end, "unexpected read error {e}"),
        Err(StreamError::Sink(e)) => panic!("writing to a Vec failed: {e}"),
    }
    out
}

const MARK: &[u8] = b"  [secstatus: ";

fn has_control(b: &[u8]) -> bool {
    b.iter().any(|&c| c < 0x20 || c == 0x7f)
        || String::from_utf8_lossy(b).chars().any(char::is_control)
}

/// Default mode: every output line is its input line, with an annotation before the terminator when, and only
/// when, the line holds a code, and no annotation holds a control character or invalid UTF-8.
fn check_annotate(data: &[u8], out: &[u8]) {
    let (stripped, notes) =
        testkit::annotations(data, out, MARK, b"]").unwrap_or_else(|why| panic!("{why}"));
    for note in notes {
        assert!(std::str::from_utf8(note).is_ok(), "annotation is not UTF-8");
        assert!(
            !has_control(note),
            "control character in annotation {:?}",
            String::from_utf8_lossy(note)
        );
    }
    assert!(
        stripped == data,
        "output minus annotations is not the input"
    );
}

/// JSON Lines: one valid object per code, pointing at it.
fn check_json(data: &[u8], out: &[u8]) {
    let text = std::str::from_utf8(out).expect("JSON output is UTF-8");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "JSON output does not end with a newline"
    );
    let found: Vec<_> = secstatus::find_codes(data).collect();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), found.len(), "one JSON line per code");
    for (line, f) in lines.iter().zip(&found) {
        assert!(
            !line.chars().any(char::is_control),
            "raw control character in {line:?}"
        );
        let v: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("invalid JSON ({e}): {line:?}"));
        assert!(v.is_object(), "not an object: {line:?}");
        let get = |k: &str| v.get(k).unwrap_or_else(|| panic!("no {k} in {line:?}"));
        assert_eq!(get("path").as_str(), Some(PATH));
        let offset = get("offset").as_u64().expect("offset") as usize;
        assert_eq!(offset, f.start, "{line}");
        let t = get("text").as_str().expect("text");
        assert_eq!(t.as_bytes(), &data[f.start..f.end], "{line}");
        let before = &data[..offset];
        let line_no = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        assert_eq!(get("line").as_u64(), Some(line_no), "{line}");
        assert_eq!(
            get("column").as_u64(),
            Some((offset - line_start) as u64 + 1),
            "{line}"
        );
        assert_eq!(get("name").as_str(), Some(f.code.name()), "{line}");
        assert_eq!(get("form").as_str(), Some(f.form.as_str()), "{line}");
        let value = format!("0x{:08X}", f.code.value());
        assert_eq!(get("value").as_str(), Some(&value[..]), "{line}");
    }
}

fn check_summary(data: &[u8], out: &[u8]) {
    let text = std::str::from_utf8(out).expect("summary is UTF-8");
    assert!(
        !text.trim_end().chars().any(char::is_control),
        "raw control character in {text:?}"
    );
    let v: Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("invalid summary JSON ({e}): {text:?}"));
    let Value::Array(items) = v else {
        panic!("summary is not an array: {text:?}")
    };
    // Every code once, and besides, every LDAP `data` sub-code the tables name.
    let count = |ldap: bool| -> u64 {
        items
            .iter()
            .filter(|i| i.get("ldap_data").is_some() == ldap)
            .map(|i| i.get("count").and_then(Value::as_u64).expect("count"))
            .sum()
    };
    let found: Vec<_> = secstatus::find_codes(data).collect();
    let sub_codes = found
        .iter()
        .filter_map(|f| secstatus::ldap_data(&data[f.end..]))
        .filter(|&d| secstatus::ldap_sub_code(d).is_some())
        .count();
    assert_eq!(count(false), found.len() as u64, "{text}");
    assert_eq!(count(true), sub_codes as u64, "{text}");
}

fuzz_target!(|input: &[u8]| {
    let Some((&head, rest)) = input.split_first() else {
        return;
    };
    let n = usize::from(head & 7) + 1;
    if rest.len() < n {
        return;
    }
    let (sizes, data) = rest.split_at(n);
    let s = Setup {
        data,
        sizes,
        lang: if head & 8 != 0 { Lang::Ru } else { Lang::En },
        fail_at_end: head & 16 != 0,
        interrupt: head & 32 != 0,
    };
    for mode in [Mode::Annotate, Mode::Json, Mode::Summary { json: true }] {
        let out = run(&s, mode, false);
        assert!(
            out == run(&s, mode, true),
            "chunk sizes changed the {mode:?} output"
        );
        match mode {
            Mode::Annotate => check_annotate(data, &out),
            Mode::Json => check_json(data, &out),
            _ => check_summary(data, &out),
        }
    }
});
