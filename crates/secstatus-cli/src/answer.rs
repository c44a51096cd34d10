//! What one lookup query names, resolved once: the SSPI codes with how each was reached, the neighbouring systems'
//! statuses, the decoded number, and for a miss its reason and the closest name. Printers only format an
//! [`Answer`].

use secstatus::{
    errors, foreign, foreign_by_name, Code, Entry, Foreign, GssStatus, Interpretation, LineContext,
    Mapping, ParseError, Reading, SecStatus, System, TlsAlert, ValueKind, WindowsError,
};

/// The answer to one query.
#[derive(Debug)]
pub struct Answer {
    /// The query as given.
    pub query: String,
    /// The SSPI codes it leads to, each once: read directly first, then the equivalents of the neighbours named.
    pub matches: Vec<Match>,
    /// Every SSPI reading of the query, known or not.
    pub readings: Vec<Interpretation>,
    /// The number to decode: the first reading, or the `--from` number.
    pub decoded: Option<SecStatus>,
    /// Neighbouring statuses the query names.
    pub foreign: Vec<&'static Foreign>,
    /// A TLS alert the tables do not name, with Schannel's catch-all mapping.
    pub unnamed_alert: Option<(u8, &'static Mapping)>,
    /// Windows error codes of [MS-ERREF]'s tables the query names, beyond the curated neighbours above.
    pub errors: Vec<ErrorHit>,
    /// Where the codes of a pasted line appeared (an LDAP `data` sub-code, a TLS alert, a product): the causes and
    /// fixes keyed by it come first.
    pub context: LineContext,
    /// Why nothing was found, when nothing was.
    pub miss: Option<Miss>,
}

/// One SSPI code an answer leads to.
#[derive(Debug)]
pub struct Match {
    pub entry: &'static Entry,
    pub via: Via,
    /// What maps to this code from the neighbouring systems, one-way rows included.
    pub mapped_from: Vec<(&'static Foreign, &'static Mapping)>,
}

/// How a match was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The query read as this code.
    Read(Reading),
    /// The SSPI equivalent of a neighbouring system's status the query names.
    Mapped,
    /// A source's answer for a status it does not list (an alert Microsoft's table does not name): not an
    /// equivalent.
    CatchAll,
}

impl Via {
    /// The JSON name: a reading's name, or `mapped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Read(reading) => reading.as_str(),
            Via::Mapped => "mapped",
            Via::CatchAll => "catch_all",
        }
    }
}

/// A Windows error code the query names: every name of its value, and how it was reached.
#[derive(Debug)]
pub struct ErrorHit {
    /// Every name of the value in its system, in the source's order (never empty).
    pub rows: &'static [WindowsError],
    pub via: ErrorVia,
}

impl ErrorHit {
    /// The first name's row: its system and value are every row's.
    pub fn first(&self) -> &'static WindowsError {
        &self.rows[0]
    }
}

/// How a Windows error code was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorVia {
    /// By one of its names.
    Name,
    /// The query read as this value (hex, decimal, ...).
    Read(Reading),
    /// Inside an HRESULT the query reads as: HRESULT_FROM_WIN32 or HRESULT_FROM_NT.
    Wrapped,
    /// A bare number read in the system `--from` gave.
    From,
}

impl ErrorVia {
    /// The JSON name: `name`, a reading's name, `wrapped` or `from`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorVia::Name => "name",
            ErrorVia::Read(reading) => reading.as_str(),
            ErrorVia::Wrapped => "wrapped",
            ErrorVia::From => "from",
        }
    }
}

/// A query that names nothing.
#[derive(Debug)]
pub struct Miss {
    /// Why the query is no code: the parser's reason, or `None` when it is a number or name the catalogue lacks.
    pub reason: Option<ParseError>,
    /// The closest name, if one is close enough to be what was meant.
    pub suggestion: Option<&'static Entry>,
}

impl Answer {
    /// Resolves `query`, reading bare numbers in `from` when given.
    pub fn resolve(query: &str, from: Option<System>) -> Answer {
        let mut found = Found::default();
        // With `--from`, a number pasted with its punctuation (`701,`, `(0xC000006D)`) is still a bare number.
        match from.map(|system| (system, secstatus::parse_pasted_number(query))) {
            Some((system, Some(value))) => found.in_system(value, system),
            Some((system, None)) => match foreign_by_name(query) {
                Some(f) if f.system() == system => found.foreign.push(f),
                // A name of another system, or an SSPI name: answer it as such.
                _ => found.anywhere(query),
            },
            None => found.anywhere(query),
        }
        if !found.any() {
            found.in_text(query);
        }
        let matches = found.matches();
        let miss = (!found.any()).then(|| Miss {
            reason: query.parse::<SecStatus>().err(),
            suggestion: secstatus::suggest(query),
        });
        Answer {
            query: query.to_string(),
            decoded: found.readings.first().map(|r| r.status).or(found.number),
            matches,
            readings: found.readings,
            foreign: found.foreign,
            unnamed_alert: found.unnamed_alert,
            errors: found.errors,
            context: found.context,
            miss,
        }
    }

    /// Whether the query named anything known.
    pub fn found(&self) -> bool {
        self.miss.is_none()
    }
}

/// What resolving gathers before the answer is put together.
#[derive(Default)]
struct Found {
    /// Where the codes of a text that holds them appeared.
    context: LineContext,
    readings: Vec<Interpretation>,
    number: Option<SecStatus>,
    foreign: Vec<&'static Foreign>,
    unnamed_alert: Option<(u8, &'static Mapping)>,
    gss: Option<GssStatus>,
    errors: Vec<ErrorHit>,
}

impl Found {
    fn anywhere(&mut self, query: &str) {
        self.readings = secstatus::interpret(query).collect();
        self.foreign.extend(foreign_by_name(query));
        if !self.readings.iter().any(|r| r.status.entry().is_some()) {
            let numbers: Vec<SecStatus> = self.readings.iter().map(|r| r.status).collect();
            self.foreign
                .extend(numbers.into_iter().filter_map(neighbour));
        }
        if let Some(e) = errors::by_name(query.trim()) {
            self.error(e.system(), e.value(), ErrorVia::Name);
        }
        for r in self.readings.clone() {
            let value = r.status.to_u32();
            // A short number is most often a Win32 error; an HRESULT or NTSTATUS fills 32 bits.
            if value <= 0xFFFF {
                self.error(System::Win32, value, ErrorVia::Read(r.reading));
            }
            self.error(System::HResult, value, ErrorVia::Read(r.reading));
            self.error(System::NtStatus, value, ErrorVia::Read(r.reading));
            match r.status.kind() {
                ValueKind::Win32 { code } => {
                    self.error(System::Win32, u32::from(code), ErrorVia::Wrapped)
                }
                ValueKind::HResultFromNt { ntstatus } => {
                    self.error(System::NtStatus, ntstatus, ErrorVia::Wrapped)
                }
                _ => {}
            }
        }
    }

    /// Adds the Windows error `value` of `system` if the tables have it and nothing better already names it: an SSPI
    /// code of the catalogue, a curated neighbour (which carries Russian, mappings and notes), or an earlier hit.
    fn error(&mut self, system: System, value: u32, via: ErrorVia) {
        // A curated row speaks for its value: it is shown (once) instead of the broad table's.
        if let Some(f) = foreign(system, value) {
            if !self.foreign.contains(&f) {
                self.foreign.push(f);
            }
            return;
        }
        let rows = errors::by_value(system, value);
        let sspi = system == System::HResult && SecStatus::from_u32(value).entry().is_some();
        let seen = self
            .errors
            .iter()
            .any(|e| e.first().system() == system && e.first().value() == value);
        if !rows.is_empty() && !sspi && !seen {
            self.errors.push(ErrorHit { rows, via });
        }
    }

    fn in_system(&mut self, value: u32, system: System) {
        self.number = Some(SecStatus::from_u32(value));
        match system {
            System::Gss => {
                self.gss = Some(GssStatus(value));
                self.foreign.extend(GssStatus(value).parts());
            }
            System::Tls => {
                if let Ok(alert) = u8::try_from(value).map(TlsAlert) {
                    match alert.info() {
                        Some(info) => self.foreign.push(info),
                        None => self.unnamed_alert = alert.mapping().map(|m| (alert.0, m)),
                    }
                }
            }
            _ => {
                self.foreign.extend(foreign(system, value));
                self.error(system, value, ErrorVia::From);
            }
        }
    }

    /// Codes inside a longer text people paste whole: `SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate...`,
    /// `[WinError -2146893054]`, a log line.
    fn in_text(&mut self, query: &str) {
        let bytes = query.as_bytes();
        // Message texts too (`Clock skew too great`), where they overlap no code.
        for found in secstatus::find_codes(bytes) {
            self.context.add_code(found.code);
            match found.code {
                Code::Sspi(e) if !self.readings.iter().any(|r| r.status == e.status()) => {
                    self.readings.push(Interpretation {
                        status: e.status(),
                        reading: Reading::InText,
                    });
                }
                Code::Foreign(f) if !self.foreign.contains(&f) => self.foreign.push(f),
                Code::WindowsError(e) => {
                    self.error(e.system(), e.value(), ErrorVia::Read(Reading::InText))
                }
                _ => {}
            }
            // The LDAP bind diagnostic's `data` sub-code, which says what went wrong.
            if let Some(data) = secstatus::ldap_data(&bytes[found.end..]) {
                self.context.add_ldap_data(data);
                self.ldap(data);
            }
        }
        self.context.add_words(bytes);
        // The sub-code alone, as people quote it: `data 52e`.
        let words: Vec<&str> = query.split_whitespace().collect();
        if let [data, value] = words[..] {
            if data.eq_ignore_ascii_case("data") {
                let value = value.trim_end_matches([',', '.', ';']);
                if let Ok(v) = u32::from_str_radix(value, 16) {
                    self.ldap(v);
                }
            }
        }
    }

    /// An LDAP `data` sub-code: a Win32 error (0 says nothing).
    fn ldap(&mut self, data: u32) {
        if data != 0 {
            self.error(System::Win32, data, ErrorVia::Read(Reading::InText));
        }
    }

    fn any(&self) -> bool {
        self.readings.iter().any(|r| r.status.entry().is_some())
            || !self.foreign.is_empty()
            || self.unnamed_alert.is_some()
            || !self.errors.is_empty()
    }

    /// The SSPI entries reached: read directly, then every mapping's target, without repeats.
    fn matches(&self) -> Vec<Match> {
        let direct = self
            .readings
            .iter()
            .filter_map(|r| r.status.entry().map(|e| (e, Via::Read(r.reading))));
        let mappings: Vec<&'static Mapping> = match self.gss {
            // A combined GSS status maps as a whole (an unknown routine error maps to nothing).
            Some(gss) => gss.mapping().into_iter().collect(),
            None => self
                .foreign
                .iter()
                .flat_map(|f| f.mappings().iter().filter(|m| m.is_equivalent()))
                .collect(),
        };
        let catch_all = self.unnamed_alert.map(|(_, m)| m);
        let mapped = mappings
            .into_iter()
            .map(|m| (m, Via::Mapped))
            .chain(catch_all.map(|m| (m, Via::CatchAll)))
            .filter_map(|(m, via)| m.status().entry().map(|e| (e, via)));
        let mut out: Vec<Match> = Vec::new();
        for (entry, via) in direct.chain(mapped) {
            if !out.iter().any(|m| m.entry.status() == entry.status()) {
                out.push(Match {
                    entry,
                    via,
                    mapped_from: secstatus::mapped_to(entry.status()).collect(),
                });
            }
        }
        out
    }
}

/// The neighbouring status a 32-bit value is, when the tables know it.
fn neighbour(value: SecStatus) -> Option<&'static Foreign> {
    match value.kind() {
        ValueKind::NtStatus => foreign(System::NtStatus, value.to_u32()),
        ValueKind::HResultFromNt { ntstatus } => foreign(System::NtStatus, ntstatus),
        ValueKind::Win32 { code } => foreign(System::Win32, u32::from(code)),
        ValueKind::SecurityFacility | ValueKind::HResult { .. } => {
            foreign(System::HResult, value.to_u32())
        }
        _ => None,
    }
}
