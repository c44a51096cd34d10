//! The command line as a person meets it: output that fits an 80-column terminal, typos of commands, completions,
//! man pages, the one-line form, options that conflict, languages, search and the summary's order.

use std::process::Command;

use crate::util::{run, run_with};

/// Runs `secstatus ARGS` under a pseudo-terminal of 80 columns (util-linux `script`), returning what it printed.
fn on_terminal(args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_secstatus");
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("stty cols 80 rows 60; {bin} --color never {args}"),
            "/dev/null",
        ])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LANGUAGE")
        .output()
        .expect("util-linux `script` runs (Debian: bsdutils)");
    String::from_utf8_lossy(&out.stdout).replace('\r', "")
}

/// Every line fits in 80 columns, but for a line that is one word longer than that (a source's address, which
/// wrapping at word boundaries cannot cut), and every word of the piped output is still whole in the terminal's.
fn assert_fits(args: &str) {
    let shown = on_terminal(args);
    assert!(shown.lines().count() > 1, "{args}: {shown}");
    for line in shown.lines() {
        let one_long_word =
            line.split_whitespace().count() == 1 && line.trim().chars().count() > 60;
        assert!(
            line.chars().count() <= 80 || one_long_word,
            "{args}: a line of {} columns:\n{line}",
            line.chars().count()
        );
    }
    let piped = run(&args.split(' ').collect::<Vec<_>>()).stdout;
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        words(&shown),
        words(&piped),
        "{args}: words were broken or lost"
    );
}

#[test]
fn cards_wrap_to_the_terminal_at_word_boundaries() {
    for args in [
        "explain SEC_E_LOGON_DENIED",
        "explain --lang ru SEC_E_LOGON_DENIED",
        "lookup 0xC000006D",
        "lookup STATUS_LOGON_FAILURE KRB_AP_ERR_SKEW",
        "explain SEC_E_WRONG_PRINCIPAL",
    ] {
        assert_fits(args);
    }
    // Continuation lines hang under the value, and under a bullet's text.
    let shown = on_terminal("explain SEC_E_LOGON_DENIED");
    let after_causes: Vec<&str> = shown
        .lines()
        .skip_while(|l| !l.starts_with("  causes:"))
        .collect();
    assert!(
        after_causes[1].starts_with("                    ")
            || after_causes[1].starts_with("                  - "),
        "{shown}"
    );
}

#[test]
fn piped_output_is_not_wrapped() {
    let r = run(&["explain", "SEC_E_LOGON_DENIED"]);
    assert!(
        r.stdout.lines().any(|l| l.chars().count() > 80),
        "{}",
        r.stdout
    );
}

#[test]
fn tables_drop_columns_rather_than_overflow() {
    for args in [
        "list",
        "list --lang ru",
        "annotate --summary ../../examples/sample.log",
    ] {
        let shown = on_terminal(args);
        assert!(shown.lines().count() > 5, "{args}: {shown}");
        for line in shown.lines() {
            assert!(line.chars().count() <= 80, "{args}: {line}");
        }
    }
    let shown = on_terminal("list");
    assert!(
        !shown.lines().next().unwrap().contains("SEVERITY"),
        "{shown}"
    );
    assert!(shown.contains("…"), "{shown}");
}

#[test]
fn a_mistyped_command_is_refused_with_the_command_meant() {
    for (typed, meant) in [
        ("lokup", "lookup"),
        ("explian", "explain"),
        ("serach", "search"),
        ("anotate", "annotate"),
    ] {
        let r = run(&[typed, "0x80090308"]);
        assert_eq!(r.code, 2, "{typed}");
        assert!(
            r.stderr.contains(&format!("did you mean `{meant}`?")),
            "{typed}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{typed}: {}", r.stdout);
    }
    // Codes and names close to a command's name are still looked up.
    let r = run(&["--lang", "en", "0x90312"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn completions_offer_closed_sets_and_code_names() {
    let bash = run(&["completions", "bash"]).stdout;
    for word in [
        "smart_cards",
        "informational",
        "ntstatus",
        "markdown",
        "SEC_E_TIME_SKEW",
        "SEC_I_CONTINUE_NEEDED",
    ] {
        assert!(bash.contains(word), "bash completions lack {word}");
    }
    let zsh = run(&["completions", "zsh"]).stdout;
    assert!(
        zsh.contains("SEC_E_TIME_SKEW") && zsh.contains("kerberos"),
        "zsh"
    );
    // Parsing still takes any query, not only the names offered.
    assert_eq!(run(&["lookup", "0x80090324"]).code, 0);
}

#[test]
fn man_dir_creates_its_folder_and_pages_have_the_usual_sections() {
    let dir = std::env::temp_dir().join(format!("secstatus-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let target = dir.join("share/man/man1");
    let r = run(&["man", "--dir", target.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut pages: Vec<String> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    let expected = [
        "secstatus-annotate.1",
        "secstatus-completions.1",
        "secstatus-explain.1",
        "secstatus-list.1",
        "secstatus-lookup.1",
        "secstatus-man.1",
        "secstatus-search.1",
        "secstatus.1",
    ];
    assert_eq!(pages, expected);
    for page in &pages {
        let text = std::fs::read_to_string(target.join(page)).unwrap();
        for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH \"SEE ALSO\""] {
            assert!(text.contains(section), "{page} lacks {section}");
        }
        assert!(!text.contains("EXTRA"), "{page} has an EXTRA section");
        // Every page it refers to is one that was written.
        for reference in text
            .split("\\fB")
            .skip(1)
            .filter_map(|r| r.split_once("\\fR(1)"))
            .map(|(n, _)| n.replace("\\-", "-"))
        {
            assert!(
                pages.contains(&format!("{reference}.1")),
                "{page} refers to {reference}(1)"
            );
        }
    }
    let lookup = std::fs::read_to_string(target.join("secstatus-lookup.1")).unwrap();
    assert!(
        lookup.contains(".SH EXAMPLES\n.PP\n.nf\n.nh\nsecstatus lookup 0x80090308"),
        "{lookup}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn short_gives_one_line_per_code() {
    let r = run(&["lookup", "--short", "-2146893044", "KRB_AP_ERR_SKEW"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "0x8009030C (-2146893044) SEC_E_LOGON_DENIED -- The logon attempt failed."
    );
    assert!(
        lines.iter().any(
            |l| l.starts_with("Kerberos error code 37 KRB_AP_ERR_SKEW -- ")
                && l.ends_with("-> SEC_E_TIME_SKEW (0x80090324)")
        ),
        "{}",
        r.stdout
    );
    let r = run(&["explain", "--short", "--lang", "ru", "SEC_E_TIME_SKEW"]);
    assert_eq!(r.stdout, "0x80090324 (-2146893020) SEC_E_TIME_SKEW -- Часы на клиентском и серверном компьютерах рассинхронизированы.\n");
}

#[test]
fn lookup_cards_end_with_the_first_fix_and_where_to_read_more() {
    let r = run(&["lookup", "0x80090325"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let n = lines.len();
    assert_eq!(lines[n - 2], "  first fix:      Import the root CA into the machine store: certutil -addstore Root ca.cer");
    assert_eq!(
        lines[n - 1],
        "  more:           secstatus explain SEC_E_UNTRUSTED_ROOT"
    );
}

#[test]
fn options_that_conflict_or_do_nothing_are_refused() {
    for (args, says) in [
        (
            &["list", "--json", "--format", "csv"][..],
            "--json and --format csv",
        ),
        (
            &["--json", "completions", "bash"],
            "--json does not apply to `completions`",
        ),
        (&["man", "--json"], "--json does not apply to `man`"),
        (
            &["lookup", "--json", "--short", "0x80090308"],
            "--json and --short",
        ),
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
    // The same format twice is no conflict.
    assert_eq!(run(&["list", "--json", "--format", "json"]).code, 0);
}

#[test]
fn languages_in_any_case_and_from_language() {
    let ru = run(&["--lang", "RU", "SEC_E_OK"]);
    assert_eq!(ru.code, 0, "{}", ru.stderr);
    assert!(ru.stdout.contains("серьёзность:"));
    let r = run_with(
        &["SEC_E_OK"],
        &[("LANGUAGE", "de:ru"), ("LANG", "en_US.UTF-8")],
        b"",
    );
    assert!(
        r.stdout.contains("серьёзность:"),
        "LANGUAGE's first language we have wins: {}",
        r.stdout
    );
    let r = run_with(&["SEC_E_OK"], &[("LANGUAGE", "ru"), ("LC_ALL", "C")], b"");
    assert!(
        r.stdout.contains("severity:"),
        "LANGUAGE is ignored under the C locale: {}",
        r.stdout
    );
}

#[test]
fn search_ignores_stop_words_ranks_and_answers_in_the_querys_language() {
    let r = run(&["search", "clocks", "do", "not", "match"]);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.starts_with("SEC_E_TIME_SKEW "), "{}", r.stdout);
    // Hits far weaker than the best are left out: entries about clocks or matching remain (those whose causes
    // blame a clock among them), not the dozens that merely say "not".
    assert!(r.stdout.lines().count() <= 10, "{}", r.stdout);
    let r = run(&["search", "часы", "не", "совпадают"]);
    assert!(
        r.stdout.starts_with("SEC_E_TIME_SKEW (0x80090324)  Часы"),
        "{}",
        r.stdout
    );
    // --lang still decides when given.
    let r = run(&["search", "--lang", "en", "часы"]);
    assert!(
        r.stdout
            .starts_with("SEC_E_TIME_SKEW (0x80090324)  The clocks"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_summary_is_sorted_by_count_and_includes_ldap_sub_codes() {
    let log = b"80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580\n\
                80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580\n\
                SEC_E_TIME_SKEW\n0x80090308\n";
    let r = run_with(&["annotate", "--summary"], &[], log);
    let names: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "SEC_E_INVALID_TOKEN",
            "ERROR_LOGON_FAILURE",
            "SEC_E_TIME_SKEW"
        ],
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("LDAP data 52e"), "{}", r.stdout);
    let r = run_with(&["annotate", "--summary", "--json"], &[], log);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let counts: Vec<u64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [3, 2, 1]);
    assert_eq!(v[1]["system"], "win32");
    assert_eq!(v[1]["ldap_data"], "52e");
    assert_eq!(v[1]["value"], "0x0000052E");
}
