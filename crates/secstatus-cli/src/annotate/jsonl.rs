//! `annotate --json`: JSON Lines, one object per occurrence (fields in the README).

use std::io::{self, Write};

use secstatus::stream::{Hit, Sink};

use super::Output;
use crate::wire;

/// JSON Lines, one object per code found.
pub struct JsonLines<'o, W: Write> {
    out: &'o mut W,
    path: String,
    line_buffered: bool,
    found_any: bool,
}

impl<'o, W: Write> JsonLines<'o, W> {
    pub fn new(out: &'o mut W, line_buffered: bool) -> Self {
        JsonLines {
            out,
            path: String::new(),
            line_buffered,
            found_any: false,
        }
    }
}

impl<W: Write> Sink for JsonLines<'_, W> {
    const COLUMNS: bool = true;
    const LINE_ENDS: bool = false;

    fn matched(&mut self, hit: &Hit<'_>) -> io::Result<()> {
        self.found_any = true;
        let text = String::from_utf8_lossy(hit.text);
        wire::write_line(self.out, &wire::Occurrence::new(&self.path, hit, &text))
    }

    fn chunk_end(&mut self) -> io::Result<()> {
        if self.line_buffered {
            self.out.flush()?;
        }
        Ok(())
    }
}

impl<W: Write> Output for JsonLines<'_, W> {
    fn begin(&mut self, path: &str) {
        path.clone_into(&mut self.path);
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn events(&mut self) -> super::events::Target<'_> {
        super::events::Target::Json { out: self.out }
    }

    fn found_any(&self) -> bool {
        self.found_any
    }
}
