//! Backends: what compiled code is emitted as (`wasm`, the specialiser's;
//! `rust`, the Rust versions of methods that io! expands to).

#[cfg(feature = "rust")]
pub mod rust;
#[cfg(feature = "wasm")]
pub mod wasm;
