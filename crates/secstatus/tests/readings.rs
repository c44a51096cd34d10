//! What each kind of reading promises, for any input: `interpret` and `FromStr` never read a name that is not one, a
//! Display text reads back as its status, Markdown-escaped names read as the name, and a short number is offered as
//! decimal and as hex.

use proptest::prelude::*;
use secstatus::{interpret, names, Reading, SecStatus};

/// Every name and alias the catalogue knows.
fn all_names() -> Vec<&'static str> {
    names().map(|(name, _)| name).collect()
}

/// A catalogue name, in a random case, with some `_` written as Markdown's `\_`.
fn name_as_pasted() -> impl Strategy<Value = (&'static str, String)> {
    (
        proptest::sample::select(all_names()),
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(name, case, escape)| {
            let mut text = String::new();
            for (i, c) in name.chars().enumerate() {
                let bit = |mask: u64| mask >> (i % 64) & 1 == 1;
                if c == '_' && bit(escape) {
                    text.push('\\');
                }
                text.push(if bit(case) { c.to_ascii_lowercase() } else { c });
            }
            (name, text)
        })
}

/// One value written the ways people write it: bare hex in either case, `0x` hex, signed and unsigned decimal.
fn written(value: u32, form: u8) -> String {
    match form % 5 {
        0 => format!("{value:08x}"),
        1 => format!("{value:08X}"),
        2 => format!("0x{value:X}"),
        3 => (value as i32).to_string(),
        _ => value.to_string(),
    }
}

/// Texts shaped like Display's `NAME (VALUE)`: numbers or names in either half, often of the same value (issue 15
/// was `A687b7c2 (A687b7c2 )`, one number twice).
fn display_shaped() -> impl Strategy<Value = String> {
    let half = prop_oneof![
        "[0-9a-fA-F]{1,8}",
        "0x[0-9a-fA-F]{1,8}",
        "-?[0-9]{1,10}",
        proptest::sample::select(all_names()).prop_map(str::to_string),
        "[A-Za-z_]{1,12}",
    ];
    let independent = (half.clone(), half).prop_map(|(a, b)| (a, b));
    let same_value = (
        prop_oneof![
            any::<u32>(),
            // Values whose bare hex starts with a letter, as the fuzz input's did.
            0xA000_0000u32..=0xFFFF_FFFF,
            proptest::sample::select(all_names())
                .prop_map(|n| n.parse::<SecStatus>().unwrap().to_u32()),
        ],
        any::<u8>(),
        any::<u8>(),
    )
        .prop_map(|(v, a, b)| (written(v, a), written(v, b)));
    (prop_oneof![independent, same_value], " ?")
        .prop_map(|((a, b), space)| format!("{a} ({b}{space})"))
}

/// Whatever the text, a `Name` reading is a catalogue entry, and one of its names is in the text.
fn check_name_readings(text: &str) -> Result<(), TestCaseError> {
    let plain = text.replace('\\', "").to_ascii_uppercase();
    for reading in interpret(text).filter(|i| i.reading == Reading::Name) {
        let entry = reading.status.entry();
        prop_assert!(entry.is_some(), "{text:?}: {reading:?} has no entry");
        let entry = entry.unwrap();
        let mut own = std::iter::once(entry.name()).chain(entry.aliases().iter().map(|a| a.name()));
        prop_assert!(
            own.any(|name| plain.contains(name)),
            "{text:?}: {reading:?} is none of {}'s names",
            entry.name()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_name_reading_is_a_name_of_its_value(text in "\\PC{0,40}") {
        check_name_readings(&text)?;
    }

    #[test]
    fn a_display_shaped_text_reads_a_name_only_if_it_has_one(text in display_shaped()) {
        check_name_readings(&text)?;
        // What FromStr accepts, interpret reads first, and a name there is a real one.
        if let Ok(status) = text.parse::<SecStatus>() {
            let first = interpret(&text).next().unwrap();
            prop_assert_eq!(first.status, status);
            if first.reading == Reading::Name {
                prop_assert!(status.entry().is_some(), "{:?}", text);
            }
        }
    }

    #[test]
    fn display_text_round_trips(value in any::<u32>()) {
        let status = SecStatus::from_u32(value);
        let shown = status.to_string();
        prop_assert_eq!(shown.parse::<SecStatus>(), Ok(status));
        let first = interpret(&shown).next().unwrap();
        let reading = if status.entry().is_some() { Reading::Name } else { Reading::Hex };
        prop_assert_eq!((first.status, first.reading), (status, reading), "{:?}", shown);
    }

    #[test]
    fn known_display_text_round_trips(name in proptest::sample::select(all_names())) {
        let status: SecStatus = name.parse().unwrap();
        let shown = status.to_string();
        prop_assert_eq!(shown.parse::<SecStatus>(), Ok(status));
        let first = interpret(&shown).next().unwrap();
        prop_assert_eq!((first.status, first.reading), (status, Reading::Name));
    }

    #[test]
    fn markdown_escaped_names_read_as_the_name((name, text) in name_as_pasted()) {
        let status: SecStatus = name.parse().unwrap();
        prop_assert_eq!(text.parse::<SecStatus>(), Ok(status), "{:?}", text);
        let readings: Vec<_> = interpret(&text).map(|i| (i.status, i.reading)).collect();
        prop_assert_eq!(readings, vec![(status, Reading::Name)], "{:?}", text);
    }

    #[test]
    fn short_numbers_read_as_decimal_and_as_hex(digits in "[0-9]{1,10}") {
        let readings: Vec<_> = interpret(&digits).map(|i| (i.status.to_u32(), i.reading)).collect();
        let decimal = digits.parse::<u64>().unwrap();
        let hex = u64::from_str_radix(&digits, 16).unwrap();
        let fits = |v: u64| u32::try_from(v).ok();
        let mut expected = Vec::new();
        if digits.len() == 8 {
            // Eight digits are hex first, as FromStr reads them, then decimal.
            expected.push((fits(hex).unwrap(), Reading::BareHex));
            expected.extend(fits(decimal).map(|d| (d, Reading::Decimal)));
        } else {
            expected.extend(fits(decimal).map(|d| (d, Reading::Decimal)));
            if digits.len() < 8 {
                expected.extend(fits(hex).map(|h| (h, Reading::DecimalAsHex)));
            }
        }
        // A value is offered once, as its first reading.
        expected.dedup_by_key(|(v, _)| *v);
        prop_assert_eq!(readings, expected, "{:?}", digits);
    }
}
