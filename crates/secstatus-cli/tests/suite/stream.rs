//! annotate's three outputs driven directly through the library's stream, in every read size: lossless output,
//! codes across read boundaries and long-line cuts, positions in JSON, the LDAP sub-code.

use proptest::prelude::*;
use secstatus::stream::{MAX_SEGMENT, READ_SIZE};
use secstatus_cli::testkit::{annotate_bytes, strip, Mode};

const CODES: &[&str] = &[
    "0x80090308",
    "SEC_E_LOGON_DENIED",
    "-2146893044",
    "2148074252",
    "8009030C",
    "0x90312",
];

fn with_codes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        proptest::sample::select(CODES).prop_map(|c| c.as_bytes().to_vec()),
        Just(b" ".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn output_minus_annotations_is_the_input(data in with_codes(), sizes in proptest::collection::vec(1usize..300, 1..8)) {
        let out = annotate_bytes(&data, sizes, Mode::Annotate);
        prop_assert_eq!(strip(&out), data);
    }

    #[test]
    fn random_bytes_pass_through(data in proptest::collection::vec(any::<u8>(), 0..2000), sizes in proptest::collection::vec(1usize..100, 1..8)) {
        let out = annotate_bytes(&data, sizes, Mode::Annotate);
        prop_assert_eq!(strip(&out), data);
    }

    #[test]
    fn chunking_never_changes_the_result(data in with_codes(), sizes in proptest::collection::vec(1usize..50, 1..8)) {
        let whole = annotate_bytes(&data, vec![usize::MAX], Mode::Json);
        let chunked = annotate_bytes(&data, sizes, Mode::Json);
        prop_assert_eq!(whole, chunked);
    }
}

#[test]
fn input_without_codes_is_identical() {
    for data in [
        &b""[..],
        b"x",
        b"plain\r\nline\n",
        b"no newline",
        b"\xff\xfe\x00binary\n\x1b[31m",
        b"\n\n\r\n",
    ] {
        assert_eq!(annotate_bytes(data, vec![3], Mode::Annotate), data);
    }
}

#[test]
fn annotation_goes_before_the_terminator() {
    let out = annotate_bytes(b"a 0x80090308\r\nb\n", vec![1000], Mode::Annotate);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "a 0x80090308  [secstatus: SEC_E_INVALID_TOKEN (0x80090308): The token supplied to the function is invalid.]\r\nb\n"
    );
}

#[test]
fn codes_split_across_every_read_boundary_are_found() {
    let data = b"xx 0x80090308 yy SEC_E_TIME_SKEW zz -2146893044\n";
    for size in 1..data.len() {
        let out = annotate_bytes(data, vec![size], Mode::Json);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 3, "read size {size}: {text}");
    }
}

#[test]
fn a_line_longer_than_a_segment_keeps_its_codes_and_bytes() {
    let mut data = Vec::new();
    while data.len() < 3 * MAX_SEGMENT {
        data.extend_from_slice(b"abc 0x80090308 def-");
    }
    data.extend_from_slice(b"\nnext\n");
    let count = data.windows(10).filter(|w| w == b"0x80090308").count();
    let json = annotate_bytes(&data, vec![READ_SIZE], Mode::Json);
    assert_eq!(
        json.split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        count
    );
    let out = annotate_bytes(&data, vec![READ_SIZE], Mode::Annotate);
    assert_eq!(strip(&out), data);
}

#[test]
fn json_counts_lines_and_columns() {
    let out = annotate_bytes(
        b"one\ntwo 0x80090308\r\n\nfour SEC_E_OK\n",
        vec![2],
        Mode::Json,
    );
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<_> = text.lines().collect();
    assert!(
        lines[0].starts_with(
            "{\"path\":\"-\",\"line\":2,\"column\":5,\"offset\":8,\"text\":\"0x80090308\""
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "{\"path\":\"-\",\"line\":4,\"column\":6,\"offset\":26,\"text\":\"SEC_E_OK\""
        ),
        "{}",
        lines[1]
    );
}

#[test]
fn the_ldap_sub_code_is_explained() {
    let line = b"LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 775, v2580\n";
    let out = String::from_utf8(annotate_bytes(line, vec![7], Mode::Annotate)).unwrap();
    assert!(
        // The sub-code leads: it says what went wrong.
        // Then the SSPI code, with its cause for this sub-code (it has no fix of its own for 775).
        out.ends_with("[secstatus: LDAP data 775 = ERROR_ACCOUNT_LOCKED_OUT (1909): The account is locked out and cannot be used to log on now. (under SEC_E_INVALID_TOKEN (0x80090308): The token supplied to the function is invalid. — LDAP data 775: LDAP bind 'data 775': the account is locked out)]\n"),
        "{out}"
    );
    let json = String::from_utf8(annotate_bytes(line, vec![7], Mode::Json)).unwrap();
    assert!(
        json.contains(
            ",\"ldap\":{\"data\":\"775\",\"win32\":1909,\"name\":\"ERROR_ACCOUNT_LOCKED_OUT\""
        ),
        "{json}"
    );
}
