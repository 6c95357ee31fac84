//! Call: the activation details a method sees through `call`.
//!
//! A Call also carries a stop status (Normal, Break, Continue or Return). When
//! it is set to anything but Normal, the activation that owns the Call ends
//! with that status, so its caller sees a break/continue/return with the
//! activation's result: this is how Io-written control methods hand
//! `break`/`continue`/`return` on (`call relayStopStatus(...)`).

use super::*;
use crate::heap::CallData;
use crate::vm::frame::{Exec, Frame, Kind};

pub const METHODS: MethodTable = &[
    ("sender", sender, false),
    ("coroutine", coroutine, false),
    ("target", target, false),
    ("message", message, false),
    ("activated", activated, false),
    ("slotContext", slot_context, false),
    ("argAt", arg_at, false),
    ("argCount", arg_count, false),
    ("hasArgs", has_args, false),
    ("evalArgAt", eval_arg_at, false),
    ("evalArgs", eval_args, false),
    ("description", description, false),
    ("delegateTo", delegate_to, false),
    ("delegateToMethod", delegate_to_method, false),
    ("stopStatus", stop_status, false),
    ("setStopStatus", set_stop_status, false),
    ("resetStopStatus", reset_stop_status, false),
    ("relayStopStatus", relay_stop_status, true),
];

pub fn install_all(vm: &mut Vm) {
    let c = vm.p.call;
    install(vm, c, "Call", METHODS);
}

fn data(vm: &Vm, v: Value) -> Option<&CallData> {
    match &vm.heap.obj(v)?.payload {
        Payload::Call(c) => Some(c),
        _ => None,
    }
}

fn data_mut(vm: &mut Vm, v: Value) -> Option<&mut CallData> {
    match &mut vm.heap.get_mut(v.as_obj()?).payload {
        Payload::Call(c) => Some(c),
        _ => None,
    }
}

/// The receiver's call data (copied out), or an exception naming the method.
fn this(vm: &mut Vm, call: &NativeCall) -> Result<CallData, Value> {
    match data(vm, call.target) {
        Some(c) => Ok(CallData {
            sender: c.sender,
            target: c.target,
            message: c.message,
            activated: c.activated,
            slot_context: c.slot_context,
            stop_status: c.stop_status,
        }),
        None => {
            let name = method_name(vm, call);
            let got = vm.type_name(call.target);
            vm.err(format!(
                "Call method '{name}' called on a '{got}', not a Call"
            ))
        }
    }
}

fn sender(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(this(vm, call)?.sender)
}
fn target(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(this(vm, call)?.target)
}
fn message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(this(vm, call)?.message)
}
fn activated(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(this(vm, call)?.activated)
}
fn slot_context(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(this(vm, call)?.slot_context)
}

fn msg_args(vm: &Vm, c: &CallData) -> Vec<Value> {
    vm.as_message(c.message)
        .map(|m| m.args.clone())
        .unwrap_or_default()
}

fn nth(args: &[Value], i: f64) -> Value {
    if i >= 0.0 && i.is_finite() {
        args.get(i as usize).copied().unwrap_or(Value::NIL)
    } else {
        Value::NIL
    }
}

fn arg_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    let i = num_arg(vm, call, 0)?;
    value(nth(&msg_args(vm, &c), i))
}

fn arg_count(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    value(Value::num(msg_args(vm, &c).len() as f64))
}

fn has_args(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    value(Value::bool(!msg_args(vm, &c).is_empty()))
}

fn eval_arg_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    let i = num_arg(vm, call, 0)?;
    Ok(Flow::Eval {
        msg: nth(&msg_args(vm, &c), i),
        target: c.sender,
        locals: c.sender,
        cont: None,
    })
}

// evalArgs: state = [message, result list, sender, index]
/// All arguments of the call's message evaluated in the sender, in order.
fn eval_args(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    let list = vm.new_list(Vec::new());
    let st = state(&[c.message, list, c.sender, Value::num(0.0)]);
    eval_args_step(vm, st)
}

fn eval_args_step(vm: &mut Vm, st: ContState) -> NResult {
    let i = st[3].as_num().unwrap_or(0.0) as usize;
    match vm.as_message(st[0]).and_then(|m| m.args.get(i).copied()) {
        Some(a) => Ok(Flow::Eval {
            msg: a,
            target: st[2],
            locals: st[2],
            cont: cont(eval_args_cont, st),
        }),
        None => value(st[1]),
    }
}

fn eval_args_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let v = match how {
        Resume::Value(v) => v,
        other => return pass_on(other),
    };
    if let Some(r) = st[1].as_obj() {
        if let Payload::List(items) = &mut vm.heap.get_mut(r).payload {
            items.push(v);
        }
    }
    st[3] = Value::num(st[3].as_num().unwrap_or(0.0) + 1.0);
    eval_args_step(vm, *st)
}

/// `<target type> <message name>` padded to 36, the label's file name and the line.
fn description(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    let ty = vm.type_name(c.target);
    let s = match vm.as_message(c.message) {
        Some(m) => format!(
            "{} {} {}",
            super::message::align_left(&format!("{ty} {}", vm.syms.name(m.name)), 36),
            super::message::last_path_component(&m.label),
            m.line
        ),
        None => super::message::align_left(&format!("{ty} nil"), 36),
    };
    value(vm.str_value(&s))
}

/// A copy of the call's message without what follows it, renamed to `name` if given.
fn resend_message(vm: &mut Vm, c: &CallData, name: Option<crate::symbol::Sym>) -> Value {
    let Some(m) = vm.as_message(c.message) else {
        return Value::NIL;
    };
    let (n, label, line, col, args, cached) = (
        m.name,
        m.label.clone(),
        m.line,
        m.col,
        m.args.clone(),
        m.cached,
    );
    let copy = vm.new_message(name.unwrap_or(n), &label, line, col);
    let md = vm.message_mut(copy);
    md.args = args;
    if name.is_none() {
        md.cached = cached;
    }
    Value::obj(copy)
}

/// `delegateTo(target, [altSender])`: send the call's message (not what follows
/// it) to target, its arguments evaluated in altSender (default: the sender).
fn delegate_to(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    let to = arg(call, 0);
    let sender = match arg(call, 1) {
        s if s.is_nil() => c.sender,
        s => s,
    };
    let msg = resend_message(vm, &c, None);
    Ok(Flow::Eval {
        msg,
        target: to,
        locals: sender,
        cont: None,
    })
}

/// `delegateToMethod(target, name)`: as delegateTo, with the message renamed.
fn delegate_to_method(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    let to = arg(call, 0);
    let name = str_arg(vm, call, 1)?;
    let name = vm.sym(&name);
    let msg = resend_message(vm, &c, Some(name));
    Ok(Flow::Eval {
        msg,
        target: to,
        locals: c.sender,
        cont: None,
    })
}

// ---- stop status ---------------------------------------------------------------------

/// The stop a status object stands for (None: Normal or anything else).
fn status_stop(vm: &Vm, v: Value) -> Option<Stop> {
    let p = vm.p;
    if v == Value::obj(p.break_) {
        Some(Stop::Break)
    } else if v == Value::obj(p.continue_) {
        Some(Stop::Continue)
    } else if v == Value::obj(p.return_) {
        Some(Stop::Return)
    } else {
        None
    }
}

fn status_object(vm: &Vm, s: Option<Stop>) -> Value {
    let p = vm.p;
    Value::obj(match s {
        None => p.normal,
        Some(Stop::Break) => p.break_,
        Some(Stop::Continue) => p.continue_,
        Some(Stop::Return) => p.return_,
    })
}

fn stop_status(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = this(vm, call)?;
    let s = status_stop(vm, c.stop_status);
    value(status_object(vm, s))
}

/// Store stop status `status` on Call `callv`; a status other than Normal
/// makes the activation owning the Call end with it.
fn set_status(vm: &mut Vm, callv: Value, status: Value) {
    let s = status_stop(vm, status);
    let stored = status_object(vm, s);
    if let Some(c) = data_mut(vm, callv) {
        c.stop_status = stored;
    }
    if s.is_some() {
        arm(vm, callv);
    }
}

/// Put a continuation under the running activation that owns `callv`: it gets
/// the activation's result and ends with the Call's stop status, if one is set
/// by then. Activations that pass stops on keep their status to themselves,
/// as does a Call whose activation has already finished.
fn arm(vm: &mut Vm, callv: Value) {
    let mut at = None;
    for (i, f) in vm.frames.iter().enumerate().rev() {
        let Kind::Activation { pass_stops } = f.kind else {
            continue;
        };
        let owner = vm.heap.obj(f.locals).and_then(|o| o.get_local(sym::call));
        if owner == Some(callv) {
            if !pass_stops {
                at = Some(i);
            }
            break;
        }
    }
    let Some(i) = at else { return };
    // The status is for the code that sent the call. When that activation has
    // already made way for this one (a tail call), it would have caught the
    // status itself: the status then has nothing left to stop.
    let sender = data(vm, callv).map_or(Value::NIL, |c| c.sender);
    if !vm.frames[..i].iter().any(|f| f.locals == sender) {
        return;
    }
    if i > 0 {
        if let Exec::Native(c) = &vm.frames[i - 1].exec {
            if c.f as usize == (end_with_status as crate::vm::ContFn) as usize
                && c.state[0] == callv
            {
                return;
            }
        }
    }
    let (target, locals) = if i > 0 {
        (vm.frames[i - 1].target, vm.frames[i - 1].locals)
    } else {
        (vm.frames[i].target, vm.frames[i].locals)
    };
    let base = vm.frames[i].base;
    vm.frames.insert(
        i,
        Frame {
            exec: Exec::Native(Cont {
                f: end_with_status,
                state: state(&[callv]),
            }),
            kind: Kind::Native,
            r: Value::NIL,
            target,
            locals,
            base,
            msg: Value::NIL,
            owner: Value::NIL,
        },
    );
}

fn end_with_status(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            let status = data(vm, st[0]).map_or(Value::NIL, |c| c.stop_status);
            match status_stop(vm, status) {
                Some(k) => Ok(Flow::Stop(k, v)),
                None => value(v),
            }
        }
        other => pass_on(other),
    }
}

fn set_stop_status(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    set_status(vm, call.target, arg(call, 0));
    value(call.target)
}

fn reset_stop_status(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    let normal = Value::obj(vm.p.normal);
    set_status(vm, call.target, normal);
    value(call.target)
}

/// `call relayStopStatus(expr)`: evaluate expr in the caller and give its stop
/// status (Normal if it just produced a value) to the Call of the activation
/// it runs in; answers expr's value.
fn relay_stop_status(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    let own = vm
        .heap
        .obj(call.locals)
        .and_then(|o| o.get_local(sym::call))
        .filter(|&c| data(vm, c).is_some())
        .unwrap_or(call.target);
    eval_arg(vm, call, 0, cont(relay_cont, state(&[own])))
}

fn relay_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let (s, v) = match how {
        Resume::Value(v) => (None, v),
        Resume::Stop(k, v) => (Some(k), v),
        Resume::Raise(e) => return Err(e),
    };
    let status = status_object(vm, s);
    set_status(vm, st[0], status);
    value(v)
}

/// `coroutine`: the coroutine the call runs in (the running one).
fn coroutine(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::obj(vm.current))
}
