//! Exact strings: Display, Debug, the localized form and the error type.

use secstatus::{Lang, SecStatus};

#[test]
fn display_known_and_unknown() {
    assert_eq!(
        SecStatus::SEC_E_LOGON_DENIED.to_string(),
        "SEC_E_LOGON_DENIED (0x8009030C)"
    );
    assert_eq!(SecStatus::SEC_E_OK.to_string(), "SEC_E_OK (0x00000000)");
    assert_eq!(
        SecStatus::SEC_I_CONTINUE_NEEDED.to_string(),
        "SEC_I_CONTINUE_NEEDED (0x00090312)"
    );
    assert_eq!(
        SecStatus::SEC_E_NOT_SUPPORTED.to_string(),
        "SEC_E_UNSUPPORTED_FUNCTION (0x80090302)"
    );
    assert_eq!(SecStatus::from_u32(0x8009_1234).to_string(), "0x80091234");
    assert_eq!(SecStatus::from_u32(7).to_string(), "0x00000007");
}

#[test]
fn debug_names_the_code() {
    assert_eq!(
        format!("{:?}", SecStatus::SEC_E_TIME_SKEW),
        "SecStatus(SEC_E_TIME_SKEW)"
    );
    assert_eq!(
        format!("{:?}", SecStatus::from_u32(0xC000_006D)),
        "SecStatus(0xC000006D)"
    );
}

#[test]
fn hex_formatting_follows_the_flags() {
    assert_eq!(format!("{:#X}", SecStatus::SEC_E_TIME_SKEW), "0x80090324");
    assert_eq!(format!("{:08x}", SecStatus::SEC_I_RENEGOTIATE), "00090321");
}

#[test]
fn localized_display_carries_the_message() {
    assert_eq!(
        SecStatus::SEC_E_TIME_SKEW.display(Lang::En).to_string(),
        "SEC_E_TIME_SKEW (0x80090324): The clocks on the client and server machines are skewed."
    );
    let ru = SecStatus::SEC_E_TIME_SKEW.display(Lang::Ru).to_string();
    assert!(ru.starts_with("SEC_E_TIME_SKEW (0x80090324): "), "{ru}");
    assert!(ru.contains("Часы"), "{ru}");
}

#[test]
fn error_converts_and_displays() {
    let err = SecStatus::SEC_E_WRONG_PRINCIPAL.to_result().unwrap_err();
    assert_eq!(
        err.to_string(),
        "SEC_E_WRONG_PRINCIPAL (0x80090322): The target principal name is incorrect."
    );
    assert_eq!(SecStatus::from(err), SecStatus::SEC_E_WRONG_PRINCIPAL);
    let unknown = SecStatus::from_u32(0x8009_1234).to_result().unwrap_err();
    assert_eq!(unknown.to_string(), "0x80091234");
    assert_eq!(SecStatus::SEC_E_OK.to_result(), Ok(SecStatus::SEC_E_OK));
    assert_eq!(
        SecStatus::SEC_I_RENEGOTIATE.to_result(),
        Ok(SecStatus::SEC_I_RENEGOTIATE)
    );
}

#[test]
fn conversions_are_lossless_at_the_boundaries() {
    for v in [0i32, 1, -1, i32::MIN, i32::MAX, -2146893044] {
        let s = SecStatus::from_i32(v);
        assert_eq!(s.to_i32(), v);
        assert_eq!(SecStatus::from_u32(s.to_u32()), s);
        assert_eq!(i32::from(s), v);
        assert_eq!(u32::from(s), v as u32);
    }
}

#[test]
fn predicates_at_both_boundaries() {
    let cases = [
        (i32::MIN, false, false, true),
        (-1, false, false, true),
        (0, true, false, false),
        (1, false, true, false),
        (i32::MAX, false, true, false),
    ];
    for (v, success, info, error) in cases {
        let s = SecStatus::from_i32(v);
        assert_eq!(
            (s.is_success(), s.is_informational(), s.is_error()),
            (success, info, error),
            "{v}"
        );
    }
}

#[test]
fn hresult_fields_decode_every_bit() {
    let f = SecStatus::from_u32(0xF809_0308).fields();
    assert!(f.severity && f.reserved && f.customer && f.nt && f.x);
    assert_eq!((f.facility, f.code), (9, 0x0308));
    let f = SecStatus::from_u32(0x07FF_FFFF).fields();
    assert!(!f.severity && !f.reserved && !f.customer && !f.nt && !f.x);
    assert_eq!((f.facility, f.code), (0x7FF, 0xFFFF));
}
