//! Exception: raise, pass, and the report printed for uncaught ones.

use super::*;

pub const METHODS: MethodTable = &[
    ("raise", raise, false),
    ("pass", pass, false),
    ("showStack", show_stack, false),
];

pub fn install_all(vm: &mut Vm) {
    let e = vm.p.exception;
    install(vm, e, "Exception", METHODS);
    for name in [
        "error",
        "nestedException",
        "caughtMessage",
        "coroutine",
        "originalCall",
    ] {
        vm.set_slot_str(e, name, Value::NIL);
    }
}

fn raise(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let e = vm.new_object(call.target.as_obj().unwrap_or(vm.p.exception));
    vm.heap.set_slot(e, sym::error, arg(call, 0));
    vm.heap.set_slot(e, sym::nested_exception, arg(call, 1));
    Err(Value::obj(e))
}

fn pass(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    Err(call.target)
}

fn show_stack(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let text = crate::report::exception_report(vm, call.target);
    vm.host.write_stdout(text.as_bytes());
    value(call.target)
}
