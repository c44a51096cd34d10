//! The evaluation corpus (`tests/fixtures/corpus/lines.tsv`: real lines from public threads and documentation, each
//! with the codes a correct tool must find, decided from the definitions): what `annotate` and `lookup` of the
//! pasted line find, per system. Prints recall and false positives; fails on any false positive, since an
//! explanation of something that is not a code is worse than silence.

use std::collections::BTreeMap;

use secstatus::Lang;
use secstatus_cli::answer::{Answer, Via};
use secstatus_cli::testkit::{self, Chunked, Mode};

const CORPUS: &str = include_str!("../fixtures/corpus/lines.tsv");

struct Row<'a> {
    id: &'a str,
    line: &'a str,
    expected: Vec<(String, String)>,
}

fn rows() -> Vec<Row<'static>> {
    CORPUS
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "a corpus row has five fields: {l}");
            let expected = f[3]
                .split(';')
                .filter(|c| !c.is_empty())
                .map(|c| {
                    let (system, name) = c.split_once(':').expect("system:NAME");
                    (system.to_string(), name.to_string())
                })
                .collect();
            Row {
                id: f[0],
                line: f[2],
                expected,
            }
        })
        .collect()
}

/// The codes annotate reports for one line, as `(system, name)`: each occurrence's own system and name, and an
/// LDAP `data` sub-code as the Win32 error it is.
fn annotated(line: &str) -> Vec<(String, String)> {
    let input = format!("{line}\n");
    let (out, result) = testkit::annotate(
        &mut Chunked::new(input.as_bytes(), Vec::new()),
        "-",
        Mode::Json,
        Lang::En,
    );
    result.expect("reading memory");
    let mut found = Vec::new();
    for object in String::from_utf8(out).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(object).unwrap();
        found.push((
            v["system"].as_str().unwrap().to_string(),
            v["name"].as_str().unwrap().to_string(),
        ));
        if let Some(name) = v["ldap"]["name"].as_str() {
            found.push(("win32".to_string(), name.to_string()));
        }
    }
    found
}

/// The codes lookup of the pasted line names: the SSPI codes it reads (not those it reaches through a mapping),
/// the neighbouring statuses and the Windows error codes (each value once, its names joined by `|`).
fn looked_up(line: &str) -> Vec<(String, String)> {
    let answer = Answer::resolve(line, None);
    let sspi = answer
        .matches
        .iter()
        .filter(|m| m.via != Via::Mapped)
        .map(|m| ("sspi".to_string(), m.entry.name().to_string()));
    let foreign = answer
        .foreign
        .iter()
        .map(|f| (f.system().as_str().to_string(), f.name().to_string()));
    let errors = answer.errors.iter().map(|hit| {
        let names: Vec<&str> = hit.rows.iter().map(|e| e.name()).collect();
        (hit.rows[0].system().as_str().to_string(), names.join("|"))
    });
    sspi.chain(foreign).chain(errors).collect()
}

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    false_positives: usize,
}

/// Whether `found` (one name, or a value's names joined by `|`) names `expected`.
fn names(found: &str, expected: &str) -> bool {
    found.split('|').any(|n| n.eq_ignore_ascii_case(expected))
}

/// Per system: codes expected, found, and reported but not expected; plus the false positives themselves.
fn measure(find: impl Fn(&str) -> Vec<(String, String)>) -> (BTreeMap<String, Tally>, Vec<String>) {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut wrong = Vec::new();
    for row in rows() {
        let mut got = find(row.line);
        got.sort();
        got.dedup();
        for (system, name) in &row.expected {
            let t = tallies.entry(system.clone()).or_default();
            t.expected += 1;
            if got.iter().any(|(s, n)| s == system && names(n, name)) {
                t.found += 1;
            }
        }
        for (system, name) in &got {
            let expected = row
                .expected
                .iter()
                .any(|(s, n)| s == system && names(name, n));
            if !expected {
                tallies.entry(system.clone()).or_default().false_positives += 1;
                wrong.push(format!("{}: {system}:{name}", row.id));
            }
        }
    }
    (tallies, wrong)
}

fn report(what: &str, tallies: &BTreeMap<String, Tally>) -> String {
    let mut out = format!("{what}: system, codes found / expected, false positives\n");
    let (mut found, mut expected, mut fp) = (0, 0, 0);
    for (system, t) in tallies {
        out.push_str(&format!(
            "  {system:<9} {:>3} / {:>3}  {:>2}\n",
            t.found, t.expected, t.false_positives
        ));
        found += t.found;
        expected += t.expected;
        fp += t.false_positives;
    }
    out.push_str(&format!(
        "  all       {found:>3} / {expected:>3}  {fp:>2}  ({:.0}% recall)\n",
        100.0 * found as f64 / expected.max(1) as f64
    ));
    out
}

#[test]
fn the_corpus_has_its_documented_shape() {
    let rows = rows();
    assert!(rows.len() >= 150, "{} rows", rows.len());
    assert!(rows.iter().filter(|r| r.expected.is_empty()).count() >= 40);
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "ids are unique");
}

#[test]
fn annotate_and_lookup_on_real_lines_find_no_false_positive() {
    let (annotate, annotate_wrong) = measure(annotated);
    let (lookup, lookup_wrong) = measure(looked_up);
    println!(
        "{}{}",
        report("annotate", &annotate),
        report("lookup of the pasted line", &lookup)
    );
    assert!(
        annotate_wrong.is_empty() && lookup_wrong.is_empty(),
        "false positives:\nannotate: {annotate_wrong:#?}\nlookup: {lookup_wrong:#?}"
    );
}
