//! Every SSPI code the Windows SDK's winerror.h gives a message text carries that text verbatim: as its message
//! (source `winerror.h`) or beside the documented [MS-ERREF] message as the text Windows prints. The expectation is
//! `data/windows-errors/sdk-security-messages.tsv`, the header's MessageText comments (provenance in the README
//! beside it), never the catalogue's own output.

use secstatus::{lookup_name, Lang, MessageSource};

const SDK: &str = include_str!("../../../data/windows-errors/sdk-security-messages.tsv");

/// `(value, name, text)` for every row of the SDK table.
fn rows() -> Vec<(u32, &'static str, &'static str)> {
    SDK.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let mut f = line.splitn(3, '\t');
            let (value, name, text) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
            let value = u32::from_str_radix(value.trim_start_matches("0x"), 16).unwrap();
            (value, name, text)
        })
        .collect()
}

#[test]
fn every_sspi_code_with_an_sdk_text_carries_it_verbatim() {
    let mut checked = 0;
    for (value, name, text) in rows() {
        if !name.starts_with("SEC_") {
            continue;
        }
        let entry = lookup_name(name).unwrap_or_else(|| panic!("{name}: not in the catalogue"));
        // An exact name of the catalogue, not a shortened or differently cased reading.
        assert!(
            entry.name() == name || entry.aliases().iter().any(|a| a.name() == name),
            "{name}"
        );
        assert_eq!(entry.status().to_u32(), value, "{name}: value");
        let message = entry.message().get(Lang::En);
        match entry.windows_message() {
            Some(windows) => {
                assert_eq!(windows, text, "{name}: the text Windows prints");
                assert_ne!(message, text, "{name}: a text beside an equal message");
                assert_eq!(entry.message_source(), MessageSource::MsErref, "{name}");
            }
            None => assert_eq!(message, text, "{name}: the message"),
        }
        assert_ne!(
            entry.message_source(),
            MessageSource::Own,
            "{name}: own words"
        );
        checked += 1;
    }
    assert_eq!(checked, 93, "the SDK table's SEC_ rows");
}

#[test]
fn the_texts_that_were_in_own_words_are_the_sdks() {
    // The 14 codes [MS-ERREF] lacks: their message is the SDK header's, labelled with that source.
    let sdk = rows();
    let own: Vec<_> = secstatus::entries()
        .filter(|e| e.message_source() == MessageSource::WinerrorH)
        .collect();
    assert_eq!(own.len(), 14);
    for e in own {
        let text = sdk.iter().find(|(_, n, _)| *n == e.name()).unwrap().2;
        assert_eq!(e.message().get(Lang::En), text, "{}", e.name());
        assert_eq!(e.windows_message(), None, "{}", e.name());
    }
}
