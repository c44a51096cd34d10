//! The command line in Russian: `--help` and the man page with `--lang ru` or a Russian locale. The command is
//! defined once, in English, in [`crate::cli`]; this module puts a Russian text on each command and option, and
//! Russian headings where clap lets them be set (its usage errors stay English).

use clap::{Arg, ArgAction, Command};

/// The whole command tree, in Russian.
pub fn russian(cmd: Command) -> Command {
    let cmd = cmd
        .about(ABOUT)
        .after_help(AFTER_HELP)
        .subcommand_value_name("КОМАНДА")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Показать версию")
                .help_heading("Параметры")
                .display_order(LAST),
        );
    let cmd = headings(cmd).mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        // clap adds its `help` command when it builds the tree, in English.
        let sub = match COMMANDS.iter().find(|(n, ..)| *n == name) {
            Some(&(_, about, after)) => sub.about(about).after_help(after),
            None => sub,
        };
        headings(sub)
    });
    cmd.mut_args(option)
}

/// Russian headings and help flag for one command; the options keep their own texts from [`option`].
fn headings(cmd: Command) -> Command {
    cmd.help_template(TEMPLATE)
        .subcommand_help_heading("Команды")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Показать справку")
                .help_heading("Параметры")
                .display_order(LAST),
        )
        .mut_args(option)
}

/// Where `--help` and `--version` go: after every other option, as clap puts them.
const LAST: usize = 1000;

/// One option or argument in Russian, under its heading, with its possible and default values said in Russian
/// (clap would say them in English).
fn option(arg: Arg) -> Arg {
    let Some(&(_, help)) = OPTIONS.iter().find(|(id, _)| *id == arg.get_id().as_str()) else {
        return arg;
    };
    let mut help = help.to_string();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let default: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let valued = arg.get_action().takes_values();
    if !default.is_empty() && !arg.is_positional() && valued {
        help.push_str(&format!(" [по умолчанию: {}]", default.join(", ")));
    }
    if !values.is_empty() && valued {
        help.push_str(&format!(" [возможные значения: {}]", values.join(", ")));
    }
    let heading = if arg.is_positional() {
        "Аргументы"
    } else {
        "Параметры"
    };
    let arg = arg.help_heading(heading).help(help);
    if valued {
        arg.hide_possible_values(true).hide_default_value(true)
    } else {
        arg
    }
}

/// clap's own layout, with the usage heading in Russian.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}";

const ABOUT: &str =
    "Поиск, объяснение, полнотекстовый поиск и экспорт кодов состояния Windows SSPI (SEC_E_*, \
                     SEC_I_*), а также пояснения к журналам, в которых они встречаются";

const AFTER_HELP: &str = "\
`secstatus ЗАПРОС...` — сокращение для `secstatus lookup ЗАПРОС...`.

Примеры:
  secstatus 0x80090308                 найти код (то же, что `secstatus lookup 0x80090308`)
  secstatus lookup -2146893044 LOGON_DENIED 80090325
  secstatus explain SEC_E_WRONG_PRINCIPAL --lang ru
  secstatus search часы не совпадают
  secstatus list --category certificates --format markdown
  secstatus annotate /var/log/app.log

Код выхода: 0 — найдено, 1 — не найдено, 2 — ошибка в аргументах или ошибка ввода-вывода.";

/// Each command: its name, what it does, and its examples.
const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "lookup",
        "Найти коды в любой форме: имена, шестнадцатеричные и десятичные значения, имена без префикса",
        "\
Примеры:
  secstatus lookup 0x80090308
  secstatus lookup -2146893044 2148074252 8009030C
  secstatus lookup CONTEXT_EXPIRED          (и SEC_E_, и SEC_I_)
  secstatus lookup --json 0xC000006D        (NTSTATUS: его имя и эквивалент в SSPI)
  secstatus lookup KRB_AP_ERR_SKEW STATUS_LOGON_FAILURE GSS_S_BAD_SIG unknown_ca
  secstatus lookup --from krb 37            (числа другой системы: gss, krb, tls, ntstatus, win32)
  secstatus lookup --from gss 0x60008       (составной основной код GSS, разобранный по частям)",
    ),
    (
        "list",
        "Вывести каталог с отбором: таблицей, в Markdown, JSON, CSV или страницей HTML",
        "\
Примеры:
  secstatus list
  secstatus list --severity informational
  secstatus list --spec --format markdown --lang ru     (таблица спецификации)
  secstatus list --format html > sspi-codes.html",
    ),
    (
        "search",
        "Полнотекстовый поиск по именам, описаниям, сообщениям, причинам и способам исправления, на английском и \
         русском",
        "\
Примеры:
  secstatus search часы не совпадают
  secstatus search clocks do not match
  secstatus search --json сертификат отозван",
    ),
    (
        "explain",
        "Всё об одном коде: значение, имена, описание, сообщение, следующий шаг, причины, способы исправления, \
         уточнения",
        "\
Примеры:
  secstatus explain 0x8009030C
  secstatus explain SEC_I_CONTINUE_NEEDED --lang ru
  secstatus explain --json SEC_E_TIME_SKEW",
    ),
    (
        "completions",
        "Вывести сценарий автодополнения для оболочки",
        "Пример:\n  secstatus completions bash > /etc/bash_completion.d/secstatus",
    ),
    (
        "annotate",
        "Копировать ввод в вывод, добавляя пояснение к каждой строке, в которой есть код SSPI",
        "\
Примеры:
  secstatus annotate app.log
  tail -f app.log | secstatus annotate
  secstatus annotate --summary *.log
  secstatus annotate --json ldap.log

Распознаются на границах слов и только значения из каталога: имена (SEC_E_LOGON_DENIED), шестнадцатеричные \
значения с 0x (0x8009030c, 0x90312), 8 шестнадцатеричных цифр без префикса (80090308), отрицательные \
(-2146893044) и беззнаковые (2148074252) десятичные значения ошибок. Подкод `data` из диагностики привязки LDAP \
тоже поясняется (data 52e: неверное имя пользователя или пароль).

Журналы событий Windows (.evtx, узнаются по сигнатуре) и XML событий читаются по событиям. Файл в UTF-16 с меткой \
порядка байтов (так пишет `>` в Windows PowerShell 5.1) читается и выводится как UTF-8.",
    ),
    (
        "man",
        "Вывести страницу man (roff) или записать её и по странице на каждую команду в каталог",
        "Примеры:\n  secstatus man > secstatus.1 && man ./secstatus.1\n  secstatus man --dir /usr/local/share/man/man1",
    ),
];

/// Each option and argument, by its id in [`crate::cli`].
const OPTIONS: &[(&str, &str)] = &[
    (
        "lang",
        "Язык вывода для человека, в любом регистре [по умолчанию: из LANGUAGE, LC_ALL, LC_MESSAGES или LANG, \
         иначе en]",
    ),
    (
        "color",
        "Когда выводить цвет (NO_COLOR в окружении отключает `auto`)",
    ),
    (
        "json",
        "Вывод в JSON (имена полей описаны в README): lookup и explain — массив {query, matches, decoded, readings, \
         foreign, suggestion}, list — массив записей, search — массив {score, entry}, annotate — JSON Lines",
    ),
    ("queries", "Коды, которые нужно найти"),
    (
        "short",
        "Одна строка на код, для сценариев и чатов: `0x8009030C (-2146893044) SEC_E_LOGON_DENIED -- Попытка входа \
         не удалась.`",
    ),
    ("from", "Читать числа без префикса как значения этой системы"),
    ("category", "Только коды этой категории"),
    ("severity", "Только коды этой серьёзности"),
    (
        "spec",
        "Только имена, которые перечисляет страница документации о кодах состояния SSPI",
    ),
    (
        "system",
        "Вывести коды другой системы вместо каталога SSPI: все ошибки Win32, NTSTATUS или HRESULT из [MS-ERREF] \
         либо значения GSS-API, Kerberos и TLS из таблиц соответствий",
    ),
    ("format", "Формат вывода (`--json` — то же, что `--format json`)"),
    ("words", "Слова, которые нужно найти"),
    ("limit", "Показать не больше стольких результатов"),
    ("code", "Код в любой форме, которую принимает `lookup`"),
    ("shell", "Оболочка"),
    (
        "files",
        "Файлы для чтения по порядку (каталог: файлы в нём); стандартный ввод, если файлов нет, или вместо `-`",
    ),
    (
        "summary",
        "Вывести для каждого кода, сколько раз он встречается, где впервые и где в последний раз и в каких файлах",
    ),
    (
        "line_buffered",
        "Сбрасывать вывод после каждой строки (само собой, если вывод идёт на терминал)",
    ),
    (
        "dir",
        "Записать secstatus.1 и secstatus-КОМАНДА.1 в этот каталог",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and option of the English definition has its Russian text, and no Russian text names one that
    /// is gone.
    #[test]
    fn every_command_and_option_has_its_russian_text() {
        let cmd = crate::cli::Cli::command();
        let mut ids: Vec<String> = cmd
            .get_arguments()
            .map(|a| a.get_id().to_string())
            .collect();
        for sub in cmd.get_subcommands() {
            assert!(
                COMMANDS.iter().any(|(n, ..)| *n == sub.get_name()),
                "{} has no Russian text",
                sub.get_name()
            );
            ids.extend(sub.get_arguments().map(|a| a.get_id().to_string()));
        }
        for id in &ids {
            assert!(
                OPTIONS.iter().any(|(o, _)| o == id),
                "--{id} has no Russian text"
            );
        }
        for (id, _) in OPTIONS {
            assert!(ids.iter().any(|i| i == id), "{id} is no option");
        }
        for (name, ..) in COMMANDS {
            assert!(
                cmd.get_subcommands().any(|s| s.get_name() == *name),
                "{name} is no command"
            );
        }
        // The Russian tree is still a valid command line.
        russian(cmd).debug_assert();
    }
}
