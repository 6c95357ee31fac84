//! Backends of the specialiser: what compiled code is emitted as.

pub mod wasm;
