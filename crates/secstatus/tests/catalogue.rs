//! Invariants of the table, through the public API only.

use secstatus::{entries, lookup_name, names, Category, Lang, SecStatus, Severity};

#[test]
fn holds_94_values_and_96_names() {
    assert_eq!(entries().count(), 94);
    assert_eq!(names().count(), 96);
    let aliases: Vec<_> = entries()
        .flat_map(|e| e.aliases())
        .map(|a| a.name())
        .collect();
    assert_eq!(aliases.len(), 2);
    assert!(aliases.contains(&"SEC_E_NOT_SUPPORTED") && aliases.contains(&"SEC_E_NO_SPM"));
}

#[test]
fn aliases_resolve_to_canonical() {
    assert_eq!(
        SecStatus::SEC_E_NOT_SUPPORTED,
        SecStatus::SEC_E_UNSUPPORTED_FUNCTION
    );
    assert_eq!(SecStatus::SEC_E_NO_SPM, SecStatus::SEC_E_INTERNAL_ERROR);
    assert_eq!(
        lookup_name("SEC_E_NOT_SUPPORTED").unwrap().name(),
        "SEC_E_UNSUPPORTED_FUNCTION"
    );
    assert_eq!(
        lookup_name("sec_e_no_spm").unwrap().name(),
        "SEC_E_INTERNAL_ERROR"
    );
}

#[test]
fn entries_are_in_strict_unsigned_value_order() {
    let values: Vec<u32> = entries().map(|e| e.status().to_u32()).collect();
    assert!(values.windows(2).all(|w| w[0] < w[1]), "{values:x?}");
    assert_eq!(values.first(), Some(&0));
    assert_eq!(values.last(), Some(&0x8009_036C));
}

#[test]
fn severity_agrees_with_prefix_except_the_documented_two() {
    for e in entries() {
        let expected = match e.name() {
            "SEC_E_OK" => Severity::Success,
            "SEC_I_INVALID_SESSION_STATE" => Severity::Error,
            n if n.starts_with("SEC_E_") => Severity::Error,
            _ => Severity::Informational,
        };
        assert_eq!(e.severity(), expected, "{}", e.name());
    }
}

#[test]
fn every_code_but_ok_is_in_facility_security() {
    for e in entries().filter(|e| e.name() != "SEC_E_OK") {
        assert_eq!(e.status().fields().facility, 9, "{}", e.name());
        assert_eq!(
            e.status().to_u32() & 0x7FFF_0000,
            0x0009_0000,
            "{}",
            e.name()
        );
    }
}

#[test]
fn same_low_word_codes_are_distinct() {
    // The trap of keying on the low 16 bits.
    for (i, e) in [
        (0x0317u32, "CONTEXT_EXPIRED"),
        (0x0320, "INCOMPLETE_CREDENTIALS"),
    ] {
        let info = SecStatus::from_u32(0x0009_0000 | i).entry().unwrap();
        let err = SecStatus::from_u32(0x8009_0000 | i).entry().unwrap();
        assert_eq!(info.name(), format!("SEC_I_{e}"));
        assert_eq!(err.name(), format!("SEC_E_{e}"));
    }
    assert_eq!(
        SecStatus::from_u32(0x0009_0321).name(),
        Some("SEC_I_RENEGOTIATE")
    );
    assert_eq!(
        SecStatus::from_u32(0x8009_0321).name(),
        Some("SEC_E_BUFFER_TOO_SMALL")
    );
    assert_eq!(
        SecStatus::from_u32(0x0009_0316).name(),
        Some("SEC_I_GENERIC_EXTENSION_RECEIVED")
    );
    assert_eq!(
        SecStatus::from_u32(0x8009_0316).name(),
        Some("SEC_E_BAD_PKGID")
    );
}

#[test]
fn gaps_are_not_codes() {
    for v in (0x8009_0319..=0x8009_031F)
        .chain(0x8009_032A..=0x8009_032F)
        .chain([0x8009_0344])
        .chain(0x8009_034A..=0x8009_034F)
    {
        assert!(SecStatus::from_u32(v).entry().is_none(), "0x{v:08X}");
    }
}

#[test]
fn every_entry_has_texts_in_both_languages() {
    for e in entries() {
        for lang in Lang::ALL {
            assert!(
                !e.meaning().get(lang).is_empty(),
                "{} meaning {lang:?}",
                e.name()
            );
            assert!(
                !e.message().get(lang).is_empty(),
                "{} message {lang:?}",
                e.name()
            );
        }
        assert!(
            e.meaning()
                .get(Lang::Ru)
                .chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я')),
            "{}",
            e.name()
        );
        assert_ne!(
            e.meaning().get(Lang::En),
            e.meaning().get(Lang::Ru),
            "{}",
            e.name()
        );
        for a in e.aliases() {
            assert_ne!(
                a.meaning().get(Lang::En),
                a.meaning().get(Lang::Ru),
                "{}",
                a.name()
            );
        }
    }
}

#[test]
fn informational_codes_say_what_to_do_next_and_errors_who_acts() {
    for e in entries() {
        if e.status().is_error() {
            assert!(e.actor().is_some() && e.retry().is_some(), "{}", e.name());
        } else {
            assert!(e.next_step().is_some(), "{}", e.name());
            assert!(e.actor().is_none() && e.retry().is_none(), "{}", e.name());
        }
    }
    let next = SecStatus::SEC_I_CONTINUE_NEEDED
        .entry()
        .unwrap()
        .next_step()
        .unwrap();
    assert!(
        next.get(Lang::En).contains("peer"),
        "{}",
        next.get(Lang::En)
    );
}

#[test]
fn the_specification_has_77_names() {
    let spec = entries().filter(|e| e.in_spec()).count()
        + entries()
            .flat_map(|e| e.aliases())
            .filter(|a| a.in_spec())
            .count();
    assert_eq!(spec, 77);
}

#[test]
fn newest_sdk_marks_only_the_invalid_session_state() {
    let newest: Vec<_> = entries()
        .filter(|e| e.newest_sdk())
        .map(|e| e.name())
        .collect();
    assert_eq!(newest, ["SEC_I_INVALID_SESSION_STATE"]);
}

#[test]
fn errata_correct_the_misleading_specification_texts() {
    let pa = SecStatus::SEC_E_NO_PA_DATA.entry().unwrap();
    assert!(pa
        .meaning()
        .get(Lang::En)
        .starts_with("Policy administrator (PA) data"));
    assert!(pa
        .erratum()
        .unwrap()
        .get(Lang::En)
        .contains("pre-authentication"));
    let denied = SecStatus::SEC_E_LOGON_DENIED.entry().unwrap();
    assert_eq!(
        denied.meaning().get(Lang::En),
        "This status code is obsolete."
    );
    assert!(denied.erratum().is_some());
}

#[test]
fn related_codes_exist_and_are_not_self() {
    for e in entries() {
        for r in e.related() {
            assert!(r.entry().is_some(), "{} -> {r:?}", e.name());
            assert_ne!(*r, e.status(), "{}", e.name());
        }
    }
}

#[test]
fn categories_are_used_sensibly() {
    assert_eq!(
        SecStatus::SEC_E_OK.entry().unwrap().category(),
        Category::Success
    );
    assert_eq!(
        SecStatus::SEC_I_CONTINUE_NEEDED.entry().unwrap().category(),
        Category::Continuation
    );
    assert_eq!(
        SecStatus::SEC_E_KDC_UNKNOWN_ETYPE
            .entry()
            .unwrap()
            .category(),
        Category::Kerberos
    );
    for c in Category::ALL {
        assert!(entries().any(|e| e.category() == *c), "{c:?} is unused");
    }
}

#[test]
fn texts_carry_no_markdown() {
    for e in entries() {
        for lang in Lang::ALL {
            for s in [e.meaning().get(lang), e.message().get(lang)] {
                assert!(
                    !s.contains("](") && !s.contains("**") && !s.contains("\\_"),
                    "{}: {s}",
                    e.name()
                );
            }
        }
    }
}

/// Lookup by value must agree with a linear scan over every value near the SSPI range.
#[test]
fn value_lookup_agrees_with_linear_scan() {
    let all: Vec<_> = entries().collect();
    for base in [0x8009_0300u32, 0x0009_0300] {
        for v in base..=base + 0xFF {
            let scan = all
                .iter()
                .find(|e| e.status().to_u32() == v)
                .map(|e| e.name());
            assert_eq!(SecStatus::from_u32(v).name(), scan, "0x{v:08X}");
        }
    }
    assert_eq!(SecStatus::from_u32(0).name(), Some("SEC_E_OK"));
    for v in [
        1u32,
        0xFFFF_FFFF,
        0x8000_0000,
        0x7FFF_FFFF,
        0x8009_0000,
        0x8009_0400,
    ] {
        assert_eq!(SecStatus::from_u32(v).name(), None, "0x{v:08X}");
    }
}

/// Name lookup must agree with a linear scan, whatever the case.
#[test]
fn name_lookup_agrees_with_linear_scan_in_any_case() {
    for (name, entry) in names() {
        for variant in [
            name.to_string(),
            name.to_lowercase(),
            name.replace('_', "\\_"),
        ] {
            assert_eq!(
                lookup_name(&variant).map(|e| e.name()),
                Some(entry.name()),
                "{variant}"
            );
        }
    }
}
