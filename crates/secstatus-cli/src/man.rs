//! Man pages from the clap definitions: `secstatus(1)` and one page per command, with EXAMPLES typeset as examples,
//! EXIT STATUS, ENVIRONMENT and SEE ALSO sections that name only pages that are written.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;

/// The command tree as the pages describe it (no `help` command: its page would say nothing).
fn tree() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// `secstatus(1)`.
pub fn main_page(out: &mut dyn Write) -> io::Result<()> {
    render(&tree(), None, out)
}

/// Writes `secstatus.1` and `secstatus-COMMAND.1` for every command into `dir`, creating it if needed; returns the
/// paths written.
pub fn write_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let cmd = tree();
    let mut written = Vec::new();
    let mut write = |name: &str, sub: Option<&clap::Command>| -> io::Result<()> {
        let path = dir.join(format!("{name}.1"));
        let mut page = Vec::new();
        render(&cmd, sub, &mut page)?;
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
        writeln!(out, ".SH COMMANDS")?;
        for c in root.get_subcommands() {
            writeln!(out, ".TP\n\\fBsecstatus {}\\fR", escape(c.get_name()))?;
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            let about = about.trim_end_matches('.');
            writeln!(
                out,
                "{}. See \\fB{}\\fR(1).",
                escape(about),
                escape(&page_name(c))
            )?;
        }
    }
    if let Some(text) = after_help {
        extra(&text, out)?;
    }
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for (code, meaning) in [
        ("0", "Found: every query named a code, or a code was found in the input."),
        ("1", "Not found: a query named nothing, or the input held no code."),
        (
            "2",
            "Usage or I/O error: a bad option, an unreadable input, a failed write. A closed pipe ends quietly with 0.",
        ),
    ] {
        writeln!(out, ".TP\n.B {code}\n{}", escape(meaning))?;
    }
    writeln!(out, ".SH ENVIRONMENT")?;
    for (var, meaning) in [
        (
            "LANGUAGE",
            "A colon-separated list of preferred languages, read first unless the locale is C or POSIX (as gettext does).",
        ),
        (
            "LC_ALL, LC_MESSAGES, LANG",
            "The locale, first set wins: ru_RU.UTF-8 gives Russian output. --lang overrides all of them.",
        ),
        ("NO_COLOR", "When set and not empty, --color auto uses no colour."),
    ] {
        writeln!(out, ".TP\n.B {}\n{}", escape(var), escape(meaning))?;
    }
    writeln!(out, ".SH \"SEE ALSO\"\n.nh")?;
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
fn extra(text: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut examples = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut in_examples = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("Example") && trimmed.ends_with(':') {
            in_examples = true;
        } else if trimmed.is_empty() {
            in_examples = false;
            notes.push(String::new());
        } else if trimmed.starts_with("Exit status") {
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
        writeln!(out, ".SH EXAMPLES\n.PP\n.nf\n.nh")?;
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
        writeln!(out, ".SH NOTES")?;
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
