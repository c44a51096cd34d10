//! The text Windows prints for SSPI codes: the SDK winerror.h MessageText, shown verbatim and labelled beside the
//! [MS-ERREF] message, searched, and recognised in pasted lines. Expectations come from
//! `data/windows-errors/sdk-security-messages.tsv` (the SDK header's texts) and [MS-ERREF]'s table.

use crate::util::{run, run_with};

const SDK: &str = include_str!("../../../../data/windows-errors/sdk-security-messages.tsv");
const MS_ERREF: &str = include_str!("../../../../data/windows-errors/ms-erref-hresult.tsv");

/// The text a table gives `name`.
fn text(table: &'static str, name: &str) -> &'static str {
    table
        .lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            let (_, n, t) = (f.next()?, f.next()?, f.next()?);
            (n == name).then_some(t)
        })
        .next()
        .unwrap_or_else(|| panic!("{name} not in the table"))
}

#[test]
fn explain_shows_the_text_windows_prints_beside_the_documented_message() {
    let r = run(&["explain", "SEC_E_DOWNGRADE_DETECTED"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let documented = format!(
        "  message:        {} [MS-ERREF]\n",
        text(MS_ERREF, "SEC_E_DOWNGRADE_DETECTED")
    );
    let windows = format!(
        "  Windows prints: {} [winerror.h]\n",
        text(SDK, "SEC_E_DOWNGRADE_DETECTED")
    );
    assert!(r.stdout.contains(&documented), "{}", r.stdout);
    assert!(r.stdout.contains(&windows), "{}", r.stdout);
    // In Russian the SDK text stays English, and says so.
    let r = run(&["--lang", "ru", "explain", "SEC_E_DOWNGRADE_DETECTED"]);
    let windows = format!(
        "  Windows выводит: {} (на английском) [winerror.h]\n",
        text(SDK, "SEC_E_DOWNGRADE_DETECTED")
    );
    assert!(r.stdout.contains(&windows), "{}", r.stdout);
}

#[test]
fn a_code_without_an_ms_erref_text_gets_the_sdks_labelled() {
    for name in [
        "SEC_E_NO_CONTEXT",
        "SEC_I_INVALID_SESSION_STATE",
        "SEC_E_INSUFFICIENT_BUFFERS",
    ] {
        let r = run(&["explain", name]);
        let line = format!("  message:        {} [winerror.h]\n", text(SDK, name));
        assert!(r.stdout.contains(&line), "{name}:\n{}", r.stdout);
        assert!(
            !r.stdout.contains("Windows prints"),
            "{name}:\n{}",
            r.stdout
        );
    }
}

#[test]
fn json_carries_the_text_windows_prints_with_its_source() {
    let r = run(&[
        "lookup",
        "--json",
        "SEC_E_INTERNAL_ERROR",
        "SEC_E_NO_CONTEXT",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let internal = &v[0]["matches"][0];
    assert_eq!(
        internal["message"]["en"],
        text(MS_ERREF, "SEC_E_INTERNAL_ERROR")
    );
    assert_eq!(internal["message_source"], "ms-erref");
    assert_eq!(
        internal["windows_message"]["text"],
        text(SDK, "SEC_E_INTERNAL_ERROR")
    );
    assert_eq!(internal["windows_message"]["source"], "winerror.h");
    let no_context = &v[1]["matches"][0];
    assert_eq!(no_context["message"]["en"], text(SDK, "SEC_E_NO_CONTEXT"));
    assert_eq!(no_context["message_source"], "winerror.h");
    assert!(no_context["windows_message"].is_null());
}

#[test]
fn search_finds_the_text_windows_prints() {
    let r = run(&[
        "search",
        "cannot contact a domain controller to service the authentication request",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("SEC_E_DOWNGRADE_DETECTED "),
        "{}",
        r.stdout
    );
    // SEC_E_INVALID_PARAMETER's Russian meaning names SecBufferDesc, so the word alone ties; the SDK text's
    // second word settles it.
    let r = run(&["search", "secbuffers supplied"]);
    assert!(
        r.stdout.starts_with("SEC_E_INSUFFICIENT_BUFFERS "),
        "{}",
        r.stdout
    );
}

#[test]
fn both_texts_are_recognised_where_a_message_ends() {
    for (name, line) in [
        (
            "SEC_E_DOWNGRADE_DETECTED",
            format!(
                "Set-ADAccountPassword : {}",
                text(SDK, "SEC_E_DOWNGRADE_DETECTED")
            ),
        ),
        (
            "SEC_E_INTERNAL_ERROR",
            format!("error: {}", text(MS_ERREF, "SEC_E_INTERNAL_ERROR")),
        ),
        (
            "SEC_E_INSUFFICIENT_BUFFERS",
            format!(
                "InitializeSecurityContext: {}",
                text(SDK, "SEC_E_INSUFFICIENT_BUFFERS")
            ),
        ),
        (
            "SEC_E_INTERNAL_ERROR",
            format!(
                "AcquireCredentialsHandle failed: {}",
                text(SDK, "SEC_E_INTERNAL_ERROR")
            ),
        ),
    ] {
        let r = run_with(&["annotate"], &[], format!("{line}\n").as_bytes());
        assert!(
            r.stdout.contains(&format!("[secstatus: {name} ")),
            "{line}:\n{}",
            r.stdout
        );
        let r = run(&["lookup", "--short", &line]);
        assert!(r.stdout.contains(name), "{line}:\n{}", r.stdout);
    }
    // In prose the text goes on: no message ends after it, so it is not a Windows text there.
    let prose =
        "The identity of the server computer could not be verified by the auditors last year\n";
    let r = run_with(&["annotate"], &[], prose.as_bytes());
    assert_eq!(r.stdout, prose);
}
