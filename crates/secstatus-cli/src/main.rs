//! `secstatus`: the command line. Glue only: the `secstatus` library does the work.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use secstatus::{Entry, Lang};

use secstatus_cli::answer::Answer;
use secstatus_cli::cli::{
    with_shortcut, AnnotateArgs, Cli, ColorArg, Command, Common, Format, LangArg, ListArgs,
};
use secstatus_cli::human::{self, Style};
use secstatus_cli::messages::{Message, Prints};
use secstatus_cli::print::{Detail, Printer};

/// Exit status: 0 found, 1 not found, 2 usage or I/O error (as grep).
const FOUND: u8 = 0;
const NOT_FOUND: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some((typed, command)) = mistyped_command(&args) {
        let message = Message::Mistyped {
            typed: &typed,
            command,
        };
        eprintln!("{}", message.text(lang_of_args(&args)));
        return ExitCode::from(TROUBLE);
    }
    let parsed = match secstatus_cli::cli::fast_lookup(&args) {
        Some(cli) => Ok(cli),
        None => {
            let help_lang = lang_of_args(&args);
            secstatus_cli::cli::parse(with_shortcut(args), help_lang)
        }
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version go to stdout with 0; usage errors to stderr with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { TROUBLE } else { FOUND });
        }
    };
    // Messages on standard error follow --lang and the locale, with --json too.
    let lang = resolve_lang(&cli.common);
    if let Err(conflict) = check_options(&cli) {
        eprintln!("{}", conflict.text(lang));
        return ExitCode::from(TROUBLE);
    }
    // The printer is chosen once; every command hands it data.
    let printer = if cli.common.json {
        Printer::Json
    } else {
        // A search answers in the language of its words, unless --lang says otherwise.
        let lang = match &cli.command {
            Command::Search { words, .. } if cli.common.lang.is_none() => {
                query_lang(words).unwrap_or_else(|| resolve_lang(&cli.common))
            }
            _ => resolve_lang(&cli.common),
        };
        Printer::Human {
            lang,
            style: Style {
                color: use_color(&cli.common),
                width: terminal_width(),
            },
        }
    };
    // Block-buffered even on a terminal; commands that stream flush where a person expects it.
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let result = run(cli.command, &printer, lang, &mut out);
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`secstatus list | head`) is not an error worth a word.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(FOUND),
        Err(err) => {
            eprintln!("{}", Message::CannotWrite(&err).text(lang));
            ExitCode::from(TROUBLE)
        }
    }
}

fn run(command: Command, printer: &Printer, lang: Lang, out: &mut impl Write) -> io::Result<u8> {
    match command {
        Command::Lookup { queries, args } => {
            let detail = if args.short {
                Detail::Short
            } else {
                Detail::Card
            };
            lookup(&queries, args.from, detail, printer, out)
        }
        Command::Explain { code, args } => {
            let detail = if args.short {
                Detail::Short
            } else {
                Detail::Full
            };
            lookup(&[code], args.from, detail, printer, out)
        }
        Command::List(args) => list(&args, printer, out),
        Command::Search { words, limit } => search(&words.join(" "), limit, printer, lang, out),
        Command::Completions { shell } => {
            let mut command = secstatus_cli::cli::completion_command();
            clap_complete::generate(shell, &mut command, "secstatus", out);
            Ok(FOUND)
        }
        Command::Annotate(args) => annotate(&args, printer, lang, out),
        Command::Man { dir: None } => {
            secstatus_cli::man::main_page(out, lang)?;
            Ok(FOUND)
        }
        Command::Man { dir: Some(dir) } => match secstatus_cli::man::write_dir(&dir, lang) {
            Ok(pages) => {
                let (n, dir) = (pages.len(), human::printable(&dir.to_string_lossy()));
                match lang {
                    Lang::Ru => writeln!(out, "записано страниц man: {n}, в каталог {dir}")?,
                    _ => writeln!(out, "wrote {n} man pages to {dir}")?,
                }
                Ok(FOUND)
            }
            Err(e) => {
                let dir = dir.to_string_lossy();
                let message = Message::CannotWriteMan {
                    dir: &dir,
                    error: &e,
                };
                eprintln!("{}", message.text(lang));
                Ok(TROUBLE)
            }
        },
    }
}

/// `--lang`, else the environment as gettext reads it, else English: the locale is the first of LC_ALL,
/// LC_MESSAGES and LANG that is set; unless it is `C` or `POSIX`, LANGUAGE (a `:`-separated list of preferences)
/// comes first, and its first language we have wins.
fn resolve_lang(common: &Common) -> Lang {
    resolve(common.lang)
}

/// The language of arguments that did not parse: their `--lang`, else the environment's.
fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut given = None;
    for (i, arg) in args.iter().enumerate() {
        let value = match arg.to_str() {
            Some("--lang") => args.get(i + 1).and_then(|v| v.to_str()),
            Some(a) => a.strip_prefix("--lang="),
            None => None,
        };
        match value.map(str::to_ascii_lowercase).as_deref() {
            Some("en") => given = Some(LangArg::En),
            Some("ru") => given = Some(LangArg::Ru),
            _ => {}
        }
    }
    resolve(given)
}

/// `--lang`'s value if given, else the environment's language (see [`resolve_lang`]).
fn resolve(lang: Option<LangArg>) -> Lang {
    match lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Ru) => Lang::Ru,
        None => {
            let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(var);
            let plain = locale
                .as_deref()
                .is_some_and(|l| l == "C" || l == "POSIX" || l.starts_with("C."));
            let preferred = var("LANGUAGE")
                .filter(|_| !plain)
                .and_then(|list| list.split(':').find_map(|l| l.parse().ok()));
            preferred
                .or_else(|| locale.and_then(|l| l.parse().ok()))
                .unwrap_or(Lang::En)
        }
    }
}

/// The language a search query is written in: Russian if it has Cyrillic letters, English if it has only Latin ones,
/// `None` for numbers and names alone.
fn query_lang(words: &[String]) -> Option<Lang> {
    let letters = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic());
    let mut latin = false;
    for c in letters {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            return Some(Lang::Ru);
        }
        latin |= c.is_ascii_alphabetic();
    }
    let identifiers = words
        .iter()
        .all(|w| w.contains(|c: char| c == '_' || c.is_ascii_digit()));
    (latin && !identifiers).then_some(Lang::En)
}

/// A first argument that looks like a mistyped command (`lokup`) rather than a query: close to a command's name,
/// and no code, name or number. Returns it and the command meant.
fn mistyped_command(args: &[std::ffi::OsString]) -> Option<(String, &'static str)> {
    let first = args
        .get(secstatus_cli::cli::first_operand(args))?
        .to_str()?;
    let command = secstatus_cli::cli::closest_command(first)?;
    let answer = Answer::resolve(first, None);
    (!answer.found() && answer.readings.is_empty()).then(|| (first.to_string(), command))
}

/// Options that conflict, or that would do nothing, are refused rather than ignored.
fn check_options(cli: &Cli) -> Result<(), Message<'static>> {
    match &cli.command {
        Command::List(args)
            if cli.common.json && !matches!(args.format, Format::Table | Format::Json) =>
        {
            Err(Message::TwoFormats {
                format: args.format.as_str(),
            })
        }
        Command::Lookup { args, .. } | Command::Explain { args, .. }
            if cli.common.json && args.short =>
        {
            Err(Message::JsonAndShort)
        }
        Command::List(args) if args.system.is_some() && (args.category.is_some() || args.spec) => {
            Err(Message::SystemAndCatalogueFilter)
        }
        Command::List(args) if args.system.is_some() && args.format == Format::Html => {
            Err(Message::HtmlOfSystem)
        }
        Command::Completions { .. } if cli.common.json => Err(Message::JsonDoesNotApply {
            command: "completions",
            prints: Prints::ShellScript,
        }),
        Command::Man { .. } if cli.common.json => Err(Message::JsonDoesNotApply {
            command: "man",
            prints: Prints::ManPage,
        }),
        _ => Ok(()),
    }
}

/// The width of the terminal standard output goes to; `None` when it is piped or redirected (never wrapped).
fn terminal_width() -> Option<usize> {
    let stdout = io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0))
}

/// `--color`, with `auto` meaning a terminal and no `NO_COLOR`.
fn use_color(common: &Common) -> bool {
    match common.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn found(yes: bool) -> u8 {
    if yes {
        FOUND
    } else {
        NOT_FOUND
    }
}

fn lookup(
    queries: &[String],
    from: Option<secstatus::System>,
    detail: Detail,
    printer: &Printer,
    out: &mut impl Write,
) -> io::Result<u8> {
    let answers: Vec<Answer> = queries.iter().map(|q| Answer::resolve(q, from)).collect();
    printer.lookup(&answers, detail, out)?;
    Ok(found(answers.iter().all(Answer::found)))
}

fn list(args: &ListArgs, printer: &Printer, out: &mut impl Write) -> io::Result<u8> {
    if let Some(system) = args.system {
        return list_system(system, args, printer, out);
    }
    let entries: Vec<&'static Entry> = secstatus::entries()
        .filter(|e| args.category.is_none_or(|c| e.category() == c))
        .filter(|e| args.severity.is_none_or(|s| e.severity() == s))
        .filter(|e| !args.spec || e.in_spec() || e.aliases().iter().any(|a| a.in_spec()))
        .collect();
    printer.list(&entries, args.format, args.spec, out)?;
    Ok(found(!entries.is_empty()))
}

/// `list --system`: the broad tables for NTSTATUS, Win32 and HRESULT (a row per value), the mapping tables' rows for
/// the other systems.
fn list_system(
    system: secstatus::System,
    args: &ListArgs,
    printer: &Printer,
    out: &mut impl Write,
) -> io::Result<u8> {
    use secstatus::System;
    let severity = |value: u32| match system {
        System::Win32 if value == 0 => secstatus::Severity::Success,
        System::Win32 => secstatus::Severity::Error,
        _ => secstatus::SecStatus::from_u32(value).severity(),
    };
    let mut values: Vec<&'static [secstatus::WindowsError]> = Vec::new();
    let all = secstatus::errors::all(system);
    let mut i = 0;
    while i < all.len() {
        let rows = secstatus::errors::by_value(system, all[i].value());
        i += rows.len().max(1);
        if args.severity.is_none_or(|s| severity(rows[0].value()) == s) {
            values.push(rows);
        }
    }
    if values.is_empty() && all.is_empty() {
        // GSS-API, Kerberos and TLS: the curated rows are all there is.
        let rows: Vec<&'static secstatus::Foreign> = secstatus::foreigns()
            .filter(|f| f.system() == system)
            .collect();
        let answers: Vec<Answer> = rows
            .iter()
            .map(|f| Answer::resolve(f.name(), Some(system)))
            .collect();
        printer.lookup(&answers, Detail::Short, out)?;
        return Ok(found(!rows.is_empty()));
    }
    printer.list_errors(&values, args.format, out)?;
    Ok(found(!values.is_empty()))
}

fn search(
    query: &str,
    limit: usize,
    printer: &Printer,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<u8> {
    if query.trim().is_empty() {
        eprintln!("{}", Message::SearchNeedsAWord.text(lang));
        return Ok(TROUBLE);
    }
    let hits: Vec<_> = secstatus::search(query).take(limit).collect();
    let mut errors: Vec<_> = secstatus::errors::search(query).collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.value().cmp(&b.0.value())));
    errors.truncate(limit);
    printer.search(query, &hits, &errors, out)?;
    Ok(found(!hits.is_empty() || !errors.is_empty()))
}

fn annotate(
    args: &AnnotateArgs,
    printer: &Printer,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<u8> {
    let line_buffered = args.line_buffered || io::stdout().is_terminal();
    let mut unreadable = false;
    let mut failed = |path: &std::path::Path, e: &io::Error| {
        let path = path.to_string_lossy();
        let problem = secstatus_cli::messages::io_error(e, lang);
        let message = Message::Input {
            path: &path,
            problem: &problem,
        };
        eprintln!("{}", message.text(lang));
        unreadable = true;
    };
    let found_any = printer.annotate(&args.files, args.summary, line_buffered, out, &mut failed)?;
    Ok(if unreadable {
        TROUBLE
    } else {
        found(found_any)
    })
}
