//! Numbers as people write status codes: the one `0x` formatter.

use core::fmt;

/// A 32-bit value as `0x` and eight upper-case hex digits, the way winerror.h and Event Viewer write status codes.
///
/// ```
/// use secstatus::Hex;
/// assert_eq!(Hex(0x8009_030C).to_string(), "0x8009030C");
/// assert_eq!(Hex(0x0009_0312).to_string(), "0x00090312");
/// assert_eq!(format!("[{:>12}]", Hex(0)), "[  0x00000000]");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hex(pub u32);

impl Hex {
    /// The text in `buf`, without allocating.
    ///
    /// ```
    /// assert_eq!(secstatus::Hex(0xC000_006D).as_str(&mut [0; 10]), "0xC000006D");
    /// ```
    pub fn as_str(self, buf: &mut [u8; 10]) -> &str {
        buf[0] = b'0';
        buf[1] = b'x';
        for (i, slot) in buf[2..].iter_mut().enumerate() {
            let nibble = (self.0 >> (28 - 4 * i)) & 0xF;
            *slot = b"0123456789ABCDEF"[nibble as usize];
        }
        // The bytes are ASCII, so this never fails.
        core::str::from_utf8(buf).unwrap_or("0x????????")
    }
}

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Through `pad`, so width and alignment apply to the whole `0x…` text.
        f.pad(self.as_str(&mut [0; 10]))
    }
}
