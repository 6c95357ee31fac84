//! Text of the report printed for an uncaught exception.

use crate::symbol::sym;
use crate::value::Value;
use crate::vm::Vm;

/// The text of exception `e`'s `error` slot ("nil" when it has none).
pub fn error_text(vm: &Vm, e: Value) -> String {
    vm.get_slot(e, sym::error)
        .map(|v| {
            crate::protos::object::direct_text(vm, v)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_else(|| vm.debug_value(v))
        })
        .unwrap_or_else(|| "nil".into())
}

pub fn exception_report(vm: &Vm, e: Value) -> String {
    let ty = vm.type_name(e);
    let err = error_text(vm, e);
    let mut s = format!("\n  {ty}: {err}\n  ---------\n");
    let lines = vm
        .heap
        .obj(e)
        .and_then(|o| o.get_local(sym::stack))
        .and_then(|l| vm.as_list(l).cloned())
        .unwrap_or_default();
    if lines.is_empty() {
        s.push_str("  nothing on stack\n");
    }
    for l in lines {
        if let Some(t) = vm.string_of(l) {
            s.push_str("  ");
            s.push_str(&t);
            s.push('\n');
        }
    }
    s.push('\n');
    s
}
