//! Parsing what people paste: `SecStatus::from_str`, `interpret`, `suggest`, `lookup_name` on any UTF-8, and
//! `Display` then parse for every number that parses (and for the input's first four bytes as an `i32`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use secstatus::{interpret, lookup_name, suggest, Reading, SecStatus};

/// `Display` gives `NAME (0xVALUE)` or `0xVALUE`; both the number and the name must parse back to `status`.
fn display_round_trips(status: SecStatus) {
    let shown = status.to_string();
    let number = match shown.rfind(" (") {
        Some(at) => {
            let (name, rest) = shown.split_at(at);
            assert_eq!(name.parse::<SecStatus>(), Ok(status), "name of {shown:?}");
            assert_eq!(status.name(), Some(name));
            rest.strip_prefix(" (")
                .and_then(|r| r.strip_suffix(')'))
                .unwrap_or_else(|| panic!("unexpected Display {shown:?}"))
        }
        None => {
            assert_eq!(status.name(), None, "{shown:?}");
            &shown[..]
        }
    };
    assert!(number.starts_with("0x") && number.len() == 10, "{shown:?}");
    assert_eq!(
        number.parse::<SecStatus>(),
        Ok(status),
        "number of {shown:?}"
    );
    // The same value in the other numeric forms parses back too, except a decimal of exactly eight digits: eight
    // digits are always read as hex, by design (`80090308`).
    let eight_digits = |t: &String| t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit());
    let decimals = [status.to_i32().to_string(), status.to_u32().to_string()];
    let hexes = [
        format!("{:08x}", status.to_u32()),
        format!("0X{:x}", status.to_u32()),
    ];
    for text in decimals
        .into_iter()
        .filter(|t| !eight_digits(t))
        .chain(hexes)
    {
        assert_eq!(text.parse::<SecStatus>(), Ok(status), "{text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    if let [a, b, c, d, ..] = *data {
        display_round_trips(SecStatus::from_i32(i32::from_le_bytes([a, b, c, d])));
    }
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;

    let parsed = text.parse::<SecStatus>();
    match parsed {
        Ok(status) => display_round_trips(status),
        Err(e) => assert!(!e.to_string().is_empty()),
    }

    // Whatever FromStr accepts, interpret reads the same way first.
    let readings: Vec<_> = interpret(text).collect();
    assert!(readings.len() <= 2, "{text:?}: {readings:?}");
    if let Ok(status) = parsed {
        assert_eq!(readings.first().map(|r| r.status), Some(status), "{text:?}");
    }
    for (i, r) in readings.iter().enumerate() {
        if matches!(r.reading, Reading::Name | Reading::ShortName) {
            assert!(r.status.entry().is_some(), "{text:?}: {r:?}");
        }
        assert!(
            readings[..i].iter().all(|o| o.status != r.status),
            "{text:?}: a value twice in {readings:?}"
        );
    }

    // A name that resolves parses, in any case.
    if let Some(entry) = lookup_name(text) {
        assert_eq!(parsed, Ok(entry.status()), "{text:?}");
        for variant in [text.to_ascii_lowercase(), text.to_ascii_uppercase()] {
            assert!(
                lookup_name(&variant).is_some_and(|e| core::ptr::eq(e, entry)),
                "{variant:?}"
            );
        }
    }

    if let Some(entry) = suggest(text) {
        assert!(lookup_name(entry.name()).is_some());
    }
});
