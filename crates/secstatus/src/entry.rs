//! The catalogue's view of a status code: [`Entry`] and the small closed sets it uses.

use crate::closed_set::closed_set;
use crate::SecStatus;

/// A language the catalogue's texts are written in.
///
/// ```
/// use secstatus::Lang;
/// assert_eq!("ru".parse::<Lang>(), Ok(Lang::Ru));
/// assert_eq!(Lang::En.code(), "en");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// Every language, in a fixed order.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// assert_eq!(Lang::ALL.map(Lang::code), ["en", "ru"]);
    /// let message = SecStatus::SEC_E_OK.entry().unwrap().message();
    /// assert!(Lang::ALL.iter().all(|&lang| !message.get(lang).is_empty()));
    /// ```
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The ISO 639-1 code: `"en"` or `"ru"`.
    ///
    /// ```
    /// assert_eq!(secstatus::Lang::Ru.code(), "ru");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

impl core::str::FromStr for Lang {
    type Err = UnknownName;

    /// Accepts `en` and `ru` in any case, and locale strings that start with them (`ru_RU.UTF-8`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let head = s.get(..2).unwrap_or(s);
        let rest_ok = s.len() == 2 || matches!(s.as_bytes().get(2), Some(b'_' | b'-' | b'.'));
        match head {
            h if rest_ok && h.eq_ignore_ascii_case("en") => Ok(Lang::En),
            h if rest_ok && h.eq_ignore_ascii_case("ru") => Ok(Lang::Ru),
            _ => Err(UnknownName),
        }
    }
}

/// A piece of text in every [`Lang`].
///
/// ```
/// use secstatus::{Lang, SecStatus};
/// let entry = SecStatus::SEC_E_TIME_SKEW.entry().unwrap();
/// assert!(entry.message().get(Lang::En).contains("clock"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    pub(crate) en: &'static str,
    pub(crate) ru: &'static str,
}

impl Text {
    /// The text in `lang`.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let meaning = SecStatus::SEC_E_OK.entry().unwrap().meaning();
    /// assert_eq!(meaning.get(Lang::En), "The operation completed successfully.");
    /// ```
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ru => self.ru,
        }
    }
}

/// A likely cause of an error, or a fix: its text, the public source it was checked against (a web address or a
/// citation), and,
/// where it holds only when the code appears in one context, that context (`ldap-data:52e`, `tls-alert:40`,
/// `krb:KDC_ERR_PREAUTH_FAILED`, `ntstatus:STATUS_WRONG_PASSWORD`, `sql-state:14`, `product:sqlserver`,
/// `event:4625`).
///
/// ```
/// use secstatus::{Lang, SecStatus};
/// let entry = SecStatus::SEC_E_INVALID_TOKEN.entry().unwrap();
/// let ldap = entry.causes().iter().find(|c| c.context() == Some("ldap-data:52e")).unwrap();
/// assert!(ldap.get(Lang::En).contains("password"));
/// assert!(ldap.source().unwrap().starts_with("https://"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Advice {
    pub(crate) text: Text,
    pub(crate) source: Option<&'static str>,
    pub(crate) context: Option<&'static str>,
}

impl Advice {
    /// The text in both languages.
    pub const fn text(&self) -> Text {
        self.text
    }

    /// The text in `lang`.
    pub const fn get(&self, lang: Lang) -> &'static str {
        self.text.get(lang)
    }

    /// The public source the claim was checked against, if one was found (a web address or a citation).
    pub const fn source(&self) -> Option<&'static str> {
        self.source
    }

    /// The context the advice is for, `KIND:KEY`; `None` where it holds wherever the code appears.
    pub const fn context(&self) -> Option<&'static str> {
        self.context
    }
}

closed_set! {
    /// How a status reads, from its bits: success, informational (a positive `SEC_I_` value) or error.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus, Severity};
    /// assert_eq!(SecStatus::SEC_I_CONTINUE_NEEDED.severity(), Severity::Informational);
    /// assert_eq!(Severity::Error.as_str(), "error");
    /// assert_eq!(Severity::ALL.map(Severity::as_str), ["success", "informational", "error"]);
    /// for severity in Severity::ALL {
    ///     assert_eq!(severity.as_str().parse(), Ok(severity));
    /// }
    /// assert_eq!(Severity::Error.label(Lang::Ru), "ошибка");
    /// ```
    pub enum Severity [array] {
        /// The value 0: `SEC_E_OK`.
        Success = ("success", "success", "успех"),
        /// A positive value: the call worked, and the caller has something more to do.
        Informational = ("informational", "informational", "информационный"),
        /// A negative value (the severity bit is set): the call failed.
        Error = ("error", "error", "ошибка"),
    }
}

closed_set! {
    /// What a status code is about.
    ///
    /// ```
    /// use secstatus::{Category, Lang, SecStatus};
    /// let entry = SecStatus::SEC_E_UNTRUSTED_ROOT.entry().unwrap();
    /// assert_eq!(entry.category(), Category::Certificates);
    /// assert_eq!("certificates".parse(), Ok(Category::Certificates));
    /// assert_eq!(Category::Kerberos.label(Lang::En), "Kerberos and KDC");
    /// ```
    pub enum Category {
        /// `SEC_E_OK`.
        Success = ("success", "success", "успех"),
        /// The exchange goes on: send a token, complete, renegotiate, read more.
        Continuation = ("continuation", "continuation", "продолжение обмена"),
        /// Accounts, passwords, credential handles, logon.
        Credentials = ("credentials", "credentials and logon", "учётные данные и вход"),
        /// X.509 certificates, chains, trust and revocation.
        Certificates = ("certificates", "certificates", "сертификаты"),
        /// Smart cards and PKINIT logon.
        SmartCards = ("smart_cards", "smart cards", "смарт-карты"),
        /// The Kerberos protocol and the key distribution centre.
        Kerberos = ("kerberos", "Kerberos and KDC", "Kerberos и KDC"),
        /// Signing, sealing and the order and integrity of messages.
        MessageProtection = ("message_protection", "message protection", "защита сообщений"),
        /// Agreement on protocol, algorithm and options with the peer.
        Negotiation = ("negotiation", "negotiation", "согласование"),
        /// Security contexts and handles.
        Context = ("context", "contexts and handles", "контексты и дескрипторы"),
        /// Loading and identifying security packages.
        Packages = ("packages", "security packages", "пакеты безопасности"),
        /// Memory, buffers, parameters and the state of the system.
        Resources = ("resources", "system resources", "системные ресурсы"),
    }
}

closed_set! {
    /// Who has to act to clear an error.
    ///
    /// ```
    /// use secstatus::{Actor, SecStatus};
    /// let entry = SecStatus::SEC_E_INVALID_HANDLE.entry().unwrap();
    /// assert_eq!(entry.actor(), Some(Actor::Caller));
    /// ```
    pub enum Actor {
        /// The calling code has a bug.
        Caller = ("caller", "the caller (a bug in the calling code)", "вызывающий код (ошибка в программе)"),
        /// System, service or policy configuration.
        Configuration = ("configuration", "configuration (system, service or policy)", "конфигурация (система, служба или политика)"),
        /// The account, password, certificate or key in use.
        Credentials = ("credentials", "the credentials (account, password, certificate or key)", "учётные данные (учётная запись, пароль, сертификат или ключ)"),
        /// The peer, or the protocol exchange with it.
        Peer = ("peer", "the peer or the protocol exchange", "другая сторона или сам обмен по протоколу"),
        /// Network, domain controllers, clocks, resources.
        Environment = ("environment", "the environment (network, domain controller, clock, resources)", "окружение (сеть, контроллер домена, часы, ресурсы)"),
    }
}

closed_set! {
    /// Whether repeating the failed call can help.
    ///
    /// ```
    /// use secstatus::{Retry, SecStatus};
    /// let entry = SecStatus::SEC_E_TIME_SKEW.entry().unwrap();
    /// assert_eq!(entry.retry(), Some(Retry::AfterFix));
    /// ```
    pub enum Retry {
        /// The same call fails the same way.
        Never = ("never", "no: the same call fails the same way", "нет: тот же вызов снова завершится так же"),
        /// Retry once the cause is fixed.
        AfterFix = ("after_fix", "after the cause is fixed", "после устранения причины"),
        /// A transient condition: retrying as it is can succeed.
        MayHelp = ("may_help", "yes: the condition can be transient", "да: причина может быть временной"),
    }
}

/// The error returned when a name does not belong to a closed set such as [`Category`].
///
/// ```
/// assert!("nope".parse::<secstatus::Category>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownName;

impl core::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("unknown name")
    }
}

impl core::error::Error for UnknownName {}

/// A second name for a code, kept for backwards compatibility (`SEC_E_NOT_SUPPORTED`).
///
/// ```
/// let entry = secstatus::SecStatus::SEC_E_UNSUPPORTED_FUNCTION.entry().unwrap();
/// assert_eq!(entry.aliases()[0].name(), "SEC_E_NOT_SUPPORTED");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Alias {
    pub(crate) name: &'static str,
    pub(crate) in_spec: bool,
    pub(crate) meaning: Text,
}

impl Alias {
    /// The alias as the SDK spells it.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// let alias = SecStatus::SEC_E_INTERNAL_ERROR.entry().unwrap().aliases()[0];
    /// assert_eq!(alias.name(), "SEC_E_NO_SPM");
    /// // The alias parses to the code it is another name for.
    /// assert_eq!(alias.name().parse(), Ok(SecStatus::SEC_E_INTERNAL_ERROR));
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the specification lists the alias with a meaning of its own.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert!(SecStatus::SEC_E_UNSUPPORTED_FUNCTION.entry().unwrap().aliases()[0].in_spec());
    /// assert!(!SecStatus::SEC_E_INTERNAL_ERROR.entry().unwrap().aliases()[0].in_spec());
    /// ```
    pub const fn in_spec(&self) -> bool {
        self.in_spec
    }

    /// The alias's own documented meaning.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let alias = SecStatus::SEC_E_UNSUPPORTED_FUNCTION.entry().unwrap().aliases()[0];
    /// assert!(alias.meaning().get(Lang::En).contains("not supported"));
    /// ```
    pub const fn meaning(&self) -> Text {
        self.meaning
    }
}

closed_set! {
    /// Where the English system message comes from.
    ///
    /// ```
    /// use secstatus::{MessageSource, SecStatus};
    /// let entry = SecStatus::SEC_E_LOGON_DENIED.entry().unwrap();
    /// assert_eq!(entry.message_source(), MessageSource::MsErref);
    /// assert_eq!(MessageSource::MsErref.as_str(), "ms-erref");
    /// assert_eq!(MessageSource::Own.as_str(), "own");
    /// assert_eq!(MessageSource::WinerrorH.as_str(), "winerror.h");
    /// ```
    pub enum MessageSource {
        /// Microsoft's [MS-ERREF] section 2.1, the documented message.
        MsErref = "ms-erref",
        /// No public text exists; the catalogue wrote its own.
        Own = "own",
        /// The Windows SDK's winerror.h MessageText, what FormatMessage prints, for codes [MS-ERREF] lacks.
        WinerrorH = "winerror.h",
    }
}

/// Everything the catalogue knows about one status code.
///
/// Get one with [`SecStatus::entry`], [`crate::lookup_name`] or [`crate::entries`].
///
/// ```
/// use secstatus::{Category, Lang, SecStatus, Severity};
/// let entry = SecStatus::SEC_E_LOGON_DENIED.entry().unwrap();
/// assert_eq!(entry.name(), "SEC_E_LOGON_DENIED");
/// assert_eq!(entry.status().to_u32(), 0x8009_030C);
/// assert_eq!(entry.severity(), Severity::Error);
/// assert_eq!(entry.category(), Category::Credentials);
/// assert_eq!(entry.message().get(Lang::En), "The logon attempt failed.");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    pub(crate) status: SecStatus,
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [Alias],
    pub(crate) category: Category,
    pub(crate) in_spec: bool,
    pub(crate) newest_sdk: bool,
    pub(crate) meaning: Text,
    pub(crate) ru_note: Option<&'static str>,
    pub(crate) message: Text,
    pub(crate) message_source: MessageSource,
    pub(crate) windows_message: Option<&'static str>,
    pub(crate) next_step: Option<Text>,
    pub(crate) next_source: Option<&'static str>,
    pub(crate) actor: Option<Actor>,
    pub(crate) retry: Option<Retry>,
    pub(crate) causes: &'static [Advice],
    pub(crate) fixes: &'static [Advice],
    pub(crate) erratum: Option<Text>,
    pub(crate) related: &'static [SecStatus],
}

impl Entry {
    /// The status value.
    ///
    /// ```
    /// use secstatus::{lookup_name, SecStatus};
    /// let entry = lookup_name("SEC_E_NO_SPM").unwrap(); // found by an alias
    /// assert_eq!(entry.status(), SecStatus::SEC_E_INTERNAL_ERROR);
    /// assert_eq!(entry.status().entry(), Some(entry));
    /// ```
    pub const fn status(&self) -> SecStatus {
        self.status
    }

    /// The canonical name, as the SDK spells it.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert_eq!(SecStatus::from_u32(0x8009_0324).entry().unwrap().name(), "SEC_E_TIME_SKEW");
    /// // The value of an alias gives the canonical name.
    /// assert_eq!(SecStatus::SEC_E_NO_SPM.entry().unwrap().name(), "SEC_E_INTERNAL_ERROR");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Other names for the same value.
    ///
    /// ```
    /// use secstatus::{entries, SecStatus};
    /// let entry = SecStatus::SEC_E_INTERNAL_ERROR.entry().unwrap();
    /// let names: Vec<_> = entry.aliases().iter().map(|a| a.name()).collect();
    /// assert_eq!(names, ["SEC_E_NO_SPM"]);
    /// assert!(SecStatus::SEC_E_LOGON_DENIED.entry().unwrap().aliases().is_empty());
    /// // 94 values and 96 names: two codes have an alias.
    /// assert_eq!(entries().map(|e| e.aliases().len()).sum::<usize>(), 2);
    /// ```
    pub const fn aliases(&self) -> &'static [Alias] {
        self.aliases
    }

    /// The severity, from the value's bits (see [`SecStatus::severity`]).
    ///
    /// `SEC_I_INVALID_SESSION_STATE` is an error by its bits despite its `I`.
    ///
    /// ```
    /// use secstatus::{SecStatus, Severity};
    /// let entry = SecStatus::SEC_I_INVALID_SESSION_STATE.entry().unwrap();
    /// assert_eq!(entry.severity(), Severity::Error);
    /// ```
    pub const fn severity(&self) -> Severity {
        self.status.severity()
    }

    /// What the code is about.
    ///
    /// ```
    /// use secstatus::{Category, SecStatus};
    /// assert_eq!(SecStatus::SEC_E_TIME_SKEW.entry().unwrap().category(), Category::Kerberos);
    /// assert_eq!(SecStatus::SEC_E_OK.entry().unwrap().category(), Category::Success);
    /// ```
    pub const fn category(&self) -> Category {
        self.category
    }

    /// Whether the SSPI status-code documentation page (the specification) lists this code.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert!(SecStatus::SEC_E_OK.entry().unwrap().in_spec());
    /// assert!(!SecStatus::SEC_E_INSUFFICIENT_BUFFERS.entry().unwrap().in_spec());
    /// ```
    pub const fn in_spec(&self) -> bool {
        self.in_spec
    }

    /// Whether only the newest Windows SDK defines this code.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert!(SecStatus::SEC_I_INVALID_SESSION_STATE.entry().unwrap().newest_sdk());
    /// ```
    pub const fn newest_sdk(&self) -> bool {
        self.newest_sdk
    }

    /// The documented meaning. For codes of the specification, its English text verbatim (links reduced to their
    /// text) and a corrected Russian translation; for the others, the catalogue's own words.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let entry = SecStatus::SEC_E_TIME_SKEW.entry().unwrap();
    /// assert_eq!(entry.meaning().get(Lang::En), "The clocks on the client and server computers do not match.");
    /// // The documented meaning and the system message are separate texts.
    /// assert_ne!(entry.meaning(), entry.message());
    /// ```
    pub const fn meaning(&self) -> Text {
        self.meaning
    }

    /// What was corrected in the specification's machine-translated Russian meaning, if anything.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// let entry = SecStatus::SEC_E_INVALID_HANDLE.entry().unwrap();
    /// assert!(entry.ru_note().unwrap().contains("handle"));
    /// ```
    pub const fn ru_note(&self) -> Option<&'static str> {
        self.ru_note
    }

    /// The system message: what Windows prints for the code.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let message = SecStatus::SEC_E_TIME_SKEW.entry().unwrap().message();
    /// assert_eq!(message.get(Lang::En), "The clocks on the client and server machines are skewed.");
    /// assert_eq!(message.get(Lang::Ru), "Часы на клиентском и серверном компьютерах рассинхронизированы.");
    /// ```
    pub const fn message(&self) -> Text {
        self.message
    }

    /// Where the English system message comes from.
    ///
    /// ```
    /// use secstatus::{MessageSource, SecStatus};
    /// assert_eq!(SecStatus::SEC_E_TIME_SKEW.entry().unwrap().message_source(), MessageSource::MsErref);
    /// assert_eq!(SecStatus::SEC_E_NO_CONTEXT.entry().unwrap().message_source(), MessageSource::WinerrorH);
    /// ```
    pub const fn message_source(&self) -> MessageSource {
        self.message_source
    }

    /// The text Windows prints for the code (the Windows SDK's winerror.h MessageText, what FormatMessage returns),
    /// verbatim, where it differs from the English [`message`](Self::message); English only. `None` when the
    /// message is that text already or the SDK has none.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let entry = SecStatus::SEC_E_INTERNAL_ERROR.entry().unwrap();
    /// assert_eq!(entry.message().get(Lang::En), "The Local Security Authority (LSA) cannot be contacted.");
    /// assert_eq!(entry.windows_message(), Some("The Local Security Authority cannot be contacted"));
    /// assert_eq!(SecStatus::SEC_E_NO_CONTEXT.entry().unwrap().windows_message(), None);
    /// ```
    pub const fn windows_message(&self) -> Option<&'static str> {
        self.windows_message
    }

    /// For a code that is not an error: what the caller must do next.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let next = SecStatus::SEC_I_COMPLETE_NEEDED.entry().unwrap().next_step().unwrap();
    /// assert!(next.get(Lang::En).contains("CompleteAuthToken"));
    /// ```
    pub const fn next_step(&self) -> Option<Text> {
        self.next_step
    }

    /// The public page (a URL) or citation the next step was checked against, with it.
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// let entry = SecStatus::SEC_I_CONTINUE_NEEDED.entry().unwrap();
    /// assert!(entry.next_source().unwrap().starts_with("https://learn.microsoft.com/"));
    /// assert_eq!(SecStatus::SEC_E_LOGON_DENIED.entry().unwrap().next_source(), None);
    /// ```
    pub const fn next_source(&self) -> Option<&'static str> {
        self.next_source
    }

    /// For an error: who must act.
    ///
    /// ```
    /// use secstatus::{Actor, SecStatus};
    /// assert_eq!(SecStatus::SEC_E_TIME_SKEW.entry().unwrap().actor(), Some(Actor::Environment));
    /// // Not an error: nobody has to act.
    /// assert_eq!(SecStatus::SEC_I_CONTINUE_NEEDED.entry().unwrap().actor(), None);
    /// ```
    pub const fn actor(&self) -> Option<Actor> {
        self.actor
    }

    /// For an error: whether a retry can help.
    ///
    /// ```
    /// use secstatus::{Retry, SecStatus};
    /// assert_eq!(SecStatus::SEC_E_INSUFFICIENT_MEMORY.entry().unwrap().retry(), Some(Retry::MayHelp));
    /// assert_eq!(SecStatus::SEC_E_INVALID_HANDLE.entry().unwrap().retry(), Some(Retry::Never));
    /// assert_eq!(SecStatus::SEC_E_OK.entry().unwrap().retry(), None);
    /// ```
    pub const fn retry(&self) -> Option<Retry> {
        self.retry
    }

    /// Likely causes, most common first; empty where the catalogue has none. Each says where it was checked and, if it
    /// holds only in one context, which ([`Advice`]).
    ///
    /// ```
    /// use secstatus::SecStatus;
    /// assert!(!SecStatus::SEC_E_TIME_SKEW.entry().unwrap().causes().is_empty());
    /// ```
    pub const fn causes(&self) -> &'static [Advice] {
        self.causes
    }

    /// Fixes, most useful first; empty where the catalogue has none.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let fixes = SecStatus::SEC_E_TIME_SKEW.entry().unwrap().fixes();
    /// assert!(fixes[0].get(Lang::En).starts_with("Resynchronise the clock"));
    /// assert!(SecStatus::SEC_E_OK.entry().unwrap().fixes().is_empty());
    /// ```
    pub const fn fixes(&self) -> &'static [Advice] {
        self.fixes
    }

    /// Where the specification's text misleads, and how.
    ///
    /// ```
    /// use secstatus::{Lang, SecStatus};
    /// let erratum = SecStatus::SEC_E_NO_PA_DATA.entry().unwrap().erratum().unwrap();
    /// assert!(erratum.get(Lang::En).contains("pre-authentication"));
    /// ```
    pub const fn erratum(&self) -> Option<Text> {
        self.erratum
    }

    /// Other codes worth reading beside this one.
    ///
    /// ```
    /// use secstatus::{entries, SecStatus};
    /// let related = SecStatus::SEC_E_OK.entry().unwrap().related();
    /// assert_eq!(related, [SecStatus::SEC_I_CONTINUE_NEEDED, SecStatus::SEC_I_COMPLETE_NEEDED]);
    /// // Every related code is itself in the catalogue.
    /// assert!(entries().flat_map(|e| e.related()).all(|s| s.entry().is_some()));
    /// ```
    pub const fn related(&self) -> &'static [SecStatus] {
        self.related
    }
}
