//! Running the built binary as a user would.

use std::io::Write;
use std::process::{Command, Stdio};

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `secstatus` with `args`, a clean locale and no colour, feeding `stdin`.
pub fn run_with(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_secstatus"));
    cmd.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    run_with(args, &[], b"")
}

/// Runs `secstatus annotate -` with its standard output closed before it starts, writing `parts` to its standard
/// input until it stops reading; the run must end quietly.
pub fn annotate_to_closed_pipe<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_secstatus"))
        .args(["annotate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    for part in parts {
        if stdin.write_all(part).is_err() {
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Compares expected and actual output, showing both in full when they differ.
#[macro_export]
macro_rules! eqnice {
    ($expected:expr, $got:expr) => {{
        let (expected, got) = (&$expected, &$got);
        if expected != got {
            panic!("\n-- expected --\n{expected}\n-- got --\n{got}\n-- end --");
        }
    }};
}

/// `text` in UTF-16 after its byte order mark, as Windows PowerShell 5.1's `>` and `Out-File` write a file.
pub fn utf16(text: &str, big: bool) -> Vec<u8> {
    std::iter::once(0xFEFF)
        .chain(text.encode_utf16())
        .flat_map(|u| {
            if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}
