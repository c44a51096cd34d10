//! Every mapping row against its source, transcribed here from the source's own table, and the decoders.

use secstatus::{
    foreigns, mapped_to, GssStatus, KerberosError, Lang, NtStatus, SecStatus, System, TlsAlert,
};

/// The SSPI names a foreign status maps to with `source`, in order.
fn by_source(system: System, value: u32, source: &str) -> Vec<&'static str> {
    let f = secstatus::foreign(system, value)
        .unwrap_or_else(|| panic!("{system:?} {value} is missing"));
    f.mappings()
        .iter()
        .filter(|m| m.source().key() == source)
        .filter_map(|m| m.status().name())
        .collect()
}

/// Microsoft, "Schannel Error Codes for TLS and SSL Alerts": alert -> Schannel code.
#[test]
fn tls_alerts_follow_microsofts_table() {
    let table: &[(&[u8], &str)] = &[
        (&[10, 22, 40, 47, 50, 60, 100, 110], "SEC_E_ILLEGAL_MESSAGE"),
        (&[20, 30], "SEC_E_MESSAGE_ALTERED"),
        (&[21, 51], "SEC_E_DECRYPT_FAILURE"),
        (&[42, 43, 46], "SEC_E_CERT_UNKNOWN"),
        (&[45], "SEC_E_CERT_EXPIRED"),
        (&[48], "SEC_E_UNTRUSTED_ROOT"),
        (&[49], "SEC_E_LOGON_DENIED"),
        (&[70], "SEC_E_UNSUPPORTED_FUNCTION"),
        (&[71], "SEC_E_ALGORITHM_MISMATCH"),
        (&[80], "SEC_E_INTERNAL_ERROR"),
        (&[90], "SEC_E_UNFINISHED_CONTEXT_DELETED"),
    ];
    for (alerts, code) in table {
        for &alert in *alerts {
            let m = TlsAlert(alert).mapping().unwrap();
            assert_eq!(m.status().name(), Some(*code), "alert {alert}");
            assert_eq!(m.source().key(), "ms-tls-alerts", "alert {alert}");
        }
    }
    // certificate_revoked gives CRYPT_E_REVOKED, which is not an SSPI code: no SSPI mapping.
    assert!(TlsAlert(44).mapping().is_none());
    assert_eq!(
        TlsAlert(0).mapping().unwrap().status(),
        SecStatus::SEC_I_CONTEXT_EXPIRED
    );
    assert_eq!(
        TlsAlert(200).mapping().unwrap().status(),
        SecStatus::SEC_E_ILLEGAL_MESSAGE
    );
}

/// Wine, `status_gss_to_sspi`: the values its switch lists.
#[test]
fn gss_follows_wines_switch() {
    let table: &[(u32, &str)] = &[
        (0x0000_0000, "SEC_E_OK"),
        (0x0001_0000, "SEC_E_SECPKG_NOT_FOUND"),
        (0x0006_0000, "SEC_E_MESSAGE_ALTERED"),
        (0x0007_0000, "SEC_E_NO_CREDENTIALS"),
        (0x0008_0000, "SEC_E_INVALID_HANDLE"),
        (0x0009_0000, "SEC_E_INVALID_TOKEN"),
        (0x000A_0000, "SEC_E_NO_CREDENTIALS"),
        (0x000B_0000, "SEC_E_CONTEXT_EXPIRED"),
        (0x000C_0000, "SEC_E_CONTEXT_EXPIRED"),
        (0x000D_0000, "SEC_E_INTERNAL_ERROR"),
        (0x000E_0000, "SEC_E_QOP_NOT_SUPPORTED"),
        (0x1, "SEC_I_CONTINUE_NEEDED"),
        (0x2, "SEC_E_INVALID_TOKEN"),
        (0x4, "SEC_E_INVALID_TOKEN"),
        (0x8, "SEC_E_OUT_OF_SEQUENCE"),
        (0x10, "SEC_E_OUT_OF_SEQUENCE"),
    ];
    for &(value, code) in table {
        assert_eq!(
            by_source(System::Gss, value, "wine").first(),
            Some(&code),
            "GSS 0x{value:X}"
        );
    }
}

/// Where sources disagree, every answer is kept, the primary first.
#[test]
fn gss_disagreements_are_all_shown() {
    let expired = secstatus::foreign_by_name("GSS_S_CREDENTIALS_EXPIRED").unwrap();
    let codes: Vec<_> = expired
        .mappings()
        .iter()
        .map(|m| (m.status().name().unwrap(), m.source().key()))
        .collect();
    assert_eq!(codes[0], ("SEC_E_CONTEXT_EXPIRED", "wine"));
    assert!(
        codes.contains(&("SEC_E_CERT_EXPIRED", "dotnet")),
        "{codes:?}"
    );
    assert!(expired.note().is_some());
    let defective = secstatus::foreign_by_name("GSS_S_DEFECTIVE_CREDENTIAL").unwrap();
    assert_eq!(
        defective.primary().unwrap().status(),
        SecStatus::SEC_E_NO_CREDENTIALS
    );
    assert!(defective
        .note()
        .unwrap()
        .get(secstatus::Lang::En)
        .contains("STATUS_LOGON_FAILURE"));
}

/// A combined major status is decoded field by field before mapping; exact-equality mapping would miss it.
#[test]
fn combined_gss_values_are_decoded() {
    let s = GssStatus(0x0009_0000 | 0x4);
    assert_eq!(
        s.parts().map(|f| f.name()).collect::<Vec<_>>(),
        ["GSS_S_DEFECTIVE_TOKEN", "GSS_S_OLD_TOKEN"]
    );
    assert_eq!(
        s.mapping().unwrap().status(),
        SecStatus::SEC_E_INVALID_TOKEN
    );
    let calling = GssStatus(0x0100_0000 | 0x000D_0000);
    assert_eq!(
        calling.parts().next().unwrap().name(),
        "GSS_S_CALL_INACCESSIBLE_READ"
    );
    assert_eq!(
        GssStatus(0).parts().map(|f| f.name()).collect::<Vec<_>>(),
        ["GSS_S_COMPLETE"]
    );
    assert_eq!(
        GssStatus(0).mapping().unwrap().status(),
        SecStatus::SEC_E_OK
    );
    assert_eq!(
        GssStatus(0x1).mapping().unwrap().status(),
        SecStatus::SEC_I_CONTINUE_NEEDED
    );
    // A routine error no table knows maps to nothing, and certainly not to SEC_E_OK.
    assert_eq!(GssStatus(0x007F_0000).parts().count(), 0);
    assert!(GssStatus(0x007F_0000).mapping().is_none());
}

/// sspi-rs, `map_keb_error_code_to_sspi_error`, as grouped by target in its source.
#[test]
fn kerberos_sspi_rs_rows_follow_its_table() {
    let table: &[(&[u32], &str)] = &[
        (
            &[
                3, 10, 11, 12, 13, 15, 16, 17, 24, 25, 26, 27, 28, 29, 34, 36, 39, 44, 51, 61, 69,
                70,
            ],
            "SEC_E_KDC_INVALID_REQUEST",
        ),
        (
            &[1, 2, 23, 38, 52, 62, 63, 66, 71, 75, 76],
            "SEC_E_INVALID_PARAMETER",
        ),
        (&[6, 7, 18, 19, 20, 21, 22], "SEC_E_UNKNOWN_CREDENTIALS"),
        (&[4, 5, 9, 65], "SEC_E_ENCRYPT_FAILURE"),
        (&[31, 41, 64], "SEC_E_MESSAGE_ALTERED"),
        (&[33, 35, 40, 48, 50], "SEC_E_INVALID_TOKEN"),
        (&[42, 47, 49], "SEC_E_OUT_OF_SEQUENCE"),
        (&[60, 73, 74], "SEC_E_INTERNAL_ERROR"),
        (&[8], "SEC_E_TOO_MANY_PRINCIPALS"),
        (&[14], "SEC_E_QOP_NOT_SUPPORTED"),
        (&[32], "SEC_E_CONTEXT_EXPIRED"),
        (&[37], "SEC_E_TIME_SKEW"),
        (&[45], "SEC_E_NO_KERB_KEY"),
        (&[46], "SEC_E_MUTUAL_AUTH_FAILED"),
        (&[67], "SEC_E_NO_TGT_REPLY"),
        (&[68], "SEC_E_NO_AUTHENTICATING_AUTHORITY"),
        (&[72], "SEC_E_KDC_CERT_REVOKED"),
    ];
    for (codes, target) in table {
        for &code in *codes {
            assert_eq!(
                by_source(System::Kerberos, code, "sspi-rs"),
                [*target],
                "Kerberos {code}"
            );
        }
    }
    // sspi-rs's "Unknown" (0, which reads as SEC_E_OK) is never copied.
    for code in [0, 90, 91, 92, 93] {
        assert!(KerberosError(code).mapping().is_none(), "Kerberos {code}");
    }
}

/// Observed Windows behaviour wins over an implementation's table where there is evidence.
#[test]
fn kerberos_primary_follows_observed_windows_behaviour() {
    for (code, target) in [
        (37, "SEC_E_TIME_SKEW"),
        (41, "SEC_E_WRONG_PRINCIPAL"),
        (7, "SEC_E_TARGET_UNKNOWN"),
        (24, "SEC_E_LOGON_DENIED"),
        (14, "SEC_E_KDC_UNKNOWN_ETYPE"),
    ] {
        let m = KerberosError(code).mapping().unwrap();
        assert_eq!(
            (m.status().name(), m.source().key()),
            (Some(target), "windows-observed"),
            "Kerberos {code}"
        );
    }
}

/// Name twins: STATUS_X <-> SEC_E_X, derivable from the names themselves.
#[test]
fn ntstatus_name_twins_share_their_suffix() {
    let mut twins = 0;
    for f in foreigns().filter(|f| f.system() == System::NtStatus) {
        for m in f
            .mappings()
            .iter()
            .filter(|m| m.source().key() == "name-twin")
        {
            let suffix = f.name().strip_prefix("STATUS_").unwrap();
            assert_eq!(
                m.status().name().unwrap().strip_prefix("SEC_E_"),
                Some(suffix),
                "{}",
                f.name()
            );
            twins += 1;
        }
    }
    assert!(twins >= 35, "{twins}");
    assert_eq!(
        NtStatus(0xC000_006D).mapping().unwrap().status(),
        SecStatus::SEC_E_LOGON_DENIED
    );
    assert_eq!(NtStatus(0xC000_006D).to_hresult().to_u32(), 0xD000_006D);
}

#[test]
fn nothing_but_gss_complete_maps_to_sec_e_ok() {
    for f in foreigns() {
        for m in f.mappings() {
            if m.status() == SecStatus::SEC_E_OK {
                assert_eq!(f.name(), "GSS_S_COMPLETE");
            }
        }
    }
}

#[test]
fn every_source_cited_is_described() {
    for s in secstatus::sources() {
        assert!(!s.title().is_empty(), "{}", s.key());
    }
    let ms = secstatus::sources()
        .find(|s| s.key() == "ms-tls-alerts")
        .unwrap();
    assert_eq!(
        TlsAlert(250).mapping().unwrap().source().title(),
        ms.title(),
        "the 'any other' row cites the same source"
    );
}

/// The content review (mappings.tsv, every Wine row): `status_gss_to_sspi` lives in dlls/kerberos/unixlib.c,
/// not in dlls/secur32.
#[test]
fn wine_source_names_the_file_of_status_gss_to_sspi() {
    let wine = secstatus::sources().find(|s| s.key() == "wine").unwrap();
    assert!(
        wine.title().contains("dlls/kerberos/unixlib.c"),
        "{}",
        wine.title()
    );
    assert!(!wine.title().contains("secur32"), "{}", wine.title());
}

/// The mappings of `name` as `(SSPI name, source, reverse_only)`, in order.
fn row(name: &str) -> Vec<(&'static str, &'static str, bool)> {
    secstatus::foreign_by_name(name)
        .unwrap_or_else(|| panic!("{name} is missing"))
        .mappings()
        .iter()
        .map(|m| {
            (
                m.status().name().unwrap(),
                m.source().key(),
                m.is_reverse_only(),
            )
        })
        .collect()
}

/// Content review MAP-44: System Informer's socket.c (parent of cfa05212, lines 767-771) reads
/// `case SEC_E_OUT_OF_SEQUENCE: case SEC_E_MESSAGE_ALTERED: return STATUS_REQUEST_OUT_OF_SEQUENCE;`.
#[test]
fn request_out_of_sequence_has_both_system_informer_cases() {
    assert_eq!(
        row("STATUS_REQUEST_OUT_OF_SEQUENCE"),
        [
            ("SEC_E_OUT_OF_SEQUENCE", "system-informer", true),
            ("SEC_E_MESSAGE_ALTERED", "system-informer", true),
        ]
    );
    assert!(NtStatus(0xC000_042A).mapping().is_none(), "one way only");
    assert!(mapped_to(SecStatus::SEC_E_MESSAGE_ALTERED)
        .any(|(f, m)| f.name() == "STATUS_REQUEST_OUT_OF_SEQUENCE" && m.is_reverse_only()));
}

/// Content review MAP-35 and MAP-69: Samba's ldapsrv_BindSASL answers every failed SASL bind with the constant
/// HRES_SEC_E_LOGON_DENIED, so it is a note of the rows, not a mapping.
#[test]
fn samba_sasl_bind_answer_is_a_note_not_a_mapping() {
    assert!(secstatus::sources().all(|s| s.key() != "samba"));
    assert_eq!(
        row("STATUS_LOGON_FAILURE"),
        [("SEC_E_LOGON_DENIED", "freerdp", false)]
    );
    assert_eq!(row("ERROR_LOGON_FAILURE"), []);
    for name in ["STATUS_LOGON_FAILURE", "ERROR_LOGON_FAILURE"] {
        let note = secstatus::foreign_by_name(name).unwrap().note().unwrap();
        assert!(note.get(Lang::En).contains("Samba's LDAP server"), "{name}");
        assert!(
            note.get(Lang::En).contains("every failed SASL bind"),
            "{name}"
        );
        assert!(note.get(Lang::Ru).contains("Samba"), "{name}");
    }
}

/// Content review MAP-129, MAP-139, MAP-174: the Kerberos rows whose windows-observed evidence did not hold.
#[test]
fn kerberos_windows_observed_rows_say_how_weak_they_are() {
    // 14: kept, evidence relabelled as weak (dotnet/wcf #2805), and no "Samba practice" (Samba gives
    // NT_STATUS_LOGON_FAILURE).
    let etype = KerberosError(14).mapping().unwrap();
    assert_eq!(
        (etype.status().name(), etype.source().key()),
        (Some("SEC_E_KDC_UNKNOWN_ETYPE"), "windows-observed")
    );
    let note = etype.note().unwrap();
    assert!(note.get(Lang::En).starts_with("weak:"));
    assert!(note.get(Lang::Ru).starts_with("слабое основание:"));
    for lang in [Lang::En, Lang::Ru] {
        assert!(note.get(lang).contains("2805"));
    }
    let f = KerberosError(14).info().unwrap();
    assert!(!f.note().unwrap().get(Lang::En).contains("Samba practice"));
    assert!(f.mappings().iter().all(|m| !m
        .note()
        .is_some_and(|n| n.get(Lang::En).contains("Samba practice"))));
    // 24: kept as unverifiable; the pyspnego argument is gone (pyspnego files the two in different classes).
    let preauth = KerberosError(24).mapping().unwrap();
    assert_eq!(preauth.status(), SecStatus::SEC_E_LOGON_DENIED);
    assert!(preauth
        .note()
        .unwrap()
        .get(Lang::En)
        .starts_with("unverifiable"));
    assert!(preauth
        .note()
        .unwrap()
        .get(Lang::Ru)
        .starts_with("не подтверждено"));
    let f = KerberosError(24).info().unwrap();
    for lang in [Lang::En, Lang::Ru] {
        assert!(!f.note().unwrap().get(lang).contains("pyspnego"));
    }
    // 68: only the confirmed sspi-rs entry remains.
    assert_eq!(
        row("KDC_ERR_WRONG_REALM"),
        [("SEC_E_NO_AUTHENTICATING_AUTHORITY", "sspi-rs", false)]
    );
}

/// Content review MAP-36 and MAP-37: shared-cause pairings, labelled as such; KB 2522623 was not found.
#[test]
fn shared_cause_pairings_are_labelled() {
    for name in ["STATUS_TIME_DIFFERENCE_AT_DC", "STATUS_NO_LOGON_SERVERS"] {
        let f = secstatus::foreign_by_name(name).unwrap();
        let m = f.primary().unwrap();
        assert_eq!(m.source().key(), "windows-observed", "{name}");
        let note = m.note().unwrap();
        assert!(
            note.get(Lang::En)
                .starts_with("shared cause, no converting source"),
            "{name}"
        );
        assert!(
            note.get(Lang::Ru)
                .starts_with("общая причина, но ни один источник не преобразует"),
            "{name}"
        );
    }
    let skew = NtStatus(0xC000_0133).mapping().unwrap();
    assert_eq!(skew.status(), SecStatus::SEC_E_TIME_SKEW);
    for lang in [Lang::En, Lang::Ru] {
        assert!(skew.note().unwrap().get(lang).contains("asiatech"));
    }
    let f = NtStatus(0xC000_005E).info().unwrap();
    if let Some(note) = f.note() {
        assert!(!note.get(Lang::En).contains("2522623"));
    }
    assert!(f.mappings().iter().all(|m| !m
        .note()
        .is_some_and(|n| n.get(Lang::En).contains("2522623"))));
}

const MS_ERREF: [&str; 3] = [
    include_str!("../../../data/windows-errors/ms-erref-ntstatus.tsv"),
    include_str!("../../../data/windows-errors/ms-erref-win32.tsv"),
    include_str!("../../../data/windows-errors/ms-erref-hresult.tsv"),
];

/// The value [MS-ERREF]'s tables give `name`.
fn ms_erref_value(name: &str) -> u32 {
    MS_ERREF
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let mut f = l.split('\t');
            let value = f.next()?;
            (f.next()? == name)
                .then(|| u32::from_str_radix(value.trim_start_matches("0x"), 16).unwrap())
        })
        .unwrap_or_else(|| panic!("{name} is not in [MS-ERREF]"))
}

/// Content review, the MAP-MISSING rows: curated neighbours, found by name and by the value [MS-ERREF] gives,
/// with no SSPI mapping (no source converts them).
#[test]
fn neighbours_the_review_found_missing_have_their_ms_erref_values() {
    let rows: &[(System, &str)] = &[
        (System::NtStatus, "STATUS_UNSUCCESSFUL"),
        (System::NtStatus, "STATUS_PASSWORD_RESTRICTION"),
        (System::NtStatus, "STATUS_NO_SUCH_PACKAGE"),
        (System::NtStatus, "STATUS_NO_TRUST_SAM_ACCOUNT"),
        (System::NtStatus, "STATUS_MUTUAL_AUTHENTICATION_FAILED"),
        (System::NtStatus, "STATUS_SMARTCARD_WRONG_PIN"),
        (System::Win32, "ERROR_PASSWORD_RESTRICTION"),
        (System::Win32, "ERROR_ACCOUNT_RESTRICTION"),
        (System::Win32, "ERROR_LOGON_TYPE_NOT_GRANTED"),
        (System::Win32, "ERROR_WRONG_TARGET_NAME"),
        (System::Win32, "ERROR_TIME_SKEW"),
        (System::HResult, "CERT_E_REVOCATION_FAILURE"),
        (System::HResult, "CERT_E_REVOKED"),
        (System::HResult, "CERT_E_WRONG_USAGE"),
        (System::HResult, "CERT_E_UNTRUSTEDCA"),
        (System::HResult, "CERT_E_INVALID_NAME"),
        (System::HResult, "CERT_E_UNTRUSTEDTESTROOT"),
        (System::HResult, "CRYPT_E_NO_REVOCATION_DLL"),
        (System::HResult, "CRYPT_E_NOT_IN_REVOCATION_DATABASE"),
        (System::HResult, "TRUST_E_CERT_SIGNATURE"),
        (System::HResult, "NTE_BAD_KEYSET"),
    ];
    for &(system, name) in rows {
        let value = ms_erref_value(name);
        let f = secstatus::foreign_by_name(name).unwrap_or_else(|| panic!("{name} is missing"));
        assert_eq!((f.system(), f.value()), (system, value), "{name}");
        assert_eq!(
            secstatus::foreign(system, value).map(|f| f.name()),
            Some(name)
        );
        assert!(f.mappings().is_empty(), "{name}: no source maps it");
        assert!(
            f.value_sources().iter().any(|s| s.key() == "ms-erref"),
            "{name}"
        );
    }
    // The values the review states.
    assert_eq!(ms_erref_value("ERROR_ACCOUNT_RESTRICTION"), 1327);
    assert_eq!(ms_erref_value("ERROR_LOGON_TYPE_NOT_GRANTED"), 1385);
    assert_eq!(ms_erref_value("ERROR_PASSWORD_RESTRICTION"), 1325);
    assert_eq!(ms_erref_value("ERROR_TIME_SKEW"), 1398);
    assert_eq!(ms_erref_value("ERROR_WRONG_TARGET_NAME"), 1396);
    // The meaning-related SSPI codes are named in the notes.
    for (name, related) in [
        (
            "STATUS_MUTUAL_AUTHENTICATION_FAILED",
            "SEC_E_MUTUAL_AUTH_FAILED",
        ),
        (
            "STATUS_MUTUAL_AUTHENTICATION_FAILED",
            "SEC_E_WRONG_PRINCIPAL",
        ),
        ("STATUS_NO_SUCH_PACKAGE", "SEC_E_SECPKG_NOT_FOUND"),
        ("ERROR_TIME_SKEW", "SEC_E_TIME_SKEW"),
        ("ERROR_WRONG_TARGET_NAME", "SEC_E_WRONG_PRINCIPAL"),
        ("CERT_E_WRONG_USAGE", "SEC_E_CERT_WRONG_USAGE"),
    ] {
        let note = secstatus::foreign_by_name(name).unwrap().note().unwrap();
        for lang in [Lang::En, Lang::Ru] {
            assert!(note.get(lang).contains(related), "{name} {lang:?}");
        }
    }
}

/// Content review: the LDAP bind sub-codes 52d, 52f, 569 and 576 are Win32 errors 1325, 1327, 1385 and 1398.
#[test]
fn new_ldap_sub_codes_are_named() {
    for (data, name) in [
        (0x52D, "ERROR_PASSWORD_RESTRICTION"),
        (0x52F, "ERROR_ACCOUNT_RESTRICTION"),
        (0x569, "ERROR_LOGON_TYPE_NOT_GRANTED"),
        (0x576, "ERROR_TIME_SKEW"),
    ] {
        assert_eq!(
            secstatus::ldap_sub_code(data).map(|f| f.name()),
            Some(name),
            "data {data:x}"
        );
    }
}

/// Content review, STATUS_PKU2U_CERT_FAILURE: [MS-ERREF] says 0xC000042E; data/windows-errors/decisions.toml
/// decides for the SDK header's 0xC000042F, and the row follows that decision and says so.
#[test]
fn pku2u_cert_failure_follows_the_windows_error_tables_decision() {
    assert_eq!(ms_erref_value("STATUS_PKU2U_CERT_FAILURE"), 0xC000_042E);
    let decisions = include_str!("../../../data/windows-errors/decisions.toml");
    assert!(decisions.contains(
        "name = \"STATUS_PKU2U_CERT_FAILURE\"\ndocumented = 0xC000042E\nvalue = 0xC000042F\n"
    ));
    let f = secstatus::foreign_by_name("STATUS_PKU2U_CERT_FAILURE").unwrap();
    assert_eq!((f.system(), f.value()), (System::NtStatus, 0xC000_042F));
    assert_eq!(
        NtStatus(0xC000_042F).mapping().map(|m| m.status()),
        Some(SecStatus::SEC_E_PKU2U_CERT_FAILURE)
    );
    assert!(NtStatus(0xC000_042E).info().is_none());
    let note = f.note().unwrap();
    for lang in [Lang::En, Lang::Ru] {
        assert!(note.get(lang).contains("0xC000042E"), "{lang:?}");
        assert!(note.get(lang).contains("decisions.toml"), "{lang:?}");
    }
}

/// Content review, NTE_BAD_KEYSET: facility 9 like the SEC_E_ codes, but a CryptoAPI code: a neighbour, never an
/// SSPI name.
#[test]
fn nte_bad_keyset_is_a_neighbour_not_an_sspi_code() {
    assert!(secstatus::lookup_name("NTE_BAD_KEYSET").is_none());
    assert!(SecStatus::from_u32(0x8009_0016).entry().is_none());
    let f = secstatus::foreign(System::HResult, 0x8009_0016).unwrap();
    assert_eq!(f.name(), "NTE_BAD_KEYSET");
}

/// Content review, the low-priority Kerberos rows: RFC 1510 section 8.3 and MIT krb5_err.et give
/// KRB_AP_ERR_ILL_CR_TKT 43 (com_err -1765328341); MIT krb5_err.et gives the IAKERB draft's
/// KRB_AP_ERR_IAKERB_KDC_NOT_FOUND 85 (-1765328299) and KRB_AP_ERR_IAKERB_KDC_NO_RESPONSE 86 (-1765328298).
#[test]
fn kerberos_codes_beyond_rfc_4120_are_named() {
    for (value, name, com_err, source) in [
        (43, "KRB_AP_ERR_ILL_CR_TKT", -1_765_328_341, "rfc1510"),
        (
            85,
            "KRB_AP_ERR_IAKERB_KDC_NOT_FOUND",
            -1_765_328_299,
            "mit-krb5",
        ),
        (
            86,
            "KRB_AP_ERR_IAKERB_KDC_NO_RESPONSE",
            -1_765_328_298,
            "mit-krb5",
        ),
    ] {
        assert_eq!(KerberosError(value).name(), Some(name));
        assert_eq!(
            KerberosError::from_com_err(com_err),
            Some(KerberosError(value))
        );
        assert_eq!(
            KerberosError::from_spelling(&format!("KRB5{name}")),
            Some(KerberosError(value))
        );
        let f = KerberosError(value).info().unwrap();
        assert!(
            f.value_sources().iter().any(|s| s.key() == source),
            "{name}"
        );
        assert!(f.mappings().is_empty(), "{name}: no source maps it");
    }
}

/// Every remark on a mapping, the catch-all row's included, is written in both languages: the Russian is a
/// translation (Cyrillic), not the English again.
#[test]
fn mapping_notes_are_in_both_languages() {
    let notes: Vec<_> = foreigns()
        .flat_map(|f| f.mappings())
        .chain(TlsAlert(250).mapping())
        .filter_map(|m| m.note())
        .collect();
    // 64 remarks, less the 12 "Wine's default branch" that are now the mappings' catch_all flag.
    assert!(notes.len() >= 50, "{} notes", notes.len());
    for note in notes {
        let (en, ru) = (note.get(Lang::En), note.get(Lang::Ru));
        assert_ne!(en, ru);
        assert!(
            ru.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
            "{ru}"
        );
    }
}

/// Wine's status_gss_to_sspi (dlls/kerberos/unixlib.c) answers SEC_E_INTERNAL_ERROR from its default branch for
/// every GSS status it does not list: those rows are catch-alls, listed after the equivalents, never a primary.
#[test]
fn wines_default_branch_is_a_catch_all_not_an_equivalent() {
    let rows: Vec<_> = foreigns()
        .flat_map(|f| f.mappings().iter().map(move |m| (f, m)))
        .filter(|(_, m)| m.is_catch_all())
        .collect();
    assert_eq!(rows.len(), 12);
    for (f, m) in rows {
        assert_eq!(f.system(), System::Gss, "{}", f.name());
        assert_eq!(
            (m.source().key(), m.status()),
            ("wine", SecStatus::SEC_E_INTERNAL_ERROR)
        );
        assert!(!m.is_equivalent() && !m.is_reverse_only());
        assert_ne!(f.primary(), Some(m), "{}", f.name());
        assert!(!f.alternatives().contains(m), "{}", f.name());
        // Equivalents first, then catch-alls, then one-way rows.
        let ranks: Vec<u8> = f
            .mappings()
            .iter()
            .map(|m| u8::from(m.is_catch_all()) + 2 * u8::from(m.is_reverse_only()))
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{}", f.name());
    }
    // Microsoft's "any other" alert row is one too.
    assert!(TlsAlert(250).mapping().unwrap().is_catch_all());
}
