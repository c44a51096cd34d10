//! The optional features, each compiled in by `cargo test -p secstatus --features NAME` (CI runs every one).

#[cfg(feature = "serde")]
mod serde {
    use secstatus::SecStatus;

    #[test]
    fn status_serializes_as_its_signed_value() {
        assert_eq!(
            serde_json::to_string(&SecStatus::SEC_E_LOGON_DENIED).unwrap(),
            "-2146893044"
        );
        assert_eq!(
            serde_json::to_string(&SecStatus::SEC_I_CONTINUE_NEEDED).unwrap(),
            "590610"
        );
    }

    #[test]
    fn status_deserializes_from_numbers_and_text() {
        for json in [
            "-2146893044",
            "2148074252",
            "\"SEC_E_LOGON_DENIED\"",
            "\"0x8009030c\"",
            "\"sec_e_logon_denied\"",
        ] {
            let status: SecStatus =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(status, SecStatus::SEC_E_LOGON_DENIED, "{json}");
        }
        for bad in ["4294967296", "-2147483649", "\"SEC_E_NOPE\"", "true", "1.5"] {
            assert!(serde_json::from_str::<SecStatus>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn entry_serializes_with_the_command_line_field_names() {
        let entry = SecStatus::SEC_E_UNSUPPORTED_FUNCTION.entry().unwrap();
        let value: serde_json::Value = serde_json::to_value(entry).unwrap();
        assert_eq!(value["name"], "SEC_E_UNSUPPORTED_FUNCTION");
        assert_eq!(value["value"], "0x80090302");
        assert_eq!(value["signed"], -2146893054);
        assert_eq!(value["unsigned"], 2148074242u32);
        assert_eq!(value["aliases"], serde_json::json!(["SEC_E_NOT_SUPPORTED"]));
        assert_eq!(value["severity"], "error");
        assert_eq!(value["facility"], 9);
        assert_eq!(
            value["meaning"]["en"],
            "The requested function is not supported."
        );
        assert!(value["meaning"]["ru"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('а'..='я').contains(&c)));
        assert!(value["related"].is_array());
    }
}

#[cfg(feature = "std")]
mod std_io {
    use secstatus::SecStatus;
    use std::io::ErrorKind;

    #[test]
    fn errors_become_io_errors_with_the_nearest_kind() {
        let cases = [
            (SecStatus::SEC_E_INSUFFICIENT_MEMORY, ErrorKind::OutOfMemory),
            (SecStatus::SEC_E_LOGON_DENIED, ErrorKind::PermissionDenied),
            (
                SecStatus::SEC_E_UNSUPPORTED_FUNCTION,
                ErrorKind::Unsupported,
            ),
            (SecStatus::SEC_E_INVALID_TOKEN, ErrorKind::InvalidData),
            (
                SecStatus::SEC_E_INCOMPLETE_MESSAGE,
                ErrorKind::UnexpectedEof,
            ),
            (SecStatus::SEC_E_TIME_SKEW, ErrorKind::Other),
        ];
        for (status, kind) in cases {
            let err: std::io::Error = status.to_result().unwrap_err().into();
            assert_eq!(err.kind(), kind, "{status}");
            let inner = err
                .get_ref()
                .unwrap()
                .downcast_ref::<secstatus::Error>()
                .unwrap();
            assert_eq!(inner.status(), status);
        }
    }
}

#[cfg(feature = "windows-result")]
mod windows_result {
    use secstatus::SecStatus;
    use windows_result::HRESULT;

    #[test]
    fn converts_both_ways_losslessly() {
        for v in [0, -2146893044, i32::MIN, i32::MAX] {
            let hr: HRESULT = SecStatus::from_i32(v).into();
            assert_eq!(hr.0, v);
            assert_eq!(SecStatus::from(hr), SecStatus::from_i32(v));
        }
        assert_eq!(
            HRESULT::from(SecStatus::SEC_E_TIME_SKEW),
            HRESULT(0x8009_0324_u32 as i32)
        );
    }
}

#[cfg(feature = "texts")]
mod texts {
    use secstatus::stream::{Hit, Sink, Stream};
    use secstatus::{find_messages, Form};

    #[test]
    fn message_texts_are_found_alone_and_in_the_stream() {
        // MIT krb5's text for KRB_AP_ERR_SKEW (krb5_err.et).
        let line = b"kinit: Clock skew too great while getting initial credentials\n";
        let found: Vec<_> = find_messages(line)
            .map(|f| (f.code.name(), f.form))
            .collect();
        assert_eq!(found, [("KRB_AP_ERR_SKEW", Form::Message)]);

        struct Names(Vec<&'static str>);
        impl Sink for Names {
            fn matched(&mut self, hit: &Hit<'_>) -> std::io::Result<()> {
                self.0.push(hit.found.code.name());
                Ok(())
            }
        }
        let mut names = Names(Vec::new());
        Stream::new().run(&mut &line[..], &mut names).unwrap();
        assert_eq!(names.0, ["KRB_AP_ERR_SKEW"]);
    }
}
