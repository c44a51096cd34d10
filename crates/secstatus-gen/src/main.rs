//! `cargo run -p secstatus-gen`: validate the data files and write the generated tables.

use std::process::ExitCode;

fn main() -> ExitCode {
    let rendered = match secstatus_gen::render_workspace() {
        Ok(rendered) => rendered,
        Err(err) => {
            eprintln!("secstatus-gen: {err}");
            return ExitCode::from(2);
        }
    };
    for (path, contents) in rendered {
        let full = secstatus_gen::workspace_root().join(path);
        if std::fs::read_to_string(&full).ok().as_deref() == Some(contents.as_str()) {
            println!("{path} is up to date");
        } else if let Err(err) = std::fs::write(&full, contents) {
            eprintln!("secstatus-gen: cannot write {}: {err}", full.display());
            return ExitCode::from(2);
        } else {
            println!("wrote {path}");
        }
    }
    ExitCode::SUCCESS
}
