//! Every Win32 error, NTSTATUS and HRESULT constant of the `windows-sys` crate against `secstatus::errors`: a second
//! source for every name and value. A crate's constants cannot be listed by reflection, so this reads windows-sys's
//! own source files, wherever cargo unpacked them, and parses every `pub const NAME: WIN32_ERROR = ...;` (and
//! `NTSTATUS`, `HRESULT`) line.
//!
//! Names only one side has are counted and listed; a value disagreement fails unless the catalogue records it (the
//! table carries the SDK header's value and `documented_value` MS-ERREF's, with the reason in
//! data/windows-errors/decisions.toml).

#![cfg(feature = "windows-errors")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use secstatus::{errors, System};

/// The windows-sys version the dev-dependency resolves to (`Cargo.lock`).
const CRATE: &str = "windows-sys";

/// windows-sys's source directory: from `cargo metadata` (which works wherever `cargo fetch` has run), else from
/// `$CARGO_HOME/registry/src/*/windows-sys-0.61.*`.
fn windows_sys_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--manifest-path",
        ])
        .arg(&manifest)
        .output();
    if let Some(output) = output.ok().filter(|o| o.status.success()) {
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
        let found = json["packages"].as_array().into_iter().flatten().find(|p| {
            p["name"] == CRATE
                && p["version"]
                    .as_str()
                    .is_some_and(|v| v.starts_with("0.61."))
        });
        if let Some(path) = found.and_then(|p| p["manifest_path"].as_str()) {
            return Path::new(path).parent().unwrap().to_path_buf();
        }
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .expect("neither CARGO_HOME nor HOME is set");
    let registry = home.join("registry/src");
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(&registry)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|index| {
            std::fs::read_dir(index.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|entry| entry.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("windows-sys-0.61."))
        })
        .collect();
    candidates.sort();
    candidates.pop().unwrap_or_else(|| {
        panic!(
            "cannot find windows-sys 0.61's source: `cargo metadata` did not name it and {} holds no \
             windows-sys-0.61.*; run `cargo fetch` first",
            registry.display()
        )
    })
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A constant's value as windows-sys writes it: `5u32`, `0xC000006D_u32 as _`, `-2147024891i32`, `0x0_i32`, ...
fn parse_value(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = text.strip_suffix("as _").unwrap_or(text).trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let digits = ["_u32", "_i32", "u32", "i32"]
        .iter()
        .find_map(|s| text.strip_suffix(s))
        .unwrap_or(text)
        .replace('_', "");
    let magnitude = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(hex) => u64::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<u64>().ok()?,
    };
    if negative {
        (magnitude <= 1 << 31).then(|| (magnitude as i64).wrapping_neg() as i32 as u32)
    } else {
        u32::try_from(magnitude).ok()
    }
}

/// The system of a constant's type (`WIN32_ERROR`, `super::super::Foundation::NTSTATUS`,
/// `windows_sys::core::HRESULT`), if it is one of the three.
fn system_of(ty: &str) -> Option<System> {
    match ty.rsplit("::").next()? {
        "WIN32_ERROR" => Some(System::Win32),
        "NTSTATUS" => Some(System::NtStatus),
        "HRESULT" => Some(System::HResult),
        _ => None,
    }
}

/// Every constant windows-sys defines for the three systems: (system, name) -> value.
fn windows_sys_constants() -> BTreeMap<(System, String), u32> {
    let dir = windows_sys_dir();
    let mut files = Vec::new();
    rust_files(&dir.join("src"), &mut files);
    assert!(!files.is_empty(), "{} holds no source files", dir.display());
    let mut constants = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let Some(rest) = line.trim().strip_prefix("pub const ") else {
                continue;
            };
            let Some((name, rest)) = rest.split_once(':') else {
                continue;
            };
            let Some((ty, value)) = rest.split_once('=') else {
                continue;
            };
            let Some(system) = system_of(ty.trim()) else {
                continue;
            };
            let value = value.trim().trim_end_matches(';');
            let value = parse_value(value)
                .unwrap_or_else(|| panic!("{}: cannot read the value of `{line}`", file.display()));
            let key = (system, name.trim().to_string());
            if let Some(old) = constants.insert(key, value) {
                assert_eq!(
                    old,
                    value,
                    "{}: {name} is defined twice, with two values",
                    file.display()
                );
            }
        }
    }
    constants
}

#[test]
fn the_value_forms_windows_sys_writes_are_read() {
    assert_eq!(parse_value("5u32"), Some(5));
    assert_eq!(parse_value("0xC000006D_u32 as _"), Some(0xC000_006D));
    assert_eq!(parse_value("-2147024891i32"), Some(0x8007_0005));
    assert_eq!(parse_value("0x0_i32"), Some(0));
    assert_eq!(parse_value("-2147483648i32"), Some(0x8000_0000));
    assert_eq!(parse_value("x"), None);
}

#[test]
fn every_windows_sys_constant_agrees_with_the_catalogue() {
    let sys = windows_sys_constants();
    let mut report = String::new();
    let mut failures = Vec::new();
    let (mut compared, mut agreeing, mut recorded, mut only_sys) = (0, 0, 0, 0);
    for ((system, name), &value) in &sys {
        let Some(row) = errors::by_name_in(*system, name) else {
            only_sys += 1;
            continue;
        };
        compared += 1;
        // MS-ERREF's own value, where a decision replaced it with the header's.
        let documented = row.documented_value().unwrap_or(row.value());
        if value == documented {
            agreeing += 1;
        } else if value == row.value() {
            recorded += 1;
            report.push_str(&format!(
                "  {name}: MS-ERREF {documented:#010X}, windows-sys {value:#010X} (recorded: the table carries {:#010X})\n",
                row.value()
            ));
        } else {
            failures.push(format!(
                "{name}: the catalogue has {:#010X} (MS-ERREF {documented:#010X}), windows-sys {value:#010X}: decide in \
                 data/windows-errors/decisions.toml",
                row.value()
            ));
        }
    }
    let mut only_catalogue = Vec::new();
    for system in [System::NtStatus, System::Win32, System::HResult] {
        for row in errors::all(system) {
            if !sys.contains_key(&(system, row.name().to_string())) {
                only_catalogue.push(format!("{} {}", system.as_str(), row.name()));
            }
        }
    }
    println!(
        "windows-sys against the catalogue: {compared} names compared, {agreeing} agreeing with MS-ERREF, {recorded} \
         disagreements recorded, {} unrecorded; {only_sys} names only in windows-sys, {} only in the catalogue",
        failures.len(),
        only_catalogue.len()
    );
    print!("{report}");
    println!("only in the catalogue: {}", only_catalogue.join(", "));
    assert!(
        compared > 6000,
        "too few names compared ({compared}): is this windows-sys 0.61?"
    );
    assert!(
        failures.is_empty(),
        "value disagreements:\n{}",
        failures.join("\n")
    );
    // Every recorded decision is still a disagreement with windows-sys (else it is stale).
    for system in [System::NtStatus, System::Win32, System::HResult] {
        for row in errors::all(system)
            .iter()
            .filter(|r| r.documented_value().is_some())
        {
            assert_eq!(
                sys.get(&(system, row.name().to_string())),
                Some(&row.value()),
                "{}: the decision's value is not windows-sys's",
                row.name()
            );
        }
    }
}
