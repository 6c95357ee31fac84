//! Date: points in time. So far the clock readings programs and benchmarks use.

use super::*;

pub const METHODS: MethodTable = &[("clock", clock, false), ("now", now, false)];

pub fn install_all(vm: &mut Vm) {
    let object = vm.p.object;
    let d = vm.new_object(object);
    let t = vm.symbol_string(b"Date");
    vm.set_slot(d, sym::type_, t);
    let core = vm.p.core;
    vm.set_slot_str(core, "Date", Value::obj(d));
    install(vm, d, "Date", METHODS);
}

/// Seconds on a monotonic clock (for timing).
fn clock(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::num(vm.host.clock()))
}

/// Seconds since the Unix epoch.
fn now(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::num(vm.host.now()))
}
