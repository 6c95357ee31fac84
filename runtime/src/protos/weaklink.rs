//! WeakLink: a reference that does not keep its object alive.

use super::*;

pub const METHODS: MethodTable = &[("setLink", set_link, false), ("link", link, false)];

pub fn install_all(vm: &mut Vm) {
    let object = vm.p.object;
    let w = vm
        .heap
        .alloc(&[Value::obj(object)], Payload::Weak(Value::NIL));
    let t = vm.symbol_string(b"WeakLink");
    vm.set_slot(w, sym::type_, t);
    let core = vm.p.core;
    vm.set_slot_str(core, "WeakLink", Value::obj(w));
    install(vm, w, "WeakLink", METHODS);
}

fn set_link(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let v = arg(call, 0);
    match call.target.as_obj() {
        Some(r) if matches!(vm.heap.get(r).payload, Payload::Weak(_)) => {
            vm.heap.get_mut(r).payload = Payload::Weak(v);
            value(call.target)
        }
        _ => vm.err("setLink needs a WeakLink"),
    }
}

fn link(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    match vm.heap.obj(call.target).map(|o| &o.payload) {
        Some(Payload::Weak(v)) => value(*v),
        _ => value(Value::NIL),
    }
}
