//! The JSON contract other tools rely on.

use crate::util::run;

/// Checks that `s` is one JSON value (serde_json is strict: no raw control characters in strings, nothing after
/// the value) and that no control character is left raw anywhere, C1 and DEL included.
fn assert_json(s: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(s) {
        panic!("invalid JSON ({e}): {s}");
    }
    assert!(
        !s.trim_end().chars().any(char::is_control),
        "raw control character in {s}"
    );
}

#[test]
fn the_librarys_serde_of_every_entry_is_what_list_json_prints() {
    let r = run(&["list", "--json"]);
    assert_eq!(r.code, 0);
    let printed: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).expect("an array");
    let entries: Vec<_> = secstatus::entries().collect();
    assert_eq!(printed.len(), entries.len());
    for (json, entry) in printed.iter().zip(&entries) {
        let library = serde_json::to_value(entry).expect("an entry serializes");
        assert_eq!(*json, library, "{}", entry.name());
        assert!(json.get("alias_meanings").is_some(), "{}", entry.name());
    }
    // Field for field and in the same order: the printed text is the library's, entry by entry.
    let library: Vec<String> = entries
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    assert_eq!(r.stdout, format!("[{}]\n", library.join(",")));
}

#[test]
fn list_json_has_every_name_with_its_value() {
    let r = run(&["list", "--json"]);
    assert_eq!(r.code, 0);
    assert_json(&r.stdout);
    assert_eq!(r.stdout.matches(",\"signed\":").count(), 94);
    for (name, value) in [
        ("SEC_E_OK", "0x00000000"),
        ("SEC_E_LOGON_DENIED", "0x8009030C"),
        ("SEC_I_INVALID_SESSION_STATE", "0x8009036C"),
    ] {
        assert!(
            r.stdout
                .contains(&format!("{{\"name\":\"{name}\",\"value\":\"{value}\"")),
            "{name}"
        );
    }
    assert!(r.stdout.contains("\"aliases\":[\"SEC_E_NOT_SUPPORTED\"]"));
    assert!(r.stdout.contains("\"aliases\":[\"SEC_E_NO_SPM\"]"));
}

#[test]
fn list_json_entry_has_the_contract_fields_exactly() {
    let r = run(&["list", "--json", "--category", "success"]);
    assert!(r.stdout.starts_with(
        "[{\"name\":\"SEC_E_OK\",\"value\":\"0x00000000\",\"signed\":0,\"unsigned\":0,\"aliases\":[],\"alias_meanings\":[],\
         \"severity\":\"success\",\"facility\":0,\"code\":0,\"category\":\"success\",\"in_spec\":true,\"newest_sdk\":false,\
         \"meaning\":{\"en\":\"The operation completed successfully.\",\"ru\":"
    ), "{}", r.stdout);
}

#[test]
fn lookup_json_has_one_object_per_query_with_decoded_fields() {
    let r = run(&[
        "lookup",
        "--json",
        "0x80090308",
        "0x80090319",
        "SEC_E_LOGON_DENIDE",
    ]);
    assert_eq!(r.code, 1);
    assert_json(&r.stdout);
    assert!(r.stdout.starts_with("[{\"query\":\"0x80090308\",\"matches\":[{\"reading\":\"hex\",\"name\":\"SEC_E_INVALID_TOKEN\""), "{}", r.stdout);
    assert!(r.stdout.contains(
        "{\"query\":\"0x80090319\",\"matches\":[],\"decoded\":{\"value\":\"0x80090319\",\"signed\":-2146893031,\"unsigned\":2148074265,\
         \"severity\":\"error\",\"severity_bit\":true,\"reserved_bit\":false,\"customer_bit\":false,\"nt_bit\":false,\"x_bit\":false,\
         \"facility\":9,\"facility_name\":\"FACILITY_SECURITY\",\"code\":793,\"kind\":\"sspi_unassigned\"}"
    ), "{}", r.stdout);
    assert!(r.stdout.contains("{\"query\":\"SEC_E_LOGON_DENIDE\",\"matches\":[],\"decoded\":null,\"readings\":[],\"foreign\":[],\"suggestion\":\"SEC_E_LOGON_DENIED\"}"), "{}", r.stdout);
}

#[test]
fn json_escapes_hostile_queries() {
    let r = run(&["lookup", "--json", "a\u{1b}[2J\"b\\"]);
    assert_json(&r.stdout);
    assert!(
        r.stdout.contains("\"query\":\"a\\u001b[2J\\\"b\\\\\""),
        "{}",
        r.stdout
    );
}

#[test]
fn search_json_is_ranked() {
    let r = run(&["search", "--json", "clock"]);
    assert_json(&r.stdout);
    assert!(r.stdout.starts_with("[{\"score\":"), "{}", r.stdout);
    assert!(r.stdout.contains("\"entry\":{\"name\":\"SEC_E_TIME_SKEW\""));
}
