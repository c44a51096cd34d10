//! The broad HRESULT table and the SSPI catalogue agree: every catalogue name (aliases included) that the table also
//! has carries the same value there, and the table answers for the catalogue's values.

#![cfg(feature = "windows-errors")]

use secstatus::{errors, names, System};

#[test]
fn every_catalogue_name_agrees_with_the_broad_table() {
    let mut shared = 0;
    for (name, entry) in names() {
        let value = entry.status().to_u32();
        if let Some(row) = errors::by_name_in(System::HResult, name) {
            shared += 1;
            assert_eq!(
                row.value(),
                value,
                "{name}: the catalogue has {value:#010X}, the HRESULT table {:#010X}",
                row.value()
            );
            assert!(
                errors::by_value(System::HResult, value)
                    .iter()
                    .any(|r| r.name() == name),
                "{name}: by_value({value:#010X}) does not list it"
            );
        }
    }
    // The table keeps the SSPI rows: nearly every catalogue name is in it.
    assert!(
        shared >= 90,
        "only {shared} catalogue names are in the HRESULT table"
    );
    assert_eq!(
        errors::by_value(System::HResult, 0x8009_030C)[0].name(),
        "SEC_E_LOGON_DENIED"
    );
}

#[test]
fn lookups_find_every_row_by_its_name_and_value() {
    for system in [System::NtStatus, System::Win32, System::HResult] {
        let rows = errors::all(system);
        assert!(!rows.is_empty());
        for row in rows {
            assert_eq!(row.system(), system);
            assert!(errors::by_value(system, row.value()).contains(row));
            let lower = row.name().to_ascii_lowercase();
            assert_eq!(errors::by_name_in(system, &lower), Some(row));
            assert!(!row.message().is_empty() && !row.source().is_empty());
            assert_ne!(row.sdk_message(), Some(row.message()));
        }
    }
}
