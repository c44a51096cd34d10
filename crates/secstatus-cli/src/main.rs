//! `secstatus`: the command line. Glue only: the `secstatus` library does the work.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use secstatus::{Entry, Lang};

use secstatus_cli::answer::Answer;
use secstatus_cli::cli::{
    with_shortcut, AnnotateArgs, Cli, ColorArg, Command, Common, LangArg, ListArgs,
};
use secstatus_cli::human::{self, Style};
use secstatus_cli::print::Printer;

/// Exit status: 0 found, 1 not found, 2 usage or I/O error (as grep).
const FOUND: u8 = 0;
const NOT_FOUND: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(with_shortcut(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version go to stdout with 0; usage errors to stderr with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { TROUBLE } else { FOUND });
        }
    };
    // The printer is chosen once; every command hands it data.
    let printer = if cli.common.json {
        Printer::Json
    } else {
        Printer::Human {
            lang: resolve_lang(&cli.common),
            style: Style {
                color: use_color(&cli.common),
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
        Command::Lookup { queries, args } => lookup(&queries, args.from, false, printer, out),
        Command::Explain { code, args } => lookup(&[code], args.from, true, printer, out),
        Command::List(args) => list(&args, printer, out),
        Command::Search { words, limit } => search(&words.join(" "), limit, printer, out),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "secstatus", out);
            Ok(FOUND)
        }
        Command::Annotate(args) => annotate(&args, printer, out),
        Command::Man { dir: None } => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(FOUND)
        }
        Command::Man { dir: Some(dir) } => {
            clap_mangen::generate_to(Cli::command(), &dir).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("cannot write man pages to {}: {e}", dir.display()),
                )
            })?;
            writeln!(out, "wrote the man pages to {}", dir.display())?;
            Ok(FOUND)
        }
    }
}

/// `--lang`, else the locale environment (LC_ALL, LC_MESSAGES, LANG, first set wins), else English.
fn resolve_lang(common: &Common) -> Lang {
    match common.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Ru) => Lang::Ru,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| value.parse().ok())
            .unwrap_or(Lang::En),
    }
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
    full: bool,
    printer: &Printer,
    out: &mut impl Write,
) -> io::Result<u8> {
    let answers: Vec<Answer> = queries.iter().map(|q| Answer::resolve(q, from)).collect();
    printer.lookup(&answers, full, out)?;
    Ok(found(answers.iter().all(Answer::found)))
}

fn list(args: &ListArgs, printer: &Printer, out: &mut impl Write) -> io::Result<u8> {
    let entries: Vec<&'static Entry> = secstatus::entries()
        .filter(|e| args.category.is_none_or(|c| e.category() == c))
        .filter(|e| args.severity.is_none_or(|s| e.severity() == s))
        .filter(|e| !args.spec || e.in_spec() || e.aliases().iter().any(|a| a.in_spec()))
        .collect();
    printer.list(&entries, args.format, args.spec, out)?;
    Ok(found(!entries.is_empty()))
}

fn search(query: &str, limit: usize, printer: &Printer, out: &mut impl Write) -> io::Result<u8> {
    if query.trim().is_empty() {
        eprintln!(
            "secstatus: search needs at least one word, for example `secstatus search clock skew`"
        );
        return Ok(TROUBLE);
    }
    let hits: Vec<_> = secstatus::search(query).take(limit).collect();
    printer.search(query, &hits, out)?;
    Ok(found(!hits.is_empty()))
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
