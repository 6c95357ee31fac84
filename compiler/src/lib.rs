//! io-compiler: the `io` and `ioc` command line tools, and the compiler from
//! Io programs to WebAssembly modules. This crate drives the runtime; the
//! language itself lives in io-runtime.
//!
//! Rooms: `cli` (running files and the REPL on the native interpreter),
//! `build` (`ioc build`: the pipeline from a program to a module), `bundle`
//! (`ioc bundle`: a program as a static web site), `engine`
//! (the embedded wasmtime that pre-initialises and runs modules), `passes`
//! (the specialiser's analysis of a program's bytecode) and `backend` (the
//! code it compiles: `backend::wasm`).

#[cfg(feature = "wasm")]
pub mod backend;
#[cfg(feature = "wasm")]
pub mod build;
#[cfg(feature = "wasm")]
pub mod bundle;
pub mod cli;
#[cfg(feature = "wasm")]
pub mod engine;
pub mod passes;
