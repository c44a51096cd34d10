//! Every Windows error code of [MS-ERREF], looked up as err.exe does. Expectations come from the data files
//! (`data/windows-errors/ms-erref-*.tsv`, [MS-ERREF]'s own tables), not from our output.

use crate::util::run;

/// Every `(name, message)` of `value` in one of the tables, in file order.
fn documented(table: &str, value: u32) -> Vec<(String, String)> {
    let path = format!(
        "{}/../../data/windows-errors/ms-erref-{table}.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("the table is in the repository");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            let v = u32::from_str_radix(f.next()?.trim_start_matches("0x"), 16).ok()?;
            let (name, message) = (f.next()?, f.next()?);
            (v == value).then(|| (name.to_string(), message.to_string()))
        })
        .collect()
}

#[test]
fn an_hresult_names_itself_and_the_win32_error_inside() {
    let r = run(&["0x80070005"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (hresult, hresult_message) = documented("hresult", 0x8007_0005).remove(0);
    let (win32, win32_message) = documented("win32", 5).remove(0);
    assert_eq!(
        (hresult.as_str(), win32.as_str()),
        ("E_ACCESSDENIED", "ERROR_ACCESS_DENIED")
    );
    let e = r.stdout.find(&hresult).unwrap();
    let w = r.stdout.find(&win32).unwrap();
    assert!(
        e < w,
        "the HRESULT first, then what it wraps:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&hresult_message) && r.stdout.contains(&win32_message),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("HRESULT_FROM_WIN32"), "{}", r.stdout);
}

#[test]
fn names_in_any_case_values_in_every_form_and_from_each_system() {
    for query in [
        &["E_ACCESSDENIED"][..],
        &["error_access_denied"],
        &["E_FAIL"],
        &["0x80004005"],
        &["-2147467259"],
        &["lookup", "--from", "win32", "5"],
        &["lookup", "--from", "hresult", "0x80070005"],
        &["lookup", "--from", "ntstatus", "0xC0000234"],
    ] {
        let r = run(query);
        assert_eq!(r.code, 0, "{query:?}: {}{}", r.stdout, r.stderr);
    }
    let (name, _) = documented("hresult", 0x8000_4005).remove(0);
    assert!(run(&["--short", "0x80004005"]).stdout.contains(&name));
    let (name, message) = documented("ntstatus", 0xC000_0234).remove(0);
    let r = run(&["lookup", "--from", "ntstatus", "0xC0000234", "--short"]);
    assert!(r.stdout.contains(&name), "{}", r.stdout);
    // The curated row speaks for it here, in its own words; the broad table's name is the same.
    let _ = message;
}

#[test]
fn hresult_from_nt_names_the_ntstatus_inside() {
    let r = run(&["--short", "0xD000006D"]);
    assert_eq!(r.code, 0);
    let (name, _) = documented("ntstatus", 0xC000_006D).remove(0);
    assert!(r.stdout.contains(&name), "{}", r.stdout);
}

#[test]
fn a_value_with_several_names_lists_every_one() {
    let names: Vec<String> = documented("win32", 0).into_iter().map(|(n, _)| n).collect();
    assert!(names.len() >= 2, "{names:?}");
    let r = run(&["lookup", "--from", "win32", "0"]);
    for name in &names {
        assert!(r.stdout.contains(name.as_str()), "{name}: {}", r.stdout);
    }
    let r = run(&["--json", "lookup", "--from", "win32", "0"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let listed: Vec<&str> = v[0]["errors"][0]["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(listed, names);
    assert_eq!(v[0]["errors"][0]["source"], "[MS-ERREF] 2.2");
}

#[test]
fn a_russian_card_says_the_text_is_english() {
    let r = run(&["--lang", "ru", "E_FAIL"]);
    assert!(
        r.stdout.contains("Unspecified error. (на английском)"),
        "{}",
        r.stdout
    );
}

#[test]
fn explain_search_and_list_know_them() {
    let r = run(&["explain", "ERROR_NO_SUCH_LOGON_SESSION"]);
    assert_eq!(r.code, 0);
    let (_, message) = documented("win32", 1312).remove(0);
    assert!(r.stdout.contains(&message), "{}", r.stdout);
    let r = run(&["search", "logon", "session", "does", "not", "exist"]);
    assert!(
        r.stdout.contains("ERROR_NO_SUCH_LOGON_SESSION"),
        "{}",
        r.stdout
    );
    // list --system: a row per value, every value of the table.
    let csv = run(&["list", "--system", "win32", "--format", "csv"]).stdout;
    let path = format!(
        "{}/../../data/windows-errors/ms-erref-win32.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut values: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    values.dedup();
    assert_eq!(
        csv.lines().count(),
        values.len() + 1,
        "a header and a row per value"
    );
    let json = run(&["list", "--system", "ntstatus", "--json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.as_array().unwrap().len() > 1000);
    let r = run(&["list", "--system", "hresult", "--format", "html"]);
    assert_eq!(r.code, 2, "the HTML page holds the SSPI catalogue only");
}

#[test]
fn annotate_names_hresults_and_ntstatus_that_cannot_be_ordinary_numbers() {
    let line = "schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - x\n";
    let r = crate::util::run_with(&["annotate", "--json"], &[], line.as_bytes());
    let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    let (name, _) = documented("hresult", 0x8009_2012).remove(0);
    assert_eq!(v["name"], name.as_str());
    assert_eq!(v["system"], "hresult");
    // The annotation explains it as a lookup does, with the catalogue's meaning and what to do (data/mappings.toml).
    let lookup = run(&["0x80092012"]).stdout;
    let meaning = lookup
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("meaning:"))
        .expect("a meaning")
        .trim();
    assert!(meaning.contains("curl --ssl-no-revoke"), "{meaning}");
    let r = crate::util::run_with(&["annotate"], &[], line.as_bytes());
    assert!(r.stdout.contains(meaning), "{}", r.stdout);
    // HRESULT_FROM_WIN32 of an error the HRESULT table does not list: the Win32 error inside.
    let r = crate::util::run_with(&["annotate", "--json"], &[], b"Error HRESULT: 0x80070520\n");
    let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    let (name, _) = documented("win32", 0x520).remove(0);
    assert_eq!(
        (v["name"].as_str(), v["system"].as_str()),
        (Some(name.as_str()), Some("win32"))
    );
    // Short numbers and 8 digits without the high bit stay silent.
    for quiet in [
        "pid 5 port 0x1F90",
        "id 0x00000005",
        "error 1326",
        "0x7FFFFFFF",
    ] {
        let r = crate::util::run_with(&["annotate", "--json"], &[], quiet.as_bytes());
        assert_eq!(r.stdout, "", "{quiet}");
    }
}
