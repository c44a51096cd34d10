//! Properties that must hold for every input, checked with proptest.
//!
//! - Every `i32` survives `SecStatus`'s `Display` and a parse of the number it prints.
//! - Name lookup ignores case, for every name the catalogue knows.
//! - `annotate`'s default output minus its `  [secstatus: …]` annotations is its input, for any bytes and any
//!   read sizes, and a line is annotated exactly when it holds a code.
//! - `annotate --json` prints one valid JSON object per code for any input bytes (invalid UTF-8 and control
//!   characters on the matched line included), with no raw control character, pointing at the code.
//!
//! annotate's outputs are driven directly (`secstatus_cli::testkit::annotate`), through a reader that hands out its
//! data in chunks of random sizes, as pipes do. JSON is parsed with `serde_json`, which is strict: no raw control
//! characters in strings, no trailing commas, nothing after the value.

use proptest::prelude::*;
use proptest::test_runner::Config;
use secstatus::{lookup_name, names, Lang, SecStatus};
use secstatus_cli::testkit::{self, Chunked, Mode};
use serde_json::Value;

fn config(cases: u32) -> Config {
    Config {
        cases,
        // No proptest-regressions files beside the tests; a failure prints its minimal input.
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Display and parse.

/// The number in `Display`'s output: `0x80091234`, or the `0x…` inside `NAME (0x8009030C)`.
fn displayed_number(shown: &str) -> &str {
    match shown.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((_, number)) => number,
        None => shown,
    }
}

/// Values worth sampling more often than `any::<i32>()` would: the catalogue and the edges of every range.
fn interesting_i32() -> impl Strategy<Value = i32> {
    let catalogue: Vec<i32> = secstatus::entries().map(|e| e.status().to_i32()).collect();
    prop_oneof![
        4 => any::<i32>(),
        2 => proptest::sample::select(catalogue),
        1 => proptest::sample::select(vec![0, 1, -1, i32::MIN, i32::MAX, 0x0009_0312, 0x8009_0000_u32 as i32,
                                           0xC000_006D_u32 as i32, 0x8007_0005_u32 as i32, 9_999_999, 10_000_000,
                                           99_999_999, 100_000_000]),
        1 => (0u32..=0xFFFF).prop_map(|low| (0x8009_0000 | low) as i32),
    ]
}

#[test]
fn display_number_extraction() {
    assert_eq!(
        displayed_number("SEC_E_LOGON_DENIED (0x8009030C)"),
        "0x8009030C"
    );
    assert_eq!(displayed_number("0x80091234"), "0x80091234");
}

proptest! {
    #![proptest_config(config(4096))]

    #[test]
    fn every_i32_survives_display_then_parse(value in interesting_i32()) {
        let status = SecStatus::from_i32(value);
        let shown = status.to_string();
        let number = displayed_number(&shown);
        prop_assert!(number.starts_with("0x") && number.len() == 10, "{}", shown);
        prop_assert_eq!(number.parse::<SecStatus>(), Ok(status), "{}", shown);
        prop_assert_eq!(number.parse::<SecStatus>().map(SecStatus::to_i32), Ok(value));
        // A known value's name parses back to it too, and an unknown one has no name in the output.
        match status.name() {
            Some(name) => {
                prop_assert_eq!(shown.clone(), format!("{name} ({number})"));
                prop_assert_eq!(name.parse::<SecStatus>(), Ok(status));
            }
            None => prop_assert_eq!(shown.as_str(), number),
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Names in any case.

/// `name` with each ASCII letter's case flipped where `mask` (cycled) has a 1 bit.
fn recase(name: &str, mask: u64) -> String {
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 {
                if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn name_lookup_ignores_case(masks in proptest::collection::vec(any::<u64>(), names().len())) {
        for ((name, entry), mask) in names().zip(masks) {
            let text = recase(name, mask);
            let found = lookup_name(&text);
            prop_assert!(found.is_some_and(|e| std::ptr::eq(e, entry)), "{} as {:?}: {:?}", name, text, found.map(|e| e.name()));
            prop_assert_eq!(text.parse::<SecStatus>(), Ok(entry.status()), "{:?}", text);
            // Markdown's escaped underscores, in any case too.
            let escaped = text.replace('_', "\\_");
            prop_assert!(lookup_name(&escaped).is_some_and(|e| std::ptr::eq(e, entry)), "{:?}", escaped);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// annotate, driven directly.

fn annotate(data: &[u8], sizes: &[usize], mode: Mode, lang: Lang) -> Vec<u8> {
    // A size of 0 would mean "as much as asked for"; these tests mean at least one byte.
    let sizes = sizes.iter().map(|&s| s.max(1)).collect();
    let (out, result) = testkit::annotate(&mut Chunked::new(data, sizes), "-", mode, lang);
    result.expect("reading and writing memory");
    out
}

const MARK: &[u8] = b"  [secstatus: ";

/// Control characters as a terminal sees them: C0, DEL, and C1 (raw or UTF-8 encoded).
fn control_in(bytes: &[u8]) -> Option<char> {
    if let Some(&b) = bytes.iter().find(|&&b| b < 0x20 || b == 0x7f) {
        return Some(char::from(b));
    }
    String::from_utf8_lossy(bytes)
        .chars()
        .find(|c| c.is_control())
}

/// `out` minus the annotations, checking each on the way: every output line is its input line, with one
/// annotation inserted just before the terminator (`\r\n`, `\n`, or the end) when, and only when, the input line
/// holds a code, and no annotation holds a control character or invalid UTF-8. Returns a description of the first
/// discrepancy.
fn strip_annotations(input: &[u8], out: &[u8]) -> Result<Vec<u8>, String> {
    let (stripped, notes) = testkit::annotations(input, out, MARK, b"]")?;
    for note in notes {
        if std::str::from_utf8(note).is_err() {
            return Err(format!("an annotation is not UTF-8: {:?}", lossy(note)));
        }
        if let Some(c) = control_in(note) {
            return Err(format!(
                "control character {c:?} in the annotation {:?}",
                lossy(note)
            ));
        }
    }
    Ok(stripped)
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Codes in every form the scanner knows, and texts that look like codes but are not.
const CODES: &[&str] = &[
    "0x80090308",
    "0X8009030c",
    "0x90312",
    "0x00090312",
    "80090308",
    "8009030C",
    "00090312",
    "-2146893044",
    "2148074252",
    "SEC_E_LOGON_DENIED",
    "sec_e_time_skew",
    "SEC_I_CONTINUE_NEEDED",
    "SEC_E_OK",
    "SEC_E_NO_SPM",
    "SEC_I_INVALID_SESSION_STATE",
    "0xC000006D",
    "0xc000006a",
    "0x800903080",
    "80090308abc",
    "0x8009030",
    "-2148074252",
    "12148074252",
    "SEC_E_OKAY",
    "_SEC_E_OK",
];

/// Bytes that make trouble: terminal escapes, C1 controls raw and encoded, NUL, CR, invalid and truncated UTF-8.
const HOSTILE: &[&[u8]] = &[
    b"\x1b[31m",
    b"\x1b]0;title\x07",
    b"\x1b[2J\x1b[H",
    b"\x9b31m",
    "\u{9b}".as_bytes(),
    "\u{85}".as_bytes(),
    b"\x00",
    b"\r",
    b"\x08\x7f",
    b"\xff\xfe",
    b"\xc3",
    b"\xe2\x80",
    "\u{202e}".as_bytes(),
    "Ошибка".as_bytes(),
    b"  [secstatus: not ours]",
    b"-",
    b"\t",
];

const LDAP: &str =
    ": LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580";

/// Byte strings built from arbitrary bytes, codes, hostile bytes and line ends.
fn log_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => proptest::collection::vec(any::<u8>(), 0..24),
        3 => proptest::sample::select(CODES).prop_map(|c| c.as_bytes().to_vec()),
        2 => proptest::sample::select(HOSTILE).prop_map(<[u8]>::to_vec),
        1 => Just(LDAP.as_bytes().to_vec()),
        2 => Just(b" ".to_vec()),
        1 => Just(b"\r\n".to_vec()),
        2 => Just(b"\n".to_vec()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

/// Any bytes at all, or log-like ones.
fn any_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![proptest::collection::vec(any::<u8>(), 0..3000), log_like(),]
}

/// Read sizes: small ones (codes cut at every place), with now and then a read of whatever fits.
fn read_sizes() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(
        prop_oneof![6 => 1usize..64, 1 => 64usize..5000, 1 => Just(usize::MAX)],
        1..8,
    )
}

fn any_lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::En), Just(Lang::Ru)]
}

#[test]
fn strip_annotations_rejects_what_it_must() {
    let out = annotate(b"a 0x80090308\r\nb\n", &[3], Mode::Annotate, Lang::En);
    assert_eq!(
        strip_annotations(b"a 0x80090308\r\nb\n", &out).unwrap(),
        b"a 0x80090308\r\nb\n"
    );
    // A code left unannotated, an annotation without a code, a changed byte: all caught.
    assert!(strip_annotations(b"a 0x80090308\n", b"a 0x80090308\n").is_err());
    assert!(strip_annotations(b"a\n", b"a  [secstatus: X]\n").is_err());
    assert!(strip_annotations(b"a 0x80090308\n", b"b 0x80090308  [secstatus: X]\n").is_err());
    assert!(
        strip_annotations(b"a 0x80090308\n", b"a 0x80090308  [secstatus: \x1b[31mX]\n").is_err()
    );
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn annotate_output_minus_annotations_is_the_input(data in any_input(), sizes in read_sizes(), lang in any_lang()) {
        let out = annotate(&data, &sizes, Mode::Annotate, lang);
        match strip_annotations(&data, &out) {
            Ok(stripped) => prop_assert!(stripped == data, "stripped output differs from the input"),
            Err(why) => prop_assert!(false, "{}\ninput:  {:?}\noutput: {:?}", why, lossy(&data), lossy(&out)),
        }
    }

    #[test]
    fn annotate_json_is_valid_json_for_any_bytes(data in any_input(), sizes in read_sizes()) {
        check_json_lines(&data, &annotate(&data, &sizes, Mode::Json, Lang::En))?;
    }

    /// Lines that certainly hold a code, surrounded by invalid UTF-8 and control characters.
    #[test]
    fn annotate_json_survives_invalid_utf8_on_matched_lines(
        lines in proptest::collection::vec(
            (proptest::collection::vec(any::<u8>(), 0..16),
             proptest::sample::select(HOSTILE),
             proptest::sample::select(&CODES[..17]),
             proptest::sample::select(HOSTILE),
             proptest::collection::vec(128u8..=255, 0..8),
             any::<bool>()),
            1..12),
        sizes in read_sizes(),
    ) {
        let mut data = Vec::new();
        for (junk, before, code, after, high, ldap) in &lines {
            data.extend_from_slice(junk);
            data.extend_from_slice(before);
            data.push(b' ');
            data.extend_from_slice(code.as_bytes());
            if *ldap {
                data.extend_from_slice(LDAP.as_bytes());
            }
            data.push(b' ');
            data.extend_from_slice(after);
            data.extend_from_slice(high);
            data.push(b'\n');
        }
        let out = annotate(&data, &sizes, Mode::Json, Lang::En);
        prop_assert!(out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count() >= lines.len());
        check_json_lines(&data, &out)?;
    }
}

#[test]
fn check_json_lines_rejects_what_it_must() {
    let data = b"x 0x80090308\n";
    let out = String::from_utf8(annotate(data, &[5], Mode::Json, Lang::En)).unwrap();
    assert!(check_json_lines(data, out.as_bytes()).is_ok(), "{out}");
    let name = "\"name\":\"SEC_E_INVALID_TOKEN\"";
    assert!(out.contains(name), "{out}");
    let spoiled = |with: &str| out.replacen(name, with, 1);
    // Raw control characters (C0, DEL, C1 encoded in UTF-8) in a string: caught on the raw bytes.
    for c in ['\u{1b}', '\u{7f}', '\u{9b}', '\t'] {
        let bad = spoiled(&format!("\"name\":\"SEC_E_INVALID_TOKEN{c}\""));
        let why = check_json_lines(data, bad.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(why.contains("raw control character"), "{c:?}: {why}");
    }
    // Not JSON, not an object, or garbage after the value: caught by the parser.
    for bad in [
        out.replacen('}', ",}", 1),
        out.replacen('}', "}}", 1),
        out.replacen(name, "\"name\":'SEC_E_INVALID_TOKEN'", 1),
        "[1]\n".to_string(),
    ] {
        assert!(check_json_lines(data, bad.as_bytes()).is_err(), "{bad}");
    }
}

/// Every output line is one valid JSON object, free of raw control characters, for one code the scanner finds in
/// the input, in order; its `offset`, `line`, `column` and `text` point at that code.
fn check_json_lines(data: &[u8], out: &[u8]) -> Result<(), TestCaseError> {
    let text = match std::str::from_utf8(out) {
        Ok(t) => t,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "JSON output is not UTF-8: {e}"
            )))
        }
    };
    prop_assert!(
        text.is_empty() || text.ends_with('\n'),
        "output does not end with a newline"
    );
    let found: Vec<_> = secstatus::scan(data).collect();
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    prop_assert_eq!(
        lines.len(),
        found.len(),
        "one JSON line per code the scanner finds"
    );
    for (line, f) in lines.iter().zip(&found) {
        if let Some(c) = control_in(line.as_bytes()) {
            prop_assert!(false, "raw control character {:?} in {:?}", c, line);
        }
        let v = match serde_json::from_str::<Value>(line) {
            Ok(v) => v,
            Err(e) => return Err(TestCaseError::fail(format!("invalid JSON ({e}): {line:?}"))),
        };
        prop_assert!(v.is_object(), "not an object: {}", line);
        let num = |k: &str| v.get(k).and_then(Value::as_u64);
        let offset = num("offset").unwrap_or(u64::MAX) as usize;
        prop_assert_eq!(offset, f.start, "{}", line);
        let before = &data[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        prop_assert_eq!(
            num("line"),
            Some(before.iter().filter(|&&b| b == b'\n').count() as u64 + 1),
            "{}",
            line
        );
        prop_assert_eq!(
            num("column"),
            Some((offset - line_start) as u64 + 1),
            "{}",
            line
        );
        prop_assert_eq!(
            v.get("text").and_then(Value::as_str).map(str::as_bytes),
            Some(&data[f.start..f.end]),
            "{}",
            line
        );
        prop_assert_eq!(v.get("path").and_then(Value::as_str), Some("-"), "{}", line);
        prop_assert_eq!(
            v.get("form").and_then(Value::as_str),
            Some(f.form.as_str()),
            "{}",
            line
        );
    }
    Ok(())
}
