//! What the generator repeats of the library is the library's: the closed sets it spells out (keys in the data
//! files, variants in the generated code), with the same keys, variants and order, and its hex formatter.

use std::fmt::Debug;

use secstatus::{Actor, Category, MessageSource, Retry, System};
use secstatus_gen::{ACTORS, CATEGORIES, MESSAGE_SOURCES, RETRIES, SYSTEMS};

/// `(as_str, variant name)` of every value of a library set, in its `ALL` order.
fn library<T: Copy + Debug>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter()
        .map(|&v| (as_str(v).to_string(), format!("{v:?}")))
        .collect()
}

fn generator(set: &[(&str, &str)]) -> Vec<(String, String)> {
    set.iter()
        .map(|&(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_generator_sets_are_the_library_sets() {
    assert_eq!(
        generator(CATEGORIES),
        library(Category::ALL, Category::as_str)
    );
    assert_eq!(generator(ACTORS), library(Actor::ALL, Actor::as_str));
    assert_eq!(generator(RETRIES), library(Retry::ALL, Retry::as_str));
    assert_eq!(
        generator(MESSAGE_SOURCES),
        library(MessageSource::ALL, MessageSource::as_str)
    );
    assert_eq!(generator(SYSTEMS), library(&System::ALL, System::as_str));
}

#[test]
fn the_generator_writes_hex_as_the_library_does() {
    for v in [0, 1, 0x0009_0312, 0x8009_030C, u32::MAX] {
        assert_eq!(
            secstatus_gen::Hex(v).to_string(),
            secstatus::Hex(v).to_string()
        );
    }
}
