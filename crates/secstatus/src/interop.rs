//! Optional conversions with other crates, each behind a feature: `serde`, `std`, `windows-result`.

#[cfg(feature = "serde")]
mod serde_impls {
    use core::fmt;

    use serde::de::{self, Visitor};
    use serde::ser::{SerializeMap, SerializeSeq};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::{Alias, Entry, Hex, Lang, SecStatus, Text};

    /// A status serializes as its signed value, as C's `SECURITY_STATUS` holds it.
    impl Serialize for SecStatus {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_i32(self.to_i32())
        }
    }

    /// A status deserializes from a signed or unsigned 32-bit integer, or from any text [`SecStatus`]'s `FromStr`
    /// accepts (`"SEC_E_LOGON_DENIED"`, `"0x8009030C"`, `"-2146893044"`).
    impl<'de> Deserialize<'de> for SecStatus {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct StatusVisitor;

            impl Visitor<'_> for StatusVisitor {
                type Value = SecStatus;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(
                        "an SSPI status: a 32-bit integer, a name or a hex or decimal string",
                    )
                }

                fn visit_i64<E: de::Error>(self, v: i64) -> Result<SecStatus, E> {
                    if let Ok(v) = i32::try_from(v) {
                        Ok(SecStatus::from_i32(v))
                    } else if let Ok(v) = u32::try_from(v) {
                        Ok(SecStatus::from_u32(v))
                    } else {
                        Err(E::invalid_value(de::Unexpected::Signed(v), &self))
                    }
                }

                fn visit_u64<E: de::Error>(self, v: u64) -> Result<SecStatus, E> {
                    u32::try_from(v)
                        .map(SecStatus::from_u32)
                        .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
                }

                fn visit_str<E: de::Error>(self, v: &str) -> Result<SecStatus, E> {
                    v.parse().map_err(E::custom)
                }
            }

            deserializer.deserialize_any(StatusVisitor)
        }
    }

    /// A text serializes as `{"en": ..., "ru": ...}`.
    impl Serialize for Text {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(2))?;
            for lang in Lang::ALL {
                map.serialize_entry(lang.code(), self.get(lang))?;
            }
            map.end()
        }
    }

    /// A cause or fix serializes as `{"en": ..., "ru": ..., "source": URL or null, "context": KEY or null}`.
    impl Serialize for crate::Advice {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(4))?;
            for lang in Lang::ALL {
                map.serialize_entry(lang.code(), self.get(lang))?;
            }
            map.serialize_entry("source", &self.source())?;
            map.serialize_entry("context", &self.context())?;
            map.end()
        }
    }

    /// Names of statuses, for `related`.
    struct Names(&'static [SecStatus]);

    impl Serialize for Names {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
            for status in self.0 {
                seq.serialize_element(&status.name())?;
            }
            seq.end()
        }
    }

    /// An entry serializes with the field names of the command line's JSON (`secstatus list --json`).
    impl Serialize for Entry {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let s = self.status();
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("name", self.name())?;
            map.serialize_entry("value", &Hex(s.to_u32()))?;
            map.serialize_entry("signed", &s.to_i32())?;
            map.serialize_entry("unsigned", &s.to_u32())?;
            map.serialize_entry("aliases", &AliasNames(self))?;
            map.serialize_entry("alias_meanings", &AliasMeanings(self))?;
            map.serialize_entry("severity", self.severity().as_str())?;
            map.serialize_entry("facility", &s.fields().facility)?;
            map.serialize_entry("code", &s.fields().code)?;
            map.serialize_entry("category", self.category().as_str())?;
            map.serialize_entry("in_spec", &self.in_spec())?;
            map.serialize_entry("newest_sdk", &self.newest_sdk())?;
            map.serialize_entry("meaning", &self.meaning())?;
            map.serialize_entry("ru_note", &self.ru_note())?;
            map.serialize_entry("message", &self.message())?;
            map.serialize_entry("message_source", self.message_source().as_str())?;
            map.serialize_entry(
                "windows_message",
                &self.windows_message().map(|text| WindowsMessage { text }),
            )?;
            map.serialize_entry("next_step", &self.next_step())?;
            map.serialize_entry("next_source", &self.next_source())?;
            map.serialize_entry("actor", &self.actor().map(|a| a.as_str()))?;
            map.serialize_entry("retry", &self.retry().map(|r| r.as_str()))?;
            map.serialize_entry("causes", self.causes())?;
            map.serialize_entry("fixes", self.fixes())?;
            map.serialize_entry("erratum", &self.erratum())?;
            map.serialize_entry("related", &Names(self.related()))?;
            map.end()
        }
    }

    /// The text Windows prints, with its source: `{"text": ..., "source": "winerror.h"}`.
    struct WindowsMessage {
        text: &'static str,
    }

    impl Serialize for WindowsMessage {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry("text", self.text)?;
            map.serialize_entry("source", "winerror.h")?;
            map.end()
        }
    }

    struct AliasNames<'a>(&'a Entry);

    impl Serialize for AliasNames<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.aliases().len()))?;
            for alias in self.0.aliases() {
                seq.serialize_element(alias.name())?;
            }
            seq.end()
        }
    }

    /// Each alias with its own documented meaning: `{"name": ..., "meaning": {"en": ..., "ru": ...}}`.
    struct AliasMeanings<'a>(&'a Entry);

    impl Serialize for AliasMeanings<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.aliases().len()))?;
            for alias in self.0.aliases() {
                seq.serialize_element(&AliasMeaning(alias))?;
            }
            seq.end()
        }
    }

    struct AliasMeaning<'a>(&'a Alias);

    impl Serialize for AliasMeaning<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry("name", self.0.name())?;
            map.serialize_entry("meaning", &self.0.meaning())?;
            map.end()
        }
    }

    /// A value serializes as its `0x` text, `"0x8009030C"`, as the command line's JSON writes values.
    impl Serialize for Hex {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str(&mut [0; 10]))
        }
    }
}

#[cfg(feature = "std")]
mod std_impls {
    extern crate std;

    use std::io;

    use crate::{Error, SecStatus};

    /// The nearest [`io::ErrorKind`] for a failed status; the status itself stays inside as the source.
    ///
    /// ```
    /// # #[cfg(feature = "std")] {
    /// use secstatus::SecStatus;
    /// let err: std::io::Error = SecStatus::SEC_E_LOGON_DENIED.to_result().unwrap_err().into();
    /// assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
    /// assert!(err.to_string().starts_with("SEC_E_LOGON_DENIED (0x8009030C)"));
    /// # }
    /// ```
    impl From<Error> for io::Error {
        fn from(err: Error) -> io::Error {
            let kind = match err.status() {
                SecStatus::SEC_E_INSUFFICIENT_MEMORY => io::ErrorKind::OutOfMemory,
                SecStatus::SEC_E_LOGON_DENIED
                | SecStatus::SEC_E_NO_CREDENTIALS
                | SecStatus::SEC_E_UNKNOWN_CREDENTIALS
                | SecStatus::SEC_E_NOT_OWNER => io::ErrorKind::PermissionDenied,
                SecStatus::SEC_E_UNSUPPORTED_FUNCTION | SecStatus::SEC_E_QOP_NOT_SUPPORTED => {
                    io::ErrorKind::Unsupported
                }
                SecStatus::SEC_E_INVALID_PARAMETER | SecStatus::SEC_E_INVALID_HANDLE => {
                    io::ErrorKind::InvalidInput
                }
                SecStatus::SEC_E_INVALID_TOKEN
                | SecStatus::SEC_E_ILLEGAL_MESSAGE
                | SecStatus::SEC_E_MESSAGE_ALTERED => io::ErrorKind::InvalidData,
                SecStatus::SEC_E_INCOMPLETE_MESSAGE => io::ErrorKind::UnexpectedEof,
                _ => io::ErrorKind::Other,
            };
            io::Error::new(kind, err)
        }
    }
}

#[cfg(feature = "windows-result")]
mod windows_result_impls {
    use windows_result::HRESULT;

    use crate::SecStatus;

    /// The same 32 bits.
    ///
    /// ```
    /// # #[cfg(feature = "windows-result")] {
    /// use secstatus::SecStatus;
    /// let hr: windows_result::HRESULT = SecStatus::SEC_E_TIME_SKEW.into();
    /// assert_eq!(hr.0, -2146893020);
    /// assert_eq!(SecStatus::from(hr), SecStatus::SEC_E_TIME_SKEW);
    /// # }
    /// ```
    impl From<SecStatus> for HRESULT {
        fn from(status: SecStatus) -> HRESULT {
            HRESULT(status.to_i32())
        }
    }

    /// The same 32 bits.
    impl From<HRESULT> for SecStatus {
        fn from(hr: HRESULT) -> SecStatus {
            SecStatus::from_i32(hr.0)
        }
    }
}
