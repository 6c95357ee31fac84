//! nil, true and false: singletons with their boolean protocol.

use super::*;

const NIL_METHODS: MethodTable = &[
    ("ifNil", eval_then_nil, true),
    ("ifNilEval", eval_arg0, true),
    ("ifNonNil", answer_nil, true),
    ("ifNonNilEval", answer_nil, true),
    ("or", or_arg, true),
    ("and", answer_false, true),
    ("then", answer_nil, true),
    ("else", answer_nil, true),
    ("elseif", answer_nil, true),
    ("catch", answer_nil, true),
    ("pass", answer_nil, true),
];

const TRUE_METHODS: MethodTable = &[
    ("ifTrue", eval_then_self, true),
    ("ifFalse", answer_self, true),
    ("then", eval_then_nil, true),
    ("else", answer_self, true),
    ("elseif", answer_self, true),
    ("or", answer_self, true),
];

const FALSE_METHODS: MethodTable = &[
    ("ifTrue", answer_self, true),
    ("ifFalse", eval_then_self, true),
    ("then", answer_self, true),
    ("else", eval_then_nil, true),
    ("or", or_arg, true),
    ("and", answer_false, true),
];

pub fn install_all(vm: &mut Vm) {
    let p = vm.p;
    install_direct(vm, p.nil, "nil", NIL_METHODS);
    install_direct(vm, p.true_, "true", TRUE_METHODS);
    install_direct(vm, p.false_, "false", FALSE_METHODS);
    let false_if = vm.heap.get(p.object).get_local(sym::if_);
    if let Some(f) = false_if {
        vm.set_slot_str(p.false_, "elseif", f);
    }
    for (o, text) in [(p.nil, "nil"), (p.true_, "true"), (p.false_, "false")] {
        let s = vm.symbol_string(text.as_bytes());
        vm.set_slot_str(o, "asString", s);
        vm.set_slot_str(o, "asSimpleString", s);
        vm.set_slot_str(o, "clone", Value::obj(o));
    }
    vm.set_slot_str(p.nil, "isNil", Value::TRUE);
    vm.set_slot_str(p.object, "isNil", Value::FALSE);
    vm.set_slot_str(p.nil, "isTrue", Value::FALSE);
    vm.set_slot_str(p.false_, "isTrue", Value::FALSE);
    vm.set_slot_str(p.object, "isTrue", Value::TRUE);
    vm.set_slot_str(p.nil, "not", Value::TRUE);
    vm.set_slot_str(p.false_, "not", Value::TRUE);
    vm.set_slot_str(p.true_, "not", Value::FALSE);
}

fn answer_nil(_vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::NIL)
}

fn answer_false(_vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::FALSE)
}

fn answer_self(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.target)
}

fn eval_arg0(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, None)
}

fn eval_then_nil(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, cont(answer_state0, state(&[Value::NIL])))
}

fn eval_then_self(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, cont(answer_state0, state(&[call.target])))
}

fn or_arg(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, cont(truthy_cont, state(&[])))
}

fn truthy_cont(_vm: &mut Vm, _st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => value(Value::bool(v.truthy())),
        other => pass_on(other),
    }
}
