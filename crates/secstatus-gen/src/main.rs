//! `cargo run -p secstatus-gen`: validate `data/codes.toml` and write the generated tables.

use std::process::ExitCode;

fn main() -> ExitCode {
    let rendered = match secstatus_gen::render_workspace() {
        Ok(rendered) => rendered,
        Err(err) => {
            eprintln!("secstatus-gen: {}: {err}", secstatus_gen::DATA_PATH);
            return ExitCode::from(2);
        }
    };
    let path = secstatus_gen::workspace_root().join(secstatus_gen::OUTPUT_PATH);
    if std::fs::read_to_string(&path).ok().as_deref() == Some(rendered.as_str()) {
        println!("{} is up to date", secstatus_gen::OUTPUT_PATH);
        return ExitCode::SUCCESS;
    }
    match std::fs::write(&path, rendered) {
        Ok(()) => {
            println!("wrote {}", secstatus_gen::OUTPUT_PATH);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("secstatus-gen: cannot write {}: {err}", path.display());
            ExitCode::from(2)
        }
    }
}
