//! Continuation and `Object callcc`: first-class continuations, on by default.
//!
//! `callcc(aBlock)` calls aBlock with a Continuation of the `callcc` send;
//! `k invoke(v)` makes that send answer v again, from wherever it is invoked,
//! as many times as wanted. Capture is O(1) (the stacks are frozen, see
//! vm/coro.rs) and invoking restores the resumable-exception handler stack the
//! coroutine had at the capture.

use super::*;
use crate::vm::coro::Captured;

pub const METHODS: MethodTable = &[
    ("invoke", invoke, false),
    ("isInvoked", is_invoked, false),
    ("frameCount", frame_count, false),
    ("copy", copy, false),
    ("frameMessages", frame_messages, false),
];

pub const OBJECT_METHODS: MethodTable = &[("callcc", callcc, false)];

pub fn install_all(vm: &mut Vm) {
    let k = vm.p.continuation;
    install(vm, k, "Continuation", METHODS);
    let o = vm.p.object;
    install(vm, o, "Object", OBJECT_METHODS);
}

fn captured(vm: &Vm, v: Value) -> Option<&Captured> {
    match &vm.heap.obj(v)?.payload {
        Payload::Continuation(c) => Some(c),
        _ => None,
    }
}

fn target_captured<'a>(vm: &'a mut Vm, call: &NativeCall) -> Result<&'a Captured, Value> {
    if captured(vm, call.target).is_none() {
        let name = method_name(vm, call);
        return vm.err(format!(
            "Continuation {name}: the receiver was not made by callcc"
        ));
    }
    Ok(captured(vm, call.target).expect("checked"))
}

fn new_continuation(vm: &mut Vm, c: Captured) -> Value {
    let proto = Value::obj(vm.p.continuation);
    Value::obj(vm.heap.alloc(&[proto], Payload::Continuation(Box::new(c))))
}

/// `callcc(aBlock)`: freeze the stacks (this send waits on top of them) and call aBlock with them.
fn callcc(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let block = arg(call, 0);
    if vm.as_block(block).is_none() {
        return type_error(vm, call, 0, "Block");
    }
    let under = vm.freeze();
    let cur = Value::obj(vm.current);
    let handlers = match vm.get_slot(cur, sym::handler_stack) {
        Some(h) => match vm.as_list(h) {
            Some(l) => {
                let items = l.clone();
                vm.new_list(items)
            }
            None => Value::NIL,
        },
        None => Value::NIL,
    };
    let k = new_continuation(
        vm,
        Captured {
            coro: vm.current,
            under,
            handlers,
            invoked: false,
        },
    );
    let mut args = crate::vm::Args::new();
    args.push(k);
    Ok(Flow::Activate {
        block,
        target: call.locals,
        args,
        msg: call.msg,
        cont: None,
    })
}

fn invoke(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    target_captured(vm, call)?;
    Ok(Flow::Invoke {
        continuation: call.target,
        value: arg(call, 0),
    })
}

fn is_invoked(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = target_captured(vm, call)?;
    value(Value::bool(c.invoked))
}

fn frame_count(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = target_captured(vm, call)?;
    value(Value::num(c.frame_count() as f64))
}

/// `copy`: another continuation for the same captured state (kept for
/// compatibility: every continuation can be invoked any number of times).
fn copy(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = target_captured(vm, call)?;
    let fresh = Captured {
        coro: c.coro,
        under: c.under.clone(),
        handlers: c.handlers,
        invoked: false,
    };
    value(new_continuation(vm, fresh))
}

/// `frameMessages`: the message each captured frame was running, innermost first.
fn frame_messages(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = target_captured(vm, call)?;
    let msgs: Vec<Value> = c
        .under
        .as_ref()
        .map(|u| u.frames().map(|f| f.owner).collect())
        .unwrap_or_default();
    value(vm.new_list(msgs))
}
