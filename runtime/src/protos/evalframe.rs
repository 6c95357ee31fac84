//! EvalFrame: a read-only view of the interpreter's heap frames, as a chain of
//! snapshot objects (innermost first) with parent, depth, state, description,
//! message, target, locals and call.

use super::*;
use crate::vm::frame::{Exec, Kind};

pub const METHODS: MethodTable = &[("current", current, false)];

/// Frames described at most; deeper ones are left out of the chain.
const MAX_FRAMES: usize = 10_000;

pub fn install_all(vm: &mut Vm) {
    let object = vm.p.object;
    let f = vm.new_object(object);
    let t = vm.symbol_string(b"EvalFrame");
    vm.set_slot(f, sym::type_, t);
    for name in ["parent", "message", "target", "locals", "call", "result"] {
        vm.set_slot_str(f, name, Value::NIL);
    }
    let core = vm.p.core;
    vm.set_slot_str(core, "EvalFrame", Value::obj(f));
    install(vm, f, "EvalFrame", METHODS);
}

fn state_name(kind: Kind, exec: &Exec) -> &'static str {
    match (kind, exec) {
        (_, Exec::Native(_)) => "native",
        (Kind::Activation { .. }, _) => "activate",
        (Kind::Eval, _) => "evalArgs",
        (Kind::Top, _) => "start",
        (Kind::Native, _) => "native",
    }
}

/// `EvalFrame current`: the chain of frames below this send.
fn current(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let proto = call.target.as_obj().unwrap_or(vm.p.object);
    let n = vm.frames.len();
    let first = n.saturating_sub(MAX_FRAMES);
    let mut parent = Value::NIL;
    for (i, depth) in (first..n).zip(1..) {
        let f = &vm.frames[i];
        let (kind, msg, target, locals, r) = (f.kind, f.msg, f.target, f.locals, f.r);
        let state = state_name(kind, &f.exec);
        let label_line = vm.as_message(msg).map(|m| {
            (
                vm.syms.name(m.name).to_string(),
                m.label.to_string(),
                m.line,
            )
        });
        let call_obj = match kind {
            Kind::Activation { .. } => vm
                .heap
                .obj(locals)
                .and_then(|o| o.get_local(sym::call))
                .unwrap_or(Value::NIL),
            _ => Value::NIL,
        };
        let o = vm.new_object(proto);
        let desc = match label_line {
            Some((name, label, line)) => format!("{name} {label}:{line} [{state}]"),
            None => format!("[{state}]"),
        };
        let desc = vm.str_value(&desc);
        let state = vm.str_value(state);
        for (name, v) in [
            ("parent", parent),
            ("depth", Value::num(depth as f64)),
            ("state", state),
            ("description", desc),
            ("message", msg),
            ("target", target),
            ("locals", locals),
            ("call", call_obj),
            ("result", r),
        ] {
            vm.set_slot_str(o, name, v);
        }
        parent = Value::obj(o);
    }
    value(parent)
}
