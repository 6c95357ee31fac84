//! Exception: raise, pass, the report printed for uncaught ones, and
//! `Object withHandler`, which keeps a resumable-exception handler on the
//! running coroutine's `handlerStack` for exactly as long as its body runs.

use super::*;

pub const METHODS: MethodTable = &[
    ("raise", raise, false),
    ("pass", pass, false),
    ("showStack", show_stack, false),
];

pub const OBJECT_METHODS: MethodTable = &[("withHandler", with_handler, true)];

pub fn install_all(vm: &mut Vm) {
    let e = vm.p.exception;
    install(vm, e, "Exception", METHODS);
    let o = vm.p.object;
    install(vm, o, "Object", OBJECT_METHODS);
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

// withHandler: state = [proto, handler, handler stack, its length before]
/// `withHandler(proto, handler, body)`: evaluate body with `list(proto,
/// handler)` on top of the running coroutine's handlerStack; the entry is
/// taken off however the body ends (value, exception, break/return).
fn with_handler(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(
        vm,
        call,
        0,
        cont(with_handler_proto, state(&[call.locals, call.msg])),
    )
}

fn with_handler_proto(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let Resume::Value(proto) = how else {
        return pass_on(how);
    };
    let (locals, msg) = (st[0], st[1]);
    let m = vm.as_message(msg).and_then(|m| m.args.get(1).copied());
    Ok(Flow::Eval {
        msg: m.unwrap_or(Value::NIL),
        target: locals,
        locals,
        cont: cont(with_handler_body, state(&[locals, msg, proto])),
    })
}

fn with_handler_body(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let Resume::Value(handler) = how else {
        return pass_on(how);
    };
    let (locals, msg, proto) = (st[0], st[1], st[2]);
    let cur = vm.current;
    let stack = match vm.heap.get(cur).get_local(sym::handler_stack) {
        Some(l) if vm.as_list(l).is_some() => l,
        _ => {
            let l = vm.new_list(Vec::new());
            vm.heap.set_slot(cur, sym::handler_stack, l);
            l
        }
    };
    let entry = vm.new_list(vec![proto, handler]);
    let before = vm.as_list(stack).map_or(0, |l| l.len());
    if let Some(r) = stack.as_obj() {
        if let Payload::List(l) = &mut vm.heap.get_mut(r).payload {
            l.push(entry);
        }
    }
    let body = vm
        .as_message(msg)
        .and_then(|m| m.args.get(2).copied())
        .unwrap_or(Value::NIL);
    Ok(Flow::Eval {
        msg: body,
        target: locals,
        locals,
        cont: cont(
            with_handler_done,
            state(&[stack, Value::num(before as f64)]),
        ),
    })
}

fn with_handler_done(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let n = st[1].as_num().unwrap_or(0.0) as usize;
    if let Some(r) = st[0].as_obj() {
        if let Payload::List(l) = &mut vm.heap.get_mut(r).payload {
            l.truncate(n);
        }
    }
    pass_on(how)
}
