//! Coroutine and Scheduler: switching (resume, run, yield, pause), the run
//! queue (`Scheduler yieldingCoros`, a List Io code may edit) and the timers
//! (`Scheduler timers`, a sorted List of `list(deadline, coroutine)`). The
//! VM holds both lists; these methods hand them out and replace them.
//! Object's `yield` and `pause` are here too. The mechanics live in vm/coro.rs;
//! the Io half (wait, timers bookkeeping, labels, coroDo and friends) in
//! std/Coroutine.io.

use super::*;
use crate::vm::coro::{CoroData, Status};
use crate::vm::frame::{Exec, Kind};

pub const METHODS: MethodTable = &[
    ("currentCoroutine", current_coroutine, false),
    ("isCurrent", is_current, false),
    ("isFinished", is_finished, false),
    ("resume", resume, false),
    ("run", run, false),
    ("yield", coro_yield, false),
    ("pause", coro_pause, false),
    ("resumeLater", resume_later, false),
    ("isYielding", is_yielding, false),
    ("setRecentInChain", set_recent_in_chain, false),
    ("recentInChain", recent_in_chain, false),
    ("freeStack", free_stack, false),
    ("ioStack", io_stack, false),
    ("callStack", call_stack, false),
    ("implementation", implementation, false),
    ("yieldingCoros", yielding_coros, false),
    ("setYieldingCoros", set_yielding_coros, false),
];

pub const SCHEDULER_METHODS: MethodTable = &[
    ("currentCoroutine", current_coroutine, false),
    ("yieldingCoros", yielding_coros, false),
    ("setYieldingCoros", set_yielding_coros, false),
    ("timers", timers, false),
    ("setTimers", set_timers, false),
    ("wakeExpiredTimers", wake_expired_timers, false),
    ("idleUntilNextTimer", idle_until_next_timer, false),
];

pub const OBJECT_METHODS: MethodTable = &[
    ("yield", object_yield, false),
    ("pause", object_pause, false),
];

pub fn install_all(vm: &mut Vm) {
    let c = vm.p.coroutine;
    install(vm, c, "Coroutine", METHODS);
    for name in ["runTarget", "runLocals", "runMessage", "parentCoroutine"] {
        vm.set_slot_str(c, name, Value::NIL);
    }
    for s in [sym::result, sym::exception, sym::handler_stack] {
        vm.set_slot(c, s, Value::NIL);
    }
    let s = vm.p.scheduler;
    let q = vm.new_list(Vec::new());
    let t = vm.new_list(Vec::new());
    vm.sched = crate::vm::coro::Sched {
        queue: q.as_obj().expect("a list"),
        timers: t.as_obj().expect("a list"),
    };
    install(vm, s, "Scheduler", SCHEDULER_METHODS);
    let o = vm.p.object;
    install(vm, o, "Object", OBJECT_METHODS);
}

/// A coroutine object fresh for running `msg` on `target` with `locals`.
pub fn new_coroutine(vm: &mut Vm, target: Value, locals: Value, msg: Value) -> ObjRef {
    let proto = Value::obj(vm.p.coroutine);
    let c = vm.heap.alloc(
        &[proto],
        Payload::Coro(Box::new(CoroData::new(Status::Fresh))),
    );
    vm.set_slot(c, sym::run_target, target);
    vm.set_slot(c, sym::run_locals, locals);
    vm.set_slot(c, sym::run_message, msg);
    c
}

fn coro_target(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    match vm.coro(call.target) {
        Some(_) => Ok(call.target.as_obj().expect("coroutines are objects")),
        None => {
            let name = method_name(vm, call);
            let t = vm.type_name(call.target);
            vm.err(format!(
                "Coroutine {name}: receiver is a {t}, not a Coroutine"
            ))
        }
    }
}

fn current_coroutine(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::obj(vm.current))
}

fn is_current(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::bool(call.target == Value::obj(vm.current)))
}

fn is_finished(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::bool(
        vm.coro_status(call.target) == Some(Status::Finished),
    ))
}

/// `resume`: switch to the receiver, starting it if it has not started (or has finished).
fn resume(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    if c == vm.current {
        return value(call.target);
    }
    Ok(Flow::Switch {
        to: Value::obj(c),
        answer: call.target,
        cont: None,
    })
}

/// `run`: start the receiver afresh as a child of the running coroutine;
/// the caller goes on when it ends (or when something resumes the caller).
fn run(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    if c == vm.current {
        return value(call.target);
    }
    if let Some(d) = vm.coro_mut(c) {
        d.frames.clear();
        d.stack.clear();
        d.under = None;
        d.status = Status::Fresh;
    }
    Ok(Flow::Switch {
        to: Value::obj(c),
        answer: call.target,
        cont: None,
    })
}

/// Yield on behalf of coroutine `me`: queue it at the end and run the first
/// unfinished coroutine of the queue; nothing to do if the queue is empty.
fn yield_as(vm: &mut Vm, me: Value) -> NResult {
    vm.wake_expired_timers();
    let q = vm.sched.queue;
    let cur = Value::obj(vm.current);
    // The common case, two coroutines taking turns: swap in place.
    if let Payload::List(l) = &mut vm.heap.get_mut(q).payload {
        match l.len() {
            0 => return value(Value::NIL),
            1 if l[0] != me && l[0] != cur => {
                let next = l[0];
                if matches!(
                    vm.coro_status(next),
                    Some(Status::Suspended | Status::Fresh)
                ) {
                    if let Payload::List(l) = &mut vm.heap.get_mut(q).payload {
                        l[0] = me;
                    }
                    return Ok(Flow::Switch {
                        to: next,
                        answer: Value::NIL,
                        cont: None,
                    });
                }
            }
            _ => {}
        }
    }
    // Queue `me` at the end, then take off everything up to the first entry
    // that can run (stale entries are dropped on the way).
    if let Payload::List(l) = &mut vm.heap.get_mut(q).payload {
        l.push(me);
    }
    let found = match &vm.heap.get(q).payload {
        Payload::List(l) => l.iter().position(|c| {
            *c == me || *c == cur || matches!(vm.coro_status(*c), Some(s) if s != Status::Finished)
        }),
        _ => None,
    };
    let Some(i) = found else {
        return value(Value::NIL);
    };
    let next = match &mut vm.heap.get_mut(q).payload {
        Payload::List(l) => {
            let next = l[i];
            l.drain(..=i);
            next
        }
        _ => return value(Value::NIL),
    };
    if next == me || next == cur {
        return value(Value::NIL);
    }
    Ok(Flow::Switch {
        to: next,
        answer: Value::NIL,
        cont: None,
    })
}

/// Pause on behalf of `me`: take it off the queue; if it is running, run the
/// next runnable coroutine (idling on timers), or raise when none is left.
fn pause_as(vm: &mut Vm, me: Value) -> NResult {
    if let Some(q) = vm.queue_mut() {
        q.retain(|c| *c != me);
    }
    if me != Value::obj(vm.current) {
        return value(me);
    }
    match vm.next_runnable() {
        Some(n) if Value::obj(n) == me => value(Value::NIL),
        Some(n) => Ok(Flow::Switch {
            to: Value::obj(n),
            answer: Value::NIL,
            cont: None,
        }),
        None => vm.err("Scheduler: nothing left to resume so we are exiting"),
    }
}

fn coro_yield(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    yield_as(vm, Value::obj(c))
}

fn coro_pause(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    pause_as(vm, Value::obj(c))
}

fn object_yield(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let me = Value::obj(vm.current);
    yield_as(vm, me)
}

fn object_pause(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let me = Value::obj(vm.current);
    pause_as(vm, me)
}

/// `resumeLater`: put the receiver first in the run queue, without switching.
fn resume_later(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    let me = Value::obj(c);
    if let Some(q) = vm.queue_mut() {
        q.retain(|x| *x != me);
        q.insert(0, me);
    }
    value(me)
}

fn is_yielding(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = call.target;
    let yes = vm.queue_mut().is_some_and(|q| q.contains(&t));
    value(Value::bool(yes))
}

fn set_recent_in_chain(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    vm.set_recent_in_chain(c, arg(call, 0));
    value(call.target)
}

fn recent_in_chain(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    value(vm.recent_in_chain(c))
}

fn free_stack(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    if c != vm.current {
        if let Some(d) = vm.coro_mut(c) {
            d.frames.clear();
            d.stack.clear();
            d.under = None;
            if d.status == Status::Suspended {
                d.status = Status::Finished;
            }
        }
    }
    value(call.target)
}

/// The receiver's frames, outermost first (live ones for the running coroutine).
fn frames_of(vm: &Vm, c: ObjRef) -> Vec<crate::vm::frame::Frame> {
    let (live, under) = if c == vm.current {
        (vm.frames.clone(), vm.under.clone())
    } else {
        match vm.coro(Value::obj(c)) {
            Some(d) => (d.frames.clone(), d.under.clone()),
            None => (Vec::new(), None),
        }
    };
    let mut out: Vec<_> = under
        .as_ref()
        .map(|u| u.frames().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    out.reverse();
    out.extend(live);
    out
}

/// `ioStack`: the objects the receiver's frames hold (targets and locals), outermost first.
fn io_stack(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    let mut items = Vec::new();
    for f in frames_of(vm, c) {
        if matches!(f.exec, Exec::Code { .. }) {
            items.push(f.locals);
        }
    }
    value(vm.new_list(items))
}

/// `callStack`: the Call objects of the receiver's method and block activations, innermost first.
fn call_stack(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let c = coro_target(vm, call)?;
    let mut items = Vec::new();
    for f in frames_of(vm, c).iter().rev() {
        if !matches!(f.kind, Kind::Activation { .. }) {
            continue;
        }
        let cv = vm.heap.obj(f.locals).and_then(|l| l.get_local(sym::call));
        if let Some(cv) = cv {
            if !items.contains(&cv) {
                items.push(cv);
            }
        }
    }
    value(vm.new_list(items))
}

fn implementation(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(vm.symbol_string(b"frame-based"))
}

fn wake_expired_timers(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    vm.wake_expired_timers();
    value(call.target)
}

fn idle_until_next_timer(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    vm.idle_until_next_timer();
    value(call.target)
}

fn list_arg(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    let l = arg(call, 0);
    match vm.as_list(l) {
        Some(_) => Ok(l.as_obj().expect("lists are objects")),
        None => type_error(vm, call, 0, "List"),
    }
}

/// `yieldingCoros`: the scheduler's run queue (the VM holds it).
fn yielding_coros(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::obj(vm.sched.queue))
}

/// `setYieldingCoros(aList)`: the scheduler's run queue becomes aList.
fn set_yielding_coros(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    vm.sched.queue = list_arg(vm, call)?;
    value(call.target)
}

/// `timers`: the scheduler's timer list (the VM holds it).
fn timers(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::obj(vm.sched.timers))
}

/// `setTimers(aList)`: the scheduler's timer list becomes aList.
fn set_timers(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    vm.sched.timers = list_arg(vm, call)?;
    value(call.target)
}
