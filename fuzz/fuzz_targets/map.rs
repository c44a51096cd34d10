//! The neighbour tables and their decoders: `GssStatus`, `NtStatus`, `Win32Error`, `KerberosError`, `TlsAlert`,
//! `foreign`, `foreign_by_name` and `mapped_to`, and the command line's resolver (`Answer::resolve`, in every
//! system and in none) with its JSON (`json::lookup`).
//!
//! Input layout: the first four bytes are a `u32`, little-endian (missing bytes read as zero); the rest, decoded
//! lossily as UTF-8, is the text. The seeds hold a value and a name or number that belong together (37 and
//! `KRB_AP_ERR_SKEW`).
//!
//! Checks: nothing but `GSS_S_COMPLETE` maps to `SEC_E_OK`; a table entry found by value or by name is the one
//! asked for, and its primary mapping is its first equivalent; every part of a GSS-API status is one of its fields (calling
//! error, routine error, a supplementary bit), or `GSS_S_COMPLETE` of 0; `HRESULT_FROM_NT` sets bit 28 and
//! `HRESULT_FROM_WIN32` keeps 0 and negatives and puts the low 16 bits of the rest in facility 7; `NtStatus`'s
//! `Display` is its name and value; a TLS alert without an SSPI equivalent is only one the tables name without
//! one, and an alert they do not name maps to Schannel's catch-all; the resolver finds only statuses of the system
//! asked for; and `json::lookup` is one valid JSON object, free of raw control characters, that echoes the query
//! (checked for one of the readings per input, chosen by the value's low bits).

#![no_main]

use libfuzzer_sys::fuzz_target;
use secstatus::{
    foreign, foreign_by_name, mapped_to, Foreign, GssStatus, KerberosError, Mapping, NtStatus,
    SecStatus, System, TlsAlert, ValueKind, Win32Error,
};
use secstatus_cli::answer::Answer;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// `SEC_E_OK` is a mapping of `GSS_S_COMPLETE` only: no other foreign status means success.
fn check_mapping(f: &Foreign, m: &Mapping) {
    assert!(
        m.status() != SecStatus::SEC_E_OK || f.name() == "GSS_S_COMPLETE",
        "{} ({:?} {:#x}) maps to SEC_E_OK",
        f.name(),
        f.system(),
        f.value()
    );
}

/// A table entry: every mapping checked, found again by its value and by each of its names.
fn check_foreign(f: &'static Foreign) {
    for m in f.mappings() {
        check_mapping(f, m);
    }
    // The equivalents come first; catch-alls (a source's answer for what it does not list) and one-way rows (SSPI
    // -> this status only) follow, in that order, and are never the primary nor an alternative.
    let forward: Vec<_> = f.mappings().iter().filter(|m| m.is_equivalent()).collect();
    assert!(
        f.mappings()[..forward.len()]
            .iter()
            .all(|m| m.is_equivalent()),
        "{}",
        f.name()
    );
    let rest = &f.mappings()[forward.len()..];
    let catch_alls = rest.iter().take_while(|m| m.is_catch_all()).count();
    assert!(
        rest[catch_alls..]
            .iter()
            .all(|m| m.is_reverse_only() && !m.is_catch_all()),
        "{}",
        f.name()
    );
    assert_eq!(f.primary(), forward.first().copied(), "{}", f.name());
    assert_eq!(
        f.alternatives().len(),
        forward.len().saturating_sub(1),
        "{}",
        f.name()
    );
    assert!(
        foreign(f.system(), f.value()).is_some_and(|g| core::ptr::eq(g, f)),
        "{} is not found by its value",
        f.name()
    );
    for name in std::iter::once(f.name()).chain(f.aliases().iter().copied()) {
        assert!(
            foreign_by_name(name).is_some_and(|g| core::ptr::eq(g, f)),
            "{} is not found by the name {name:?}",
            f.name()
        );
    }
}

/// The mapping a decoder returns is the primary one of the entry it decodes to (`None` when it has none).
fn check_primary(found: Option<&'static Mapping>, info: Option<&'static Foreign>) {
    assert_eq!(found, info.and_then(Foreign::primary));
    if let (Some(m), Some(f)) = (found, info) {
        check_mapping(f, m);
    }
}

fn check_gss(v: u32) {
    let s = GssStatus(v);
    let supplementary = s.supplementary();
    let parts: Vec<_> = s.parts().collect();
    for (i, f) in parts.iter().enumerate() {
        check_foreign(f);
        assert_eq!(f.system(), System::Gss, "{v:#x}: {}", f.name());
        let x = f.value();
        let is_field = (x != 0 && (x == s.calling() || x == s.routine()))
            || (x.is_power_of_two() && x & supplementary == x)
            || (v == 0 && x == 0);
        assert!(
            is_field,
            "{v:#x}: part {} ({x:#x}) is not a field of it",
            f.name()
        );
        assert!(
            parts[..i].iter().all(|g| g.value() != x),
            "{v:#x}: {} twice",
            f.name()
        );
    }
    if v == 0 {
        assert_eq!(
            parts.iter().map(|f| f.name()).collect::<Vec<_>>(),
            ["GSS_S_COMPLETE"]
        );
    }
    // The mapping is that of the first part that has one, unless a calling or routine error is unknown: then none.
    let mapping = s.mapping();
    let known = |field: u32| field == 0 || secstatus::foreign(System::Gss, field).is_some();
    let expected = if known(s.calling()) && known(s.routine()) {
        parts.iter().find_map(|f| f.primary())
    } else {
        None
    };
    assert_eq!(mapping, expected, "{v:#x}");
    if let Some(m) = mapping {
        assert!(
            m.status() != SecStatus::SEC_E_OK || v == 0,
            "{v:#x} maps to SEC_E_OK"
        );
    }
}

fn check_nt(v: u32) {
    let s = NtStatus(v);
    let info = foreign(System::NtStatus, v);
    assert_eq!(s.info(), info);
    assert_eq!(s.name(), info.map(Foreign::name));
    check_primary(s.mapping(), info);
    // HRESULT_FROM_NT sets the N bit, and the result reads back as the NTSTATUS it wraps.
    let hr = s.to_hresult();
    assert_eq!(hr.to_u32(), v | 0x1000_0000, "{v:#x}");
    assert!(hr.fields().nt, "{v:#x}");
    if v & 0x8000_0000 != 0 && hr.entry().is_none() {
        assert_eq!(
            hr.kind(),
            ValueKind::HResultFromNt {
                ntstatus: v & !0x1000_0000
            },
            "{v:#x}"
        );
    }
    let shown = s.to_string();
    match s.name() {
        Some(name) => assert_eq!(shown, format!("{name} (0x{v:08X})")),
        None => assert_eq!(shown, format!("0x{v:08X}")),
    }
}

fn check_win32(v: u32) {
    let e = Win32Error(v);
    let info = foreign(System::Win32, v);
    assert_eq!(e.info(), info);
    assert_eq!(e.name(), info.map(Foreign::name));
    // HRESULT_FROM_WIN32: 0 and negative values are left alone; the rest keep their low 16 bits in facility 7.
    let hr = e.to_hresult();
    if v as i32 <= 0 {
        assert_eq!(hr.to_u32(), v);
    } else {
        assert_eq!(hr.to_u32(), 0x8007_0000 | (v & 0xFFFF), "{v:#x}");
        let fields = hr.fields();
        assert!(
            fields.severity && !fields.nt && fields.facility == 7,
            "{v:#x}"
        );
        assert_eq!(u32::from(fields.code), v & 0xFFFF);
        if v <= 0xFFFF {
            assert_eq!(hr.kind(), ValueKind::Win32 { code: v as u16 }, "{v}");
        }
    }
}

fn check_kerberos(v: u32) {
    let e = KerberosError(v);
    let info = foreign(System::Kerberos, v);
    assert_eq!(e.info(), info);
    assert_eq!(e.name(), info.map(Foreign::name));
    check_primary(e.mapping(), info);
}

fn check_tls(byte: u8) {
    let alert = TlsAlert(byte);
    let info = foreign(System::Tls, u32::from(byte));
    assert_eq!(alert.info(), info);
    assert_eq!(alert.name(), info.map(Foreign::name));
    let mapping = alert.mapping();
    match info {
        // A named alert maps as its table row says: `None` only for a row with no SSPI equivalent
        // (certificate_revoked, whose Schannel code is CryptoAPI's CRYPT_E_REVOKED).
        Some(f) => check_primary(mapping, Some(f)),
        // Any other alert maps to Schannel's catch-all row: never `None`.
        None => assert_eq!(
            mapping.map(Mapping::status),
            Some(SecStatus::SEC_E_ILLEGAL_MESSAGE),
            "alert {byte}"
        ),
    }
    if let Some(m) = mapping {
        assert!(
            m.status() != SecStatus::SEC_E_OK,
            "alert {byte} maps to SEC_E_OK"
        );
    }
}

fn check_by_name(text: &str) {
    let Some(f) = foreign_by_name(text) else {
        return;
    };
    check_foreign(f);
    let wanted = text.trim();
    assert!(
        std::iter::once(f.name())
            .chain(f.aliases().iter().copied())
            .any(|n| n.eq_ignore_ascii_case(wanted)),
        "{text:?} found {}",
        f.name()
    );
}

/// How many mappings of the tables lead to each SSPI value, counted once from the entries themselves.
fn held() -> &'static HashMap<u32, usize> {
    static HELD: OnceLock<HashMap<u32, usize>> = OnceLock::new();
    HELD.get_or_init(|| {
        let mut held = HashMap::new();
        for f in secstatus::foreigns() {
            for m in f.mappings() {
                *held.entry(m.status().to_u32()).or_insert(0) += 1;
            }
        }
        held
    })
}

fn check_by_value(v: u32) {
    for system in System::ALL {
        if let Some(f) = foreign(system, v) {
            assert_eq!((f.system(), f.value()), (system, v));
            check_foreign(f);
        }
    }
    // The reverse table: each pair is one of the entry's mappings, to `status`; as many as the entries hold.
    let status = SecStatus::from_u32(v);
    for (f, m) in mapped_to(status) {
        assert_eq!(m.status(), status);
        assert!(f.mappings().iter().any(|n| core::ptr::eq(n, m)));
        check_mapping(f, m);
    }
    let held = held().get(&v).copied().unwrap_or(0);
    assert_eq!(mapped_to(status).count(), held, "{v:#x}");
}

/// The resolver, in `from` (or reading the query every way, with `None`), and with `json` its JSON.
fn check_resolve(text: &str, from: Option<System>, json: bool) {
    let answer = Answer::resolve(text, from);
    for f in &answer.foreign {
        check_foreign(f);
        if let Some(system) = from {
            // Outside `from`, only what the text itself names: a name of another system, or a status written in it.
            let named = foreign_by_name(text) == Some(*f);
            let written = secstatus::scan(text.as_bytes())
                .any(|found| found.code == secstatus::Code::Foreign(f));
            assert!(
                f.system() == system || named || written,
                "{text:?} in {system:?}: {}",
                f.name()
            );
        }
    }
    // With `from`, a plain number is read in that system only; other text is answered as it reads anywhere.
    let plain_number = !text.trim().is_empty() && text.trim().bytes().all(|b| b.is_ascii_digit());
    if from.is_some() && plain_number {
        assert!(
            answer
                .readings
                .iter()
                .all(|r| r.reading == secstatus::Reading::InText),
            "{text:?}: readings with --from"
        );
    }
    if let Some((byte, m)) = answer.unnamed_alert {
        assert_eq!(from, Some(System::Tls), "{text:?}");
        assert!(
            TlsAlert(byte).info().is_none(),
            "{text:?}: alert {byte} is named"
        );
        assert_eq!(m.status(), SecStatus::SEC_E_ILLEGAL_MESSAGE);
    }
    assert!(
        !(answer.miss.as_ref().is_some_and(|m| m.suggestion.is_some()) && answer.found()),
        "{text:?}: a suggestion beside a match"
    );
    assert_eq!(answer.found(), answer.miss.is_none());
    let entries = &answer.matches;
    for (i, m) in entries.iter().enumerate() {
        assert!(
            entries[..i]
                .iter()
                .all(|o| o.entry.status() != m.entry.status()),
            "{text:?}: {} twice",
            m.entry.name()
        );
    }
    if !json {
        return;
    }
    let mut json = Vec::new();
    secstatus_cli::wire::write_line(&mut json, &[secstatus_cli::wire::Lookup::new(&answer)])
        .expect("JSON to a Vec");
    let json = String::from_utf8(json).expect("JSON is UTF-8");
    let json = json
        .trim_end()
        .strip_prefix('[')
        .and_then(|j| j.strip_suffix(']'))
        .expect("an array")
        .to_string();
    assert!(
        !json.chars().any(char::is_control),
        "raw control character in {json:?}"
    );
    let v: Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("invalid JSON ({e}): {json:?}"));
    assert!(v.is_object(), "not an object: {json}");
    assert_eq!(v.get("query").and_then(Value::as_str), Some(text), "{json}");
    let len = |k: &str| v.get(k).and_then(Value::as_array).map(Vec::len);
    assert_eq!(len("foreign"), Some(answer.foreign.len()), "{json}");
    assert_eq!(len("matches"), Some(entries.len()), "{json}");
    assert_eq!(len("readings"), Some(answer.readings.len()), "{json}");
}

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(4));
    let mut bytes = [0; 4];
    bytes[..head.len()].copy_from_slice(head);
    let v = u32::from_le_bytes(bytes);
    let text = String::from_utf8_lossy(rest);
    let text: &str = &text;

    check_gss(v);
    check_nt(v);
    check_win32(v);
    check_kerberos(v);
    check_tls(v as u8);
    check_by_value(v);
    check_by_name(text);
    // The JSON (most of the cost) is checked for one reading per input, chosen by the value's low bits.
    let json_for = v as usize % (System::ALL.len() + 1);
    for (i, &system) in System::ALL.iter().enumerate() {
        check_resolve(text, Some(system), i == json_for);
    }
    check_resolve(text, None, json_for == System::ALL.len());
});
