//! Accept and reject lists for every textual form.

use secstatus::SecStatus;

#[test]
fn accepts_every_form_people_paste() {
    let cases: &[(&str, u32)] = &[
        ("SEC_E_LOGON_DENIED", 0x8009_030C),
        ("sec_e_logon_denied", 0x8009_030C),
        ("Sec_E_Logon_Denied", 0x8009_030C),
        (r"SEC\_E\_OK", 0),
        ("SEC_E_NOT_SUPPORTED", 0x8009_0302),
        ("SEC_I_INVALID_SESSION_STATE", 0x8009_036C),
        ("0x8009030C", 0x8009_030C),
        ("0x8009030c", 0x8009_030C),
        ("0X8009030C", 0x8009_030C),
        ("0x90312", 0x0009_0312),
        ("0x0", 0),
        ("0x00000000", 0),
        ("0xFFFFFFFF", 0xFFFF_FFFF),
        ("80090308", 0x8009_0308),
        ("8009030c", 0x8009_030C),
        ("00090312", 0x0009_0312),
        ("-2146893044", 0x8009_030C),
        ("2148074252", 0x8009_030C),
        ("-2147483648", 0x8000_0000),
        ("4294967295", 0xFFFF_FFFF),
        ("+590610", 0x0009_0312),
        ("590610", 0x0009_0312),
        ("0", 0),
        ("  0x80090308 ", 0x8009_0308),
        ("\t-2146893048\r\n", 0x8009_0308),
    ];
    for &(text, value) in cases {
        assert_eq!(
            text.parse::<SecStatus>(),
            Ok(SecStatus::from_u32(value)),
            "{text:?}"
        );
    }
}

#[test]
fn rejects_with_a_reason() {
    let cases: &[(&str, &str)] = &[
        ("", "empty input"),
        ("   ", "empty input"),
        ("0x", "`0x` is not followed by hex digits"),
        ("0x123456789", "hex value has more than 8 digits"),
        ("0x8009030G", "hex value has a character that is not a hex digit"),
        ("0x-1", "hex value has a character that is not a hex digit"),
        ("4294967296", "decimal value is outside -2147483648..=4294967295"),
        ("-2147483649", "decimal value is outside -2147483648..=4294967295"),
        ("99999999999999999999999", "decimal value is outside -2147483648..=4294967295"),
        ("-", "decimal value has a character that is not a digit"),
        ("12ab", "decimal value has a character that is not a digit"),
        ("1.5", "decimal value has a character that is not a digit"),
        ("SEC_E_NO_SUCH", "not the name of an SSPI status code"),
        ("LOGON_DENIED", "not the name of an SSPI status code"),
        ("SEC_E_OK_", "not the name of an SSPI status code"),
        ("SEC E OK", "not the name of an SSPI status code"),
        ("Ошибка", "not a status code: expected a name (SEC_E_...), hex (0x8009030C) or decimal (-2146893044)"),
        ("#80090308", "not a status code: expected a name (SEC_E_...), hex (0x8009030C) or decimal (-2146893044)"),
    ];
    for &(text, reason) in cases {
        let err = text.parse::<SecStatus>().expect_err(text);
        assert_eq!(err.to_string(), reason, "{text:?}");
    }
}

#[test]
fn very_long_input_is_rejected_not_panicked() {
    let long_name = "SEC_E_".to_string() + &"A".repeat(100_000);
    assert!(long_name.parse::<SecStatus>().is_err());
    let long_hex = "0x".to_string() + &"F".repeat(100_000);
    assert!(long_hex.parse::<SecStatus>().is_err());
    let long_decimal = "9".repeat(100_000);
    assert!(long_decimal.parse::<SecStatus>().is_err());
}

#[test]
fn display_round_trips_through_parse() {
    for v in (0..u32::MAX)
        .step_by(65_537)
        .chain([0, 0x8009_030C, 0x0009_0312, u32::MAX])
    {
        let s = SecStatus::from_u32(v);
        let shown = s.to_string();
        let number = shown
            .rsplit(['(', ' '])
            .next()
            .unwrap()
            .trim_end_matches(')');
        assert_eq!(number.parse::<SecStatus>(), Ok(s), "{shown}");
        if let Some(name) = s.name() {
            assert_eq!(name.parse::<SecStatus>(), Ok(s));
        }
    }
}

/// Issue 15, found by the `parse` fuzz target (fuzz/regressions/parse/display-form-whose-name-is-a-number): a text
/// shaped like Display's `NAME (0xVALUE)` whose "name" is a number was read as a name of a value with no entry.
#[test]
fn display_form_needs_a_catalogue_name() {
    use secstatus::{interpret, Reading};

    let found = "A687b7c2 (A687b7c2 )";
    assert_eq!(
        found.parse::<SecStatus>().map_err(|e| e.to_string()),
        Err("not the name of an SSPI status code".to_string())
    );
    assert_eq!(interpret(found).count(), 0);
    for text in [
        "80090308 (80090308)",
        "0x0 (0x0)",
        "-2146893044 (0x8009030C)",
    ] {
        assert!(text.parse::<SecStatus>().is_err(), "{text:?}");
        assert!(
            interpret(text).all(|i| i.reading != Reading::Name),
            "{text:?}"
        );
    }
    // The real form still reads, in any case and with Markdown escapes, and the halves must agree.
    for text in [
        "SEC_E_LOGON_DENIED (0x8009030C)",
        r"sec\_e\_logon\_denied (0x8009030c)",
        "SEC_E_LOGON_DENIED (-2146893044)",
    ] {
        assert_eq!(
            text.parse::<SecStatus>(),
            Ok(SecStatus::SEC_E_LOGON_DENIED),
            "{text:?}"
        );
        let first = interpret(text).next().unwrap();
        assert_eq!(
            (first.status, first.reading),
            (SecStatus::SEC_E_LOGON_DENIED, Reading::Name)
        );
    }
    assert_eq!(
        "SEC_E_OK (0x8009030C)"
            .parse::<SecStatus>()
            .map_err(|e| e.to_string()),
        Err("the name and the value in parentheses are different codes".to_string())
    );
}
