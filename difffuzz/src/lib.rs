//! Differential fuzzing of the two ways an Io program runs: the `io`
//! interpreter, and the module `ioc build` makes of it (with its loops
//! compiled ahead of time to wasm) run by `ioc run`. Both must print the
//! same stdout and stderr and end with the same exit code.
//!
//! [`gen`] writes random, terminating programs, many to a file (each a
//! method on its own object, called inside `try`, after a `== case N`
//! header on stdout and stderr); [`runner`] runs a file both ways, compares
//! the outputs case by case, and writes each differing case as a file of
//! its own.

pub mod gen;
pub mod rng;
pub mod runner;
