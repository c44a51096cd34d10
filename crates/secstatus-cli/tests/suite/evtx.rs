//! annotate on Windows event logs: real .evtx files and event XML written from Microsoft's event documentation.
//! Every expected record count, event id and field value was listed with the `evtx` crate's own `evtx_dump`
//! (or read in the XML fixture), not taken from our output.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::{run, utf16};

fn fixture(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evtx");
    dir.join(name).to_string_lossy().into_owned()
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// The lines with an annotation.
fn annotated(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| l.contains("  [secstatus: "))
        .collect()
}

#[test]
fn security_log_failures_are_named() {
    let r = run(&["annotate", &fixture("Security_short_selected.evtx")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    // evtx_dump: 7 records: 5152, 4611, 4776, 4625, 5152, 5157, 4673.
    let lines: Vec<_> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 7);
    let notes = annotated(&r.stdout);
    assert_eq!(notes.len(), 2, "{}", r.stdout);
    // 4776: Status 0xc000006a.
    assert!(notes[0].starts_with(
        "2016-06-29T15:24:36.6860000Z temporal Microsoft-Windows-Security-Auditing 4776 "
    ));
    assert!(
        notes[0].contains("TargetUserName=Administrator"),
        "{}",
        notes[0]
    );
    assert!(notes[0].contains("[secstatus: Status 0xC000006A STATUS_WRONG_PASSWORD (NTSTATUS)"));
    // 4625: Status 0xc000006d, SubStatus 0xc000006a, from 23.94.153.202.
    let l = notes[1];
    assert!(l.contains(" 4625 "), "{l}");
    assert!(
        l.contains("IpAddress=23.94.153.202") && l.contains("WorkstationName=TEMPORAL"),
        "{l}"
    );
    assert!(
        l.contains("Status 0xC000006D STATUS_LOGON_FAILURE (NTSTATUS)"),
        "{l}"
    );
    assert!(l.contains("-> SEC_E_LOGON_DENIED (0x8009030C)"), "{l}");
    assert!(
        l.contains("SubStatus 0xC000006A STATUS_WRONG_PASSWORD"),
        "{l}"
    );
}

#[test]
fn security_log_as_json() {
    let r = run(&[
        "--json",
        "annotate",
        &fixture("Security_short_selected.evtx"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events = json_lines(&r.stdout);
    assert_eq!(events.len(), 7);
    let ids: Vec<_> = events
        .iter()
        .map(|e| e["event_id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [5152, 4611, 4776, 4625, 5152, 5157, 4673]);
    let e = &events[3];
    assert_eq!(e["record_id"], 319457832);
    assert_eq!(e["time"], "2016-06-29T15:24:36.6860000Z");
    assert_eq!(e["channel"], "Security");
    assert_eq!(e["computer"], "temporal");
    assert_eq!(e["provider"], "Microsoft-Windows-Security-Auditing");
    assert_eq!(e["data"]["TargetUserName"], "Administrator");
    assert_eq!(e["data"]["IpPort"], "60167");
    // Kept as it is, trailing space included.
    assert_eq!(e["data"]["LogonProcessName"], "User32 ");
    let codes = e["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 2);
    assert_eq!(codes[0]["field"], "Status");
    assert_eq!(codes[0]["system"], "ntstatus");
    assert_eq!(codes[0]["name"], "STATUS_LOGON_FAILURE");
    assert_eq!(codes[0]["value"], "0xC000006D");
    assert_eq!(codes[0]["sspi"], "SEC_E_LOGON_DENIED");
    assert_eq!(codes[1]["field"], "SubStatus");
    assert_eq!(codes[1]["name"], "STATUS_WRONG_PASSWORD");
    for e in events
        .iter()
        .filter(|e| e["event_id"] != 4625 && e["event_id"] != 4776)
    {
        assert_eq!(e["codes"], Value::Array(vec![]), "{e}");
    }
}

#[test]
fn summary_groups_by_code() {
    let r = run(&[
        "--json",
        "annotate",
        "--summary",
        &fixture("Security_short_selected.evtx"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Value = serde_json::from_str(&r.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    assert_eq!(rows[0]["name"], "STATUS_WRONG_PASSWORD");
    assert_eq!(rows[0]["count"], 2);
    assert_eq!(rows[0]["event_ids"], serde_json::json!([4625, 4776]));
    assert_eq!(rows[0]["accounts"][0]["name"], "Administrator");
    assert_eq!(rows[0]["accounts"][0]["count"], 2);
    assert_eq!(rows[1]["name"], "STATUS_LOGON_FAILURE");
    assert_eq!(rows[1]["count"], 1);
    assert_eq!(rows[1]["first"], "2016-06-29T15:24:36.6860000Z");
    assert_eq!(rows[1]["hosts"][0]["name"], "23.94.153.202");
    let table = run(&[
        "annotate",
        "--summary",
        &fixture("Security_short_selected.evtx"),
    ]);
    assert!(table.stdout.starts_with("NAME "), "{}", table.stdout);
    assert!(
        table.stdout.contains("STATUS_LOGON_FAILURE"),
        "{}",
        table.stdout
    );
}

#[test]
fn system_log_has_no_failures() {
    // evtx_dump: 1881 records (kernel, DNS client, Windows Update, services, drivers), none an
    // authentication failure, many with hex numbers.
    let r = run(&["annotate", &fixture("system.evtx")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(r.stdout.lines().count(), 1881);
    assert_eq!(annotated(&r.stdout), Vec::<&str>::new());
    let json = run(&["--json", "annotate", &fixture("system.evtx")]);
    let events = json_lines(&json.stdout);
    assert_eq!(events.len(), 1881);
    assert!(events.iter().all(|e| e["codes"] == Value::Array(vec![])));
    let summary = run(&["--json", "annotate", "--summary", &fixture("system.evtx")]);
    assert_eq!(summary.stdout, "[]\n");
}

#[test]
fn a_bad_chunk_is_reported_and_the_rest_read() {
    // evtx_dump: 301 records; chunks 6 and 10 have a zeroed header magic, chunk 7 a record it cannot read at
    // offset 0x2060.
    let path = fixture("sample_with_a_bad_chunk_magic.evtx");
    let r = run(&["--json", "annotate", &path]);
    assert_eq!(r.code, 2);
    assert_eq!(json_lines(&r.stdout).len(), 301);
    let errors: Vec<_> = r.stderr.lines().collect();
    assert_eq!(errors.len(), 3, "{}", r.stderr);
    assert!(
        errors[0].starts_with(&format!("secstatus: {path}: chunk 6: ")),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("ElfChnk"), "{}", errors[0]);
    assert!(
        errors[1].starts_with(&format!("secstatus: {path}: chunk 7: ")),
        "{}",
        errors[1]
    );
    assert!(errors[1].contains("0x2060"), "{}", errors[1]);
    assert!(
        errors[2].starts_with(&format!("secstatus: {path}: chunk 10: ")),
        "{}",
        errors[2]
    );
}

#[test]
fn a_damaged_string_cache_still_reads() {
    // evtx_dump reads all 2261 records of this file (Security: 4907, 4624, 4672, ...), none a failure
    // code's event.
    let r = run(&[
        "--json",
        "annotate",
        &fixture("security_bad_string_cache.evtx"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(json_lines(&r.stdout).len(), 2261);
}

/// A scratch file of this test binary.
fn scratch(name: &str, data: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("secstatus-evtx-{}-{name}", std::process::id()));
    std::fs::write(&path, data).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_truncated_file_gives_what_it_has() {
    // Cut inside chunk 3: evtx_dump reads 326 records from the three whole chunks of the cut file.
    let data = std::fs::read(fixture("system.evtx")).unwrap();
    let cut = scratch("cut.evtx", &data[..4096 + 3 * 65536 + 1000]);
    let r = run(&["--json", "annotate", &cut]);
    assert_eq!(r.code, 2);
    assert!(
        json_lines(&r.stdout).len() >= 326,
        "{}",
        r.stdout.lines().count()
    );
    assert!(
        r.stderr
            .contains(&format!("secstatus: {cut}: chunk 3: truncated")),
        "{}",
        r.stderr
    );
    // The next file is still read.
    let both = run(&["annotate", &cut, &fixture("Security_short_selected.evtx")]);
    assert_eq!(both.code, 2);
    assert_eq!(annotated(&both.stdout).len(), 2);
    // A file cut inside its only chunk: the 7 records lie in its first 25904 bytes.
    let data = std::fs::read(fixture("Security_short_selected.evtx")).unwrap();
    let short = scratch("short.evtx", &data[..30000]);
    let r = run(&["annotate", &short]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout.lines().count(), 7);
    // Only a header is an empty log; less is a damaged one.
    let p = scratch("header.evtx", &data[..4096]);
    let r = run(&["annotate", &p]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (1, "", ""));
    std::fs::remove_file(p).unwrap();
    let p = scratch("magic.evtx", &data[..100]);
    let r = run(&["annotate", &p]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(
        r.stderr.contains(&format!(
            "secstatus: {p}: truncated file header (100 of 4096 bytes)"
        )),
        "{}",
        r.stderr
    );
    std::fs::remove_file(p).unwrap();
    std::fs::remove_file(cut).unwrap();
    std::fs::remove_file(short).unwrap();
}

#[test]
fn recognised_by_signature_not_name() {
    let data = std::fs::read(fixture("Security_short_selected.evtx")).unwrap();
    let p = scratch("renamed.log", &data);
    let r = run(&["annotate", &p]);
    assert_eq!(r.code, 0);
    assert_eq!(annotated(&r.stdout).len(), 2);
    std::fs::remove_file(p).unwrap();
    // Standard input too.
    let r = crate::util::run_with(&["annotate"], &[], &data);
    assert_eq!(annotated(&r.stdout).len(), 2);
    // Text that names the signature is text.
    let r = crate::util::run_with(&["annotate"], &[], b"ElfFile 0x8009030C\n");
    assert!(r.stdout.contains("SEC_E_LOGON_DENIED"), "{}", r.stdout);
}

#[test]
fn a_directory_is_read_as_the_files_under_it_in_order() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evtx");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut named = vec!["--json", "annotate"];
    named.extend(files.iter().map(String::as_str));
    let want = run(&named);
    let got = run(&["--json", "annotate", &dir.to_string_lossy()]);
    // The fixtures' damaged log is reported, and the others are read all the same.
    assert_eq!(got.code, 2, "{}", got.stderr);
    assert!(
        got.stderr.contains("sample_with_a_bad_chunk_magic.evtx"),
        "{}",
        got.stderr
    );
    assert_eq!((got.stdout, got.stderr), (want.stdout, want.stderr));
}

#[test]
fn kdc_events_from_xml() {
    let r = run(&["annotate", &fixture("kdc.xml")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<_> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    // 4771, Status 0x18.
    assert!(
        lines[0].contains(" 4771 ") && lines[0].contains("TargetUserName=jsmith"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("[secstatus: Status 0x18 KDC_ERR_PREAUTH_FAILED (Kerberos error code)")
    );
    // 4768 success: only the encryption type, as context.
    assert!(lines[1].contains(" 4768 "));
    assert!(
        lines[1]
            .contains("[secstatus: TicketEncryptionType 0x17 rc4-hmac (encryption type, context)"),
        "{}",
        lines[1]
    );
    assert!(!lines[1].contains("Status 0x0"));
    // 4768 failure: unknown principal; no ticket.
    assert!(
        lines[2].contains("Status 0x6 KDC_ERR_C_PRINCIPAL_UNKNOWN"),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].contains("TicketEncryptionType 0xFFFFFFFF"),
        "{}",
        lines[2]
    );
    let json = run(&["--json", "annotate", &fixture("kdc.xml")]);
    let events = json_lines(&json.stdout);
    assert_eq!(events[0]["record_id"], 8801);
    assert_eq!(events[0]["codes"][0]["system"], "krb");
    assert_eq!(events[0]["codes"][0]["sspi"], "SEC_E_LOGON_DENIED");
    assert_eq!(events[1]["codes"][0]["system"], "etype");
    assert_eq!(events[1]["codes"][0]["failure"], false);
    // The summary counts failures only: the encryption types are not there.
    let summary = run(&["--json", "annotate", "--summary", &fixture("kdc.xml")]);
    let rows: Value = serde_json::from_str(&summary.stdout).unwrap();
    let names: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["KDC_ERR_C_PRINCIPAL_UNKNOWN", "KDC_ERR_PREAUTH_FAILED"]
    );
}

#[test]
fn a_successful_tgt_alone_is_no_failure() {
    let xml = std::fs::read_to_string(fixture("kdc.xml")).unwrap();
    let second = xml.lines().nth(3).unwrap();
    assert!(second.contains("<EventRecordID>8802</EventRecordID>"));
    let r = crate::util::run_with(&["annotate"], &[], second.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(annotated(&r.stdout).len(), 1);
}

#[test]
fn schannel_alert_from_xml() {
    let r = run(&["annotate", &fixture("schannel.xml")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("2024-03-05T11:02:33.781220100Z WEB02.contoso.local Schannel 36887 AlertDesc=40  [secstatus: AlertDesc 40 handshake_failure (TLS alert)"), "{}", r.stdout);
}

#[test]
fn kerberos_client_and_lsa_from_xml() {
    let r = run(&["--json", "annotate", &fixture("system-auth.xml")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events = json_lines(&r.stdout);
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["event_id"], 3);
    assert_eq!(events[0]["codes"][0]["name"], "KRB_AP_ERR_SKEW");
    assert_eq!(events[0]["codes"][0]["sspi"], "SEC_E_TIME_SKEW");
    assert_eq!(events[0]["codes"].as_array().unwrap().len(), 1);
    assert_eq!(events[1]["event_id"], 40960);
    assert_eq!(events[1]["provider"], "LsaSrv");
    let names: Vec<_> = events[1]["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // The `Error` insert carries one NTSTATUS, inside its quoted text.
    assert_eq!(names, ["STATUS_LOGON_FAILURE"]);
    assert_eq!(events[1]["data"]["Protocol"], "Kerberos");
    assert_eq!(events[1]["data"]["Target"], "cifs/FS01.contoso.local");
}

#[test]
fn event_logs_and_text_together() {
    let text = scratch("mixed.log", b"bind failed 0x80090308\n");
    let r = run(&["annotate", &fixture("schannel.xml"), &text]);
    assert_eq!(r.code, 0);
    let lines: Vec<_> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("handshake_failure"));
    assert!(
        lines[1].starts_with("bind failed 0x80090308  [secstatus: SEC_E_INVALID_TOKEN"),
        "{}",
        lines[1]
    );
    std::fs::remove_file(text).unwrap();
}

#[test]
fn event_xml_saved_in_utf16_reads_as_in_utf8() {
    let xml = std::fs::read_to_string(fixture("schannel.xml")).unwrap();
    let want = run(&["--json", "annotate", &fixture("schannel.xml")]);
    assert_eq!(want.code, 0, "{}", want.stderr);
    let wrapped =
        format!("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>{xml}</Events>\r\n");
    for (name, data) in [
        ("le.xml", utf16(&xml, false)),
        ("be.xml", utf16(&xml, true)),
        ("declared.xml", utf16(&wrapped, false)),
    ] {
        let path = scratch(name, &data);
        let r = run(&["--json", "annotate", &path]);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{name}");
        let events = json_lines(&r.stdout);
        // The fixture's one event: Schannel 36887, AlertDesc 40 (handshake_failure, RFC 8446).
        assert_eq!(events.len(), 1, "{name}");
        assert_eq!(events[0]["event_id"], 36887, "{name}");
        assert_eq!(events[0]["codes"][0]["name"], "handshake_failure", "{name}");
        assert_eq!(
            r.stdout.replace(&path, "FILE"),
            want.stdout.replace(&fixture("schannel.xml"), "FILE"),
            "{name}"
        );
        std::fs::remove_file(path).unwrap();
    }
}

/// A reader that has gone away stops the parsing threads: the process ends quietly, with the chunks still queued
/// dropped.
#[test]
fn a_closed_pipe_ends_an_event_log_quietly() {
    let file = std::fs::read(fixture("system.evtx")).unwrap();
    // The file header once, then the file's chunks many times over: far more than the threads take ahead.
    let (header, chunks) = file.split_at(4096);
    let parts = std::iter::once(header).chain(std::iter::repeat_n(chunks, 40));
    let r = crate::util::annotate_to_closed_pipe(parts);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "");
}
