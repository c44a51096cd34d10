//! Text in UTF-16 that starts with a byte order mark, read as UTF-8. Windows PowerShell 5.1 writes it for `>` and
//! `Out-File` (their default encoding is "Unicode", UTF-16LE with a mark), so logs and event exports saved there
//! come in it; read as bytes, none of their codes would be found.

use std::io::{self, Read};

/// How many bytes of the input are decoded at a time.
const CHUNK: usize = 64 * 1024;

/// Which byte comes first in each 16-bit unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Little,
    Big,
}

/// How many bytes [`byte_order`] looks at: the mark and eight units.
pub const HEAD: usize = 18;

/// The UTF-16 that an input whose first bytes are `head` (up to [`HEAD`] of them) is in: it starts with a byte order
/// mark (`FF FE` little-endian, `FE FF` big-endian; neither byte occurs in UTF-8), and one of the eight units after
/// it is ASCII, as the first eight characters of a log or an export always have one (a digit, a space, `<`, a line
/// end). Other bytes after a mark, a binary file's most likely, are read as bytes.
pub fn byte_order(head: &[u8]) -> Option<Order> {
    let order = match head {
        [0xFF, 0xFE, ..] => Order::Little,
        [0xFE, 0xFF, ..] => Order::Big,
        _ => return None,
    };
    let ascii = |pair: &[u8]| match order {
        Order::Little => pair[1] == 0 && pair[0] < 0x80,
        Order::Big => pair[0] == 0 && pair[1] < 0x80,
    };
    head[2..head.len().min(HEAD)]
        .chunks_exact(2)
        .any(ascii)
        .then_some(order)
}

/// A reader of UTF-16 (its byte order mark dropped) that hands out UTF-8. A unit that is no character (a lone
/// surrogate, a last odd byte) becomes U+FFFD, as [`String::from_utf16_lossy`] writes it.
pub struct Utf16<R> {
    inner: R,
    order: Order,
    /// Bytes read and not decoded yet: a unit cut in two, or a high surrogate waiting for its pair.
    raw: Vec<u8>,
    /// Decoded text not handed out yet, from `pos`.
    text: String,
    pos: usize,
    /// Whether the byte order mark is still to be skipped.
    at_start: bool,
    ended: bool,
}

impl<R: Read> Utf16<R> {
    /// Reads `inner`, which starts with the byte order mark of `order`.
    pub fn new(inner: R, order: Order) -> Self {
        Utf16 {
            inner,
            order,
            raw: Vec::with_capacity(CHUNK + 4),
            text: String::new(),
            pos: 0,
            at_start: true,
            ended: false,
        }
    }

    /// Reads more of the input and decodes what is whole.
    fn fill(&mut self) -> io::Result<()> {
        let kept = self.raw.len();
        self.raw.resize(kept + CHUNK, 0);
        let got = loop {
            match self.inner.read(&mut self.raw[kept..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(kept);
                    return Err(e);
                }
            }
        };
        self.raw.truncate(kept + got);
        self.ended = got == 0;
        let unit = |pair: &[u8]| match self.order {
            Order::Little => u16::from_le_bytes([pair[0], pair[1]]),
            Order::Big => u16::from_be_bytes([pair[0], pair[1]]),
        };
        let mut units: Vec<u16> = self.raw.chunks_exact(2).map(unit).collect();
        // A high surrogate at the end may be paired by the next read.
        if !self.ended && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
        }
        let mut from = 0;
        if self.at_start && !units.is_empty() {
            self.at_start = false;
            from = usize::from(units[0] == 0xFEFF);
        }
        self.text.clear();
        self.pos = 0;
        self.text.extend(
            char::decode_utf16(units[from..].iter().copied())
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
        );
        self.raw.drain(..units.len() * 2);
        if self.ended && !self.raw.is_empty() {
            self.raw.clear();
            self.text.push(char::REPLACEMENT_CHARACTER);
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.text.len() {
            if self.ended || buf.is_empty() {
                return Ok(0);
            }
            self.fill()?;
        }
        let rest = &self.text.as_bytes()[self.pos..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode(units: &[u16], order: Order) -> Vec<u8> {
        units
            .iter()
            .flat_map(|u| match order {
                Order::Little => u.to_le_bytes(),
                Order::Big => u.to_be_bytes(),
            })
            .collect()
    }

    fn read_all(data: &[u8], sizes: &[usize], order: Order) -> String {
        let mut out = Vec::new();
        Utf16::new(crate::testkit::Chunked::new(data, sizes.to_vec()), order)
            .read_to_end(&mut out)
            .expect("reading from memory");
        String::from_utf8(out).expect("the reader writes UTF-8")
    }

    #[test]
    fn the_marks() {
        assert_eq!(byte_order(b"\xFF\xFE0\x00"), Some(Order::Little));
        assert_eq!(byte_order(b"\xFE\xFF\x000"), Some(Order::Big));
        // Cyrillic, then a space as the eighth unit.
        let eight = encode(
            &[
                0xFEFF, 0x41E, 0x448, 0x438, 0x431, 0x43A, 0x430, 0x430, 0x20,
            ],
            Order::Little,
        );
        assert_eq!(byte_order(&eight), Some(Order::Little));
        assert_eq!(
            byte_order(&eight[..16]),
            None,
            "no ASCII in the first seven"
        );
        for head in [
            &b""[..],
            b"\xFF",
            b"\xFF\xFE",
            b"\xFF\xFEx",
            b"\xEF\xBB\xBF0x80090308",
            b"0x80090308",
            b"\xFE\xFE\x000",
            // Bytes after a mark: the units are no ASCII.
            b"\xFF\xFE 0x80090308",
            b"\xFE\xFF 0x80090308",
            b"\xFF\xFE\x00\x80\x00\xFF",
        ] {
            assert_eq!(byte_order(head), None, "{head:?}");
        }
        // Only the first eight units count.
        let late = [&[0xFF, 0xFE][..], &[0x30, 0x30].repeat(8), b"0\x00"].concat();
        assert_eq!(byte_order(&late), None);
    }

    #[test]
    fn a_log_line_and_a_character_outside_the_basic_plane_cut_at_every_place() {
        let text = "SEC_E_WRONG_PRINCIPAL 0x80090322 \u{1F512} Ошибка\r\n";
        let units: Vec<u16> = std::iter::once(0xFEFF).chain(text.encode_utf16()).collect();
        for order in [Order::Little, Order::Big] {
            let data = encode(&units, order);
            for size in 1..=data.len() {
                assert_eq!(
                    read_all(&data, &[size], order),
                    text,
                    "{order:?}, pieces of {size}"
                );
            }
        }
    }

    #[test]
    fn what_is_no_character_becomes_the_replacement_character() {
        // A lone low surrogate, a high one before a letter, a high one at the end, and a last odd byte.
        let units = [0xFEFF, 0xDC00, b'a'.into(), 0xD800, b'b'.into(), 0xD83D];
        let mut data = encode(&units, Order::Little);
        assert_eq!(
            read_all(&data, &[3], Order::Little),
            "\u{FFFD}a\u{FFFD}b\u{FFFD}"
        );
        data.push(b'c');
        assert_eq!(
            read_all(&data, &[5], Order::Little),
            "\u{FFFD}a\u{FFFD}b\u{FFFD}\u{FFFD}"
        );
        // Only a mark: nothing; a mark is dropped only at the start.
        assert_eq!(read_all(&[0xFF, 0xFE], &[1], Order::Little), "");
        let twice = encode(&[0xFEFF, 0xFEFF, b'x'.into()], Order::Little);
        assert_eq!(read_all(&twice, &[1], Order::Little), "\u{FEFF}x");
    }

    #[test]
    fn a_read_error_comes_back_after_the_text_before_it() {
        struct Failing(bool);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if std::mem::replace(&mut self.0, true) {
                    return Err(io::Error::other("gone"));
                }
                buf[..6].copy_from_slice(b"\xFF\xFEo\x00k\x00");
                Ok(6)
            }
        }
        let mut reader = Utf16::new(Failing(false), Order::Little);
        let mut buf = [0; 16];
        assert_eq!(reader.read(&mut buf).expect("the first read"), 2);
        assert_eq!(&buf[..2], b"ok");
        assert_eq!(
            reader.read(&mut buf).expect_err("the second").to_string(),
            "gone"
        );
    }

    proptest! {
        #[test]
        fn reads_what_the_standard_library_decodes(
            units in proptest::collection::vec(any::<u16>(), 0..200),
            odd in proptest::option::of(any::<u8>()),
            sizes in proptest::collection::vec(1usize..40, 1..5),
            big in any::<bool>(),
        ) {
            let order = if big { Order::Big } else { Order::Little };
            let mut data = encode(&[0xFEFF], order);
            data.extend(encode(&units, order));
            let mut want = String::from_utf16_lossy(&units);
            if let Some(b) = odd {
                data.push(b);
                want.push(char::REPLACEMENT_CHARACTER);
            }
            prop_assert_eq!(read_all(&data, &sizes, order), want);
        }
    }
}
