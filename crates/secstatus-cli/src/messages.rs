//! What the command line says on standard error, in English and Russian. Every message is written here in both
//! languages, so that none exists in one only; each starts with `secstatus: `.
//!
//! Left in English: the usage errors and help of the argument parser (clap has no Russian), and the texts of the
//! operating system and of the `evtx` parser for errors this module has no words for.

use std::io;

use secstatus::Lang;

use crate::human::printable;

/// A message for standard error. Names, paths and queries in it are shown with [`printable`].
#[derive(Debug)]
pub enum Message<'a> {
    /// The first argument is no command, code or name, but close to a command.
    Mistyped { typed: &'a str, command: &'a str },
    /// `--json` with `--format` other than table or json.
    TwoFormats { format: &'a str },
    /// `--json` with `--short`.
    JsonAndShort,
    /// `list --system` with `--category` or `--spec`.
    SystemAndCatalogueFilter,
    /// `list --system` with `--format html`.
    HtmlOfSystem,
    /// `--json` with `completions` or `man`.
    JsonDoesNotApply { command: &'a str, prints: Prints },
    /// Standard output could not be written.
    CannotWrite(&'a io::Error),
    /// `man --dir` could not write its pages.
    CannotWriteMan { dir: &'a str, error: &'a io::Error },
    /// `search` without a word.
    SearchNeedsAWord,
    /// `search` found nothing.
    NothingMentions { query: &'a str },
    /// An input of `annotate` could not be opened or read, or is damaged.
    Input { path: &'a str, problem: &'a str },
}

/// What a command prints instead of JSON.
#[derive(Clone, Copy, Debug)]
pub enum Prints {
    ShellScript,
    ManPage,
}

impl Message<'_> {
    /// The message in `lang`, with its `secstatus: ` lead and no final newline.
    pub fn text(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        let body = match *self {
            Message::Mistyped { typed, command } => {
                let typed = printable(typed);
                if ru {
                    format!("`{typed}` — не команда, не код и не имя; возможно, имелась в виду `{command}`?")
                } else {
                    format!("`{typed}` is not a command, nor a code or a name; did you mean `{command}`?")
                }
            }
            Message::TwoFormats { format } => {
                if ru {
                    format!("--json и --format {format} требуют двух форматов; укажите один")
                } else {
                    format!("--json and --format {format} ask for two formats; give one")
                }
            }
            Message::JsonAndShort => pick(
                ru,
                "--json and --short ask for two formats; give one",
                "--json и --short требуют двух форматов; укажите один",
            ),
            Message::SystemAndCatalogueFilter => pick(
                ru,
                "--system lists another system's codes; --category and --spec filter the SSPI catalogue",
                "--system перечисляет коды другой системы; --category и --spec фильтруют каталог SSPI",
            ),
            Message::HtmlOfSystem => pick(
                ru,
                "the HTML page holds the SSPI catalogue; use --format markdown, csv or json with --system",
                "HTML-страница содержит каталог SSPI; с --system используйте --format markdown, csv или json",
            ),
            Message::JsonDoesNotApply { command, prints } => {
                let (en, ru_what) = match prints {
                    Prints::ShellScript => ("a shell script", "сценарий оболочки"),
                    Prints::ManPage => ("a man page", "страницу руководства man"),
                };
                if ru {
                    format!("--json не применяется к `{command}`: эта команда выводит {ru_what}")
                } else {
                    format!("--json does not apply to `{command}`: it prints {en}")
                }
            }
            Message::CannotWrite(error) => {
                let error = io_error(error, lang);
                if ru {
                    format!("не удаётся записать вывод: {error}")
                } else {
                    format!("cannot write output: {error}")
                }
            }
            Message::CannotWriteMan { dir, error } => {
                let (dir, error) = (printable(dir), io_error(error, lang));
                if ru {
                    format!("не удаётся записать страницы man в {dir}: {error}")
                } else {
                    format!("cannot write man pages to {dir}: {error}")
                }
            }
            Message::SearchNeedsAWord => pick(
                ru,
                "search needs at least one word, for example `secstatus search clock skew`",
                "для поиска нужно хотя бы одно слово, например `secstatus search рассинхронизация часов`",
            ),
            Message::NothingMentions { query } => {
                let query = printable(query);
                if ru {
                    format!("ни одна запись не упоминает `{query}`; полный список — `secstatus list`")
                } else {
                    format!("no entry mentions `{query}`; `secstatus list` shows them all")
                }
            }
            Message::Input { path, problem } => format!("{}: {problem}", printable(path)),
        };
        format!("secstatus: {body}")
    }
}

fn pick(ru: bool, en: &str, russian: &str) -> String {
    (if ru { russian } else { en }).to_string()
}

/// An I/O error in `lang`: a damaged event log's problem as it tells itself, the common kinds in Russian words (with
/// the system's error number), the rest in the system's own words.
pub fn io_error(error: &io::Error, lang: Lang) -> String {
    if let Some(problem) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<crate::annotate::evtx::Problem>())
    {
        return problem.text(lang);
    }
    let words = match error.kind() {
        _ if lang == Lang::En => None,
        io::ErrorKind::NotFound => Some("нет такого файла или каталога"),
        io::ErrorKind::PermissionDenied => Some("доступ запрещён"),
        io::ErrorKind::UnexpectedEof => Some("данные закончились раньше времени"),
        io::ErrorKind::OutOfMemory => Some("недостаточно памяти"),
        io::ErrorKind::Interrupted => Some("операция прервана"),
        _ => None,
    };
    match (words, error.raw_os_error()) {
        (Some(words), Some(n)) => format!("{words} (ошибка ОС {n})"),
        (Some(words), None) => words.to_string(),
        (None, _) => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        let e = io::Error::from_raw_os_error(2);
        let all = [
            Message::Mistyped {
                typed: "lokup",
                command: "lookup",
            },
            Message::TwoFormats { format: "csv" },
            Message::JsonAndShort,
            Message::SystemAndCatalogueFilter,
            Message::HtmlOfSystem,
            Message::JsonDoesNotApply {
                command: "man",
                prints: Prints::ManPage,
            },
            Message::CannotWrite(&e),
            Message::CannotWriteMan {
                dir: "/x",
                error: &e,
            },
            Message::SearchNeedsAWord,
            Message::NothingMentions { query: "zzz" },
        ];
        let cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        for m in &all {
            let (en, ru) = (m.text(Lang::En), m.text(Lang::Ru));
            assert!(
                en.starts_with("secstatus: ") && ru.starts_with("secstatus: "),
                "{m:?}"
            );
            assert!(!cyrillic(&en) && cyrillic(&ru), "{m:?}: {en} / {ru}");
        }
    }

    #[test]
    fn common_io_errors_in_russian_keep_the_system_number() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert_eq!(
            io_error(&e, Lang::Ru),
            "нет такого файла или каталога (ошибка ОС 2)"
        );
        assert_eq!(io_error(&e, Lang::En), e.to_string());
        let other = io::Error::other("chunk 3: bad magic");
        assert_eq!(io_error(&other, Lang::Ru), "chunk 3: bad magic");
    }
}
