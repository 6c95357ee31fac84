//! `io!`: Io code inside Rust source, parsed when the crate compiles.
//!
//! ```ignore
//! use io_macros::io;
//! use io_runtime::embed::Io;
//!
//! let mut vm = Io::new();
//! let limit = 10;
//! let total: f64 = vm.eval(&io! {
//!     sum := 0
//!     for(i, 1, $limit, sum = sum + i)
//!     sum
//! })?;
//! ```
//!
//! The macro takes Io as Rust tokens, or as one string literal for Io that
//! Rust's tokenizer cannot carry (`'` strings, `#` comments, unbalanced
//! brackets inside strings). `$name` is the Rust value `name` (anything that
//! implements `io_runtime::embed::ToIo`), passed in as a literal each time the
//! block runs. The expansion is an `io_runtime::embed::Script`: the message
//! tree as static data, rebuilt in a VM without parsing. Methods defined at
//! the top level (`name := method(a, b, ...)`) whose body is arithmetic on
//! Numbers are also compiled to Rust functions (by io-compiler's Rust
//! backend, `io_compiler::backend::rust`).
//!
//! Stages: `source` (tokens or string to Io text with a map back to spans),
//! `parse` (io-runtime's parser; all syntax errors), the Rust backend (the
//! Rust versions), `expand` (the output, or `compile_error!`s at the
//! offending tokens plus a stub of the right type).

use proc_macro::TokenStream;

mod expand;
mod parse;
mod source;

/// Io code as a `Script` to run with `io_runtime::embed::Io::eval`.
#[proc_macro]
pub fn io(input: TokenStream) -> TokenStream {
    expand::expand(input.into()).into()
}
