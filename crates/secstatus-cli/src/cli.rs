//! The command line, defined once: parsing, `--help`, shell completions and the man page all come from here.

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
`secstatus QUERY...` is short for `secstatus lookup QUERY...`.

Examples:
  secstatus 0x80090308                 look a code up (same as `secstatus lookup 0x80090308`)
  secstatus lookup -2146893044 LOGON_DENIED 80090325
  secstatus explain SEC_E_WRONG_PRINCIPAL --lang ru
  secstatus search clocks do not match
  secstatus list --category certificates --format markdown
  secstatus annotate /var/log/app.log

Exit status: 0 found, 1 not found, 2 usage or I/O error.";

/// Windows SSPI status codes (SEC_E_*, SEC_I_*): look up, explain, search, export, annotate logs.
#[derive(Debug, Parser)]
#[command(
    name = "secstatus",
    version,
    about = "Look up, explain, search and export Windows SSPI status codes (SEC_E_*, SEC_I_*), and annotate logs \
             that contain them",
    after_help = AFTER_HELP,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub common: Common,
}

/// The subcommand names, for the `secstatus QUERY...` shortcut.
pub const SUBCOMMANDS: &[&str] = &[
    "lookup",
    "list",
    "search",
    "explain",
    "completions",
    "annotate",
    "man",
    "help",
];

/// The command a mistyped first word was meant to be: within two edits of a command's name (one for names of four
/// letters or fewer), and not a command itself.
///
/// ```
/// use secstatus_cli::cli::closest_command;
/// assert_eq!(closest_command("lokup"), Some("lookup"));
/// assert_eq!(closest_command("explian"), Some("explain"));
/// assert_eq!(closest_command("annotate"), None);
/// assert_eq!(closest_command("0x80090308"), None);
/// ```
pub fn closest_command(word: &str) -> Option<&'static str> {
    // Command names are short: a long word is no typo of one (and is not worth an edit distance).
    if SUBCOMMANDS.contains(&word) || word.starts_with('-') || word.len() > 16 {
        return None;
    }
    SUBCOMMANDS
        .iter()
        .map(|&c| (edit_distance(&word.to_ascii_lowercase(), c), c))
        .filter(|&(d, c)| d > 0 && d <= if c.len() <= 4 { 1 } else { 2 })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// Options that take a value, so the shortcut can step over it.
const VALUED: &[&str] = &[
    "--lang",
    "--color",
    "--from",
    "--format",
    "--category",
    "--severity",
    "--limit",
    "-n",
];

/// The index of the first argument that is neither an option nor an option's value (a negative number counts as
/// an operand); `args.len()` if there is none.
pub fn first_operand(args: &[std::ffi::OsString]) -> usize {
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        let text = arg.to_string_lossy();
        if text == "--" || !text.starts_with('-') || negative_number(&text) {
            break;
        }
        i += if VALUED.contains(&text.as_ref()) {
            2
        } else {
            1
        };
    }
    i
}

/// Whether `text` is a negative decimal number (`-2146893044`), which the queries take rather than an option.
fn negative_number(text: &str) -> bool {
    text.strip_prefix('-')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// `secstatus [OPTIONS] QUERY...` becomes `secstatus lookup [OPTIONS] QUERY...`: when the first argument that is
/// not an option is no subcommand name, `lookup` is inserted after the program name.
pub fn with_shortcut(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    match args.get(first_operand(&args)) {
        Some(first) if !SUBCOMMANDS.contains(&first.to_string_lossy().as_ref()) => {
            let mut out = args;
            out.insert(1, "lookup".into());
            out
        }
        _ => args,
    }
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct Common {
    /// Language of human output, in any case [default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG; else en].
    #[arg(
        long,
        global = true,
        value_enum,
        ignore_case = true,
        value_name = "LANG"
    )]
    pub lang: Option<LangArg>,

    /// When to use colour (NO_COLOR in the environment turns `auto` off).
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Print JSON (field names documented in the README): lookup and explain an array of {query, matches, decoded,
    /// readings, foreign, suggestion}, list an array of entries, search an array of {score, entry}, annotate JSON
    /// Lines.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look codes up in any form: names, hex, decimal, names without prefix.
    #[command(after_help = "\
Examples:
  secstatus lookup 0x80090308
  secstatus lookup -2146893044 2148074252 8009030C
  secstatus lookup CONTEXT_EXPIRED          (both SEC_E_ and SEC_I_)
  secstatus lookup --json 0xC000006D        (an NTSTATUS: named, with its SSPI equivalent)
  secstatus lookup KRB_AP_ERR_SKEW STATUS_LOGON_FAILURE GSS_S_BAD_SIG unknown_ca
  secstatus lookup --from krb 37            (bare numbers of another system: gss, krb, tls, ntstatus, win32)
  secstatus lookup --from gss 0x60008       (a combined GSS major status, decoded part by part)")]
    Lookup {
        /// The codes to look up.
        #[arg(value_name = "QUERY", required = true, allow_negative_numbers = true)]
        queries: Vec<String>,
        #[command(flatten)]
        args: LookupArgs,
    },

    /// List the catalogue, filtered, as a table, Markdown, JSON, CSV or an HTML page.
    #[command(after_help = "\
Examples:
  secstatus list
  secstatus list --severity informational
  secstatus list --spec --format markdown --lang ru     (the specification's table)
  secstatus list --format html > sspi-codes.html")]
    List(ListArgs),

    /// Full-text search over names, meanings, messages, causes and fixes, in English and Russian.
    #[command(after_help = "\
Examples:
  secstatus search clocks do not match
  secstatus search часы
  secstatus search --json certificate revoked")]
    Search {
        /// The words to find.
        #[arg(value_name = "WORD", required = true, allow_negative_numbers = true)]
        words: Vec<String>,
        /// Show at most this many results.
        #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
        limit: usize,
    },

    /// Everything about one code: value, names, meaning, message, next step, causes, fixes, errata.
    #[command(after_help = "\
Examples:
  secstatus explain 0x8009030C
  secstatus explain SEC_I_CONTINUE_NEEDED --lang ru
  secstatus explain --json SEC_E_TIME_SKEW")]
    Explain {
        /// The code, in any form `lookup` takes.
        #[arg(value_name = "CODE", allow_negative_numbers = true)]
        code: String,
        #[command(flatten)]
        args: LookupArgs,
    },

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  secstatus completions bash > /etc/bash_completion.d/secstatus"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Copy input to output, adding an explanation to every line that holds an SSPI code.
    #[command(after_help = "\
Examples:
  secstatus annotate app.log
  tail -f app.log | secstatus annotate
  secstatus annotate --summary *.log
  secstatus annotate --json ldap.log

Recognised, on token boundaries and only for catalogue values: names (SEC_E_LOGON_DENIED), 0x hex (0x8009030c, \
0x90312), 8 bare hex digits (80090308), negative decimals (-2146893044) and unsigned decimals (2148074252) of \
errors. The LDAP bind diagnostic's `data` sub-code is explained too (data 52e: bad user name or password).

Windows event logs (.evtx, known by their signature) and event XML are read event by event. A file in UTF-16 with \
a byte order mark (what Windows PowerShell 5.1's `>` writes) is read, and written out, as UTF-8.")]
    Annotate(AnnotateArgs),

    /// Print the man page (roff), or write it and one page per command into a directory.
    #[command(
        after_help = "Examples:\n  secstatus man > secstatus.1 && man ./secstatus.1\n  secstatus man --dir /usr/local/share/man/man1"
    )]
    Man {
        /// Write secstatus.1 and secstatus-COMMAND.1 into this directory.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct LookupArgs {
    /// One line per code, for scripts and chat: `0x8009030C (-2146893044) SEC_E_LOGON_DENIED -- The logon attempt
    /// failed.`
    #[arg(long)]
    pub short: bool,
    /// Read bare numbers as values of this system.
    #[arg(long, value_name = "SYSTEM", value_parser = parse_system())]
    pub from: Option<secstatus::System>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only codes of this category.
    #[arg(long, value_name = "CATEGORY", value_parser = parse_category())]
    pub category: Option<secstatus::Category>,
    /// Only codes of this severity.
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity())]
    pub severity: Option<secstatus::Severity>,
    /// Only the names the SSPI status-code documentation page lists.
    #[arg(long)]
    pub spec: bool,
    /// List another system's codes instead of the SSPI catalogue: every Win32 error, NTSTATUS or HRESULT of
    /// [MS-ERREF], or the GSS-API, Kerberos and TLS values the mapping tables hold.
    #[arg(long, value_name = "SYSTEM", value_parser = parse_system())]
    pub system: Option<secstatus::System>,
    /// Output format (`--json` is the same as `--format json`).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Files to read in order (a directory: the files under it); standard input when none is given or for `-`.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print, per code, how often it occurs, where first and last, and in which files.
    #[arg(long)]
    pub summary: bool,
    /// Flush after every line (automatic when the output is a terminal).
    #[arg(long)]
    pub line_buffered: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
    Html,
}

impl Format {
    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ru,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// A parser that accepts exactly the names of a closed set, so that help and completions list them.
fn names_of<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl clap::builder::TypedValueParser<Value = T> {
    clap::builder::PossibleValuesParser::new(all.iter().map(|&v| name(v))).map(move |s| {
        all.iter()
            .copied()
            .find(|&v| name(v) == s)
            .unwrap_or(all[0])
    })
}

fn parse_category() -> impl clap::builder::TypedValueParser<Value = secstatus::Category> {
    names_of(secstatus::Category::ALL, secstatus::Category::as_str)
}

fn parse_system() -> impl clap::builder::TypedValueParser<Value = secstatus::System> {
    names_of(&secstatus::System::ALL, secstatus::System::as_str)
}

fn parse_severity() -> impl clap::builder::TypedValueParser<Value = secstatus::Severity> {
    names_of(&secstatus::Severity::ALL, secstatus::Severity::as_str)
}

/// The command line of the most common call, `secstatus [lookup] QUERY...` with no option, read without building
/// the whole clap command (which costs a lookup's process more than the lookup itself); `None` for anything else,
/// which [`parse`] reads. A test holds that both read every such call alike.
///
/// ```
/// use secstatus_cli::cli::fast_lookup;
/// let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
/// assert!(fast_lookup(&args(&["secstatus", "0x80070005", "-2146893044"])).is_some());
/// assert!(fast_lookup(&args(&["secstatus", "lookup", "--json", "0x80070005"])).is_none());
/// assert!(fast_lookup(&args(&["secstatus", "list"])).is_none());
/// ```
pub fn fast_lookup(args: &[std::ffi::OsString]) -> Option<Cli> {
    let first = args.get(1)?.to_str()?;
    let queries = if first == "lookup" {
        &args[2..]
    } else if SUBCOMMANDS.contains(&first) {
        return None;
    } else {
        &args[1..]
    };
    let mut out = Vec::with_capacity(queries.len());
    for query in queries {
        let text = query.to_str()?;
        // An option, or what clap could take for one: left to clap. A negative number is a query.
        if text.starts_with('-') && !negative_number(text) {
            return None;
        }
        out.push(text.to_string());
    }
    if out.is_empty() {
        return None;
    }
    Some(Cli {
        command: Command::Lookup {
            queries: out,
            args: LookupArgs::default(),
        },
        common: Common {
            lang: None,
            color: ColorArg::Auto,
            json: false,
        },
    })
}

/// Parses the command line; with `lang` Russian, `--help` and `--version` answer in Russian.
pub fn parse(args: Vec<std::ffi::OsString>, lang: secstatus::Lang) -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let command = || {
        if lang == secstatus::Lang::Ru {
            crate::help_ru::russian(Cli::command())
        } else {
            Cli::command()
        }
    };
    let matches = command().try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches).map_err(|err| err.format(&mut command()))
}

/// The command as completion scripts see it: besides the closed sets (categories, severities, systems, formats,
/// languages), the codes' names are offered where a query goes. Parsing uses [`Cli`] as it is, where any query is
/// accepted.
pub fn completion_command() -> clap::Command {
    use clap::CommandFactory;
    let names: Vec<&'static str> = secstatus::entries().map(|e| e.name()).collect();
    let offer =
        |arg: clap::Arg| arg.value_parser(clap::builder::PossibleValuesParser::new(names.clone()));
    Cli::command()
        .mut_subcommand("lookup", |c| c.mut_arg("queries", offer))
        .mut_subcommand("explain", |c| c.mut_arg("code", offer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// Every call the fast path reads, it reads as clap does; the rest it leaves to clap.
    #[test]
    fn the_fast_path_reads_as_clap_does() {
        let tokens = [
            "lookup",
            "list",
            "help",
            "0x80070005",
            "-2146893044",
            "-",
            "--",
            "-x",
            "--json",
            "--lang",
            "ru",
            "SEC_E_OK",
            "яя",
            "-я1",
            "é",
            "",
            " ",
            "lokup",
            "-0x8",
            "80090308",
            "explain",
            "--help",
            "-1",
            "a b",
        ];
        let mut calls: Vec<Vec<&str>> = vec![vec![]];
        for _ in 0..3 {
            let longer: Vec<Vec<&str>> = calls
                .iter()
                .flat_map(|c| tokens.iter().map(move |t| [c.clone(), vec![*t]].concat()))
                .collect();
            calls.extend(longer);
        }
        let mut fast = 0;
        for call in &calls {
            let args: Vec<std::ffi::OsString> = std::iter::once("secstatus")
                .chain(call.iter().copied())
                .map(Into::into)
                .collect();
            if let Some(cli) = fast_lookup(&args) {
                fast += 1;
                let clap = Cli::try_parse_from(with_shortcut(args.clone()))
                    .unwrap_or_else(|e| panic!("{call:?}: clap refuses it: {e}"));
                assert_eq!(format!("{cli:?}"), format!("{clap:?}"), "{call:?}");
            }
        }
        assert!(fast > 100, "{fast} calls took the fast path");
    }
}
