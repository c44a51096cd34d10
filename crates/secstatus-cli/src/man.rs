//! Man pages from the clap definitions: `secstatus(1)` and one page per command, with EXAMPLES typeset as examples,
//! EXIT STATUS, ENVIRONMENT and SEE ALSO sections that name only pages that are written.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::Man;
use secstatus::Lang;

use crate::cli::Cli;

/// The command tree as the pages describe it (no `help` command: its page would say nothing), in `lang`.
fn tree(lang: Lang) -> clap::Command {
    let cmd = match lang {
        Lang::Ru => crate::help_ru::russian(Cli::command()),
        _ => Cli::command(),
    };
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The words of the sections this module writes (clap_mangen writes NAME, SYNOPSIS, DESCRIPTION, OPTIONS and
/// VERSION itself, in English).
struct Words {
    commands: &'static str,
    see: &'static str,
    examples: &'static str,
    notes: &'static str,
    exit_status: &'static str,
    exit_codes: [(&'static str, &'static str); 3],
    environment: &'static str,
    variables: [(&'static str, &'static str); 3],
    see_also: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ru => Words {
            commands: "КОМАНДЫ",
            see: "См.",
            examples: "ПРИМЕРЫ",
            notes: "ПРИМЕЧАНИЯ",
            exit_status: "\"КОД ВЫХОДА\"",
            exit_codes: [
                ("0", "Найдено: каждый запрос назвал код, или во входных данных найден код."),
                ("1", "Не найдено: запрос ничего не назвал, или во входных данных нет кода."),
                (
                    "2",
                    "Ошибка в аргументах или ошибка ввода-вывода: неверный параметр, нечитаемый ввод, неудачная запись. Закрытый канал завершает работу молча, с кодом 0.",
                ),
            ],
            environment: "ОКРУЖЕНИЕ",
            variables: [
                (
                    "LANGUAGE",
                    "Список предпочитаемых языков через двоеточие; читается первым, если локаль не C и не POSIX (как в gettext).",
                ),
                (
                    "LC_ALL, LC_MESSAGES, LANG",
                    "Локаль, действует первая заданная: ru_RU.UTF-8 даёт вывод на русском. --lang важнее их всех.",
                ),
                ("NO_COLOR", "Если задана и не пуста, --color auto не использует цвет."),
            ],
            see_also: "\"СМОТРИТЕ ТАКЖЕ\"",
        },
        _ => Words {
            commands: "COMMANDS",
            see: "See",
            examples: "EXAMPLES",
            notes: "NOTES",
            exit_status: "\"EXIT STATUS\"",
            exit_codes: [
                ("0", "Found: every query named a code, or a code was found in the input."),
                ("1", "Not found: a query named nothing, or the input held no code."),
                (
                    "2",
                    "Usage or I/O error: a bad option, an unreadable input, a failed write. A closed pipe ends quietly with 0.",
                ),
            ],
            environment: "ENVIRONMENT",
            variables: [
                (
                    "LANGUAGE",
                    "A colon-separated list of preferred languages, read first unless the locale is C or POSIX (as gettext does).",
                ),
                (
                    "LC_ALL, LC_MESSAGES, LANG",
                    "The locale, first set wins: ru_RU.UTF-8 gives Russian output. --lang overrides all of them.",
                ),
                ("NO_COLOR", "When set and not empty, --color auto uses no colour."),
            ],
            see_also: "\"SEE ALSO\"",
        },
    }
}

/// `secstatus(1)`, in `lang`.
pub fn main_page(out: &mut dyn Write, lang: Lang) -> io::Result<()> {
    render(&tree(lang), None, &words(lang), out)
}

/// Writes `secstatus.1` and `secstatus-COMMAND.1` for every command into `dir`, creating it if needed; returns the
/// paths written.
pub fn write_dir(dir: &Path, lang: Lang) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let (cmd, words) = (tree(lang), words(lang));
    let mut written = Vec::new();
    let mut write = |name: &str, sub: Option<&clap::Command>| -> io::Result<()> {
        let path = dir.join(format!("{name}.1"));
        let mut page = Vec::new();
        render(&cmd, sub, &words, &mut page)?;
        fs::write(&path, page)?;
        written.push(path);
        Ok(())
    };
    write("secstatus", None)?;
    for sub in cmd.get_subcommands() {
        write(&page_name(sub), Some(sub))?;
    }
    Ok(written)
}

fn page_name(sub: &clap::Command) -> String {
    format!("secstatus-{}", sub.get_name())
}

/// One page: `sub` is the command it describes, or `None` for `secstatus(1)`.
fn render(
    root: &clap::Command,
    sub: Option<&clap::Command>,
    words: &Words,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cmd = sub.unwrap_or(root).clone();
    let after_help = cmd.get_after_help().map(|s| s.to_string());
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let man = Man::new(cmd.clone().after_help(None::<&str>));
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if has_args {
        man.render_options_section(out)?;
    }
    if sub.is_none() {
        writeln!(out, ".SH {}", words.commands)?;
        for c in root.get_subcommands() {
            writeln!(out, ".TP\n\\fBsecstatus {}\\fR", escape(c.get_name()))?;
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            let about = about.trim_end_matches('.');
            writeln!(
                out,
                "{}. {} \\fB{}\\fR(1).",
                escape(about),
                words.see,
                escape(&page_name(c))
            )?;
        }
    }
    if let Some(text) = after_help {
        extra(&text, words, out)?;
    }
    writeln!(out, ".SH {}", words.exit_status)?;
    for (code, meaning) in words.exit_codes {
        writeln!(out, ".TP\n.B {code}\n{}", escape(meaning))?;
    }
    writeln!(out, ".SH {}", words.environment)?;
    for (var, meaning) in words.variables {
        writeln!(out, ".TP\n.B {}\n{}", escape(var), escape(meaning))?;
    }
    writeln!(out, ".SH {}\n.nh", words.see_also)?;
    let others: Vec<String> = std::iter::once("secstatus".to_string())
        .chain(root.get_subcommands().map(page_name))
        .filter(|name| Some(name.as_str()) != sub.map(page_name).as_deref())
        .map(|name| format!("\\fB{}\\fR(1)", escape(&name)))
        .collect();
    writeln!(out, "{}\n.hy", others.join(", "))?;
    if cmd.get_version().is_some() {
        man.render_version_section(out)?;
    }
    Ok(())
}

/// A command's after-help text: `Examples:` blocks become an EXAMPLES section typeset as examples (no filling, no
/// hyphenation), other paragraphs a NOTES section; the exit status line is left to EXIT STATUS.
fn extra(text: &str, words: &Words, out: &mut dyn Write) -> io::Result<()> {
    let mut examples = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut in_examples = false;
    for line in text.lines() {
        let trimmed = line.trim();
        let heading = ["Example", "Пример"].iter().any(|w| trimmed.starts_with(w));
        if heading && trimmed.ends_with(':') {
            in_examples = true;
        } else if trimmed.is_empty() {
            in_examples = false;
            notes.push(String::new());
        } else if trimmed.starts_with("Exit status") || trimmed.starts_with("Код выхода") {
            // Said in EXIT STATUS.
        } else if in_examples
            || trimmed.starts_with("secstatus ")
            || trimmed.contains("| secstatus ")
        {
            examples.push(trimmed.to_string());
        } else {
            notes.push(trimmed.to_string());
        }
    }
    if !examples.is_empty() {
        writeln!(out, ".SH {}\n.PP\n.nf\n.nh", words.examples)?;
        for example in &examples {
            writeln!(out, "{}", escape(example))?;
        }
        writeln!(out, ".hy\n.fi")?;
    }
    let paragraphs: Vec<String> = notes
        .split(String::is_empty)
        .map(|p| p.join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if !paragraphs.is_empty() {
        writeln!(out, ".SH {}", words.notes)?;
        for p in paragraphs {
            writeln!(out, ".PP\n{}", escape(&p))?;
        }
    }
    Ok(())
}

/// Text made safe for roff: backslashes and hyphens escaped, and a line never starts with a control character.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
