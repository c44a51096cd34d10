//! What one lookup query names: SSPI codes read every plausible way, and statuses of neighbouring systems with
//! their SSPI equivalents.

use secstatus::{
    foreign, foreign_by_name, Entry, Foreign, GssStatus, Interpretation, Mapping, SecStatus,
    System, TlsAlert, ValueKind,
};

/// The answer to one query.
#[derive(Debug, Default)]
pub struct Answer {
    /// SSPI readings of the query (empty with `--from`).
    pub readings: Vec<Interpretation>,
    /// Neighbouring statuses the query names.
    pub foreign: Vec<&'static Foreign>,
    /// A TLS alert the tables do not name, with Schannel's catch-all mapping.
    pub unnamed_alert: Option<(u8, &'static Mapping)>,
    /// The closest name, when nothing matched.
    pub suggestion: Option<&'static Entry>,
}

impl Answer {
    /// Resolves `query`, reading bare numbers in `from` when given.
    pub fn resolve(query: &str, from: Option<System>) -> Answer {
        let mut answer = Answer::default();
        match from {
            Some(system) => answer.in_system(query, system),
            None => {
                answer.readings = secstatus::interpret(query).collect();
                answer.foreign.extend(foreign_by_name(query));
                if !answer.readings.iter().any(|r| r.status.entry().is_some()) {
                    let numbers: Vec<SecStatus> =
                        answer.readings.iter().map(|r| r.status).collect();
                    answer
                        .foreign
                        .extend(numbers.into_iter().filter_map(neighbour));
                }
            }
        }
        if !answer.found() {
            answer.suggestion = secstatus::suggest(query);
        }
        answer
    }

    fn in_system(&mut self, query: &str, system: System) {
        if let Some(f) = foreign_by_name(query).filter(|f| f.system() == system) {
            self.foreign.push(f);
            return;
        }
        let Ok(number) = query.trim().parse::<SecStatus>() else {
            return;
        };
        let value = number.to_u32();
        match system {
            System::Gss => self.foreign.extend(GssStatus(value).parts()),
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

    /// Whether the query named anything known.
    pub fn found(&self) -> bool {
        self.readings.iter().any(|r| r.status.entry().is_some())
            || !self.foreign.is_empty()
            || self.unnamed_alert.is_some()
    }

    /// The SSPI entries the answer leads to: read directly, then every mapping's target, without repeats.
    pub fn entries(&self) -> Vec<(&'static Entry, &'static str)> {
        let mut out: Vec<(&'static Entry, &'static str)> = Vec::new();
        let direct = self
            .readings
            .iter()
            .filter_map(|r| r.status.entry().map(|e| (e, r.reading.as_str())));
        let mapped = self
            .foreign
            .iter()
            .flat_map(|f| f.mappings())
            .chain(self.unnamed_alert.map(|(_, m)| m))
            .filter_map(|m| m.status().entry().map(|e| (e, "mapped")));
        for (entry, how) in direct.chain(mapped) {
            if !out.iter().any(|(e, _)| e.status() == entry.status()) {
                out.push((entry, how));
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
