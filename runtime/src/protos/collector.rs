//! Collector: the garbage collector as Io sees it.

use super::*;

pub const METHODS: MethodTable = &[
    ("collect", collect, false),
    ("objectCount", object_count, false),
    ("collectionCount", collection_count, false),
    ("debugOn", answer_self, false),
    ("debugOff", answer_self, false),
];

pub fn install_all(vm: &mut Vm) {
    let object = vm.p.object;
    let c = vm.new_object(object);
    let t = vm.symbol_string(b"Collector");
    vm.set_slot(c, sym::type_, t);
    let core = vm.p.core;
    vm.set_slot_str(core, "Collector", Value::obj(c));
    install(vm, c, "Collector", METHODS);
}

/// Collect now; answers the number of objects freed. Safe here: a native holds
/// nothing the collector cannot see once its arguments are read.
fn collect(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let freed = vm.collect_garbage();
    value(Value::num(freed as f64))
}

fn object_count(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::num(vm.heap.len() as f64))
}

fn collection_count(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::num(vm.heap.collections as f64))
}

fn answer_self(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.target)
}
