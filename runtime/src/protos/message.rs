//! Message: the parsed program as objects, open to inspection and rewriting.

use super::*;

pub const METHODS: MethodTable = &[
    ("name", name, false),
    ("next", next, false),
    ("arguments", arguments, false),
    ("argAt", arg_at, false),
    ("argCount", arg_count, false),
    ("lineNumber", line_number, false),
    ("label", label, false),
    ("fromString", from_string, false),
    ("doInContext", do_in_context, false),
];

pub fn install_all(vm: &mut Vm) {
    let m = vm.p.message;
    install(vm, m, "Message", METHODS);
}

fn md<'a>(vm: &'a Vm, call: &NativeCall) -> Option<&'a crate::heap::MessageData> {
    vm.as_message(call.target)
}

fn name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = md(vm, call)
        .map(|m| vm.syms.name(m.name).to_string())
        .unwrap_or_default();
    value(vm.symbol_string(n.as_bytes()))
}

fn next(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(md(vm, call).map_or(Value::NIL, |m| m.next))
}

fn arguments(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = md(vm, call).map(|m| m.args.clone()).unwrap_or_default();
    value(vm.new_list(a))
}

fn arg_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = num_arg(vm, call, 0)?;
    let a = md(vm, call).map(|m| m.args.clone()).unwrap_or_default();
    value(if i >= 0.0 {
        a.get(i as usize).copied().unwrap_or(Value::NIL)
    } else {
        Value::NIL
    })
}

fn arg_count(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::num(md(vm, call).map_or(0, |m| m.args.len()) as f64))
}

fn line_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::num(md(vm, call).map_or(0, |m| m.line) as f64))
}

fn label(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = md(vm, call)
        .map(|m| m.label.to_string())
        .unwrap_or_default();
    value(vm.str_value(&l))
}

fn from_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = str_arg(vm, call, 0)?;
    let m = vm.compile(&s, "[fromString]")?;
    value(m)
}

fn do_in_context(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let target = arg(call, 0);
    let locals = match call.args.get(1) {
        Some(&l) if !l.is_nil() => l,
        _ => target,
    };
    Ok(Flow::Eval {
        msg: call.target,
        target,
        locals,
        cont: None,
    })
}
