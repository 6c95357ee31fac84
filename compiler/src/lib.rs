//! io-compiler: the `io` and `ioc` command line tools. This crate drives the
//! runtime; the language itself lives in io-runtime.

pub mod cli;
