//! Call: the activation details a method sees through `call`.

use super::*;
use crate::heap::CallData;

pub const METHODS: MethodTable = &[
    ("sender", sender, false),
    ("target", target, false),
    ("message", message, false),
    ("activated", activated, false),
    ("slotContext", slot_context, false),
    ("argAt", arg_at, false),
    ("argCount", arg_count, false),
    ("evalArgAt", eval_arg_at, false),
];

pub fn install_all(vm: &mut Vm) {
    let c = vm.p.call;
    install(vm, c, "Call", METHODS);
}

fn data<'a>(vm: &'a Vm, v: Value) -> Option<&'a CallData> {
    match &vm.heap.obj(v)?.payload {
        Payload::Call(c) => Some(c),
        _ => None,
    }
}

fn field(vm: &Vm, call: &NativeCall, f: fn(&CallData) -> Value) -> NResult {
    value(data(vm, call.target).map_or(Value::NIL, f))
}

fn sender(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    field(vm, call, |c| c.sender)
}
fn target(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    field(vm, call, |c| c.target)
}
fn message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    field(vm, call, |c| c.message)
}
fn activated(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    field(vm, call, |c| c.activated)
}
fn slot_context(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    field(vm, call, |c| c.slot_context)
}

fn msg_args(vm: &Vm, call: &NativeCall) -> Vec<Value> {
    data(vm, call.target)
        .and_then(|c| vm.as_message(c.message))
        .map(|m| m.args.clone())
        .unwrap_or_default()
}

fn arg_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = num_arg(vm, call, 0)?;
    let args = msg_args(vm, call);
    value(if i >= 0.0 {
        args.get(i as usize).copied().unwrap_or(Value::NIL)
    } else {
        Value::NIL
    })
}

fn arg_count(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::num(msg_args(vm, call).len() as f64))
}

fn eval_arg_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = num_arg(vm, call, 0)?;
    let args = msg_args(vm, call);
    let sender = data(vm, call.target).map_or(Value::NIL, |c| c.sender);
    let msg = if i >= 0.0 {
        args.get(i as usize).copied().unwrap_or(Value::NIL)
    } else {
        Value::NIL
    };
    Ok(Flow::Eval {
        msg,
        target: sender,
        locals: sender,
        cont: None,
    })
}
