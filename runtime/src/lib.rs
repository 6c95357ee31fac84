//! io-runtime: the Io virtual machine.
//!
//! Rooms: `value` (one-word values), `symbol` (interned names), `heap` (objects,
//! shapes, GC), `parse` (lexer, parser, operator shuffling), `vm` (bytecode,
//! inline caches, the stackless interpreter), `protos` (one file per proto,
//! natives and their method tables), `host` (the I/O trait), `program` (a
//! program's sources, diagnostics and exit code, as every front end runs it), `embed`
//! (the API for Rust programs that embed Io, and what `io!` expands to). The Io-written
//! half of the standard library is in `std/*.io`, embedded at build time.

pub mod embed;
pub mod fxhash;
pub mod heap;
pub mod host;
pub mod parse;
pub mod program;
pub mod protos;
pub mod report;
pub mod shake;
pub mod symbol;
pub mod value;
pub mod vm;

pub use value::Value;
pub use vm::Vm;
