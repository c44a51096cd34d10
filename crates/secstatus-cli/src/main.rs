//! `secstatus`: the command line. Glue only: the `secstatus` library does the work.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use secstatus::{Entry, Lang};

use secstatus_cli::answer::Answer;
use secstatus_cli::cli::{
    AnnotateArgs, Cli, ColorArg, Command, Common, Format, LangArg, ListArgs, LookupArgs,
};
use secstatus_cli::human::Style;
use secstatus_cli::{annotate, export, human, json};

/// Exit status: 0 found, 1 not found, 2 usage or I/O error (as grep).
const FOUND: u8 = 0;
const NOT_FOUND: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version go to stdout with 0; usage errors to stderr with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { TROUBLE } else { FOUND });
        }
    };
    let lang = resolve_lang(&cli.common);
    let style = Style {
        color: use_color(&cli.common),
    };
    // Block-buffered even on a terminal; commands that stream flush where a person expects it.
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let result = match cli.command {
        Some(command) => run(command, lang, style, &mut out),
        None if cli.queries.is_empty() => {
            let _ = Cli::command().print_help();
            return ExitCode::from(TROUBLE);
        }
        None => lookup(&cli.queries, &cli.lookup, lang, style, false, &mut out),
    };
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

fn run(command: Command, lang: Lang, style: Style, out: &mut impl Write) -> io::Result<u8> {
    match command {
        Command::Lookup { queries, args } => lookup(&queries, &args, lang, style, false, out),
        Command::Explain { code, args } => lookup(&[code], &args, lang, style, true, out),
        Command::List(args) => list(&args, lang, style, out),
        Command::Search { words, json, limit } => {
            search(&words.join(" "), json, limit, lang, style, out)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "secstatus", out);
            Ok(FOUND)
        }
        Command::Annotate(args) => annotate(&args, lang, style, out),
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
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

fn lookup(
    queries: &[String],
    args: &LookupArgs,
    lang: Lang,
    style: Style,
    full: bool,
    out: &mut impl Write,
) -> io::Result<u8> {
    let mut all_found = true;
    let mut objects = Vec::new();
    for (i, query) in queries.iter().enumerate() {
        let answer = Answer::resolve(query, args.from);
        all_found &= answer.found();
        if args.json {
            objects.push(json::lookup(query, &answer));
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            out.write_all(human::lookup(query, &answer, lang, style, full).as_bytes())?;
        }
    }
    if args.json {
        writeln!(out, "{}", json::array(objects))?;
    }
    Ok(if all_found { FOUND } else { NOT_FOUND })
}

fn list(args: &ListArgs, lang: Lang, style: Style, out: &mut impl Write) -> io::Result<u8> {
    let entries: Vec<&'static Entry> = secstatus::entries()
        .filter(|e| args.category.is_none_or(|c| e.category() == c))
        .filter(|e| args.severity.is_none_or(|s| e.severity() == s))
        .filter(|e| !args.spec || e.in_spec() || e.aliases().iter().any(|a| a.in_spec()))
        .collect();
    let format = if args.json { Format::Json } else { args.format };
    let text = match format {
        Format::Table => human::table(&entries, lang, style),
        Format::Markdown => export::markdown(&entries, args.spec, lang),
        Format::Json => json::array(entries.iter().map(|e| json::entry(e))) + "\n",
        Format::Csv => export::csv(&entries),
        Format::Html => export::html(&entries, lang),
    };
    out.write_all(text.as_bytes())?;
    Ok(if entries.is_empty() { NOT_FOUND } else { FOUND })
}

fn search(
    query: &str,
    as_json: bool,
    limit: usize,
    lang: Lang,
    style: Style,
    out: &mut impl Write,
) -> io::Result<u8> {
    let hits: Vec<_> = secstatus::search(query).take(limit).collect();
    if as_json {
        let items = hits
            .iter()
            .map(|(e, score)| format!("{{\"score\":{score},\"entry\":{}}}", json::entry(e)));
        writeln!(out, "{}", json::array(items))?;
    } else {
        for (e, _) in &hits {
            writeln!(
                out,
                "{} (0x{:08X})  {}",
                style.name(e.name()),
                e.status().to_u32(),
                e.message().get(lang)
            )?;
        }
    }
    Ok(if hits.is_empty() { NOT_FOUND } else { FOUND })
}

fn annotate(args: &AnnotateArgs, lang: Lang, style: Style, out: &mut impl Write) -> io::Result<u8> {
    let mode = match (args.summary, args.json) {
        (true, json) => annotate::Mode::Summary { json },
        (false, true) => annotate::Mode::Json,
        (false, false) => annotate::Mode::Annotate,
    };
    let line_buffered = args.line_buffered || io::stdout().is_terminal();
    let mut annotator = annotate::Annotator::new(out, mode, lang, style, line_buffered);
    let failed = annotate::run(&args.files, &mut annotator)?;
    Ok(if failed {
        TROUBLE
    } else if annotator.found_any() {
        FOUND
    } else {
        NOT_FOUND
    })
}
