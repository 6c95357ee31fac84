//! Block: methods (`method(...)`, activatable, no scope) and blocks
//! (`block(...)`, with the scope they were made in).

use super::*;
use crate::heap::FLAG_ACTIVATABLE;

pub const METHODS: MethodTable = &[
    ("call", call_block, false),
    ("callWithArgList", call_with_arg_list, false),
    ("argumentNames", argument_names, false),
    ("message", message, false),
    ("setMessage", set_message, false),
    ("scope", scope, false),
    ("setScope", set_scope, false),
    ("passStops", pass_stops, false),
    ("setPassStops", set_pass_stops, false),
    ("setArgumentNames", set_argument_names, false),
];

pub fn install_all(vm: &mut Vm) {
    let b = vm.p.block;
    install(vm, b, "Block", METHODS);
}

fn block_mut<'a>(vm: &'a mut Vm, v: Value) -> Option<&'a mut crate::heap::BlockData> {
    match &mut vm.heap.get_mut(v.as_obj()?).payload {
        Payload::Block(b) => Some(b),
        _ => None,
    }
}

fn call_block(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    Ok(Flow::Activate {
        block: call.target,
        target: call.locals,
        args: call.args.clone(),
        msg: call.msg,
        cont: None,
    })
}

fn call_with_arg_list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let Some(l) = vm.as_list(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "List");
    };
    Ok(Flow::Activate {
        block: call.target,
        target: call.locals,
        args: l.into_iter().collect(),
        msg: call.msg,
        cont: None,
    })
}

fn argument_names(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let names = vm
        .as_block(call.target)
        .map(|b| b.args.clone())
        .unwrap_or_default();
    let items = names
        .into_iter()
        .map(|s| {
            let t = vm.syms.name(s).to_string();
            vm.symbol_string(t.as_bytes())
        })
        .collect();
    value(vm.new_list(items))
}

fn set_argument_names(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let Some(l) = vm.as_list(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "List");
    };
    let mut names = Vec::new();
    for v in l {
        match vm.string_of(v) {
            Some(s) => names.push(vm.sym(&s)),
            None => return vm.err("argument names must be Sequences"),
        }
    }
    if let Some(b) = block_mut(vm, call.target) {
        b.args = names;
    }
    value(call.target)
}

fn message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(vm.as_block(call.target).map_or(Value::NIL, |b| b.body))
}

fn set_message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let m = arg(call, 0);
    if vm.as_message(m).is_none() {
        return type_error(vm, call, 0, "Message");
    }
    if let Some(b) = block_mut(vm, call.target) {
        b.body = m;
    }
    value(call.target)
}

fn scope(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(
        vm.as_block(call.target)
            .and_then(|b| b.scope)
            .unwrap_or(Value::NIL),
    )
}

fn set_scope(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = arg(call, 0);
    let scope = if s.is_nil() { None } else { Some(s) };
    if let Some(b) = block_mut(vm, call.target) {
        b.scope = scope;
    }
    if let Some(r) = call.target.as_obj() {
        vm.heap.set_flag(r, FLAG_ACTIVATABLE, scope.is_none());
    }
    value(call.target)
}

fn pass_stops(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::bool(
        vm.as_block(call.target).is_some_and(|b| b.pass_stops),
    ))
}

fn set_pass_stops(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let on = arg(call, 0).truthy();
    if let Some(b) = block_mut(vm, call.target) {
        b.pass_stops = on;
    }
    value(call.target)
}
