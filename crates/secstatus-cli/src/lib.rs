//! The pieces of the `secstatus` command line, as a library so that tests and fuzz targets can drive them
//! directly. The binary (`src/main.rs`) is glue: arguments, exit codes, dispatch.

pub mod annotate;
pub mod answer;
pub mod cli;
pub mod export;
pub mod help_ru;
pub mod human;
pub mod man;
pub mod messages;
pub mod print;
pub mod testkit;
pub mod windows_errors;
pub mod wire;
