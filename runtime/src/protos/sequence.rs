//! Sequence: strings and byte buffers (immutable symbols and mutable buffers).

use super::*;

pub const METHODS: MethodTable = &[
    ("print", print, false),
    ("size", size, false),
    ("asString", as_string, false),
    ("asSymbol", as_string, false),
    ("asMutable", as_mutable, false),
    ("asNumber", as_number, false),
    ("appendSeq", append_seq, false),
    ("at", at, false),
];

pub fn install_all(vm: &mut Vm) {
    let s = vm.p.sequence;
    install(vm, s, "Sequence", METHODS);
}

fn bytes(vm: &Vm, v: Value) -> Vec<u8> {
    vm.as_seq(v).map(|s| s.bytes.clone()).unwrap_or_default()
}

fn print(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = bytes(vm, call.target);
    vm.host.write_stdout(&b);
    value(call.target)
}

fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = vm.as_seq(call.target).map_or(0, |s| s.bytes.len());
    value(Value::num(n as f64))
}

fn as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    match vm.as_seq(call.target) {
        Some(s) if !s.mutable => value(call.target),
        _ => {
            let b = bytes(vm, call.target);
            value(vm.new_string(b, false))
        }
    }
}

fn as_mutable(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = bytes(vm, call.target);
    value(vm.new_string(b, true))
}

fn as_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = vm.string_of(call.target).unwrap_or_default();
    value(Value::num(s.trim().parse::<f64>().unwrap_or(f64::NAN)))
}

fn append_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut extra = Vec::new();
    for i in 0..call.args.len() {
        let v = arg(call, i);
        match super::object::direct_text(vm, v) {
            Some(t) => extra.extend(t),
            None => return type_error(vm, call, i, "Sequence"),
        }
    }
    let Some(r) = call.target.as_obj() else {
        return vm.err("appendSeq needs a Sequence");
    };
    match &mut vm.heap.get_mut(r).payload {
        Payload::Seq(s) if s.mutable => s.bytes.extend(extra),
        _ => return vm.err("'appendSeq' cannot be called on an immutable Sequence"),
    }
    value(call.target)
}

fn at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = num_arg(vm, call, 0)?;
    let b = vm
        .as_seq(call.target)
        .map(|s| s.bytes.get(i as usize).copied());
    match b {
        Some(Some(x)) if i >= 0.0 => value(Value::num(x as f64)),
        _ => value(Value::NIL),
    }
}
