//! The scanner on any bytes: `scan`, `ldap_data`, and the stream that annotate reads through.
//!
//! Checks what the annotator relies on: every `Found` lies inside the haystack, on token boundaries, in order,
//! without overlap, and its text parses back to its value; streaming the bytes in fuzzed read sizes through a
//! small segment, so that long lines are cut, finds exactly what scanning the whole finds (only its SSPI codes
//! when a line is cut: a neighbour's context may fall on the other side), and hands every byte on
//! once; and a catalogue code written at the start of a line, then a space, is always found (on the line after
//! other words it may not be: `#define OTHER_NAME 0xC0000001`, `MSR 0xC0000080` are no codes). Message texts (`find_messages`, which the
//! stream merges in) lie inside the haystack in order, on word boundaries, and are, ASCII case aside, a text the
//! table holds for the code reported; the stream finds the same codes as the scanner, its messages aside (a cut of
//! an over-long line may fall inside a text).

#![no_main]

use std::io;

use libfuzzer_sys::fuzz_target;
use secstatus::stream::{Hit, Sink, Stream};
use std::collections::HashMap;
use std::sync::OnceLock;

use secstatus::{
    entries, find_messages, foreigns, ldap_data, scan, texts, Code, Form, Found, KerberosError,
    System, TlsAlert,
};
use secstatus_cli::testkit::Chunked;

/// Bytes that continue a token (ASCII letters, digits, `_`): a code is only found between other bytes.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// What the stream hands on: every byte, and every code with its offset.
#[derive(Default, PartialEq)]
struct Collect {
    bytes: Vec<u8>,
    found: Vec<Found>,
    lines: Vec<u64>,
}

impl Sink for Collect {
    const LINES: bool = true;
    fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
        let start = hit.offset as usize;
        self.found.push(Found {
            start,
            end: start + hit.text.len(),
            ..hit.found
        });
        self.lines.push(hit.line);
        Ok(())
    }
    fn context(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.bytes.extend_from_slice(bytes);
        Ok(())
    }
}

fn check(h: &[u8], found: &[Found], token_before: bool, token_after: bool) {
    let mut last_end = 0;
    for (i, f) in found.iter().enumerate() {
        assert!(
            f.start < f.end && f.end <= h.len(),
            "{f:?} in {} bytes",
            h.len()
        );
        assert!(
            i == 0 || f.start >= last_end,
            "{f:?} overlaps or precedes the one before"
        );
        last_end = f.end;
        let text =
            std::str::from_utf8(&h[f.start..f.end]).unwrap_or_else(|_| panic!("{f:?}: not UTF-8"));
        let body = match f.form {
            Form::SignedDecimal => text
                .strip_prefix('-')
                .expect("a signed decimal starts with -"),
            _ => text,
        };
        // One token; a TLS alert's name may be words (`handshake failure`).
        let spaced = f.form == Form::Name && f.code.system() == "tls";
        assert!(
            !body.is_empty()
                && body
                    .bytes()
                    .all(|b| is_token_byte(b) || (spaced && b == b' ')),
            "{f:?}: {text:?} is not one token"
        );
        // Token boundaries, the edges judged by the context flags.
        let first = f.start + usize::from(f.form == Form::SignedDecimal);
        if first == 0 {
            assert!(
                !token_before,
                "{f:?} at the start of a piece that continues a token"
            );
        } else {
            // The one token byte allowed before a code: the final `m` of a colour escape (ESC `[` digits `;` `m`).
            assert!(
                !is_token_byte(h[first - 1]) || ends_sgr(h, first - 1),
                "{f:?} glued to the byte before"
            );
        }
        if f.end == h.len() {
            assert!(
                !token_after,
                "{f:?} at the end of a piece whose token goes on"
            );
        } else {
            assert!(!is_token_byte(h[f.end]), "{f:?} glued to the byte after");
        }
        // The text is the code the scanner says it is, in the form it says.
        assert!(says(f, body), "{f:?}: {text:?}");
        if f.form != Form::Name {
            assert_ne!(f.code.value(), 0, "{f:?}: SEC_E_OK from a number");
        }
        // `ldap_data` reads what follows a code; it must take any bytes.
        if let Some(data) = ldap_data(&h[f.end..]) {
            assert!(
                h[f.end..].starts_with(b": LdapErr:"),
                "{f:?}: data {data:x}"
            );
        }
    }
}

/// Whether `body` (the code's bytes, a negative decimal without its sign) is the code `f` says, in its form: a name
/// of the code in any spelling its system has, or a number whose value is the code's, wraps it (HRESULT_FROM_WIN32,
/// HRESULT_FROM_NT) or is MIT's com_err number of a Kerberos code.
fn says(f: &Found, body: &str) -> bool {
    let value = f.code.value();
    let system = f.code.system();
    if f.form == Form::Name {
        return match f.code {
            Code::Sspi(e) => secstatus::lookup_name(body) == Some(e),
            Code::Foreign(x) => match x.system() {
                System::Kerberos => {
                    KerberosError::from_spelling(body) == Some(KerberosError(value))
                }
                System::Tls => TlsAlert::from_spelling(body).map(|a| u32::from(a.0)) == Some(value),
                _ => {
                    secstatus::foreign_by_name(body) == Some(x)
                        || windows_error_named(body, x.system(), value)
                }
            },
            Code::WindowsError(e) => windows_error_named(body, e.system(), value),
            _ => false,
        };
    }
    let digits = |d: &str, radix| u32::from_str_radix(d, radix).ok();
    let read = match (f.form, body.get(..2)) {
        (Form::Hex, Some("0x" | "0X")) => {
            let d = &body[2..];
            // Sign-extended to 64 bits: `0xffffffff80070520`.
            let d = if d.len() == 16 && d[..8].eq_ignore_ascii_case("ffffffff") {
                &d[8..]
            } else {
                d
            };
            (1..=8).contains(&d.len()).then(|| digits(d, 16)).flatten()
        }
        (Form::BareHex, _) => (1..=8)
            .contains(&body.len())
            .then(|| digits(body, 16))
            .flatten(),
        (Form::SignedDecimal, _) => body
            .parse::<u32>()
            .ok()
            .filter(|&m| m <= 1 << 31)
            .map(u32::wrapping_neg),
        (Form::UnsignedDecimal, _) => body.parse::<u32>().ok(),
        _ => None,
    };
    let Some(n) = read else { return false };
    let wraps = (n & 0xFFFF_0000 == 0x8007_0000 && n & 0xFFFF == value)
        || (n & 0x1000_0000 != 0 && n & !0x1000_0000 == value);
    let com_err =
        system == "krb" && KerberosError::from_com_err(n as i32) == Some(KerberosError(value));
    n == value || wraps || com_err
}

/// Whether `name` is a broad-table name of `value` in `system`.
fn windows_error_named(name: &str, system: System, value: u32) -> bool {
    secstatus::errors::by_name_in(system, name).is_some_and(|e| e.value() == value)
}

/// Every text of the table, lower case, with the codes it names.
fn table() -> &'static HashMap<&'static str, Vec<Code>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<Code>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&'static str, Vec<Code>> = HashMap::new();
        for (text, code, _) in texts() {
            table.entry(text).or_default().push(code);
        }
        table
    })
}

/// What `find_messages` promises: in order, without overlap, on word boundaries, and the bytes are (ASCII case
/// aside) a text of the table that names the code reported.
fn check_messages(h: &[u8], found: &[Found]) {
    let mut last_end = 0;
    for f in found {
        assert_eq!(f.form, Form::Message, "{f:?}");
        assert!(
            f.start < f.end && f.end <= h.len() && f.start >= last_end,
            "{f:?} out of place"
        );
        last_end = f.end;
        let bytes = &h[f.start..f.end];
        if f.start > 0 {
            assert!(
                !(is_token_byte(h[f.start - 1]) && is_token_byte(bytes[0])),
                "{f:?} glued to the byte before"
            );
        }
        if f.end < h.len() {
            assert!(
                !(is_token_byte(h[f.end]) && is_token_byte(bytes[bytes.len() - 1])),
                "{f:?} glued to the byte after"
            );
        }
        let lower = String::from_utf8(bytes.to_ascii_lowercase())
            .unwrap_or_else(|_| panic!("{f:?}: a text is UTF-8"));
        let codes = table()
            .get(lower.as_str())
            .unwrap_or_else(|| panic!("{f:?}: {lower:?} is no text of the table"));
        assert!(codes.contains(&f.code), "{f:?}: {lower:?} names {codes:?}");
    }
}

/// A code the scanner must find, written in one of the forms it recognises, chosen by `pick`: a catalogue entry
/// (by name or alias, hex, bare hex, or for errors a decimal), or an NTSTATUS the tables know (`0x` and 8 digits).
fn written(pick: &[u8]) -> Option<(u32, String)> {
    let choice = usize::from(*pick.first()?);
    let style = *pick.get(1)?;
    let case = *pick.get(2).unwrap_or(&0);
    let recase = |s: &str| -> String {
        s.chars()
            .enumerate()
            .map(|(i, c)| {
                if (case >> (i % 8)) & 1 == 1 {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            })
            .collect()
    };
    let all: Vec<_> = entries().collect();
    if style & 0x80 != 0 {
        let nt: Vec<_> = foreigns()
            .filter(|f| f.system() == System::NtStatus)
            .collect();
        let f = nt.get(choice % nt.len().max(1))?;
        return Some((f.value(), recase(&format!("0x{:08X}", f.value()))));
    }
    let entry = all[choice % all.len()];
    let status = entry.status();
    let value = status.to_u32();
    let text = match style % 5 {
        _ if value == 0 => recase(entry.name()),
        0 => {
            let names: Vec<_> = std::iter::once(entry.name())
                .chain(entry.aliases().iter().map(|a| a.name()))
                .collect();
            recase(names[usize::from(case) % names.len()])
        }
        1 => {
            // `0x` and 1 to 8 digits: leading zeros optional.
            let digits = format!("{value:X}");
            let pad = usize::from(case >> 5).min(8 - digits.len());
            recase(&format!("0x{}{digits}", "0".repeat(pad)))
        }
        2 => recase(&format!("{value:08X}")),
        // Decimals only for errors: informational values would collide with ordinary numbers.
        3 if status.is_error() => status.to_i32().to_string(),
        4 if status.is_error() => value.to_string(),
        _ => recase(&format!("0x{value:08X}")),
    };
    Some((value, text))
}

fuzz_target!(|data: &[u8]| {
    let whole: Vec<Found> = scan(data).collect();
    check(data, &whole, false, false);
    let _ = ldap_data(data);
    let messages: Vec<Found> = find_messages(data).collect();
    check_messages(data, &messages);

    // Through the stream, in fuzzed read sizes and with a segment small enough that long lines are cut: the same
    // codes at the same offsets, on the right lines, and every byte handed on once.
    let segment = 128 + usize::from(data.first().copied().unwrap_or(0));
    let sizes: Vec<usize> = data.iter().take(4).map(|&b| usize::from(b % 97)).collect();
    let mut collect = Collect::default();
    Stream::with_segment(segment)
        .run(&mut Chunked::new(data, sizes.clone()), &mut collect)
        .expect("reading a slice");
    assert!(collect.bytes == data, "the stream lost or reordered bytes");
    // With the scanning on other threads, the sink hears exactly the same.
    let mut parallel = Collect::default();
    Stream::with_segment(segment)
        .run_parallel(&mut Chunked::new(data, sizes.clone()), &mut parallel, 2)
        .expect("reading a slice");
    assert!(parallel == collect, "the parallel stream told the sink otherwise");
    let (codes, lines): (Vec<Found>, Vec<u64>) = collect
        .found
        .iter()
        .zip(&collect.lines)
        .filter(|(f, _)| f.form != Form::Message)
        .map(|(f, l)| (*f, *l))
        .unzip();
    // A stream that cuts no line finds exactly what the scanner finds. One that cuts an over-long line finds the
    // same SSPI codes; a neighbour's code read from the words before or after it (`Failure Code: 0x18`) may have
    // its context on the other side of the cut.
    let cut = data
        .split(|&b| b == b'\n')
        .any(|line| line.len() + 1 > segment);
    let sspi = |f: &&Found| !cut || matches!(f.code, Code::Sspi(_));
    assert_eq!(
        codes.iter().filter(sspi).collect::<Vec<_>>(),
        whole.iter().filter(sspi).collect::<Vec<_>>(),
        "the stream found other codes (segment {segment})"
    );
    // Its messages keep the promises of `find_messages`, and nothing it reports overlaps.
    let streamed: Vec<Found> = collect
        .found
        .iter()
        .filter(|f| f.form == Form::Message)
        .copied()
        .collect();
    check_messages(data, &streamed);
    assert!(
        collect.found.windows(2).all(|w| w[0].end <= w[1].start),
        "the stream's finds overlap"
    );
    for (f, &line) in codes.iter().zip(&lines) {
        let expected = data[..f.start].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        assert_eq!(line, expected, "{f:?}");
    }

    // A code written at the start of a line anywhere in the bytes is found, with its exact span. (Words before it
    // on its line may say it is another name's value or a register number.)
    if let Some((value, text)) = written(data) {
        let at = data
            .get(3)
            .map_or(0, |&b| usize::from(b) * data.len() / 256);
        let mut h = data[..at].to_vec();
        h.push(b'\n');
        let start = h.len();
        h.extend_from_slice(text.as_bytes());
        let end = h.len();
        h.push(b' ');
        h.extend_from_slice(&data[at..]);
        let hit = scan(&h).find(|f| f.start == start);
        match hit {
            Some(f) => {
                assert_eq!((f.end, f.code.value()), (end, value), "{text:?} at {start}");
            }
            None => panic!("{text:?} at {start} not found"),
        }
    }
});

/// Whether `h[m]` is the final `m` of a terminal colour escape: ESC `[`, at most 16 digits and `;` (the longest
/// colour, `38;2;255;255;255`), then `m`.
fn ends_sgr(h: &[u8], m: usize) -> bool {
    let params = h[..m]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    let open = m - params;
    h[m] == b'm' && params <= 16 && open >= 2 && h[open - 1] == b'[' && h[open - 2] == 0x1b
}
