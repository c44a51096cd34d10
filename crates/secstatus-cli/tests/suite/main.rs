//! The command line's tests, as one test binary (one build of the shared helpers): the commands as a user runs
//! them, annotate, the JSON contract, hostile input, properties for every input, the terminal, the Windows error
//! tables, event logs, the evaluation corpus, and the search vectors shared with the reference page's browser test.

#[macro_use]
mod util;

mod advice;
mod annotate;
mod commands;
mod corpus;
mod errors;
mod evtx;
mod hostile;
mod json;
mod properties;
mod russian;
mod stream;
mod terminal;
mod vectors;
mod windows_texts;
