//! `secstatus`: the command line. Glue only: the `secstatus` library does the work.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use secstatus::{Entry, Lang};

use secstatus_cli::answer::Answer;
use secstatus_cli::cli::{
    with_shortcut, AnnotateArgs, Cli, ColorArg, Command, Common, Format, LangArg, ListArgs,
};
use secstatus_cli::human::Style;
use secstatus_cli::{annotate, export, human, json};

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
    let ctx = Ctx {
        lang: resolve_lang(&cli.common),
        style: Style {
            color: use_color(&cli.common),
        },
        json: cli.common.json,
    };
    // Block-buffered even on a terminal; commands that stream flush where a person expects it.
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let result = run(cli.command, &ctx, &mut out);
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

/// What every command needs to know of the global options.
struct Ctx {
    lang: Lang,
    style: Style,
    json: bool,
}

fn run(command: Command, ctx: &Ctx, out: &mut impl Write) -> io::Result<u8> {
    match command {
        Command::Lookup { queries, args } => lookup(&queries, args.from, false, ctx, out),
        Command::Explain { code, args } => lookup(&[code], args.from, true, ctx, out),
        Command::List(args) => list(&args, ctx, out),
        Command::Search { words, limit } => search(&words.join(" "), limit, ctx, out),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "secstatus", out);
            Ok(FOUND)
        }
        Command::Annotate(args) => annotate(&args, ctx, out),
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

fn lookup(
    queries: &[String],
    from: Option<secstatus::System>,
    full: bool,
    ctx: &Ctx,
    out: &mut impl Write,
) -> io::Result<u8> {
    let mut all_found = true;
    let mut objects = Vec::new();
    for (i, query) in queries.iter().enumerate() {
        let answer = Answer::resolve(query, from);
        all_found &= answer.found();
        if ctx.json {
            objects.push(json::lookup(query, &answer));
            continue;
        }
        if i > 0 {
            writeln!(out)?;
        }
        out.write_all(human::lookup(query, &answer, ctx.lang, ctx.style, full).as_bytes())?;
        if !answer.found() && answer.readings.is_empty() {
            // Nothing to decode either: say on stderr what was wrong and what would work.
            eprintln!("{}", human::not_found_hint(query, &answer, ctx.lang));
        }
    }
    if ctx.json {
        writeln!(out, "{}", json::array(objects))?;
    }
    Ok(if all_found { FOUND } else { NOT_FOUND })
}

fn list(args: &ListArgs, ctx: &Ctx, out: &mut impl Write) -> io::Result<u8> {
    let (lang, style) = (ctx.lang, ctx.style);
    let entries: Vec<&'static Entry> = secstatus::entries()
        .filter(|e| args.category.is_none_or(|c| e.category() == c))
        .filter(|e| args.severity.is_none_or(|s| e.severity() == s))
        .filter(|e| !args.spec || e.in_spec() || e.aliases().iter().any(|a| a.in_spec()))
        .collect();
    let format = if ctx.json { Format::Json } else { args.format };
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

fn search(query: &str, limit: usize, ctx: &Ctx, out: &mut impl Write) -> io::Result<u8> {
    if query.trim().is_empty() {
        eprintln!(
            "secstatus: search needs at least one word, for example `secstatus search clock skew`"
        );
        return Ok(TROUBLE);
    }
    let (lang, style) = (ctx.lang, ctx.style);
    let hits: Vec<_> = secstatus::search(query).take(limit).collect();
    if hits.is_empty() && !ctx.json {
        eprintln!(
            "secstatus: no entry mentions `{}`; `secstatus list` shows them all",
            human::printable(query)
        );
    }
    if ctx.json {
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

fn annotate(args: &AnnotateArgs, ctx: &Ctx, out: &mut impl Write) -> io::Result<u8> {
    let (lang, style) = (ctx.lang, ctx.style);
    let mode = match (args.summary, ctx.json) {
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
