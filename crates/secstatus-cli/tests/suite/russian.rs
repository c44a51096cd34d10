//! With `--lang ru` or a Russian locale, every message on standard error is in Russian; the exit codes stay.

use crate::util::{run, run_with};

/// `stderr`'s first line, and whether it has Cyrillic letters.
fn russian(stderr: &str) -> bool {
    stderr
        .lines()
        .next()
        .is_some_and(|l| l.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)))
}

#[track_caller]
fn says(args: &[&str], code: i32, expected: &str) {
    let r = run(args);
    assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
    assert!(r.stderr.starts_with(expected), "{args:?}:\n{}", r.stderr);
    assert!(russian(&r.stderr), "{args:?}:\n{}", r.stderr);
}

#[test]
fn usage_messages() {
    says(
        &["--lang", "ru", "lokup", "0x1"],
        2,
        "secstatus: `lokup` — не команда, не код и не имя; возможно, имелась в виду `lookup`?",
    );
    // The language of arguments that did not parse is still read from them.
    says(
        &["lokup", "0x1", "--lang=RU"],
        2,
        "secstatus: `lokup` — не команда",
    );
    says(
        &["--lang", "ru", "--json", "list", "--format", "csv"],
        2,
        "secstatus: --json и --format csv требуют двух форматов; укажите один",
    );
    says(
        &["--lang", "ru", "--json", "lookup", "--short", "0x1"],
        2,
        "secstatus: --json и --short требуют двух форматов",
    );
    says(
        &["--lang", "ru", "list", "--system", "win32", "--spec"],
        2,
        "secstatus: --system перечисляет коды другой системы",
    );
    says(
        &[
            "--lang", "ru", "list", "--system", "win32", "--format", "html",
        ],
        2,
        "secstatus: HTML-страница содержит каталог SSPI",
    );
    says(
        &["--lang", "ru", "--json", "completions", "bash"],
        2,
        "secstatus: --json не применяется к `completions`: эта команда выводит сценарий оболочки",
    );
    says(
        &["--lang", "ru", "--json", "man"],
        2,
        "secstatus: --json не применяется к `man`",
    );
    says(
        &["--lang", "ru", "search", " "],
        2,
        "secstatus: для поиска нужно хотя бы одно слово",
    );
}

#[test]
fn lookup_and_search_misses() {
    says(
        &["--lang", "ru", "lookup", "0x12345678Z"],
        1,
        "secstatus: `0x12345678Z`: в шестнадцатеричном значении есть символ",
    );
    says(
        &["--lang", "ru", "lookup", "SEC_E_NO_SUCH_CODE"],
        1,
        "secstatus: `SEC_E_NO_SUCH_CODE`: это не имя кода состояния SSPI",
    );
    says(
        &["--lang", "ru", "search", "zzqqxxvv"],
        1,
        "secstatus: ни одна запись не упоминает `zzqqxxvv`",
    );
}

#[test]
fn input_problems() {
    says(
        &["--lang", "ru", "annotate", "/no/such/file.log"],
        2,
        "secstatus: /no/such/file.log: нет такого файла или каталога (ошибка ОС 2)",
    );
    // A damaged event log: the file's first 5,000 bytes end inside its first chunk.
    let full = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/evtx/system.evtx"
    ))
    .unwrap();
    let path = std::env::temp_dir().join(format!("secstatus-ru-{}.evtx", std::process::id()));
    std::fs::write(&path, &full[..5000]).unwrap();
    let path = path.to_string_lossy().into_owned();
    says(
        &["--lang", "ru", "annotate", &path],
        2,
        &format!("secstatus: {path}: блок 0: обрезан (904 из 65536 байт); читается то, что есть"),
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_russian_locale_is_enough_and_english_is_unchanged() {
    let r = run_with(&["search", " "], &[("LANG", "ru_RU.UTF-8")], b"");
    assert_eq!(r.code, 2);
    assert!(russian(&r.stderr), "{}", r.stderr);
    let r = run(&["search", " "]);
    assert_eq!(
        r.stderr,
        "secstatus: search needs at least one word, for example `secstatus search clock skew`\n"
    );
    let r = run(&["--json", "man"]);
    assert_eq!(
        r.stderr,
        "secstatus: --json does not apply to `man`: it prints a man page\n"
    );
}

/// The data file's words for a mapping note, `ru = "TEXT"` in a `note = { en, ru }` table or `note.ru = "TEXT"` in
/// the catch-all row: the test's expectations are checked to be the file's own Russian.
const MAPPINGS: &str = include_str!("../../../../data/mappings.toml");

#[track_caller]
fn from_the_data(ru: &str) -> &str {
    assert!(
        MAPPINGS.contains(&format!(", ru = \"{ru}\" }}"))
            || MAPPINGS.contains(&format!("note.ru = \"{ru}\"\n")),
        "not a mapping note of data/mappings.toml: {ru}"
    );
    ru
}

/// The card of a neighbouring status: its lines up to the first blank one (the SSPI cards follow, with their
/// English-only Windows texts labelled).
fn foreign_card(stdout: &str) -> &str {
    stdout.split("\n\n").next().unwrap_or("")
}

#[test]
fn mapping_notes_are_in_russian() {
    let r = run(&["--lang", "ru", "explain", "STATUS_INVALID_HANDLE"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let card = foreign_card(&r.stdout);
    let note = from_the_data(
        "System Informer сводит этот код к STATUS_INVALID_HANDLE, а не к его собственному двойнику",
    );
    assert!(
        card.contains(&format!(
            "                  SEC_E_WRONG_CREDENTIAL_HANDLE (0x80090336)  [system-informer: {note}]\n"
        )),
        "{card}"
    );
    assert!(!card.contains("на английском"), "{card}");
    assert!(!card.contains("folds this code"), "{card}");

    let r = run(&["--lang", "ru", "explain", "GSS_S_BAD_NAME"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let card = foreign_card(&r.stdout);
    let pyspnego = from_the_data("BadNameError; его константа GSS записана с ошибкой (1310722 = 0x140002), поэтому это направление никогда не срабатывает");
    assert!(
        card.contains(&format!(
            "  SSPI:           SEC_E_TARGET_UNKNOWN (0x80090303)  [pyspnego: {pyspnego}]\n"
        )),
        "{card}"
    );
    // Wine's default branch is a catch-all, under its own label, not beside the equivalent.
    assert!(
        card.contains("  обобщённо:      SEC_E_INTERNAL_ERROR (0x80090304)  [wine]\n"),
        "{card}"
    );
    assert!(!card.contains("на английском"), "{card}");

    // The catch-all row of the TLS alerts, for an alert Microsoft's table does not name.
    let r = run(&["--lang", "ru", "lookup", "--from", "tls", "250"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let card = foreign_card(&r.stdout);
    let any_other = from_the_data("строка таблицы «любое другое»");
    let line = format!(
        "  обобщённо:      SEC_E_ILLEGAL_MESSAGE (0x80090326)  [ms-tls-alerts: {any_other}]"
    );
    assert!(card.lines().any(|l| l == line), "{card}");
    assert!(!card.contains("на английском"), "{card}");

    // English output keeps the English note.
    let r = run(&["explain", "GSS_S_BAD_NAME"]);
    assert!(
        r.stdout
            .contains("[pyspnego: BadNameError; its GSS constant is mistyped"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  catch-all:      SEC_E_INTERNAL_ERROR (0x80090304)  [wine]\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn mapping_notes_in_json_carry_both_languages() {
    let r = run(&["--lang", "ru", "--json", "explain", "STATUS_INVALID_HANDLE"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let sspi = &v[0]["foreign"][0]["sspi"];
    let noted = sspi
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "SEC_E_WRONG_CREDENTIAL_HANDLE")
        .unwrap();
    assert_eq!(
        noted["note"]["en"],
        "System Informer folds this code into STATUS_INVALID_HANDLE instead of its own twin"
    );
    assert_eq!(
        noted["note"]["ru"],
        from_the_data(
            "System Informer сводит этот код к STATUS_INVALID_HANDLE, а не к его собственному двойнику"
        )
    );
    assert!(sspi[0]["note"].is_null(), "{sspi}");
}

/// Cyrillic letters in `text`, and no English sentence of the help (clap's own `help` command aside).
fn help_is_russian(text: &str) {
    assert!(
        text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        "{text}"
    );
    for english in [
        "Print help",
        "Print version",
        "Usage:",
        "Options:",
        "Examples:",
        "possible values",
        "[default:",
    ] {
        assert!(!text.contains(english), "{english}: {text}");
    }
}

#[test]
fn help_and_man_page_are_in_russian() {
    let r = run(&["--lang", "ru", "--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    help_is_russian(&r.stdout);
    for part in [
        "Использование: secstatus [OPTIONS] <КОМАНДА>",
        "Команды:",
        "Параметры:",
        "Примеры:",
        "Код выхода: 0 — найдено",
    ] {
        assert!(r.stdout.contains(part), "{part}: {}", r.stdout);
    }
    // A Russian locale, for every command's help; --lang en wins over it.
    let ru = [("LANG", "ru_RU.UTF-8")];
    // Every command but clap's own `help`, whose text clap writes.
    for &command in secstatus_cli::cli::SUBCOMMANDS
        .iter()
        .filter(|&&c| c != "help")
    {
        let r = run_with(&[command, "--help"], &ru, b"");
        assert_eq!(r.code, 0, "{command}: {}", r.stderr);
        help_is_russian(&r.stdout);
    }
    let r = run_with(&["list", "--help"], &ru, b"");
    let unwrapped = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        unwrapped.contains(
            "[по умолчанию: table] [возможные значения: table, markdown, json, csv, html]"
        ),
        "{}",
        r.stdout
    );
    let r = run_with(&["--lang", "en", "--help"], &ru, b"");
    assert!(
        r.stdout.contains("Usage: secstatus [OPTIONS] <COMMAND>")
            && r.stdout.contains("Print help"),
        "{}",
        r.stdout
    );
    // The man page takes the Russian texts, and its own sections are Russian too.
    let r = run(&["man", "--lang", "ru"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for part in [
        ".SH КОМАНДЫ",
        ".SH ПРИМЕРЫ",
        ".SH \"КОД ВЫХОДА\"",
        ".SH ОКРУЖЕНИЕ",
        "Найти коды в любой форме",
    ] {
        assert!(r.stdout.contains(part), "{part}");
    }
    assert!(!r.stdout.contains("See \\fB") && !r.stdout.contains(".SH EXAMPLES"));
    let dir = std::env::temp_dir().join(format!("secstatus-man-ru-{}", std::process::id()));
    let r = run(&["man", "--lang", "ru", "--dir", &dir.to_string_lossy()]);
    assert!(
        r.stdout.starts_with("записано страниц man: 8, в каталог "),
        "{}",
        r.stdout
    );
    let page = std::fs::read_to_string(dir.join("secstatus-annotate.1")).unwrap();
    assert!(
        page.contains("Копировать ввод в вывод") && page.contains(".SH ПРИМЕРЫ"),
        "{page}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
