//! Causes and fixes with their sources, and the advice for where a pasted line says the code appeared.

use serde_json::Value;

use crate::util::{run, run_with};

const LDAP: &str = "LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v4563";

/// The rows of a card under `label` (the label's row and the continuation rows after it).
fn rows<'a>(card: &'a str, label: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in card.lines() {
        if let Some(rest) = line.trim_start().strip_prefix(label) {
            inside = true;
            out.push(rest.trim());
        } else if inside && line.starts_with("                  ") {
            out.push(line.trim());
        } else {
            inside = false;
        }
    }
    out
}

/// The entry's causes and fixes as JSON.
fn advice(name: &str) -> (Vec<Value>, Vec<Value>) {
    let r = run(&["--json", "explain", name]);
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let e = &v[0]["matches"][0];
    let list = |k: &str| e[k].as_array().unwrap().clone();
    (list("causes"), list("fixes"))
}

#[test]
fn causes_and_fixes_carry_source_and_context_in_json() {
    let (causes, fixes) = advice("SEC_E_INVALID_TOKEN");
    for item in causes.iter().chain(&fixes) {
        let keys: Vec<_> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["en", "ru", "source", "context"], "{item}");
    }
    let ldap = causes
        .iter()
        .find(|c| c["context"] == "ldap-data:52e")
        .expect("a cause for LDAP data 52e");
    assert!(ldap["source"].as_str().unwrap().starts_with("https://"));
    assert!(causes.iter().any(|c| c["context"].is_null()));
}

#[test]
fn a_pasted_ldap_line_leads_with_the_advice_for_its_data_sub_code() {
    let r = run(&["lookup", LDAP]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let card = r.stdout.split("\n\n").next().unwrap();
    let here = rows(card, "for this line:");
    assert!(!here.is_empty(), "{card}");
    assert!(
        here.iter().all(|l| l.starts_with("- [LDAP data 52e] ")),
        "{here:?}"
    );
    // Its own fix stands in for the general first fix.
    assert!(rows(card, "first fix:").is_empty(), "{card}");
    // The code alone: no line, so the first fix that holds everywhere.
    let r = run(&["lookup", "0x80090308"]);
    assert!(rows(&r.stdout, "for this line:").is_empty());
    let (_, fixes) = advice("SEC_E_INVALID_TOKEN");
    let general = fixes.iter().find(|f| f["context"].is_null()).unwrap();
    assert_eq!(
        rows(&r.stdout, "first fix:"),
        [general["en"].as_str().unwrap()]
    );
}

#[test]
fn a_tls_alert_and_a_sub_status_in_the_line_choose_their_advice() {
    let r = run(&[
        "lookup",
        "Schannel 36887: A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 40. SEC_E_ILLEGAL_MESSAGE",
    ]);
    let card = &r.stdout[r.stdout.find("SEC_E_ILLEGAL_MESSAGE (").unwrap()..];
    let here = rows(card, "for this line:");
    assert!(
        !here.is_empty() && here.iter().all(|l| l.starts_with("- [TLS alert 40] ")),
        "{card}"
    );

    let r = run(&[
        "lookup",
        "Event ID: 4625 Status: 0xC000006D Sub Status: 0xC000006A SEC_E_LOGON_DENIED",
    ]);
    let card = &r.stdout[r.stdout.find("SEC_E_LOGON_DENIED (").unwrap()..];
    let here = rows(card, "for this line:");
    assert!(
        here.iter()
            .any(|l| l.starts_with("- [STATUS_WRONG_PASSWORD] ")),
        "{here:?}"
    );
    assert!(
        here.iter().any(|l| l.starts_with("- [event 4625] ")),
        "{here:?}"
    );
    assert!(!here.iter().any(|l| l.contains("[TLS alert")), "{here:?}");
}

#[test]
fn explain_groups_the_advice_by_context_and_russian_labels_it() {
    let r = run(&["explain", "SEC_E_INVALID_TOKEN"]);
    let causes = rows(&r.stdout, "causes:");
    // What holds everywhere first, then each context's advice together.
    let first_keyed = causes.iter().position(|l| l.starts_with("- [")).unwrap();
    assert!(causes[..first_keyed].iter().all(|l| !l.starts_with("- [")));
    assert!(
        causes[first_keyed..].iter().all(|l| l.starts_with("- [")),
        "{causes:?}"
    );
    let r = run(&["lookup", "--lang", "ru", LDAP]);
    assert!(
        r.stdout.contains("для этой строки: - [LDAP data 52e] "),
        "{}",
        r.stdout
    );
}

#[test]
fn annotate_adds_the_advice_for_the_codes_context() {
    let line = "Schannel: The TLS protocol defined fatal alert code is 40. InitializeSecurityContext failed: SEC_E_ILLEGAL_MESSAGE (0x80090326)\n";
    let r = run_with(&["annotate"], &[], line.as_bytes());
    assert!(
        r.stdout.contains("SEC_E_ILLEGAL_MESSAGE (0x80090326): The message received was unexpected or badly formatted. — TLS alert 40: "),
        "{}",
        r.stdout
    );
    // The code alone keeps its short explanation.
    let r = run_with(
        &["annotate"],
        &[],
        b"failed: SEC_E_ILLEGAL_MESSAGE (0x80090326)\n",
    );
    assert!(r.stdout.ends_with("badly formatted.]\n"), "{}", r.stdout);
    // A Security log's Sub Status under the logon failure.
    let r = run_with(
        &["annotate"],
        &[],
        b"SEC_E_LOGON_DENIED Status: 0xC000006D Sub Status: 0xC000006A\n",
    );
    assert!(
        r.stdout
            .contains("The logon attempt failed. — STATUS_WRONG_PASSWORD: "),
        "{}",
        r.stdout
    );
}

#[test]
fn annotate_reads_the_products_and_states_a_line_names() {
    // SQL Server's error log line, as a public issue thread quotes it (tediousjs/tedious#388).
    let sql = "SSPI handshake failed with error code 0x8009030c, state 14 while establishing a connection with integrated security; the connection has been closed. Reason: AcceptSecurityContext failed. The Windows error code indicates the cause of failure. The logon attempt failed.\n";
    let state_14 =
        "The logon attempt failed. — SQL Server state 14: SQL Server 'SSPI handshake failed";
    let r = run_with(&["annotate"], &[], sql.as_bytes());
    assert!(r.stdout.contains(state_14), "{}", r.stdout);
    // The state of an error header before it is not the handshake's.
    let header = format!("Error: 18452, Severity: 14, State: 1. {sql}");
    let r = run_with(&["annotate"], &[], header.as_bytes());
    assert!(r.stdout.contains(state_14), "{}", r.stdout);
    // The same code with a state but no product keeps its short explanation, and so does a line of its own.
    for line in [&b"worker state 14: 0x8009030c\n"[..], b"0x8009030c\n"] {
        let r = run_with(&["annotate"], &[], line);
        assert!(
            r.stdout.ends_with("The logon attempt failed.]\n"),
            "{}",
            r.stdout
        );
    }
    // A product named in the line: AD replication's advice for the wrong principal.
    let r = run_with(
        &["annotate"],
        &[],
        b"repadmin /syncall DC01: 0x80090322 The target principal name is incorrect.\n",
    );
    assert!(
        r.stdout.contains("incorrect. — AD replication: "),
        "{}",
        r.stdout
    );
    let r = run_with(&["annotate"], &[], b"0x80090322\n0x80090322 repadmin\n");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].ends_with("incorrect.]"), "{}", r.stdout);
    assert!(lines[1].contains("— AD replication: "), "{}", r.stdout);
}

#[test]
fn a_kerberos_code_in_the_line_chooses_the_logon_failures_advice() {
    // Failure Code 0x18 of event 4771 is KDC_ERR_PREAUTH_FAILED, a wrong password (data/codes.toml, context
    // krb:KDC_ERR_PREAUTH_FAILED, from Microsoft's page for event 4771).
    let line = "InitializeSecurityContext failed: SEC_E_LOGON_DENIED (0x8009030C); KDC reply: KDC_ERR_PREAUTH_FAILED\n";
    let r = run_with(&["annotate"], &[], line.as_bytes());
    assert!(
        r.stdout.contains("The logon attempt failed. — Kerberos KDC_ERR_PREAUTH_FAILED: On the domain controller, find event 4771"),
        "{}",
        r.stdout
    );
    let r = run(&["lookup", line.trim_end()]);
    let card = r
        .stdout
        .split("\n\n")
        .find(|c| c.starts_with("SEC_E_LOGON_DENIED"))
        .unwrap();
    let here = rows(card, "for this line:");
    assert!(here[0].starts_with("- [Kerberos KDC_ERR_PREAUTH_FAILED] Kerberos: KDC_ERR_PREAUTH_FAILED (event 4771, Failure Code 0x18): the wrong password was provided"), "{card}");
    // Without the Kerberos code, no such advice.
    let r = run_with(
        &["annotate"],
        &[],
        b"failed: SEC_E_LOGON_DENIED (0x8009030C)\n",
    );
    assert!(!r.stdout.contains("KDC_ERR_PREAUTH_FAILED"), "{}", r.stdout);
}

#[test]
fn explain_gives_the_next_steps_source() {
    let r = run(&["--json", "explain", "SEC_I_CONTINUE_NEEDED"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let source = v[0]["matches"][0]["next_source"].as_str().unwrap();
    assert!(
        source.starts_with("https://learn.microsoft.com/"),
        "{source}"
    );
    let r = run(&["explain", "SEC_I_CONTINUE_NEEDED"]);
    let next = rows(&r.stdout, "next step:").join(" ");
    assert!(next.ends_with(source), "{next}");
}

#[test]
fn a_lines_words_stay_with_their_line() {
    // One input's last line, without a newline, does not lend its words to the next input's first.
    let dir = std::env::temp_dir().join(format!("secstatus-words-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.log"), dir.join("b.log"));
    std::fs::write(&a, "x Microsoft SQL Server").unwrap();
    std::fs::write(&b, "SSPI error SEC_E_WRONG_PRINCIPAL state 14\n").unwrap();
    let r = run(&["annotate", &a.to_string_lossy(), &b.to_string_lossy()]);
    assert!(
        r.stdout
            .ends_with("The target principal name is incorrect.]\n"),
        "{}",
        r.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
    // A line longer than what is kept of it: a number cut at the cap (`state 14` of `state 145`) is not read.
    let head = "SSPI handshake failed with error code 0x8009030c, ";
    let line = format!(
        "{head}{}state 145 while establishing a connection\n",
        "x".repeat(4096 - head.len() - "state 14".len())
    );
    let r = run_with(&["annotate"], &[], line.as_bytes());
    assert!(
        r.stdout.ends_with("The logon attempt failed.]\n"),
        "{}",
        &r.stdout[r.stdout.len() - 200..]
    );
}
