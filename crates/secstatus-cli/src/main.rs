//! `secstatus`: the command line. Glue only: the `secstatus` library does the work.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use secstatus::{Entry, Lang};

use secstatus_cli::answer::Answer;
use secstatus_cli::cli::{
    with_shortcut, AnnotateArgs, Cli, ColorArg, Command, Common, Format, LangArg, ListArgs,
};
use secstatus_cli::human::{self, Style};
use secstatus_cli::print::{Detail, Printer};

/// Exit status: 0 found, 1 not found, 2 usage or I/O error (as grep).
const FOUND: u8 = 0;
const NOT_FOUND: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some((typed, command)) = mistyped_command(&args) {
        eprintln!(
            "secstatus: `{}` is not a command, nor a code or a name; did you mean `{command}`?",
            human::printable(&typed)
        );
        return ExitCode::from(TROUBLE);
    }
    let cli = match Cli::try_parse_from(with_shortcut(args)) {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version go to stdout with 0; usage errors to stderr with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { TROUBLE } else { FOUND });
        }
    };
    if let Err(conflict) = check_options(&cli) {
        eprintln!("secstatus: {conflict}");
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
    let result = run(cli.command, &printer, &mut out);
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`secstatus list | head`) is not an error worth a word.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(FOUND),
        Err(err) => {
            eprintln!("secstatus: cannot write output: {err}");
            ExitCode::from(TROUBLE)
        }
    }
}

fn run(command: Command, printer: &Printer, out: &mut impl Write) -> io::Result<u8> {
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
        Command::Search { words, limit } => search(&words.join(" "), limit, printer, out),
        Command::Completions { shell } => {
            let mut command = secstatus_cli::cli::completion_command();
            clap_complete::generate(shell, &mut command, "secstatus", out);
            Ok(FOUND)
        }
        Command::Annotate(args) => annotate(&args, printer, out),
        Command::Man { dir: None } => {
            secstatus_cli::man::main_page(out)?;
            Ok(FOUND)
        }
        Command::Man { dir: Some(dir) } => match secstatus_cli::man::write_dir(&dir) {
            Ok(pages) => {
                writeln!(
                    out,
                    "wrote {} man pages to {}",
                    pages.len(),
                    human::printable(&dir.to_string_lossy())
                )?;
                Ok(FOUND)
            }
            Err(e) => {
                eprintln!(
                    "secstatus: cannot write man pages to {}: {e}",
                    human::printable(&dir.to_string_lossy())
                );
                Ok(TROUBLE)
            }
        },
    }
}

/// `--lang`, else the environment as gettext reads it, else English: the locale is the first of LC_ALL,
/// LC_MESSAGES and LANG that is set; unless it is `C` or `POSIX`, LANGUAGE (a `:`-separated list of preferences)
/// comes first, and its first language we have wins.
fn resolve_lang(common: &Common) -> Lang {
    match common.lang {
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
fn check_options(cli: &Cli) -> Result<(), String> {
    match &cli.command {
        Command::List(args)
            if cli.common.json && !matches!(args.format, Format::Table | Format::Json) =>
        {
            Err(format!(
                "--json and --format {} ask for two formats; give one",
                args.format.as_str()
            ))
        }
        Command::Lookup { args, .. } | Command::Explain { args, .. }
            if cli.common.json && args.short =>
        {
            Err("--json and --short ask for two formats; give one".into())
        }
        Command::List(args) if args.system.is_some() && (args.category.is_some() || args.spec) => Err(
            "--system lists another system's codes; --category and --spec filter the SSPI catalogue".into(),
        ),
        Command::List(args) if args.system.is_some() && args.format == Format::Html => {
            Err("the HTML page holds the SSPI catalogue; use --format markdown, csv or json with --system".into())
        }
        Command::Completions { .. } if cli.common.json => {
            Err("--json does not apply to `completions`: it prints a shell script".into())
        }
        Command::Man { .. } if cli.common.json => {
            Err("--json does not apply to `man`: it prints a man page".into())
        }
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

fn search(query: &str, limit: usize, printer: &Printer, out: &mut impl Write) -> io::Result<u8> {
    if query.trim().is_empty() {
        eprintln!(
            "secstatus: search needs at least one word, for example `secstatus search clock skew`"
        );
        return Ok(TROUBLE);
    }
    let hits: Vec<_> = secstatus::search(query).take(limit).collect();
    let mut errors: Vec<_> = secstatus::errors::search(query).collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.value().cmp(&b.0.value())));
    errors.truncate(limit);
    printer.search(query, &hits, &errors, out)?;
    Ok(found(!hits.is_empty() || !errors.is_empty()))
}

fn annotate(args: &AnnotateArgs, printer: &Printer, out: &mut impl Write) -> io::Result<u8> {
    let line_buffered = args.line_buffered || io::stdout().is_terminal();
    let mut unreadable = false;
    let mut failed = |path: &std::path::Path, e: &io::Error| {
        eprintln!(
            "secstatus: {}: {e}",
            human::printable(&path.to_string_lossy())
        );
        unreadable = true;
    };
    let found_any = printer.annotate(&args.files, args.summary, line_buffered, out, &mut failed)?;
    Ok(if unreadable {
        TROUBLE
    } else {
        found(found_any)
    })
}
