//! io-compiler: the `io` and `ioc` command line tools, and the compiler from
//! Io programs to WebAssembly modules. This crate drives the runtime; the
//! language itself lives in io-runtime.
//!
//! Rooms: `cli` (running files and the REPL on the native interpreter),
//! `build` (`ioc build`: the pipeline from a program to a module), `bundle`
//! (`ioc bundle`: a program as a static web site), `engine`
//! (the embedded wasmtime that pre-initialises and runs modules), `passes`
//! (the specialiser's analysis of a program's bytecode) and `backend` (the
//! code it compiles: `backend::wasm`; and `backend::rust`, the Rust
//! versions of methods that the io! macro of io-macros expands to).
//!
//! Features: `cli` (the `io` command line), `wasm` (the WebAssembly
//! tooling and `ioc`) and `rust` (the Rust backend), all on by default;
//! without them the crate is the passes alone.

#[cfg(any(feature = "wasm", feature = "rust"))]
pub mod backend;
#[cfg(feature = "wasm")]
pub mod build;
#[cfg(feature = "wasm")]
pub mod bundle;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "wasm")]
pub mod engine;
pub mod passes;
