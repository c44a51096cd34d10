//! Hostile input for the `secstatus` binary, run as a user runs it.
//!
//! - Control characters and terminal escape sequences on lines with codes: the input's own bytes pass through
//!   unchanged (by design), but nothing secstatus adds (annotations, JSON, the summary, error messages, lookup
//!   answers) ever carries one unescaped.
//! - Endless input through a pipe (`yes 0x80090308`, `/dev/zero`, one line that never ends): peak RSS, read from
//!   `/proc/<pid>/status` (`VmHWM`) while the process runs, stays under 32 MiB.
//! - Huge arguments to lookup, explain, search and annotate: exit 1 or 2, never a panic.
//! - Over-long lines cut where a token spans the cut: codes are neither invented nor lost, CRLF stays CRLF.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_secstatus");

struct Out {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("NO_COLOR");
    cmd
}

/// Runs the binary with `args`, feeding `stdin`; kills it and fails after `limit`.
fn run_limited<I, S>(args: I, stdin: &[u8], limit: Duration) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let mut out = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let mut err = child.stderr.take().unwrap();
    let err_reader = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("secstatus did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(5));
    };
    writer.join().unwrap();
    Out {
        code: status.code(),
        stdout: reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn run<I, S>(args: I, stdin: &[u8]) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_limited(args, stdin, Duration::from_secs(120))
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The first control character in `bytes` other than the line feeds that end lines: C0 and DEL bytes, C1
/// characters (U+0080 to U+009F, which a terminal may read as CSI and friends), and raw bytes 0x80 to 0x9F that are
/// not part of valid UTF-8.
fn control_in(bytes: &[u8]) -> Option<String> {
    for chunk in bytes.utf8_chunks() {
        if let Some(c) = chunk.valid().chars().find(|&c| c.is_control() && c != '\n') {
            return Some(format!("{c:?}"));
        }
        if let Some(b) = chunk
            .invalid()
            .iter()
            .find(|&&b| (0x80..=0x9f).contains(&b))
        {
            return Some(format!("raw byte 0x{b:02x}"));
        }
    }
    None
}

fn assert_no_control(what: &str, bytes: &[u8]) {
    if let Some(c) = control_in(bytes) {
        panic!(
            "{what}: unescaped control character {c} in {:?}",
            lossy(bytes)
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Control characters and escape sequences.

/// Lines with codes, wrapped in everything a terminal would act on.
const HOSTILE_LINES: &[&[u8]] = &[
    b"\x1b[31m 0x80090308\x1b[0m\n",
    // A code glued to a colour escape: the escape's final `m` is no part of the token, so the code is found.
    b"\x1b[31m0x80090308\x1b[0m\n",
    b"\x1b]0;owned\x07 SEC_E_LOGON_DENIED \x1b[2J\x1b[H\r\n",
    b"\x1b]8;;http://evil.example/\x1b\\SEC_E_TIME_SKEW\x1b]8;;\x1b\\\n",
    b"\x9b31m -2146893044 \x9b0m\n",
    "\u{9b}31m 2148074252 \u{85} \u{202e}reversed\n".as_bytes(),
    b"\x00\x01\x02 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 775\x1b[31m, v2580\n",
    b"\x08\x08\x08\x7f 0x90312 \x0b\x0c\r\r\n",
    b"\xff\xfe 0X8009030C \xc3\n",
    b"Status: 0xC000006D\x1b[5m Sub Status: 0xC000006A\x07\n",
    b"\x1bP+q544e\x1b\\ SEC\\_E\\_OK sec_e_no_spm\n",
    b"0x80090308\x1b",
];

fn hostile_input() -> Vec<u8> {
    HOSTILE_LINES.concat()
}

/// How many hostile lines hold a code (every one).
fn lines_with_codes() -> usize {
    let n = HOSTILE_LINES
        .iter()
        .filter(|l| secstatus::scan(l).next().is_some())
        .count();
    assert_eq!(n, HOSTILE_LINES.len(), "the hostile lines changed");
    n
}

/// The annotations of `out`, checked to be `input` with one annotation per line that holds a code and nothing
/// else (`secstatus_cli::testkit::annotations`).
fn annotations<'o>(input: &[u8], out: &'o [u8], open: &[u8], close: &[u8]) -> Vec<&'o [u8]> {
    secstatus_cli::testkit::annotations(input, out, open, close)
        .unwrap_or_else(|why| panic!("{why}:\n{}", lossy(out)))
        .1
}

#[test]
fn escapes_in_lines_with_codes_pass_through_but_never_into_annotations() {
    let input = hostile_input();
    for lang in ["en", "ru"] {
        let r = run(["annotate", "--color", "never", "--lang", lang], &input);
        assert_eq!(r.code, Some(0), "{}", lossy(&r.stderr));
        let notes = annotations(&input, &r.stdout, b"  [secstatus: ", b"]");
        assert_eq!(notes.len(), lines_with_codes());
        for note in notes {
            assert!(std::str::from_utf8(note).is_ok(), "annotation is not UTF-8");
            assert_no_control("annotation", note);
        }
        assert_eq!(lossy(&r.stderr), "");
    }
}

#[test]
fn with_colour_an_annotation_carries_only_its_own_two_sgr_sequences() {
    let input = hostile_input();
    let r = run(["annotate", "--color", "always"], &input);
    assert_eq!(r.code, Some(0));
    let notes = annotations(&input, &r.stdout, b"  \x1b[2m[secstatus: ", b"]\x1b[0m");
    assert_eq!(notes.len(), lines_with_codes());
    for note in notes {
        assert_no_control("coloured annotation", note);
    }
    // `auto` (the default) is off on a pipe.
    let r = run_limited(["annotate"], &input, Duration::from_secs(60));
    assert!(
        !r.stdout.windows(4).any(|w| w == b"\x1b[2m"),
        "colour on a pipe"
    );
}

#[test]
fn json_lines_escape_every_control_character() {
    let input = hostile_input();
    let r = run(["annotate", "--json"], &input);
    assert_eq!(r.code, Some(0));
    assert_no_control("annotate --json", &r.stdout);
    let text = String::from_utf8(r.stdout).expect("JSON output is UTF-8");
    let found: Vec<_> = secstatus::scan(&input).collect();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), found.len(), "{text}");
    for (line, f) in lines.iter().zip(&found) {
        let v = parse_json(line).unwrap_or_else(|e| panic!("invalid JSON ({e}): {line}"));
        let text_field = v.get("text").and_then(serde_json::Value::as_str);
        assert_eq!(
            text_field.map(str::as_bytes),
            Some(&input[f.start..f.end]),
            "{line}"
        );
        assert_eq!(
            v.get("offset").and_then(serde_json::Value::as_u64),
            Some(f.start as u64)
        );
    }
    // The summary too.
    let r = run(["annotate", "--summary", "--json"], &input);
    assert_no_control("annotate --summary --json", &r.stdout);
    parse_json(&lossy(&r.stdout)).expect("summary JSON");
}

/// A scratch directory for this test binary, removed by the test that made it.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("secstatus-hostile-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn file_names_with_escapes_are_escaped_wherever_secstatus_prints_them() {
    let dir = scratch("names");
    // Any byte but `/` and NUL may be in a file name: escapes, a newline, invalid UTF-8, quotes.
    let evil = dir.join(OsStr::from_bytes(b"evil\x1b[31m\x07\x9b\nname\"\\\xff.log"));
    std::fs::write(&evil, b"x 0x80090308\ny SEC_E_TIME_SKEW\n").unwrap();
    let missing = dir.join(OsStr::from_bytes(b"missing\x1b]0;owned\x07\x1b[2J.log"));

    let r = run(
        [
            OsStr::new("annotate"),
            OsStr::new("--json"),
            evil.as_os_str(),
            missing.as_os_str(),
        ],
        b"",
    );
    assert_eq!(r.code, Some(2), "an unreadable file is exit 2");
    assert_no_control("annotate --json stdout", &r.stdout);
    assert_no_control("annotate --json stderr", &r.stderr);
    for line in lossy(&r.stdout).lines() {
        let v = parse_json(line).unwrap_or_else(|e| panic!("invalid JSON ({e}): {line}"));
        let path = v.get("path").and_then(serde_json::Value::as_str).unwrap();
        assert!(path.contains("evil\u{1b}[31m\u{7}"), "{path:?}");
    }
    assert!(lossy(&r.stderr).contains("missing"), "{}", lossy(&r.stderr));

    for args in [
        vec!["annotate", "--summary", "--color", "never"],
        vec!["annotate", "--summary", "--json"],
        vec!["annotate", "--color", "never"],
    ] {
        let mut cmd: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        cmd.push(evil.clone().into_os_string());
        cmd.push(missing.clone().into_os_string());
        let r = run(cmd, b"");
        assert_eq!(r.code, Some(2), "{args:?}");
        assert_no_control(&format!("{args:?} stderr"), &r.stderr);
        if args.contains(&"--summary") {
            assert_no_control(&format!("{args:?} stdout"), &r.stdout);
        }
        if args.contains(&"--json") {
            parse_json(&lossy(&r.stdout)).expect("summary JSON");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lookup_explain_and_search_never_echo_control_characters() {
    let queries = [
        "0x80090308\u{1b}[31m",
        "\u{1b}[31mSEC_E_OK",
        "\u{1b}]0;owned\u{7}80090308",
        "\u{9b}2J-2146893044",
        "(0x80090325)\u{7}",
        "SEC_E_LOGON_DENIDE\u{1b}[0m",
        "time_skw\u{8}\u{8}",
        "\u{85}\u{202e}0x8009030C",
        "0xC000006D\r",
        "\t2148074252\u{b}",
    ];
    for q in queries {
        for args in [
            vec!["lookup", "--color", "never", "--", q],
            vec!["lookup", "--json", "--", q],
            vec!["lookup", "--lang", "ru", "--color", "never", "--", q],
            vec!["explain", "--color", "never", "--", q],
            vec!["explain", "--json", "--", q],
            vec!["search", "--color", "never", "--", q],
            vec!["search", "--json", "--", q],
        ] {
            let r = run(&args, b"");
            assert!(matches!(r.code, Some(0..=2)), "{args:?}: {:?}", r.code);
            assert!(
                !lossy(&r.stderr).contains("panicked"),
                "{args:?}: {}",
                lossy(&r.stderr)
            );
            assert_no_control(&format!("{args:?} stdout"), &r.stdout);
            assert_no_control(&format!("{args:?} stderr"), &r.stderr);
            if args.contains(&"--json") && r.code != Some(2) {
                parse_json(&lossy(&r.stdout)).unwrap_or_else(|e| {
                    panic!("{args:?}: invalid JSON ({e}): {}", lossy(&r.stdout))
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Endless input, bounded memory.

const MIB: usize = 1024 * 1024;
/// The most a run may hold at its peak, whatever the input.
const RSS_LIMIT_KIB: u64 = 32 * 1024;

struct Streamed {
    code: Option<i32>,
    written: usize,
    out_bytes: u64,
    peak_kib: u64,
    samples: usize,
    stderr: String,
}

/// `VmHWM` (peak resident set) of a live process, in KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Pipes `total` bytes of `pattern`, repeated, into `secstatus ARGS`, draining its output, and samples its peak
/// RSS until it exits.
fn stream_through(args: &[&str], pattern: &[u8], total: usize) -> Streamed {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let block: Vec<u8> = pattern
        .iter()
        .copied()
        .cycle()
        .take(MIB / pattern.len() * pattern.len())
        .collect();
    let writer = thread::spawn(move || {
        let mut written = 0;
        while written < total {
            let n = block.len().min(total - written);
            if stdin.write_all(&block[..n]).is_err() {
                break;
            }
            written += n;
        }
        written // dropping stdin closes the pipe: the input ends
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let mut buf = vec![0u8; 256 * 1024];
        let mut n = 0u64;
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => return n,
                Ok(k) => n += k as u64,
            }
        }
    });
    let mut stderr = child.stderr.take().unwrap();
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let (mut peak_kib, mut samples) = (0, 0);
    let started = Instant::now();
    let status = loop {
        if let Some(kib) = vm_hwm_kib(pid) {
            peak_kib = peak_kib.max(kib);
            samples += 1;
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish within 10 minutes");
        }
        thread::sleep(Duration::from_millis(5));
    };
    Streamed {
        code: status.code(),
        written: writer.join().unwrap(),
        out_bytes: reader.join().unwrap(),
        peak_kib,
        samples,
        stderr: err_reader.join().unwrap(),
    }
}

fn assert_bounded(what: &str, s: &Streamed, total: usize) {
    eprintln!(
        "{what}: {} MiB in, {} MiB out, peak RSS {} KiB ({} samples), exit {:?}",
        s.written / MIB,
        s.out_bytes / MIB as u64,
        s.peak_kib,
        s.samples,
        s.code
    );
    assert_eq!(
        s.written, total,
        "{what}: secstatus stopped reading; stderr: {}",
        s.stderr
    );
    assert!(
        s.samples >= 3 && s.peak_kib > 0,
        "{what}: RSS was not measured"
    );
    assert!(
        s.peak_kib < RSS_LIMIT_KIB,
        "{what}: peak RSS {} KiB, over {} KiB",
        s.peak_kib,
        RSS_LIMIT_KIB
    );
}

#[test]
fn yes_0x80090308_for_200_mib_keeps_memory_bounded() {
    let total = 200 * MIB;
    let s = stream_through(&["annotate"], b"0x80090308\n", total);
    assert_bounded("yes 0x80090308 | annotate", &s, total);
    assert_eq!(s.code, Some(0));
    assert!(s.out_bytes > total as u64, "every line gets an annotation");
}

#[test]
fn dev_zero_for_200_mib_keeps_memory_bounded() {
    // One line that never ends, and nothing in it.
    let total = 200 * MIB;
    let s = stream_through(&["annotate"], &[0u8; 4096], total);
    assert_bounded("/dev/zero | annotate", &s, total);
    assert_eq!(s.code, Some(1));
    assert_eq!(
        s.out_bytes, total as u64,
        "bytes without codes come out unchanged"
    );
}

#[test]
fn endless_lines_in_every_mode_keep_memory_bounded() {
    let cases: &[(&str, &[&str], &[u8], usize)] = &[
        (
            "yes 0x80090308 | annotate --json",
            &["annotate", "--json"],
            b"0x80090308\n",
            32 * MIB,
        ),
        (
            "yes 0x80090308 | annotate --summary",
            &["annotate", "--summary"],
            b"0x80090308\n",
            64 * MIB,
        ),
        // A line that never ends and holds codes all along: the pending annotation must not grow.
        (
            "one endless line of codes | annotate",
            &["annotate"],
            b"0x80090308 SEC_E_TIME_SKEW -2146893044 2148074252 0x90312 ",
            32 * MIB,
        ),
        // A line that never ends and has nowhere to be cut between tokens.
        (
            "one endless token | annotate",
            &["annotate"],
            b"abcdefghijklmnop",
            64 * MIB,
        ),
    ];
    for &(what, args, pattern, total) in cases {
        let s = stream_through(args, pattern, total);
        assert_bounded(what, &s, total);
        assert!(
            matches!(s.code, Some(0 | 1)),
            "{what}: exit {:?}: {}",
            s.code,
            s.stderr
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Huge arguments.

/// Linux refuses a single argument of 128 KiB or more (MAX_ARG_STRLEN, 32 pages, the NUL included), so a
/// megabyte of arguments is eight arguments of the largest size the kernel passes.
const MAX_ARG: usize = 128 * 1024 - 1;

/// A huge argument, and the commands that may rightly find something in it (exit 0); for every other command
/// it is junk, answered with exit 1 (not found) or 2 (usage).
struct Huge {
    label: &'static str,
    arg: String,
    found_by: &'static [&'static str],
}

fn huge_args() -> Vec<Huge> {
    let fill = |unit: &str, prefix: &str, suffix: &str| {
        let mut s = String::from(prefix);
        while s.len() + unit.len() + suffix.len() <= MAX_ARG {
            s.push_str(unit);
        }
        s + suffix
    };
    let half = MAX_ARG / 2;
    let huge = |label, arg: String, found_by| Huge {
        label,
        arg,
        found_by,
    };
    vec![
        huge("digits", fill("9", "", ""), &[]),
        huge("negative digits", fill("9", "-", ""), &[]),
        huge("hex", fill("f", "0x", ""), &[]),
        huge("bare hex digits", fill("8009030", "", ""), &[]),
        huge("a name", fill("X", "SEC_E_", ""), &[]),
        huge("brackets", "(".repeat(half) + &")".repeat(half), &[]),
        // Unbalanced wrappers around a code: lookup finds it in the text, search reads the word `0x80090308`.
        huge(
            "nested wrappers",
            fill("(\"'`<[", "", "0x80090308"),
            &["lookup", "explain", "search"],
        ),
        huge("Cyrillic", fill("я", "", ""), &[]),
        huge("escapes", fill("\u{1b}[9z", "", ""), &[]),
        huge("junk words", fill("qzxj ", "", ""), &[]),
        huge("a long option", fill("x", "--", ""), &[]),
        // Huge, but with something to find.
        huge(
            "a code in trailing punctuation",
            fill(":,;.", "0x80090308", ""),
            &["lookup", "explain", "search"],
        ),
        huge(
            "a code among spaces",
            fill(" ", "", "0x80090308"),
            &["lookup", "explain", "search"],
        ),
        huge("a name in Markdown", fill("\\_", "SEC", ""), &["search"]),
        huge("words", fill("clock skew ", "", ""), &["search"]),
    ]
}

fn assert_graceful(args: &[&str], label: &str, may_find: bool) {
    let r = run_limited(args, b"", Duration::from_secs(120));
    let stderr = lossy(&r.stderr);
    let expected: &[i32] = if may_find { &[0] } else { &[1, 2] };
    assert!(
        r.code.is_some_and(|c| expected.contains(&c)),
        "{label}: exit {:?}, expected {expected:?}; stderr {:.300}",
        r.code,
        stderr
    );
    assert!(!stderr.contains("panicked"), "{label}: {stderr:.500}");
    assert_no_control(&format!("{label}: stdout"), &r.stdout);
    assert_no_control(&format!("{label}: stderr"), &r.stderr);
}

#[test]
fn a_single_argument_of_the_largest_size_exits_1_or_2() {
    for Huge {
        label,
        arg,
        found_by,
    } in huge_args()
    {
        assert!(
            arg.len() <= MAX_ARG && arg.len() > MAX_ARG - 16,
            "{label}: {}",
            arg.len()
        );
        let option = arg.starts_with("--");
        for cmd in [
            &["lookup", "--"][..],
            &["lookup", "--json", "--"],
            &["explain", "--"],
            &["explain", "--json", "--"],
            &["search", "--"],
            &["search", "--json", "--"],
            &[], // the bare-query shortcut for lookup
        ] {
            let mut args = cmd.to_vec();
            args.push(&arg);
            let command = cmd.first().copied().unwrap_or("lookup");
            let may_find = found_by.contains(&command) && !(cmd.is_empty() && option);
            assert_graceful(&args, &format!("{cmd:?} {label}"), may_find);
        }
    }
}

#[test]
fn a_megabyte_of_arguments_exits_1_or_2() {
    let args = huge_args();
    // Eight junk arguments of 128 KiB: 1 MiB in all.
    let junk: Vec<&str> = args
        .iter()
        .filter(|h| h.found_by.is_empty() && !h.arg.starts_with("--"))
        .map(|h| h.arg.as_str())
        .take(8)
        .collect();
    assert_eq!(junk.len(), 8);
    assert!(junk.iter().map(|a| a.len()).sum::<usize>() >= 1_000_000);
    for cmd in [
        &["lookup", "--"][..],
        &["lookup", "--json", "--"],
        &["search", "--"],
        &["search", "--json", "--"],
        &[],
    ] {
        let mut all = cmd.to_vec();
        all.extend(&junk);
        assert_graceful(&all, &format!("{cmd:?} with 1 MiB of arguments"), false);
    }
    // explain takes one code: eight are a usage error.
    let mut all = vec!["explain", "--"];
    all.extend(&junk);
    assert_graceful(&all, "explain with 1 MiB of arguments", false);
    // A megabyte that holds codes: found, and still no panic.
    let found: Vec<&str> = args
        .iter()
        .filter(|h| h.found_by.contains(&"lookup"))
        .map(|h| h.arg.as_str())
        .collect();
    let mut all = vec!["lookup", "--"];
    all.extend(found.iter().cycle().take(8));
    assert_graceful(&all, "lookup with 1 MiB of codes", true);
    // A file name too long to open is reported, not a panic.
    let r = run_limited(
        ["annotate", "--", &args[0].arg],
        b"",
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(2));
    assert!(
        lossy(&r.stderr).contains("File name too long"),
        "{:.200}",
        lossy(&r.stderr)
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Over-long lines: annotate holds at most 1 MiB of a line and cuts it between tokens. When the last half of that
// megabyte has no place to cut (only token bytes, `-` and `\r`), the cut must still not split a token or a CRLF.

/// Writes `data` to a file (so reads come in full 64 KiB blocks and the cut falls at exactly 1 MiB) and runs
/// `secstatus annotate ARGS FILE`.
fn annotate_file(name: &str, args: &[&str], data: &[u8]) -> Out {
    let dir = scratch(name);
    let file = dir.join("long.log");
    std::fs::write(&file, data).unwrap();
    let mut all: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    all.push(file.into_os_string());
    let r = run(all, b"");
    std::fs::remove_dir_all(&dir).unwrap();
    r
}

#[test]
fn a_token_cut_at_the_megabyte_edge_of_a_long_line_is_not_read_as_a_code() {
    // `0x800903080` (nine digits) is not a code; its first ten bytes end exactly at 1 MiB.
    let mut data = vec![b'-'; MIB - 10];
    data.extend_from_slice(b"0x800903080 tail\n");
    assert_eq!(&data[MIB - 10..MIB], b"0x80090308");
    let r = annotate_file("invented", &["annotate", "--json"], &data);
    assert_eq!(
        (r.code, lossy(&r.stdout)),
        (Some(1), String::new()),
        "0x800903080 reported as a code"
    );
    let r = annotate_file("invented-default", &["annotate"], &data);
    assert!(
        r.stdout == data,
        "a line without a code was annotated: {:?}",
        lossy(&r.stdout[MIB - 20..])
    );
}

#[test]
fn a_code_cut_at_the_megabyte_edge_of_a_long_line_is_still_found() {
    let mut data = vec![b'-'; MIB - 6];
    data.extend_from_slice(b"0x80090308 tail\n");
    let r = annotate_file("lost", &["annotate", "--json"], &data);
    assert_eq!(
        r.code,
        Some(0),
        "0x80090308 across the 1 MiB edge was not found"
    );
    let text = lossy(&r.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(&format!("\"offset\":{},", MIB - 6)), "{text}");
}

#[test]
fn crlf_stays_crlf_when_a_long_line_is_cut_after_its_cr() {
    let mut data = b"0x80090308 ".to_vec();
    data.resize(MIB, b'\r');
    data.extend_from_slice(b"\nnext\n");
    let r = annotate_file("crlf", &["annotate", "--color", "never"], &data);
    assert_eq!(r.code, Some(0));
    let out = &r.stdout;
    let note = out
        .windows(14)
        .position(|w| w == b"  [secstatus: ")
        .expect("annotated");
    assert!(
        out[..note].iter().all(|&b| b != b'\n'),
        "annotation on the wrong line"
    );
    let after = &out[note..];
    let end = after.iter().position(|&b| b == b'\n').unwrap();
    assert!(
        after[end - 1] == b'\r',
        "the annotation splits the CRLF: ...{:?}",
        lossy(&out[note - 3..note + end + 1])
    );
    let annotations = annotations(&data, out, b"  [secstatus: ", b"]");
    assert_eq!(annotations.len(), 1);
}

/// Parses one JSON text strictly (serde_json rejects raw control characters in strings and trailing garbage).
fn parse_json(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_str(text)
}
