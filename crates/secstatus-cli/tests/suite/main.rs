//! The command line's tests, as one test binary (one build of the shared helpers): the commands as a user runs
//! them, annotate, the JSON contract, hostile input, and properties for every input.

#[macro_use]
mod util;

mod annotate;
mod commands;
mod corpus;
mod evtx;
mod hostile;
mod json;
mod properties;
mod stream;
mod terminal;
