//! The scanner on every system's codes, as lines carry them. Each expectation comes from the code's definition:
//! RFC 4120 section 7.5.9 (Kerberos), RFC 8446 section 6 (TLS alerts), RFC 2744 (GSS-API majors: routine error
//! `n << 16`), MIT krb5's `krb5.h` (com_err numbers), Microsoft's schannel.h (`TLS1_ALERT_*`), [MS-ERREF] and
//! winerror.h / ntstatus.h (Windows codes). The negatives are ordinary log content that must stay silent.

use secstatus::{scan, Form};

/// `(system, value, form)` of every code found.
fn found(line: &str) -> Vec<(&'static str, u32, Form)> {
    scan(line.as_bytes())
        .map(|f| (f.code.system(), f.code.value(), f.form))
        .collect()
}

fn systems_values(line: &str) -> Vec<(&'static str, u32)> {
    found(line).into_iter().map(|(s, v, _)| (s, v)).collect()
}

#[test]
fn kerberos_codes_in_every_form() {
    // RFC 4120: KDC_ERR_PREAUTH_FAILED 24, KDC_ERR_PADATA_TYPE_NOSUPP 16, KDC_ERR_KEY_EXPIRED 23,
    // KRB_AP_ERR_SKEW 37, KDC_ERR_C_PRINCIPAL_UNKNOWN 6, KDC_ERR_S_PRINCIPAL_UNKNOWN 7.
    for (line, expected) in [
        (
            "Failure Information: Failure Code: 0x18. Pre-Authentication Type: 2.",
            vec![24],
        ),
        ("Result Code: 0x6", vec![6]),
        (
            "doesn't generate for Result Codes: 0x10, 0x17 and 0x18. Event",
            vec![16, 23, 24],
        ),
        ("kdc: return KRB5KDC_ERR_PREAUTH_FAILED (PA)", vec![24]),
        ("a KRB5KRB_AP_ERR_SKEW was reported", vec![37]),
        ("[X] KRB-ERROR (37) : KRB_AP_ERR_SKEW", vec![37, 37]),
        (
            "KRB Error: (6) KDC_ERR_C_PRINCIPAL_UNKNOWN Client not found",
            vec![6, 6],
        ),
        // krb5.h: KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN is -1765328377; as unsigned, 2529638919.
        ("TGS request result: -1765328377/Server not found", vec![7]),
        (
            "Minor (2529638919): Server not found in Kerberos database",
            vec![7],
        ),
    ] {
        let got: Vec<u32> = found(line)
            .into_iter()
            .filter(|(s, _, _)| *s == "krb")
            .map(|(_, v, _)| v)
            .collect();
        assert_eq!(got, expected, "{line}");
    }
}

#[test]
fn tls_alerts_by_number_and_by_every_spelling() {
    // RFC 8446: handshake_failure 40, illegal_parameter 47, unknown_ca 48, protocol_version 70,
    // insufficient_security 71, certificate_unknown 46.
    for (line, expected) in [
        ("The TLS protocol defined fatal alert code is 40.", 40),
        ("A fatal alert was generated and sent to the remote endpoint. This may result in termination of the connection. The TLS protocol defined fatal error code is 70. The Windows SChannel error state is 105.", 70),
        ("Description: The following fatal alert was received: 47.", 47),
        ("ssl/record/rec_layer_s3.c:1584:SSL alert number 40", 40),
        ("error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca", 48),
        ("the remote party sent a TLS alert: 'HandshakeFailure'.", 40),
        ("Authentication failed because the remote party has sent TLS alert ProtocolVersion.", 70),
        ("javax.net.ssl.SSLException: Received fatal alert: handshake_failure", 40),
        ("Error: {tls_alert,  {unknown_ca,  \"TLS client\"}}", 48),
        ("TLS1_ALERT_INSUFFIENT_SECURITY", 71),
        ("[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure", 40),
        ("\"TLS alert from peer: unknown 46\"", 46),
    ] {
        let got: Vec<u32> = found(line)
            .into_iter()
            .filter(|(s, _, _)| *s == "tls")
            .map(|(_, v, _)| v)
            .collect();
        assert!(!got.is_empty() && got.iter().all(|&v| v == expected), "{line}: {got:?}");
    }
}

#[test]
fn gss_majors_after_their_word() {
    // RFC 2744: GSS_S_FAILURE is routine error 13, 13 << 16 = 851968; GSS_S_CONTINUE_NEEDED is 1.
    assert_eq!(
        systems_values("SpnegoError (4294967295): Major (851968): Unspecified GSS failure."),
        [("gss", 851_968)]
    );
    assert_eq!(
        systems_values("gssapi: major_status: 00000001, minor_status: 00000000"),
        [("gss", 1)]
    );
    assert_eq!(systems_values("`maj != GSS_S_COMPLETE`"), [("gss", 0)]);
}

#[cfg(feature = "windows-errors")]
#[test]
fn windows_codes_in_lines() {
    for (line, expected) in [
        // ntstatus.h: STATUS_ACCESS_DENIED 0xC0000022 = 3221225506; STATUS_NO_LOGON_SERVERS 0xC000005E.
        (
            "Erroring out : ErrorCode 3221225506",
            ("ntstatus", 0xC000_0022),
        ),
        ("Data: 0000: c000005e", ("ntstatus", 0xC000_005E)),
        // winerror.h: ERROR_NOT_AUTHENTICATED 1244 (0x4DC), RPC_S_SERVER_UNAVAILABLE 1722 (0x6BA),
        // ERROR_NO_SUCH_LOGON_SESSION 1312 (0x520), in HRESULT_FROM_WIN32 0x80070520 = -2147023584.
        (
            "000004DC: LdapErr: DSID-0C090A5A, comment: In order to perform this operation",
            ("win32", 1244),
        ),
        ("(error code: 0x000006ba)", ("win32", 1722)),
        (
            "Status = 1722 0x6ba RPC_S_SERVER_UNAVAILABLE",
            ("win32", 1722),
        ),
        ("Error: 0xffffffff80070520", ("win32", 1312)),
        ("(error code -2147023584)", ("win32", 1312)),
        // winerror.h: CRYPT_E_REVOCATION_OFFLINE 0x80092013, E_FAIL 0x80004005.
        (
            "schannel: next InitializeSecurityContext failed: Unknown error (0x80092013)",
            ("hresult", 0x8009_2013),
        ),
        ("COMException E_FAIL", ("hresult", 0x8000_4005)),
        // The LDAP diagnostic without its SSPI code: data 525 is ERROR_NO_SUCH_USER (1317).
        (
            "DSID-0C090334, comment: AcceptSecurityContext error, data 525, vece",
            ("win32", 1317),
        ),
        // Python's OSError prints its winerror so (CPython, Objects/exceptions.c, OSError_str: `[WinError %S] %S`):
        // winerror.h ERROR_ACCESS_DENIED 5, WSAECONNRESET 10054, ERROR_INVALID_HANDLE 6.
        ("PermissionError: [WinError 5] Access is denied: 'C:\\x'", ("win32", 5)),
        (
            "ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the remote host",
            ("win32", 10054),
        ),
        ("OSError: [WinError 6] Неверный дескриптор", ("win32", 6)),
    ] {
        assert_eq!(systems_values(line), [expected], "{line}");
    }
}

#[test]
fn a_curated_hresult_in_a_line_is_its_curated_row() {
    use secstatus::{foreign, Code, System};
    // winerror.h: CRYPT_E_NO_REVOCATION_CHECK 0x80092012 (-2146885614), CERT_E_UNTRUSTEDROOT 0x800B0109. A line
    // gives the catalogue's own row of the code (data/mappings.toml, whose meaning says what to do), as a lookup of
    // the number does, with or without the broad Windows tables.
    for (line, value) in [
        (
            "schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - The revocation function",
            0x8009_2012,
        ),
        ("(error code -2146885614)", 0x8009_2012),
        ("Error HRESULT: 0x800B0109", 0x800B_0109),
    ] {
        let curated = foreign(System::HResult, value).expect("a curated row");
        let codes: Vec<Code> = scan(line.as_bytes()).map(|f| f.code).collect();
        assert_eq!(codes, [Code::Foreign(curated)], "{line}");
    }
}

#[cfg(feature = "windows-errors")]
#[test]
fn a_wrapped_curated_code_in_a_line_is_its_curated_row() {
    use secstatus::{foreign, Code, System};
    // winerror.h: HRESULT_FROM_WIN32(ERROR_LOGON_FAILURE 1326) is 0x8007052E (-2147023570); HRESULT_FROM_NT sets the
    // N bit: STATUS_LOGON_FAILURE 0xC000006D becomes 0xD000006D. The code inside is given by its curated row, with its
    // SSPI equivalent where it has one, as a lookup gives it.
    for (line, system, value) in [
        ("Exception from HRESULT: 0x8007052E", System::Win32, 1326),
        ("(error code -2147023570)", System::Win32, 1326),
        ("Status 0xD000006D", System::NtStatus, 0xC000_006D),
    ] {
        let curated = foreign(system, value).expect("a curated row");
        let codes: Vec<Code> = scan(line.as_bytes()).map(|f| f.code).collect();
        assert_eq!(codes, [Code::Foreign(curated)], "{line}");
    }
}

#[cfg(feature = "texts")]
#[test]
fn windows_texts_in_prose_go_on_and_are_no_message() {
    use secstatus::find_messages;
    // winerror.h: ERROR_DIR_NOT_EMPTY "The directory is not empty.", WAIT_TIMEOUT "The wait operation timed out."
    for line in [
        "rmdir: The directory is not empty yet, retrying in 2s",
        "scheduler: The wait operation timed out after 30s, requeueing job 812",
    ] {
        assert_eq!(find_messages(line.as_bytes()).count(), 0, "{line}");
    }
    for line in [
        "rmdir: The directory is not empty.",
        "Error: 'The wait operation timed out' (258)",
    ] {
        assert_eq!(find_messages(line.as_bytes()).count(), 1, "{line}");
    }
}

#[cfg(feature = "windows-errors")]
#[test]
fn a_define_of_the_codes_own_name_is_the_code() {
    // ntstatus.h: STATUS_LOGON_FAILURE is 0xC000006D; the name and the value are both found.
    assert_eq!(
        systems_values("#define STATUS_LOGON_FAILURE 0xC000006D"),
        [("ntstatus", 0xC000_006D), ("ntstatus", 0xC000_006D)]
    );
}

#[test]
fn ordinary_log_content_is_silent() {
    for line in [
        // Ids, pids, ports, timestamps, versions, GUIDs.
        "pid 0x18 tid 0x6 port 40 user 24",
        "2026-11-24 09:14:02.118 INFO GET /api/v1/orders/4242 200 17ms",
        "\"ProviderGuid\": \"{54849625-5478-4994-A5BA-3E3B0328C30D}\"",
        "\"RecordNumber\": 2975426997",
        "\"Keywords\": -9218868437227405312",
        "\"TicketOptions\": \"0x40810010\"",
        "curl 7.83.1 (Windows) libcurl/7.83.1 Schannel",
        // Identifiers with underscores that are no code's name.
        "TLS handshake completed: TLS1.3 TLS_AES_256_GCM_SHA384 peer=db7.corp.example",
        "user_id=42 LOG_LEVEL=DEBUG HTTP_PROXY unset",
        // TLS alert names are everyone's words without the word alert or a prefix.
        "grpc status INTERNAL_ERROR; handshake_failure counter; access_denied=3",
        "HANDSHAKE_FAILURE",
        // Numbers beside context words that do not make them codes.
        "LDAP: error code 49 - invalid credentials",
        // Only Python's own `[WinError N]`, with a Win32 value, is one.
        "WinError 5 retries left",
        "[WinError 0] ok",
        "[WinError 99999] out of range",
        "[WinError 5x]",
        "[WinError -5] [WinError = 5] [WinError is 5]",
        "MyWinError 5",
        "self.winerror = 5 [WinError]",
        "The Windows SChannel error state is 1205.",
        "Alert: disk usage 80% on /var",
        "alert 5 users about the change",
        // A plain alert is a monitoring system's: no number and no words after it are a TLS alert.
        "alert number 42 fired for host db7",
        "Alert: access denied for user bob",
        "PagerDuty alert 48 acknowledged",
        "Version Major: 1, Minor: 0",
        // x86 register numbers and CPUID leaves share NTSTATUS and HRESULT values (the Linux kernel's msr-index.h).
        "#define MSR_EFER\t0xc0000080",
        "#define MSR_GS_BASE 0xc0000101",
        "kvm: vcpu0 ignored rdmsr: 0xc0000103 data 0x0",
        "cpuid_leaf!(0x8000000A, 0x00000000, 1)",
        // The first group of a GUID.
        "request_id=c0000022-aaaa-bbbb-cccc-000000000000",
        "{C000006D-0000-0000-C000-000000000046}",
        // Kerberos event fields are written as Windows writes them.
        "Result code: 0x18 from modem",
        "Major version 3, minor 2",
        "Failure Code: 0x0",
        "Result Code: 0x80",
        "status code 200",
        // Success statuses are not failures.
        "Status: 0x0 Sub Status: 0x0",
        "KRB5_CONFIG=/etc/krb5.conf",
        // An encryption type list and OpenSSL's own error number.
        "TicketEncryptionType 0x17, supported etypes 18 17 23",
        "error:14094410:SSL routines",
    ] {
        assert_eq!(found(line), [], "{line}");
    }
}
