//! GSS-API major status values.

use super::{foreign, Foreign, Mapping, System};

/// A GSS-API major status: a routine error, a calling error and supplementary bits in one value.
///
/// ```
/// use secstatus::{GssStatus, SecStatus};
/// let s = GssStatus(0x0006_0000 | 0x8); // GSS_S_BAD_SIG with GSS_S_UNSEQ_TOKEN
/// assert_eq!(s.routine(), 0x0006_0000);
/// assert_eq!(s.supplementary(), 0x8);
/// let names: Vec<_> = s.parts().map(|f| f.name()).collect();
/// assert_eq!(names, ["GSS_S_BAD_SIG", "GSS_S_UNSEQ_TOKEN"]);
/// assert_eq!(s.mapping().unwrap().status(), SecStatus::SEC_E_MESSAGE_ALTERED);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GssStatus(pub u32);

impl GssStatus {
    /// The calling error, shifted in place (bits 24-31).
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// // GSS_S_CALL_INACCESSIBLE_READ with GSS_S_DEFECTIVE_TOKEN
    /// assert_eq!(GssStatus(0x0100_0000 | 0x0009_0000).calling(), 0x0100_0000);
    /// assert_eq!(GssStatus(0x0009_0000).calling(), 0);
    /// ```
    pub const fn calling(self) -> u32 {
        self.0 & 0xFF00_0000
    }

    /// The routine error, shifted in place (bits 16-23).
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// assert_eq!(GssStatus(0x0100_0000 | 0x0009_0000).routine(), 0x0009_0000);
    /// assert_eq!(GssStatus(0x8).routine(), 0);
    /// ```
    pub const fn routine(self) -> u32 {
        self.0 & 0x00FF_0000
    }

    /// The supplementary information bits (0-15).
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// // GSS_S_BAD_SIG with GSS_S_DUPLICATE_TOKEN and GSS_S_UNSEQ_TOKEN
    /// assert_eq!(GssStatus(0x0006_0000 | 0x2 | 0x8).supplementary(), 0xA);
    /// assert_eq!(GssStatus(0x0006_0000).supplementary(), 0);
    /// ```
    pub const fn supplementary(self) -> u32 {
        self.0 & 0xFFFF
    }

    /// The known parts, calling error first, then the routine error, then each supplementary bit.
    ///
    /// ```
    /// use secstatus::GssStatus;
    /// let names: Vec<_> = GssStatus(0x0100_0000 | 0x0009_0000).parts().map(|f| f.name()).collect();
    /// assert_eq!(names, ["GSS_S_CALL_INACCESSIBLE_READ", "GSS_S_DEFECTIVE_TOKEN"]);
    /// // Zero is GSS_S_COMPLETE.
    /// assert_eq!(GssStatus(0).parts().next().unwrap().name(), "GSS_S_COMPLETE");
    /// ```
    pub fn parts(self) -> impl Iterator<Item = &'static Foreign> {
        let fields = [self.calling(), self.routine()];
        let bits = (0..16).map(move |b| self.supplementary() & (1 << b));
        fields
            .into_iter()
            .chain(bits)
            .filter(|&v| v != 0)
            .filter_map(|v| foreign(System::Gss, v))
            .chain((self.0 == 0).then(|| foreign(System::Gss, 0)).flatten())
    }

    /// The SSPI equivalent: of the calling error, else the routine error, else the first supplementary bit that has
    /// one; `GSS_S_COMPLETE` alone gives `SEC_E_OK`. `None` when no part maps.
    ///
    /// ```
    /// use secstatus::{GssStatus, SecStatus};
    /// assert_eq!(GssStatus(0x0009_0000).mapping().unwrap().status(), SecStatus::SEC_E_INVALID_TOKEN);
    /// // With no routine or calling error, the supplementary bit decides.
    /// assert_eq!(GssStatus(0x8).mapping().unwrap().status(), SecStatus::SEC_E_OUT_OF_SEQUENCE);
    /// assert_eq!(GssStatus(0).mapping().unwrap().status(), SecStatus::SEC_E_OK);
    /// ```
    pub fn mapping(self) -> Option<&'static Mapping> {
        // A calling or routine error the tables do not know is a failure of unknown kind: it maps to nothing, not
        // to whatever its supplementary bits would say.
        let known = |field: u32| field == 0 || foreign(System::Gss, field).is_some();
        if !known(self.calling()) || !known(self.routine()) {
            return None;
        }
        self.parts().find_map(Foreign::primary)
    }
}
