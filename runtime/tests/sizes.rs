//! The layout the interpreter's hot paths (and later the compiled code) rely
//! on: a value is one word, an instruction is small, frames stay compact.

use io_runtime::value::Value;
use io_runtime::vm::code::Op;
use io_runtime::vm::frame::Frame;
use io_runtime::vm::ic::Ic;
use std::mem::size_of;

#[test]
fn a_value_is_one_word() {
    assert_eq!(size_of::<Value>(), 8);
    assert_eq!(size_of::<Option<Value>>(), 16);
}

#[test]
fn an_instruction_is_sixteen_bytes() {
    assert_eq!(size_of::<Op>(), 16);
}

#[test]
fn frames_and_caches_stay_compact() {
    assert!(
        size_of::<Frame>() <= 160,
        "Frame is {} bytes",
        size_of::<Frame>()
    );
    assert!(size_of::<Ic>() <= 80, "Ic is {} bytes", size_of::<Ic>());
}

#[test]
fn native_answers_stay_compact() {
    use io_runtime::vm::Flow;
    // A native's answer is moved on every call: keep it a few words.
    assert!(
        size_of::<Flow>() <= 160,
        "Flow is {} bytes",
        size_of::<Flow>()
    );
}
