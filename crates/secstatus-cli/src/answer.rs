//! What one lookup query names: SSPI codes read every plausible way, and statuses of neighbouring systems with
//! their SSPI equivalents.

use secstatus::{
    foreign, foreign_by_name, Code, Entry, Foreign, GssStatus, Interpretation, Mapping, Reading,
    SecStatus, System, TlsAlert, ValueKind,
};

/// The answer to one query.
#[derive(Debug, Default)]
pub struct Answer {
    /// SSPI readings of the query.
    pub readings: Vec<Interpretation>,
    /// With `--from`: the query read as a number of that system (decoded as 32 bits in JSON).
    pub number: Option<SecStatus>,
    /// Neighbouring statuses the query names.
    pub foreign: Vec<&'static Foreign>,
    /// A TLS alert the tables do not name, with Schannel's catch-all mapping.
    pub unnamed_alert: Option<(u8, &'static Mapping)>,
    /// With `--from gss`: the combined major status, whose SSPI equivalent comes from all its fields together.
    pub gss: Option<GssStatus>,
    /// The closest name, when nothing matched.
    pub suggestion: Option<&'static Entry>,
}

impl Answer {
    /// Resolves `query`, reading bare numbers in `from` when given.
    pub fn resolve(query: &str, from: Option<System>) -> Answer {
        let mut answer = Answer::default();
        match from.map(|system| (system, number(query))) {
            Some((system, Some(value))) => answer.in_system(value, system),
            Some((system, None)) => match foreign_by_name(query) {
                Some(f) if f.system() == system => answer.foreign.push(f),
                // A name of another system, or an SSPI name: answer it as such.
                _ => answer.anywhere(query),
            },
            None => answer.anywhere(query),
        }
        if !answer.found() {
            answer.in_text(query);
        }
        if !answer.found() {
            answer.suggestion = secstatus::suggest(query);
        }
        answer
    }

    fn anywhere(&mut self, query: &str) {
        self.readings = secstatus::interpret(query).collect();
        self.foreign.extend(foreign_by_name(query));
        if !self.readings.iter().any(|r| r.status.entry().is_some()) {
            let numbers: Vec<SecStatus> = self.readings.iter().map(|r| r.status).collect();
            self.foreign
                .extend(numbers.into_iter().filter_map(neighbour));
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
            _ => self.foreign.extend(foreign(system, value)),
        }
    }

    /// Codes inside a longer text people paste whole: `SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate...`,
    /// `[WinError -2146893054]`, a log line.
    fn in_text(&mut self, query: &str) {
        for found in secstatus::scan(query.as_bytes()) {
            match found.code {
                Code::Sspi(e) if !self.readings.iter().any(|r| r.status == e.status()) => {
                    self.readings.push(Interpretation {
                        status: e.status(),
                        reading: Reading::InText,
                    });
                }
                Code::NtStatus(f) if !self.foreign.contains(&f) => self.foreign.push(f),
                _ => {}
            }
        }
    }

    /// Whether the query named anything known.
    pub fn found(&self) -> bool {
        self.readings.iter().any(|r| r.status.entry().is_some())
            || !self.foreign.is_empty()
            || self.unnamed_alert.is_some()
    }

    /// The number to decode: the first reading, or the `--from` number.
    pub fn decoded(&self) -> Option<SecStatus> {
        self.readings.first().map(|r| r.status).or(self.number)
    }

    /// The SSPI entries the answer leads to: read directly, then every mapping's target, without repeats.
    pub fn entries(&self) -> Vec<(&'static Entry, &'static str)> {
        let mut out: Vec<(&'static Entry, &'static str)> = Vec::new();
        let direct = self
            .readings
            .iter()
            .filter_map(|r| r.status.entry().map(|e| (e, r.reading.as_str())));
        let mappings: Vec<&'static Mapping> = match self.gss {
            // A combined GSS status maps as a whole (an unknown routine error maps to nothing).
            Some(gss) => gss.mapping().into_iter().collect(),
            None => self
                .foreign
                .iter()
                .flat_map(|f| f.mappings().iter().filter(|m| !m.is_reverse_only()))
                .chain(self.unnamed_alert.map(|(_, m)| m))
                .collect(),
        };
        let mapped = mappings
            .into_iter()
            .filter_map(|m| m.status().entry().map(|e| (e, "mapped")));
        for (entry, how) in direct.chain(mapped) {
            if !out.iter().any(|(e, _)| e.status() == entry.status()) {
                out.push((entry, how));
            }
        }
        out
    }
}

/// A bare number as `--from` takes it: `0x` hex, decimal (signed or not), or hex digits with a letter among them
/// (`52e`, as LDAP's `data` field writes Win32 errors). Names are not numbers here.
fn number(query: &str) -> Option<u32> {
    let text = query.trim();
    let bytes = text.as_bytes();
    let hex_with_letter = !bytes.is_empty()
        && bytes.len() <= 8
        && bytes.iter().all(u8::is_ascii_hexdigit)
        && bytes.iter().any(u8::is_ascii_alphabetic);
    match bytes {
        [b'0', b'x' | b'X', ..] => text.parse::<SecStatus>().ok().map(SecStatus::to_u32),
        _ if hex_with_letter => u32::from_str_radix(text, 16).ok(),
        [b'-' | b'+', rest @ ..] if !rest.is_empty() && rest.iter().all(u8::is_ascii_digit) => {
            text.parse::<SecStatus>().ok().map(SecStatus::to_u32)
        }
        _ if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) => text.parse::<u32>().ok(),
        _ => None,
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
