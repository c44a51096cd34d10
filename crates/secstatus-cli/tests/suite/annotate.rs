//! `secstatus annotate` as a user runs it: files, standard input, errors, every line shape of the field notes.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{run, run_with, utf16};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample.log");

fn annotate_stdin(args: &[&str], input: &[u8]) -> (i32, Vec<u8>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_secstatus"));
    cmd.arg("annotate")
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_field_notes_line_shape_is_explained() {
    let cases: &[(&str, &str)] = &[
        (
            "schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.",
            "  [secstatus: SEC_E_UNTRUSTED_ROOT (0x80090325): The certificate chain was issued by an authority that is not trusted.]",
        ),
        (
            "SSPI handshake failed with error code 0x8009030c, state 14 while establishing a connection with integrated security",
            // SQL Server's line, and its state: the cause for it follows (data/codes.toml, context sql-state:14).
            "  [secstatus: SEC_E_LOGON_DENIED (0x8009030C): The logon attempt failed. — SQL Server state 14: SQL Server 'SSPI handshake failed with error code 0x8009030c, state 14' followed by error 18452 'login is from an untrusted domain': the server could not authenticate the Windows account]",
        ),
        (
            "LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580",
            // The SSPI code's fix for its LDAP sub-code follows it (data/codes.toml, context ldap-data:52e).
            "  [secstatus: LDAP data 52e = ERROR_LOGON_FAILURE (1326): The user name or password is incorrect. (under SEC_E_INVALID_TOKEN (0x80090308): The token supplied to the function is invalid. — LDAP data 52e: For LDAP, decode the data field and fix the account or password it points to)]",
        ),
        (
            "pywintypes.error: (-2146893044, 'InitializeSecurityContext', 'The logon attempt failed')",
            "  [secstatus: SEC_E_LOGON_DENIED (0x8009030C): The logon attempt failed.]",
        ),
        (
            "System.ComponentModel.Win32Exception (0x80090322): The target principal name is incorrect.",
            "  [secstatus: SEC_E_WRONG_PRINCIPAL (0x80090322): The target principal name is incorrect.]",
        ),
        ("[WinError -2146893054] x", "  [secstatus: SEC_E_UNSUPPORTED_FUNCTION (0x80090302): The function requested is not supported.]"),
        ("AcquireCredentialsHandle returned 2148074254", "  [secstatus: SEC_E_NO_CREDENTIALS (0x8009030E): No credentials are available in the security package.]"),
    ];
    for (line, note) in cases {
        let (code, out, _) = annotate_stdin(&[], format!("{line}\n").as_bytes());
        assert_eq!(code, 0, "{line}");
        eqnice!(format!("{line}{note}\n"), String::from_utf8(out).unwrap());
    }
}

#[test]
fn ntstatus_in_the_security_log_is_named_with_its_sspi_equivalent() {
    let (code, out, _) = annotate_stdin(&[], b"Status: 0xC000006D Sub Status: 0xC000006A\n");
    assert_eq!(code, 0);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("Status: 0xC000006D Sub Status: 0xC000006A  [secstatus: STATUS_LOGON_FAILURE (0xC000006D, NTSTATUS): "),
        "{text}"
    );
    assert!(
        text.contains("-> SEC_E_LOGON_DENIED (0x8009030C)"),
        "{text}"
    );
    let (_, out, _) = annotate_stdin(&["--json"], b"Status: 0xC000006D\n");
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\"name\":\"STATUS_LOGON_FAILURE\",\"value\":\"0xC000006D\",\"system\":\"ntstatus\",\"sspi\":\"SEC_E_LOGON_DENIED\""), "{text}");
}

#[test]
fn no_codes_means_identical_bytes() {
    for input in [
        &b""[..],
        b"plain\r\nbinary \xff\xfe\x00\nno newline at end",
        b"\x1b[31mred\x1b[0m\n",
        "Ошибка входа\n".as_bytes(),
    ] {
        let (code, out, _) = annotate_stdin(&[], input);
        assert_eq!(code, 1);
        assert_eq!(out, input);
    }
}

#[test]
fn crlf_and_a_last_line_without_newline_are_kept() {
    let (_, out, _) = annotate_stdin(&[], b"a 0x80090308\r\nb -2146893044");
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("a 0x80090308  [secstatus: SEC_E_INVALID_TOKEN"),
        "{text}"
    );
    assert!(
        text.contains("invalid.]\r\nb -2146893044  [secstatus: SEC_E_LOGON_DENIED"),
        "{text}"
    );
    assert!(text.ends_with("failed.]"), "{text}");
}

#[test]
fn invalid_utf8_around_a_code_passes_through() {
    let (_, out, _) = annotate_stdin(&["--lang", "ru"], b"\xff\xfe 0x80090308 \xc3\n");
    assert!(out
        .starts_with(b"\xff\xfe 0x80090308 \xc3  [secstatus: SEC_E_INVALID_TOKEN (0x80090308): "));
    assert!(out.ends_with(b"]\n"));
    assert!(String::from_utf8_lossy(&out).contains("Токен"));
}

#[test]
fn several_codes_on_one_line_share_one_annotation() {
    let (_, out, _) = annotate_stdin(&[], b"0x80090308 and SEC_E_TIME_SKEW and 0x80090308\n");
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches("[secstatus:").count(), 1, "{text}");
    assert!(text.contains("SEC_E_INVALID_TOKEN (0x80090308): The token supplied to the function is invalid. | SEC_E_TIME_SKEW"), "{text}");
}

#[test]
fn json_lines_per_occurrence() {
    let (code, out, _) = annotate_stdin(&["--json"], b"x\nLDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 775, v2580\n\xff 0x8009030c\n");
    assert_eq!(code, 0);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    eqnice!(
        "{\"path\":\"-\",\"line\":2,\"column\":23,\"offset\":24,\"text\":\"80090308\",\"form\":\"bare_hex\",\"name\":\"SEC_E_INVALID_TOKEN\",\"value\":\"0x80090308\",\"system\":\"sspi\",\"sspi\":\"SEC_E_INVALID_TOKEN\",\"ldap\":{\"data\":\"775\",\"win32\":1909,\"name\":\"ERROR_ACCOUNT_LOCKED_OUT\",\"meaning\":{\"en\":\"The account is locked out and cannot be used to log on now.\",\"ru\":\"Учётная запись заблокирована, и сейчас войти под ней нельзя.\"}}}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "{\"path\":\"-\",\"line\":3,\"column\":3,\"offset\":114,\"text\":\"0x8009030c\""
        ),
        "{}",
        lines[1]
    );
}

#[test]
fn summary_counts_codes_across_files() {
    let r = run(&["annotate", "--summary", SAMPLE, SAMPLE]);
    assert_eq!(r.code, 0);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.starts_with("NAME"), "{first}");
    let invalid = r
        .stdout
        .lines()
        .find(|l| l.starts_with("SEC_E_INVALID_TOKEN"))
        .unwrap();
    assert!(invalid.contains(" 4  "), "{invalid}");
    assert!(invalid.contains("sample.log:4"), "{invalid}");
    // Message texts count too: SEC_E_LOGON_DENIED is 0x8009030c on line 3, -2146893044 and `The logon attempt
    // failed` on line 6.
    let r = run(&["annotate", "--summary", "--json", SAMPLE]);
    assert!(r.stdout.starts_with("[{\"name\":\"SEC_E_LOGON_DENIED\",\"value\":\"0x8009030C\",\"count\":3,\"first\":{\"path\":"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("{\"name\":\"SEC_E_INVALID_TOKEN\",\"value\":\"0x80090308\",\"count\":2,"),
        "{}",
        r.stdout
    );
}

/// A file of a megabyte or more is scanned on several threads; a small file and standard input on one. Each copy of
/// the sample log is annotated as the sample alone is, and the summary counts every copy.
#[test]
fn a_large_log_is_annotated_as_its_lines_are_alone() {
    let sample = std::fs::read(SAMPLE).unwrap();
    let copies = (2 << 20) / sample.len() + 1;
    let large = sample.repeat(copies);
    let path = std::env::temp_dir().join(format!("secstatus-large-{}.log", std::process::id()));
    std::fs::write(&path, &large).unwrap();
    let path_str = path.to_str().unwrap();

    let alone = run(&["annotate", SAMPLE]);
    assert_eq!(alone.code, 0);
    assert!(
        alone.stdout.matches("[secstatus:").count() >= 5,
        "{}",
        alone.stdout
    );
    let expected = alone.stdout.repeat(copies);
    let from_file = run(&["annotate", path_str]);
    assert_eq!(from_file.code, 0);
    assert!(
        from_file.stdout == expected,
        "the large file's annotation differs"
    );
    let (code, from_stdin, _) = annotate_stdin(&[], &large);
    assert_eq!(code, 0);
    assert!(
        from_stdin == expected.as_bytes(),
        "standard input's annotation differs"
    );

    // The summary's counts: every copy's.
    let count = |out: &str, name: &str| -> u64 {
        let row = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {out}"));
        row.split_whitespace().nth(2).unwrap().parse().unwrap()
    };
    let one = run(&["annotate", "--summary", SAMPLE]);
    let all = run(&["annotate", "--summary", path_str]);
    for name in ["SEC_E_INVALID_TOKEN", "SEC_E_LOGON_DENIED"] {
        assert_eq!(
            count(&all.stdout, name),
            copies as u64 * count(&one.stdout, name),
            "{name}"
        );
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn an_unreadable_file_is_reported_and_the_others_still_processed() {
    let r = run(&["annotate", "/nonexistent/file.log", SAMPLE]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("secstatus: /nonexistent/file.log: No such file or directory"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("SEC_E_UNTRUSTED_ROOT"), "{}", r.stdout);
}

#[test]
fn a_directory_is_read_as_its_text_files_depth_first_by_name() {
    let dir = std::env::temp_dir().join(format!("secstatus-annotate-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(dir.join("a/b/one.log"), "x 0x80090308\n").unwrap();
    std::fs::write(dir.join("a/two.log"), "y SEC_E_TIME_SKEW\n").unwrap();
    std::fs::write(dir.join("z.log"), "no code\n").unwrap();
    // Passed over: a file with a NUL, and symbolic links (to a file and to a directory).
    std::fs::write(dir.join("a/core.bin"), b"\x7fELF\x00 0x80090322\n").unwrap();
    std::os::unix::fs::symlink(dir.join("a/two.log"), dir.join("a/zz.log")).unwrap();
    std::os::unix::fs::symlink(dir.join("a"), dir.join("loop")).unwrap();
    let d = dir.to_string_lossy();
    let r = run_with(&["annotate", &d, SAMPLE], &[], b"0x80090308\n");
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let mut lines = r.stdout.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("x 0x80090308  [secstatus: SEC_E_INVALID_TOKEN"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("y SEC_E_TIME_SKEW  [secstatus: SEC_E_TIME_SKEW"));
    assert_eq!(lines.next(), Some("no code"));
    // Then the named file, and standard input is not read.
    assert_eq!(lines.count(), sample.lines().count());
    // A file found, a named one that is binary is read as it is named: bytes.
    let r = run(&["annotate", &dir.join("a/core.bin").to_string_lossy()]);
    assert!(r.stdout.contains("SEC_E_WRONG_PRINCIPAL"), "{}", r.stdout);
    // Nothing under a directory: no code, and standard input is still not read.
    let r = run_with(
        &["annotate", &dir.join("empty").to_string_lossy()],
        &[],
        b"0x80090308\n",
    );
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn dash_reads_standard_input_between_files() {
    let r = run_with(&["annotate", "--json", SAMPLE, "-"], &[], b"0x80090308\n");
    assert!(
        r.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("{\"path\":\"-\",\"line\":1,"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_full_disk_is_reported() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_secstatus"))
        .args(["annotate", SAMPLE])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No space left on device"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let line = b"0x80090308 some text\n".repeat(10_000);
    let r = crate::util::annotate_to_closed_pipe(std::iter::repeat_n(&line[..], 20));
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "");
}

#[test]
fn line_buffered_output_arrives_before_the_input_ends() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_secstatus"))
        .args(["annotate", "--line-buffered"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdin.write_all(b"first 0x80090308\n").unwrap();
    stdin.flush().unwrap();
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("first 0x80090308  [secstatus: SEC_E_INVALID_TOKEN"),
        "{line}"
    );
    drop(stdin);
    child.wait().unwrap();
}

#[test]
fn the_sample_log_is_annotated() {
    let r = run(&["annotate", SAMPLE]);
    assert_eq!(r.code, 0);
    let input = std::fs::read_to_string(SAMPLE).unwrap();
    assert_eq!(r.stdout.lines().count(), input.lines().count());
    // Eight lines with SSPI codes, one with the Security log's NTSTATUS, and a Kerberos event field, a Schannel
    // alert and a Java Kerberos message.
    assert_eq!(r.stdout.matches("[secstatus:").count(), 12);
}

#[test]
fn the_most_specific_code_leads_the_annotation() {
    // RFC 8446: alert 40 is handshake_failure; Schannel reports a received fatal alert as SEC_E_ILLEGAL_MESSAGE.
    let line = "AcceptSecurityContext failed: SEC_E_ILLEGAL_MESSAGE (0x80090326); The TLS protocol defined fatal alert code is 40.\n";
    let (code, out, _) = annotate_stdin(&[], line.as_bytes());
    assert_eq!(code, 0);
    let out = String::from_utf8(out).unwrap();
    let note = out.split("  [secstatus: ").nth(1).expect("annotated");
    assert!(
        note.starts_with("handshake_failure (40, TLS alert)"),
        "{out}"
    );
    assert!(
        note.contains("| SEC_E_ILLEGAL_MESSAGE (0x80090326)"),
        "{out}"
    );
}

#[test]
fn a_utf16_log_is_annotated_as_the_utf8_it_says() {
    // CRLF ends, a character outside the basic plane, Cyrillic, and a last line without an end.
    let text =
        "started\r\nLdapErr: DSID-0C09042F, 80090308: AcceptSecurityContext error, data 52e\r\n\
                \u{1F512} Ошибка SEC_E_WRONG_PRINCIPAL\r\nno code here";
    let (code, want, _) = annotate_stdin(&[], text.as_bytes());
    assert_eq!(code, 0);
    for big in [false, true] {
        let (code, got, err) = annotate_stdin(&[], &utf16(text, big));
        assert_eq!((code, err.as_str()), (0, ""), "big-endian: {big}");
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(want.clone()).unwrap()
        );
    }
    // The values of winerror.h: 0x80090308 SEC_E_INVALID_TOKEN, 0x80090322 SEC_E_WRONG_PRINCIPAL.
    let (_, got, _) = annotate_stdin(&["--json"], &utf16(text, false));
    let names: Vec<String> = String::from_utf8(got)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["name"].to_string())
        .collect();
    assert_eq!(
        names,
        ["\"SEC_E_INVALID_TOKEN\"", "\"SEC_E_WRONG_PRINCIPAL\""]
    );
}

#[test]
fn bytes_after_a_utf16_mark_are_bytes_unless_its_units_begin_as_text() {
    // No ASCII among the first eight units: read as bytes, byte for byte.
    let data = b"\xFF\xFE0x80090308 SEC_E_WRONG_PRINCIPAL\n\xff\x00\x00\xd8\x00";
    let (code, out, err) = annotate_stdin(&[], data);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out
        .starts_with(b"\xFF\xFE0x80090308 SEC_E_WRONG_PRINCIPAL  [secstatus: SEC_E_INVALID_TOKEN"));
    assert!(out.ends_with(b"]\n\xff\x00\x00\xd8\x00"));
    // A mark and nothing else, or one byte after it: the bytes, and no code.
    for data in [&b"\xFF\xFE"[..], b"\xFE\xFF", b"\xFF\xFEx"] {
        assert_eq!(annotate_stdin(&[], data), (1, data.to_vec(), String::new()));
    }
    // UTF-16 text without a code: none, though its bytes hold an SSPI value's digits (`80090308` as the units'
    // low bytes with zeros between).
    let (code, out, _) = annotate_stdin(&[], &utf16("id 80090308x\n", false));
    assert_eq!(
        (code, String::from_utf8(out).unwrap().as_str()),
        (1, "id 80090308x\n")
    );
}
