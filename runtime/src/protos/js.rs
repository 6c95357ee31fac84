//! JS and JSObject: Io's bridge to the JavaScript host of a bundled module
//! (`ioc bundle`). `JS` reaches the page's globals; every JavaScript value
//! that is not a number, string, boolean, null or undefined comes into Io as
//! a JSObject, which forwards the messages it does not understand to the
//! JavaScript value (a function property is called, another property read).
//! Io blocks passed to JavaScript become functions that run the block on a
//! coroutine of its own, so a handler may `yield` or `wait`.
//!
//! Every request goes through `Host::js`; this room never talks to a host
//! directly, and on a host without JavaScript every method raises.

use super::*;
use crate::host::{Host, JsCallback, JsError, JsOp, JsValue, Lent};
use crate::symbol::Sym;
use crate::vm::coro::Status;

pub const JS_METHODS: MethodTable = &[
    ("global", js_global, false),
    ("get", js_get_global, false),
    ("set", js_set_global, false),
    ("eval", js_eval, false),
    ("new", js_new_global, false),
    ("isAvailable", js_is_available, false),
    ("forward", js_forward_global, false),
];

pub const JSOBJECT_METHODS: MethodTable = &[
    ("get", obj_get, false),
    ("set", obj_set, false),
    ("invoke", obj_invoke, false),
    ("call", obj_call, false),
    ("new", obj_new, false),
    ("typeOf", obj_type_of, false),
    ("instanceOf", obj_instance_of, false),
    ("asString", obj_as_string, false),
    ("handle", obj_handle, false),
    ("forward", obj_forward, false),
];

/// The bridge's state in the VM: the protos, and the Io blocks handed to
/// JavaScript as functions (kept alive while JavaScript may call them).
#[derive(Default)]
pub struct JsState {
    /// The JSObject proto.
    pub proto: Option<ObjRef>,
    /// Blocks by callback id (nil where released).
    callbacks: Vec<Value>,
    by_block: crate::fxhash::FxHashMap<ObjRef, u32>,
    free: Vec<u32>,
    /// The message a callback's coroutine runs (made once).
    invoker: Option<Value>,
}

impl JsState {
    pub fn roots(&self, out: &mut Vec<Value>) {
        out.extend(self.callbacks.iter().copied());
        out.extend(self.invoker);
        out.extend(self.proto.map(Value::obj));
    }
}

pub fn install_all(vm: &mut Vm) {
    let object = vm.p.object;
    let proto = vm.heap.alloc(&[Value::obj(object)], Payload::Js(0));
    let t = vm.symbol_string(b"JSObject");
    vm.set_slot(proto, sym::type_, t);
    install(vm, proto, "JSObject", JSOBJECT_METHODS);
    let js = vm.new_object(object);
    let t = vm.symbol_string(b"JS");
    vm.set_slot(js, sym::type_, t);
    install(vm, js, "JS", JS_METHODS);
    let core = vm.p.core;
    vm.set_slot_str(core, "JSObject", Value::obj(proto));
    vm.set_slot_str(core, "JS", Value::obj(js));
    vm.js.proto = Some(proto);
}

/// Hand the handles of dead JSObjects back to the host.
pub fn release_dead(vm: &mut Vm) {
    let dead = std::mem::take(&mut vm.heap.js_released);
    for h in dead.into_iter().filter(|&h| h != 0) {
        let _ = host_js(vm, JsOp::Release, h, "", &[]);
    }
}

// ---- requests ------------------------------------------------------------------

/// Ask the host; a failure becomes an Io exception.
fn request(
    vm: &mut Vm,
    op: JsOp,
    target: u32,
    key: &str,
    args: &[JsValue],
) -> Result<Value, Value> {
    match host_js(vm, op, target, key, args) {
        Ok(v) => Ok(from_js(vm, v)),
        Err(e) => Err(js_error(vm, e)),
    }
}

/// Ask the host, lending it out of the VM for the time of the request: an
/// Io block that JavaScript calls meanwhile runs on the VM, with the host
/// lent back to it (`run_nested_callback`).
fn host_js(
    vm: &mut Vm,
    op: JsOp,
    target: u32,
    key: &str,
    args: &[JsValue],
) -> Result<JsValue, JsError> {
    let mut host = std::mem::replace(&mut vm.host, Box::new(Lent::none()));
    let r = {
        let mut reenter = |lent: &mut dyn Host, id: u32, args: Vec<JsValue>| {
            // SAFETY: the Lent is the VM's host only until the run ends, and
            // the request that lent the host waits for it meanwhile.
            let outer = std::mem::replace(&mut vm.host, Box::new(unsafe { Lent::new(lent) }));
            let out = run_nested_callback(vm, id, args);
            vm.host.flush();
            vm.host = outer;
            out
        };
        host.js(op, target, key, args, &mut reenter)
    };
    vm.host = host;
    r
}

fn js_error(vm: &mut Vm, e: JsError) -> Value {
    match e {
        JsError::Unavailable => vm.error(
            "JS: no JavaScript host here (a module built by `ioc bundle` and run in a page has one)",
        ),
        JsError::Thrown(text) => vm.error(text),
        JsError::Invalid(text) => vm.error(format!("JS: {text}")),
    }
}

fn global_handle(vm: &mut Vm) -> Result<u32, Value> {
    match host_js(vm, JsOp::Global, 0, "", &[]) {
        Ok(JsValue::Handle(h)) => Ok(h),
        Ok(_) => Err(vm.error("JS: the host answered no global object")),
        Err(e) => Err(js_error(vm, e)),
    }
}

// ---- conversions ---------------------------------------------------------------

/// A JavaScript value as an Io value.
pub fn from_js(vm: &mut Vm, v: JsValue) -> Value {
    match v {
        JsValue::Undefined | JsValue::Null => Value::NIL,
        JsValue::Bool(b) => Value::bool(b),
        JsValue::Number(n) => Value::num(n),
        JsValue::String(s) => vm.new_string(s.into_bytes(), false),
        JsValue::Handle(h) => wrap(vm, h),
        JsValue::Callback(id) => vm
            .js
            .callbacks
            .get(id as usize)
            .copied()
            .unwrap_or(Value::NIL),
    }
}

/// A new JSObject for handle `h` (released when it dies).
fn wrap(vm: &mut Vm, h: u32) -> Value {
    let proto = match vm.js.proto {
        Some(p) => p,
        None => vm.p.object,
    };
    vm.charge(1);
    Value::obj(vm.heap.alloc(&[Value::obj(proto)], Payload::Js(h)))
}

/// The handle of a JSObject, or of the first JSObject among its protos,
/// depth first (a clone of a JSObject, or an Element with the JavaScript
/// element among its protos, stands for the same JavaScript value).
fn handle_of(vm: &Vm, v: Value) -> Option<u32> {
    let mut seen: Vec<Value> = Vec::new();
    let mut todo = vec![v];
    while let Some(v) = todo.pop() {
        if seen.contains(&v) || seen.len() > 256 {
            continue;
        }
        seen.push(v);
        let o = vm.heap.obj(v)?;
        match o.payload {
            Payload::Js(h) if h != 0 => return Some(h),
            // The JSObject proto stands for nothing, nor do its protos.
            Payload::Js(_) => continue,
            _ => todo.extend(o.protos.iter().rev().copied()),
        }
    }
    None
}

/// An Io value as a JavaScript value: nil is null, Sequences are strings,
/// Blocks are functions, Lists are arrays (of converted items).
pub fn to_js(vm: &mut Vm, v: Value) -> Result<JsValue, Value> {
    if v == Value::NIL {
        return Ok(JsValue::Null);
    }
    if v == Value::TRUE || v == Value::FALSE {
        return Ok(JsValue::Bool(v == Value::TRUE));
    }
    if let Some(n) = v.as_num() {
        return Ok(JsValue::Number(n));
    }
    let Some(o) = vm.heap.obj(v) else {
        return Ok(JsValue::Null);
    };
    match &o.payload {
        Payload::Number(n) => Ok(JsValue::Number(*n)),
        Payload::Seq(s) => Ok(JsValue::String(
            String::from_utf8_lossy(&s.bytes).into_owned(),
        )),
        Payload::Block(_) => Ok(JsValue::Callback(register(vm, v))),
        Payload::List(items) => {
            let items = items.clone();
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(to_js(vm, item)?);
            }
            let g = global_handle(vm)?;
            let array = request(vm, JsOp::Get, g, "Array", &[])?;
            let Some(a) = handle_of(vm, array) else {
                return Err(vm.error("JS: the host has no Array"));
            };
            vm.extra_roots.push(array);
            let made = request(vm, JsOp::Call, a, "of", &out);
            vm.extra_roots.pop();
            let made = made?;
            // The array's wrapper stays alive in the caller's roots until the
            // request that takes it is done, then dies and releases it.
            vm.extra_roots.push(made);
            match handle_of(vm, made) {
                Some(h) => Ok(JsValue::Handle(h)),
                None => Err(vm.error("JS: Array.of answered no array")),
            }
        }
        _ => match handle_of(vm, v) {
            Some(h) => Ok(JsValue::Handle(h)),
            None => {
                let t = vm.type_name(v);
                Err(vm.error(format!(
                    "JS: a {t} cannot be passed to JavaScript (pass a Number, Sequence, Block, List, JSObject, true, false or nil)"
                )))
            }
        },
    }
}

/// Convert arguments; the wrappers made for Lists stay rooted until
/// `done_with_args` (with the mark this answers).
fn args_to_js(vm: &mut Vm, args: &[Value]) -> Result<(Vec<JsValue>, usize), Value> {
    let mark = vm.extra_roots.len();
    let mut out = Vec::with_capacity(args.len());
    for &a in args {
        match to_js(vm, a) {
            Ok(j) => out.push(j),
            Err(e) => {
                vm.extra_roots.truncate(mark);
                return Err(e);
            }
        }
    }
    Ok((out, mark))
}

fn done_with_args(vm: &mut Vm, mark: usize) {
    vm.extra_roots.truncate(mark);
}

/// The callback id of `block`, registering it on first use.
fn register(vm: &mut Vm, block: Value) -> u32 {
    let Some(r) = block.as_obj() else { return 0 };
    if let Some(&id) = vm.js.by_block.get(&r) {
        return id;
    }
    let id = match vm.js.free.pop() {
        Some(id) => {
            vm.js.callbacks[id as usize] = block;
            id
        }
        None => {
            vm.js.callbacks.push(block);
            (vm.js.callbacks.len() - 1) as u32
        }
    };
    vm.js.by_block.insert(r, id);
    id
}

/// Forget callback `id` (JavaScript dropped its last function for it).
pub fn release_callback(vm: &mut Vm, id: u32) {
    let Some(slot) = vm.js.callbacks.get_mut(id as usize) else {
        return;
    };
    if let Some(r) = slot.as_obj() {
        vm.js.by_block.remove(&r);
        *slot = Value::NIL;
        vm.js.free.push(id);
    }
}

/// A property key: a Sequence, or a Number (an index).
fn key_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<String, Value> {
    let v = arg(call, i);
    if let Some(n) = vm.as_number(v) {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            return Ok(format!("{}", n as i64));
        }
        return Ok(format!("{n}"));
    }
    str_arg(vm, call, i)
}

fn target_handle(vm: &mut Vm, call: &NativeCall) -> Result<u32, Value> {
    match handle_of(vm, call.target) {
        Some(h) => Ok(h),
        None => {
            let name = method_name(vm, call);
            vm.err(format!(
                "JSObject {name}: the receiver stands for no JavaScript value"
            ))
        }
    }
}

/// Run `op` on `target` with `key` and the call's arguments from `from` on.
fn with_args(
    vm: &mut Vm,
    call: &NativeCall,
    op: JsOp,
    target: u32,
    key: &str,
    from: usize,
) -> NResult {
    let rest: Vec<Value> = call.args.iter().skip(from).copied().collect();
    let (args, mark) = args_to_js(vm, &rest)?;
    let r = request(vm, op, target, key, &args);
    done_with_args(vm, mark);
    value(r?)
}

// ---- JS ----------------------------------------------------------------------------

fn js_global(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let g = global_handle(vm)?;
    value(wrap(vm, g))
}

fn js_get_global(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let key = key_arg(vm, call, 0)?;
    let g = global_handle(vm)?;
    value(request(vm, JsOp::Get, g, &key, &[])?)
}

fn js_set_global(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let key = key_arg(vm, call, 0)?;
    let g = global_handle(vm)?;
    with_args(vm, call, JsOp::Set, g, &key, 1)?;
    value(call.target)
}

fn js_eval(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    str_arg(vm, call, 0)?;
    let g = global_handle(vm)?;
    with_args(vm, call, JsOp::Call, g, "eval", 0)
}

/// `JS new("Date", args...)` or `JS new(aConstructor, args...)`.
fn js_new_global(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let ctor = arg(call, 0);
    let h = match handle_of(vm, ctor) {
        Some(h) => h,
        None => {
            let name = str_arg(vm, call, 0)?;
            let g = global_handle(vm)?;
            let c = request(vm, JsOp::Get, g, &name, &[])?;
            match handle_of(vm, c) {
                Some(h) => {
                    vm.extra_roots.push(c);
                    let r = with_args(vm, call, JsOp::New, h, "", 1);
                    vm.extra_roots.pop();
                    return r;
                }
                None => return vm.err(format!("JS new: no constructor named {name}")),
            }
        }
    };
    with_args(vm, call, JsOp::New, h, "", 1)
}

fn js_is_available(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::bool(host_js(vm, JsOp::Global, 0, "", &[]).is_ok()))
}

fn js_forward_global(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let g = global_handle(vm)?;
    forward_to(vm, call, g)
}

// ---- JSObject ------------------------------------------------------------------

fn obj_get(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    let key = key_arg(vm, call, 0)?;
    value(request(vm, JsOp::Get, h, &key, &[])?)
}

fn obj_set(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    let key = key_arg(vm, call, 0)?;
    with_args(vm, call, JsOp::Set, h, &key, 1)?;
    value(call.target)
}

fn obj_invoke(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    let key = key_arg(vm, call, 0)?;
    with_args(vm, call, JsOp::Call, h, &key, 1)
}

fn obj_call(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    with_args(vm, call, JsOp::Apply, h, "", 0)
}

fn obj_new(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    with_args(vm, call, JsOp::New, h, "", 0)
}

fn obj_type_of(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    value(request(vm, JsOp::TypeOf, h, "", &[])?)
}

fn obj_instance_of(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    with_args(vm, call, JsOp::InstanceOf, h, "", 0)
}

fn obj_as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    let s = request(vm, JsOp::Call, h, "toString", &[])?;
    if vm.as_seq(s).is_some() {
        return value(s);
    }
    value(vm.new_string(b"[JSObject]".to_vec(), false))
}

fn obj_handle(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    value(Value::num(h as f64))
}

fn obj_forward(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let h = target_handle(vm, call)?;
    forward_to(vm, call, h)
}

/// A message the receiver does not understand, sent on to JavaScript value
/// `h` in one request: a function property is called with the arguments
/// (`el focus`, `el setAttribute("id", "x")`); another property is read
/// (`el textContent`); `setName(v)`, where the value has no `setName`
/// function, sets the property `name`.
fn forward_to(vm: &mut Vm, call: &NativeCall, h: u32) -> NResult {
    let name = method_name(vm, call);
    let (args, mark) = args_to_js(vm, &call.args)?;
    let r = host_js(vm, JsOp::Send, h, &name, &args);
    done_with_args(vm, mark);
    match r {
        Ok(v) => value(from_js(vm, v)),
        Err(JsError::Invalid(_)) => match setter_field(&name) {
            Some(field) if call.args.len() == 1 => {
                with_args(vm, call, JsOp::Set, h, &field, 0)?;
                value(call.target)
            }
            _ => vm.err(format!(
                "JSObject: '{name}' is not a function of this JavaScript value, and cannot take arguments"
            )),
        },
        Err(e) => Err(js_error(vm, e)),
    }
}

/// `setTextContent` → `textContent`.
fn setter_field(name: &str) -> Option<String> {
    let rest = name.strip_prefix("set")?;
    let mut chars = rest.chars();
    let first = chars.next()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    Some(first.to_ascii_lowercase().to_string() + chars.as_str())
}

// ---- callbacks and the event loop ---------------------------------------------------

/// How many times `run_ready` lets the runnable coroutines take a turn
/// before giving the page back (the host calls again at once).
const TURNS_PER_TICK: usize = 10_000;

/// Run the coroutines able to run until each has yielded, waits on a timer
/// or ended. Answers whether some can still run (`TURNS_PER_TICK` ran out:
/// the host should come back soon). An error is an engine stop (`System
/// exit`, a limit), not an Io exception of a coroutine, which is reported
/// where it happens.
pub fn run_ready(vm: &mut Vm) -> Result<bool, Value> {
    let name = vm.sym("yield");
    let msg = vm.synthetic_message(name);
    for _ in 0..TURNS_PER_TICK {
        vm.wake_expired_timers();
        if vm.first_runnable_in_queue().is_none() {
            return Ok(false);
        }
        let lobby = vm.lobby();
        vm.eval_message(msg, lobby, lobby)?;
    }
    Ok(vm.first_runnable_in_queue().is_some())
}

/// Seconds until the first timer is due (0 when overdue), or None without timers.
pub fn next_timer_in(vm: &mut Vm) -> Option<f64> {
    let (when, _) = vm.first_timer()?;
    let now = vm.host.now();
    Some((when - now).max(0.0))
}

/// What calling back into Io answered.
pub enum Callback {
    /// The block ended with this value.
    Value(JsValue),
    /// The block raised this exception (reported nowhere yet).
    Raised(Value),
    /// The block is waiting (a timer, another coroutine): it goes on later.
    Suspended,
}

/// Run the block of callback `id` with `args` on a coroutine of its own,
/// then every coroutine able to run, until each waits or ends.
pub fn run_callback(vm: &mut Vm, id: u32, args: Vec<JsValue>) -> Result<Callback, Value> {
    let (holder, invoker, mark) = match prepare_callback(vm, id, args) {
        Ok(p) => p,
        Err(e) => return Ok(Callback::Raised(e)),
    };
    let c = coroutine::new_coroutine(vm, Value::obj(holder), Value::obj(holder), invoker);
    vm.extra_roots.push(Value::obj(c));
    if let Some(d) = vm.coro_mut(c) {
        d.catches = true;
    }
    if let Some(q) = vm.queue_mut() {
        q.insert(0, Value::obj(c));
    }
    let ran = run_ready(vm);
    let outcome = match vm.coro_status(Value::obj(c)) {
        Some(Status::Finished) => {
            let e = local(vm, c, sym::exception);
            if e != Value::NIL {
                Callback::Raised(e)
            } else {
                let result_sym = vm.sym("result");
                let r = local(vm, holder, result_sym);
                Callback::Value(to_js(vm, r).unwrap_or(JsValue::Undefined))
            }
        }
        _ => {
            // Still waiting: an exception it raises later is reported then.
            if let Some(d) = vm.coro_mut(c) {
                d.catches = false;
            }
            Callback::Suspended
        }
    };
    vm.extra_roots.truncate(mark);
    ran?;
    Ok(outcome)
}

/// The object a callback runs on (its block and arguments in slots, rooted
/// from the mark answered), and the message that runs it.
/// The message a callback's coroutine runs, made the first time (a module
/// built without the parser has it made at build time: see
/// shake::drop_parser).
pub fn invoker(vm: &mut Vm) -> Result<Value, Value> {
    if let Some(m) = vm.js.invoker {
        return Ok(m);
    }
    let m = vm.compile(
        "setSlot(\"result\", getSlot(\"block\") callWithArgList(args))",
        "[JS callback]",
    )?;
    vm.js.invoker = Some(m);
    Ok(m)
}

fn prepare_callback(
    vm: &mut Vm,
    id: u32,
    args: Vec<JsValue>,
) -> Result<(ObjRef, Value, usize), Value> {
    let block = vm
        .js
        .callbacks
        .get(id as usize)
        .copied()
        .unwrap_or(Value::NIL);
    if block == Value::NIL {
        return Err(vm.error(format!("JS: callback {id} was released")));
    }
    let invoker = invoker(vm)?;
    let mark = vm.extra_roots.len();
    let items: Vec<Value> = args
        .into_iter()
        .map(|a| {
            let v = from_js(vm, a);
            vm.extra_roots.push(v);
            v
        })
        .collect();
    let list = vm.new_list(items);
    vm.extra_roots.push(list);
    let object = vm.p.object;
    let holder = vm.new_object(object);
    vm.extra_roots.push(Value::obj(holder));
    let block_sym = vm.sym("block");
    let args_sym = vm.sym("args");
    vm.heap.set_slot(holder, block_sym, block);
    vm.heap.set_slot(holder, args_sym, list);
    Ok((holder, invoker, mark))
}

/// Run the block of callback `id` at once, on the running coroutine, while
/// Io waits in a JavaScript request that called it (JavaScript wants its
/// answer before the request can go on). A wait in it holds the page.
fn run_nested_callback(vm: &mut Vm, id: u32, args: Vec<JsValue>) -> JsCallback {
    match prepare_callback(vm, id, args) {
        Ok((holder, invoker, mark)) => {
            let r = vm.eval_message(invoker, Value::obj(holder), Value::obj(holder));
            let out = match r {
                Ok(_) => {
                    let result_sym = vm.sym("result");
                    let v = local(vm, holder, result_sym);
                    JsCallback::Value(to_js(vm, v).unwrap_or(JsValue::Undefined))
                }
                Err(e) => JsCallback::Raised(crate::report::error_text(vm, e)),
            };
            vm.extra_roots.truncate(mark);
            out
        }
        Err(e) => JsCallback::Raised(crate::report::error_text(vm, e)),
    }
}

fn local(vm: &Vm, o: ObjRef, name: Sym) -> Value {
    vm.heap.get(o).get_local(name).unwrap_or(Value::NIL)
}

#[cfg(test)]
#[path = "js_tests.rs"]
mod tests;
