//! Strings of the generated tables as places in one text per table.
//!
//! A table row that held a `&'static str` would hold a pointer, which a position-independent program must relocate
//! when it loads: the large tables had some 30,000 of them, written into private pages at every start. A [`Span`]
//! is an offset and a length instead, so the rows are plain numbers that stay in read-only pages until read.

/// A string of a generated table: `len` bytes at `at` in the table's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    at: u32,
    len: u16,
}

impl Span {
    /// The empty string (a row without the text).
    pub(crate) const EMPTY: Span = Span::new(0, 0);

    /// `len` bytes at `at`.
    pub(crate) const fn new(at: u32, len: u16) -> Span {
        Span { at, len }
    }

    /// Whether the span is empty.
    pub(crate) const fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The string in `text` (empty if `text` does not hold it, which the generator rules out and a test checks).
    #[inline(always)]
    pub(crate) fn str_in(self, text: &'static str) -> &'static str {
        let at = self.at as usize;
        text.get(at..at + usize::from(self.len)).unwrap_or("")
    }

    /// The string's bytes in `text` (see [`str_in`](Self::str_in)).
    #[cfg(feature = "texts")]
    #[inline(always)]
    pub(crate) fn bytes_in(self, text: &'static str) -> &'static [u8] {
        let at = self.at as usize;
        text.as_bytes()
            .get(at..at + usize::from(self.len))
            .unwrap_or(&[])
    }
}
