//! The `secstatus` binary, command by command, as a user runs it.

use crate::util::{run, run_with};

const DENIED_EN: &str = "\
SEC_E_LOGON_DENIED (0x8009030C)
  value:          0x8009030C  signed -2146893044  unsigned 2148074252
  severity:       error
  category:       credentials and logon
  meaning:        This status code is obsolete.
  message:        The logon attempt failed.
  who acts:       the credentials (account, password, certificate or key)
  retry:          after the cause is fixed
";

#[test]
fn lookup_every_form_gives_the_same_card() {
    for form in [
        "0x8009030C",
        "0x8009030c",
        "8009030C",
        "-2146893044",
        "2148074252",
        "SEC_E_LOGON_DENIED",
        "sec_e_logon_denied",
        "LOGON_DENIED",
        r"SEC\_E\_LOGON\_DENIED",
    ] {
        let r = run(&["lookup", form]);
        assert_eq!(r.code, 0, "{form}: {}", r.stderr);
        assert!(r.stdout.starts_with(DENIED_EN), "{form}:\n{}", r.stdout);
    }
}

#[test]
fn bare_queries_are_a_shortcut_for_lookup() {
    let a = run(&["0x80090308"]);
    let b = run(&["lookup", "0x80090308"]);
    assert_eq!(a.code, 0);
    eqnice!(b.stdout, a.stdout);
}

#[test]
fn lookup_in_russian() {
    let r = run(&["lookup", "--lang", "ru", "0x80090324"]);
    assert_eq!(r.code, 0);
    eqnice!(
        "SEC_E_TIME_SKEW (0x80090324)
  значение:       0x80090324  со знаком -2146893020  без знака 2148074276
  серьёзность:    ошибка
  категория:      Kerberos и KDC
  описание:       Часы на клиентских и серверных компьютерах не совпадают.
  сообщение:      Часы на клиентском и серверном компьютерах рассинхронизированы.
  кто действует:  окружение (сеть, контроллер домена, часы, ресурсы)
  повтор:         после устранения причины
  первым делом:   Синхронизируйте часы: w32tm /resync, проверьте командой w32tm /query /status
  подробнее:      secstatus explain SEC_E_TIME_SKEW
",
        r.stdout
    );
}

#[test]
fn locale_environment_selects_russian() {
    let r = run_with(&["lookup", "SEC_E_OK"], &[("LANG", "ru_RU.UTF-8")], b"");
    assert!(r.stdout.contains("серьёзность:"), "{}", r.stdout);
    let r = run_with(
        &["lookup", "SEC_E_OK"],
        &[("LANG", "ru_RU.UTF-8"), ("LC_ALL", "C")],
        b"",
    );
    assert!(
        r.stdout.contains("severity:"),
        "LC_ALL=C must win over LANG:\n{}",
        r.stdout
    );
}

#[test]
fn short_name_answers_both_prefixes() {
    let r = run(&["CONTEXT_EXPIRED"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("SEC_I_CONTEXT_EXPIRED (0x00090317)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\nSEC_E_CONTEXT_EXPIRED (0x80090317)"),
        "{}",
        r.stdout
    );
}

#[test]
fn aliases_are_shown_with_their_code() {
    let r = run(&["SEC_E_NOT_SUPPORTED"]);
    assert!(
        r.stdout
            .starts_with("SEC_E_UNSUPPORTED_FUNCTION (0x80090302)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("aliases:        SEC_E_NOT_SUPPORTED"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_value_outside_the_catalogue_is_decoded_not_just_missing() {
    let r = run(&["0xC0001234"]);
    assert_eq!(r.code, 1);
    eqnice!(
        "0xC0001234 (read as hex): not an SSPI status code
  value:          0xC0001234  signed -1073737164  unsigned 3221230132
  fields:         S=1 R=1 C=0 N=0 X=0 facility=0 (FACILITY_NULL) code=0x1234
                  an NTSTATUS error code (as in the Windows Security log), not an SSPI code
",
        r.stdout
    );
    // A Win32 error in an HRESULT that no table names is still decoded (0x80070005 is E_ACCESSDENIED: see
    // errors.rs).
    let r = run(&["0x8007FFFF"]);
    assert!(
        r.stdout
            .contains("the Win32 error 65535 (0xFFFF) wrapped in an HRESULT (HRESULT_FROM_WIN32)"),
        "{}",
        r.stdout
    );
    let r = run(&["0x80092099"]);
    assert!(
        r.stdout
            .contains("in FACILITY_SECURITY (9) but not an SSPI code"),
        "{}",
        r.stdout
    );
    // A neighbour met beside SSPI codes is named, and marked as having no SSPI equivalent.
    let r = run(&["0x80092010"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("CRYPT_E_REVOKED (HRESULT, not an SSPI code 0x80092010)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  SSPI:           no SSPI equivalent in any source\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_short_number_is_read_as_decimal_and_as_hex() {
    // Read both ways, as err.exe does; as decimal it is the Win32 error 1326 ([MS-ERREF] 2.2: ERROR_LOGON_FAILURE).
    let r = run(&["1326"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("ERROR_LOGON_FAILURE (Win32 error 1326 (0x52E))"),
        "{}",
        r.stdout
    );
    let r = run(&["--json", "1326"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let readings: Vec<(&str, &str)> = v[0]["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["value"].as_str().unwrap(), r["reading"].as_str().unwrap()))
        .collect();
    assert_eq!(
        readings,
        [("0x0000052E", "decimal"), ("0x00001326", "decimal_as_hex")]
    );
    // A short number that is no known code in any reading is still decoded both ways.
    let r = run(&["65535"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("0x0000FFFF (read as decimal)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("0x00065535 (read as hex)"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_typo_gets_a_suggestion() {
    let r = run(&["SEC_E_LOGON_DENIDE"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    eqnice!(
        "secstatus: `SEC_E_LOGON_DENIDE`: not the name of an SSPI status code; did you mean SEC_E_LOGON_DENIED?\n\
         Try a name (SEC_E_LOGON_DENIED, LOGON_DENIED, KRB_AP_ERR_SKEW, STATUS_LOGON_FAILURE), hex (0x8009030C), \
         decimal (-2146893044), `--from krb|tls|gss|ntstatus|win32 NUMBER`, or `secstatus search WORDS`.\n",
        r.stderr
    );
    let r = run(&["lookup", "0x123456789"]);
    assert!(
        r.stderr
            .starts_with("secstatus: `0x123456789`: hex value has more than 8 digits\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn exit_status_is_1_when_any_query_misses() {
    assert_eq!(run(&["lookup", "0x80090308", "0x80090319"]).code, 1);
    assert_eq!(run(&["lookup", "0x80090308", "SEC_E_OK"]).code, 0);
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    for args in [
        &["lookup"][..],
        &["--no-such-flag"],
        &["list", "--format", "xml"],
        &["list", "--category", "nope"],
        &["--lang", "de", "SEC_E_OK"],
        &[],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(!r.stderr.is_empty() || !r.stdout.is_empty(), "{args:?}");
    }
    let r = run(&["list", "--category", "nope"]);
    assert!(
        r.stderr.contains("[possible values: success, continuation"),
        "{}",
        r.stderr
    );
}

#[test]
fn help_and_version_exit_0() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Examples:"));
    for cmd in ["lookup", "list", "search", "explain"] {
        let r = run(&[cmd, "--help"]);
        assert_eq!(r.code, 0, "{cmd}");
        assert!(r.stdout.contains("Examples:"), "{cmd}");
    }
    assert!(run(&["--version"]).stdout.starts_with("secstatus "));
}

#[test]
fn hostile_arguments_never_panic_and_never_echo_control_characters() {
    let huge = "9".repeat(100_000);
    let long_name = "SEC_E_".to_string() + &"X".repeat(100_000);
    for arg in [
        "",
        " ",
        "\u{1b}[31mred",
        "-",
        "--",
        "0x",
        "0xFFFFFFFFFF",
        "Ошибка",
        &huge,
        &long_name,
        "-9999999999999",
    ] {
        let r = run(&["lookup", "--", arg]);
        assert!(r.code == 1 || r.code == 2, "{arg:?}: {}", r.code);
        assert!(!r.stdout.contains('\u{1b}'), "{arg:?} echoed an escape");
        assert!(!r.stderr.contains("panicked"), "{arg:?}: {}", r.stderr);
    }
}

#[test]
fn explain_shows_the_whole_card() {
    let r = run(&["explain", "SEC_E_TIME_SKEW"]);
    assert_eq!(r.code, 0);
    for part in [
        "causes:",
        "fixes:",
        "w32tm /resync",
        "related:",
        "fields:",
        "facility=9 (FACILITY_SECURITY)",
    ] {
        assert!(r.stdout.contains(part), "missing {part}:\n{}", r.stdout);
    }
    let r = run(&["explain", "SEC_I_CONTINUE_NEEDED"]);
    assert!(r.stdout.contains("next step:"), "{}", r.stdout);
    let r = run(&["explain", "SEC_E_NO_PA_DATA"]);
    assert!(
        r.stdout.contains("erratum:") && r.stdout.contains("pre-authentication"),
        "{}",
        r.stdout
    );
    let r = run(&["explain", "SEC_I_INVALID_SESSION_STATE"]);
    assert!(
        r.stdout.contains("defined only by the newest Windows SDK"),
        "{}",
        r.stdout
    );
}

#[test]
fn search_finds_the_time_skew_first_in_both_languages() {
    for words in [&["clocks", "do", "not", "match"][..], &["часы"]] {
        let mut args = vec!["search"];
        args.extend_from_slice(words);
        let r = run(&args);
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.starts_with("SEC_E_TIME_SKEW (0x80090324)"),
            "{words:?}:\n{}",
            r.stdout
        );
    }
    assert_eq!(run(&["search", "qqqzzzxxx"]).code, 1);
}

#[test]
fn list_table_is_aligned_and_filtered() {
    let r = run(&["list", "--severity", "informational"]);
    assert_eq!(r.code, 0);
    let lines: Vec<_> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("NAME"));
    let column = lines[0].find("VALUE").unwrap();
    for line in &lines[1..] {
        assert!(line.starts_with("SEC_I_"), "{line}");
        assert_eq!(line.find("0x"), Some(column), "{line}");
    }
    // 15 SEC_I_ names, but SEC_I_INVALID_SESSION_STATE is an error by its bits.
    assert_eq!(lines.len(), 1 + 14);
}

#[test]
fn list_markdown_reproduces_the_specification_table() {
    let r = run(&["list", "--spec", "--format", "markdown", "--lang", "en"]);
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/spec/sspi-status-codes.tsv"
    ))
    .unwrap();
    let mut expected = String::from("| Status code | Meaning |\n|---|---|\n");
    for line in spec.lines().skip(1) {
        let mut cells = line.split('\t');
        let name = cells.next().unwrap();
        let meaning = cells.next().unwrap();
        let plain = strip_links(meaning);
        expected.push_str(&format!("| {name} | {plain} |\n"));
    }
    eqnice!(expected, r.stdout);
    let ru = run(&["list", "--spec", "--format", "markdown", "--lang", "ru"]);
    assert!(ru.stdout.starts_with("| Код состояния | Описание |\n"));
    assert_eq!(ru.stdout.lines().count(), 2 + 77);
}

/// `[text](url)` -> `text`, emphasis dropped, as the specification's links read in plain text.
fn strip_links(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let (Some(open), Some(mid)) = (rest.find('['), rest.find("](")) {
        let close = mid + rest[mid..].find(')').unwrap();
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.replace('*', "")
}

#[test]
fn list_csv_has_a_header_and_a_row_per_code() {
    let r = run(&["list", "--format", "csv"]);
    let lines: Vec<_> = r.stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("name,value,signed,unsigned,aliases,severity"));
    assert_eq!(lines.len(), 1 + 94);
    assert!(
        lines[1].starts_with("SEC_E_OK,0x00000000,0,0,,success,0,0,success,"),
        "{}",
        lines[1]
    );
}

#[test]
fn list_html_is_one_self_contained_page() {
    let r = run(&["list", "--format", "html", "--lang", "ru"]);
    assert!(r.stdout.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
    assert!(r.stdout.contains("<input id=\"q\" type=\"search\""));
    // Nothing is loaded from elsewhere: no script, style sheet, image or font from a URL. The only addresses are
    // the links to the sources of causes and fixes, which a reader may follow.
    for load in [
        "<script src",
        "<link",
        "src=\"http",
        "url(http",
        "@import",
        "<img",
        "<iframe",
    ] {
        assert!(!r.stdout.contains(load), "{load}");
    }
    let links = r.stdout.matches("href=\"http").count();
    let addresses = r.stdout.matches("http://").count() + r.stdout.matches("https://").count();
    assert!(
        links > 100 && addresses == links,
        "{links} links, {addresses} addresses"
    );
    assert_eq!(r.stdout.matches("<tr class=").count(), 94);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    assert!(run(&["--color", "always", "SEC_E_OK"])
        .stdout
        .contains("\u{1b}["));
    assert!(!run(&["--color", "never", "SEC_E_OK"])
        .stdout
        .contains("\u{1b}["));
    // Not a terminal: auto means none.
    assert!(!run(&["SEC_E_OK"]).stdout.contains("\u{1b}["));
}

#[test]
fn completions_and_man_page_come_from_the_same_definitions() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(
            r.stdout.contains("lookup") && r.stdout.contains("explain"),
            "{shell}"
        );
    }
    let dir = std::env::temp_dir().join(format!("secstatus-man-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let r = run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for page in [
        "secstatus.1",
        "secstatus-lookup.1",
        "secstatus-annotate.1",
        "secstatus-list.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_default();
        assert!(
            text.contains(".SH OPTIONS") || text.contains(".SH SYNOPSIS"),
            "{page}"
        );
    }
    let annotate = std::fs::read_to_string(dir.join("secstatus-annotate.1")).unwrap();
    assert!(
        annotate.contains("summary"),
        "the command's own options are documented"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let man = run(&["man"]);
    assert!(
        man.stdout.contains(".TH secstatus"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_secstatus"))
        .args(["list", "--format", "html"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn neighbouring_systems_are_named_with_their_sspi_equivalent_and_source() {
    let r = run(&["0xC000006D"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("STATUS_LOGON_FAILURE (NTSTATUS 0xC000006D)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  SSPI:           SEC_E_LOGON_DENIED (0x8009030C)  [freerdp"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\nSEC_E_LOGON_DENIED (0x8009030C)\n"),
        "{}",
        r.stdout
    );
    let r = run(&["KRB_AP_ERR_SKEW"]);
    assert!(
        r.stdout
            .starts_with("KRB_AP_ERR_SKEW (Kerberos error code 37)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("SSPI:           SEC_E_TIME_SKEW (0x80090324)  [windows-observed"),
        "{}",
        r.stdout
    );
    let r = run(&["lookup", "--from", "krb", "37"]);
    assert!(
        r.stdout
            .starts_with("KRB_AP_ERR_SKEW (Kerberos error code 37)\n"),
        "{}",
        r.stdout
    );
    let r = run(&["lookup", "--from", "tls", "48"]);
    assert!(
        r.stdout.starts_with("unknown_ca (TLS alert 48)\n"),
        "{}",
        r.stdout
    );
    let r = run(&["lookup", "--from", "gss", "0x60008"]);
    assert!(
        r.stdout
            .starts_with("GSS_S_BAD_SIG (GSS-API major status 0x60000)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("GSS_S_UNSEQ_TOKEN (GSS-API major status 0x8)"),
        "{}",
        r.stdout
    );
    let r = run(&["GSS_S_BAD_MIC"]);
    assert!(
        r.stdout.starts_with(
            "GSS_S_BAD_SIG (GSS-API major status 0x60000)\n  aliases:        GSS_S_BAD_MIC\n"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(run(&["lookup", "--from", "krb", "9999"]).code, 1);
    assert_eq!(run(&["lookup", "--from", "nope", "1"]).code, 2);
}

#[test]
fn explain_lists_what_maps_to_a_code() {
    let r = run(&["explain", "SEC_E_TIME_SKEW"]);
    assert!(
        r.stdout.contains(
            "                  Kerberos error code 37 KRB_AP_ERR_SKEW [windows-observed]\n"
        ),
        "{}",
        r.stdout
    );
    let r = run(&["explain", "--json", "SEC_E_TIME_SKEW"]);
    assert!(r.stdout.contains("{\"system\":\"krb\",\"value\":37,\"name\":\"KRB_AP_ERR_SKEW\",\"source\":\"windows-observed\",\"reverse_only\":false,\"catch_all\":false}"), "{}", r.stdout);
}

/// Content review EN-30: Wine's default branch answers SEC_E_INTERNAL_ERROR for every GSS status it does not list
/// (dlls/kerberos/unixlib.c, status_gss_to_sspi); explain collapses those under a catch-all label, apart from the
/// statuses that really map to the code.
#[test]
fn explain_collapses_catch_all_mappings_under_their_label() {
    let r = run(&["explain", "SEC_E_INTERNAL_ERROR"]);
    let mapped: Vec<&str> = r
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("  mapped from:"))
        .take_while(|l| !l.starts_with("  catch-all from:"))
        .collect();
    assert!(
        mapped
            .iter()
            .any(|l| l.contains("TLS alert 80 internal_error")),
        "{}",
        r.stdout
    );
    assert!(
        !mapped.iter().any(|l| l.contains("GSS_S_BAD_NAME")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "  catch-all from: [wine] GSS_S_BAD_NAME, GSS_S_BAD_NAMETYPE, GSS_S_BAD_BINDINGS, "
        ),
        "{}",
        r.stdout
    );
    let r = run(&["explain", "--json", "SEC_E_INTERNAL_ERROR"]);
    assert!(r.stdout.contains("\"name\":\"GSS_S_BAD_NAME\",\"source\":\"wine\",\"reverse_only\":false,\"catch_all\":true}"), "{}", r.stdout);
    // A status only the catch-all reaches has no SSPI equivalent.
    let r = run(&["explain", "GSS_S_BAD_STATUS"]);
    assert!(r.stdout.contains("  SSPI:           no SSPI equivalent in any source\n  catch-all:      SEC_E_INTERNAL_ERROR (0x80090304)  [wine]\n"), "{}", r.stdout);
}

/// Content review MAP-44: System Informer turns SEC_E_MESSAGE_ALTERED into STATUS_REQUEST_OUT_OF_SEQUENCE too
/// (socket.c at the parent of cfa05212, lines 767-771), one way only.
#[test]
fn request_out_of_sequence_shows_both_one_way_pairings() {
    let r = run(&["lookup", "STATUS_REQUEST_OUT_OF_SEQUENCE"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("  SSPI:           no SSPI equivalent in any source\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "  lossy, from:    SEC_E_OUT_OF_SEQUENCE (0x80090310)  [system-informer]\n                  SEC_E_MESSAGE_ALTERED (0x8009030F)  [system-informer"
        ),
        "{}",
        r.stdout
    );
    let r = run(&["explain", "SEC_E_MESSAGE_ALTERED"]);
    assert!(
        r.stdout.contains(
            "  lossy, only to: NTSTATUS 0xC000042A STATUS_REQUEST_OUT_OF_SEQUENCE [system-informer]\n"
        ),
        "{}",
        r.stdout
    );
}

/// Content review, the MAP-MISSING rows: new neighbours are found by name and by their [MS-ERREF] value.
#[test]
fn neighbours_the_review_found_missing_are_found_by_name_and_value() {
    for (args, head) in [
        (
            &["lookup", "STATUS_NO_TRUST_SAM_ACCOUNT"][..],
            "STATUS_NO_TRUST_SAM_ACCOUNT (NTSTATUS 0xC000018B)\n",
        ),
        (
            &["lookup", "--from", "ntstatus", "0xC00002C3"][..],
            "STATUS_MUTUAL_AUTHENTICATION_FAILED (NTSTATUS 0xC00002C3)\n",
        ),
        (
            &["lookup", "--from", "win32", "1327"][..],
            "ERROR_ACCOUNT_RESTRICTION (Win32 error 1327 (0x52F))\n",
        ),
        (
            &["0x80070576"][..],
            "ERROR_TIME_SKEW (Win32 error 1398 (0x576))\n",
        ),
        (
            &["lookup", "CERT_E_WRONG_USAGE"][..],
            "CERT_E_WRONG_USAGE (HRESULT, not an SSPI code 0x800B0110)\n",
        ),
        (
            &["0x80090016"][..],
            "NTE_BAD_KEYSET (HRESULT, not an SSPI code 0x80090016)\n",
        ),
        (
            &["lookup", "STATUS_PKU2U_CERT_FAILURE"][..],
            "STATUS_PKU2U_CERT_FAILURE (NTSTATUS 0xC000042F)\n",
        ),
    ] {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.starts_with(head), "{args:?}: {}", r.stdout);
    }
    let r = run_with(
        &["annotate"],
        &[],
        b"80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52f, v2580\n",
    );
    assert!(
        r.stdout
            .contains("LDAP data 52f = ERROR_ACCOUNT_RESTRICTION (1327)"),
        "{}",
        r.stdout
    );
}

#[test]
fn win32_errors_and_ntstatus_read_with_from() {
    let r = run(&["lookup", "--from", "win32", "1326"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("ERROR_LOGON_FAILURE (Win32 error 1326 (0x52E))\n"),
        "{}",
        r.stdout
    );
    // Content review MAP-69: Samba's constant SASL-bind answer is a note, not a mapping.
    assert!(
        r.stdout
            .contains("  SSPI:           no SSPI equivalent in any source\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("[samba"), "{}", r.stdout);
    let r = run(&["lookup", "--from", "ntstatus", "0xC0000133"]);
    assert!(
        r.stdout
            .starts_with("STATUS_TIME_DIFFERENCE_AT_DC (NTSTATUS 0xC0000133)\n"),
        "{}",
        r.stdout
    );
    // HRESULT_FROM_NT and HRESULT_FROM_WIN32 forms lead to the same rows.
    let r = run(&["0xD000006D"]);
    assert!(
        r.stdout
            .starts_with("STATUS_LOGON_FAILURE (NTSTATUS 0xC000006D)\n"),
        "{}",
        r.stdout
    );
    let r = run(&["0x8007052E"]);
    assert!(
        r.stdout
            .starts_with("ERROR_LOGON_FAILURE (Win32 error 1326 (0x52E))\n"),
        "{}",
        r.stdout
    );
    let r = run(&["--lang", "ru", "CRYPT_E_REVOCATION_OFFLINE"]);
    assert!(
        r.stdout
            .starts_with("CRYPT_E_REVOCATION_OFFLINE (HRESULT 0x80092013, не код SSPI)\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn global_options_may_come_before_the_command() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample.log");
    let r = run(&["--color", "never", "annotate", sample]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("[secstatus: SEC_E_UNTRUSTED_ROOT"),
        "{}",
        r.stdout
    );
    let r = run(&["--json", "list"]);
    assert!(
        r.stdout.starts_with("[{\"name\":\"SEC_E_OK\""),
        "{}",
        r.stdout
    );
    let r = run(&["--lang", "ru", "explain", "SEC_E_OK"]);
    assert!(r.stdout.contains("серьёзность:"), "{}", r.stdout);
    // The shortcut after options: `secstatus --json 0x80090308` is `secstatus lookup --json 0x80090308`.
    let r = run(&["--json", "0x80090308"]);
    assert!(
        r.stdout.starts_with("[{\"query\":\"0x80090308\""),
        "{}",
        r.stdout
    );
    let r = run(&["--lang", "ru", "-2146893044"]);
    assert!(
        r.stdout.starts_with("SEC_E_LOGON_DENIED (0x8009030C)\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn whole_pasted_texts_and_display_forms_are_read() {
    for (text, name) in [
        ("SEC_E_UNTRUSTED_ROOT (0x80090325)", "SEC_E_UNTRUSTED_ROOT"),
        ("[WinError -2146893054]", "SEC_E_UNSUPPORTED_FUNCTION"),
        ("pywintypes.error: (-2146893044, 'InitializeSecurityContext', 'The logon attempt failed')", "SEC_E_LOGON_DENIED"),
        ("LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, data 52e, v2580", "SEC_E_INVALID_TOKEN"),
        ("NOT_SUPPORTED", "SEC_E_UNSUPPORTED_FUNCTION"),
        ("NO_SPM", "SEC_E_INTERNAL_ERROR"),
    ] {
        let r = run(&["lookup", text]);
        assert_eq!(r.code, 0, "{text}");
        assert!(r.stdout.starts_with(&format!("{name} (0x")), "{text}:\n{}", r.stdout);
    }
}

#[test]
fn a_pasted_message_text_names_its_code() {
    // Each name is the one the text's source gives it: the catalogue, MIT krb5's krb5_err.et, OpenJDK's
    // GSSException, OpenSSL's ssl_err.c, [MS-ERREF].
    for (text, name) in [
        (
            ".NET Win32Exception (0x80004005): The target principal name is incorrect",
            "SEC_E_WRONG_PRINCIPAL",
        ),
        (
            "kinit: Preauthentication failed while getting initial credentials",
            "KDC_ERR_PREAUTH_FAILED",
        ),
        (
            "GSSException: No valid credentials provided",
            "GSS_S_NO_CRED",
        ),
        (
            "error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure",
            "handshake_failure",
        ),
        ("Error: Access is denied.", "ERROR_ACCESS_DENIED"),
    ] {
        let r = run(&["lookup", text]);
        assert_eq!(r.code, 0, "{text}");
        assert!(
            r.stdout.starts_with(&format!("{name} (")),
            "{text}:\n{}",
            r.stdout
        );
    }
    // A short text in prose names nothing.
    assert_eq!(
        run(&["lookup", "they said access is denied to guests"]).code,
        1
    );
}

#[test]
fn from_reads_only_numbers_in_its_system() {
    let r = run(&["lookup", "--from", "tls", "SEC_E_OK"]);
    assert!(
        r.stdout.starts_with("SEC_E_OK (0x00000000)\n"),
        "{}",
        r.stdout
    );
    let r = run(&["lookup", "--from", "win32", "52e"]);
    assert!(
        r.stdout
            .starts_with("ERROR_LOGON_FAILURE (Win32 error 1326 (0x52E))\n"),
        "{}",
        r.stdout
    );
    // Unknown routine and calling bits: the parts that are known are shown, and nothing maps.
    let r = run(&["lookup", "--from", "gss", "0xFFFFFFFF"]);
    assert!(
        !r.stdout
            .contains("SEC_I_CONTINUE_NEEDED (0x00090312)\n  value:"),
        "{}",
        r.stdout
    );
    let r = run(&["lookup", "--json", "--from", "krb", "999"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("\"decoded\":{\"value\":\"0x000003E7\""),
        "{}",
        r.stdout
    );
}

#[test]
fn filtered_tables_stay_aligned() {
    for args in [
        &["list", "--severity", "error"][..],
        &["list", "--lang", "ru", "--category", "kerberos"],
    ] {
        let r = run(args);
        let lines: Vec<Vec<char>> = r.stdout.lines().map(|l| l.chars().collect()).collect();
        let header: String = lines[0].iter().collect();
        // Every column starts where its header does: the value, then the message after the severity.
        for title in [["VALUE", "ЗНАЧЕНИЕ"], ["MESSAGE", "СООБЩЕНИЕ"]] {
            let at = title.iter().find_map(|t| header.find(t)).unwrap();
            let column = header[..at].chars().count();
            for line in &lines[1..] {
                let text: String = line.iter().collect();
                assert!(
                    line[column - 1] == ' ' && line[column] != ' ',
                    "{args:?} {title:?}: {text}"
                );
            }
        }
    }
}

#[test]
fn search_takes_numbers_and_refuses_nothing() {
    let r = run(&["search", "-2146893044"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["search", ""]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("search needs at least one word"),
        "{}",
        r.stderr
    );
    let r = run(&["search", "xyzzyqq"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no entry mentions"), "{}", r.stderr);
}

#[test]
fn from_reads_a_number_pasted_with_its_punctuation_in_that_system_only() {
    // Win32 701 is 0x2BD ERROR_RXACT_STATE_CREATED ([MS-ERREF] 2.2); 0x701 would be ERROR_ACCOUNT_EXPIRED.
    let r = run(&["lookup", "--short", "--from", "win32", "701,"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Win32 error 701 (0x2BD) ERROR_RXACT_STATE_CREATED"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    // NTSTATUS 701 names nothing: no reading of another system stands in for it.
    let r = run(&["lookup", "--short", "--from", "ntstatus", "(701)."]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains("Win32"), "{}", r.stdout);
}
