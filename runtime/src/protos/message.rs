//! Message: the parsed program as objects, open to inspection and rewriting.
//!
//! Every walk over a message tree here (printing, copying, relabelling) uses an
//! explicit work list: trees can be far deeper than the Rust stack. Trees
//! rewired by hand may share sub-trees or even contain cycles; the walks keep
//! track of what they have seen so that they always terminate. Every native
//! that changes a message bumps the message epoch so compiled code is rebuilt.

use super::*;
use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

pub const METHODS: MethodTable = &[
    ("clone", clone, false),
    ("name", name, false),
    ("setName", set_name, false),
    ("next", next, false),
    ("setNext", set_next, false),
    ("isEndOfLine", is_end_of_line, false),
    ("nextIgnoreEndOfLines", next_ignore_end_of_lines, false),
    ("last", last, false),
    ("lastBeforeEndOfLine", last_before_end_of_line, false),
    ("previous", previous, false),
    ("arguments", arguments, false),
    ("setArguments", set_arguments, false),
    ("argAt", arg_at, false),
    ("argCount", arg_count, false),
    ("appendArg", append_arg, false),
    ("appendCachedArg", append_cached_arg, false),
    ("cachedResult", cached_result, false),
    ("setCachedResult", set_cached_result, false),
    ("hasCachedResult", has_cached_result, false),
    ("removeCachedResult", remove_cached_result, false),
    ("label", label, false),
    ("setLabel", set_label, false),
    ("lineNumber", line_number, false),
    ("setLineNumber", set_line_number, false),
    ("characterNumber", character_number, false),
    ("setCharacterNumber", set_character_number, false),
    ("code", code, false),
    ("asString", code, false),
    ("asSimpleString", as_simple_string, false),
    ("codeOfLength", code_of_length, false),
    ("description", description, false),
    ("asStackEntry", as_stack_entry, false),
    ("fromString", from_string, false),
    ("doInContext", do_in_context, false),
    ("argsEvaluatedIn", args_evaluated_in, false),
    (
        "asMessageWithEvaluatedArgs",
        as_message_with_evaluated_args,
        false,
    ),
    ("opShuffle", op_shuffle, false),
    ("opShuffleC", op_shuffle, false),
    ("union", union, true),
    ("activate", activate, false),
];

/// Name of messages made without one (the proto, cached arguments, unions).
pub const UNNAMED: &str = "[unnamed]";

pub fn install_all(vm: &mut Vm) {
    let m = vm.p.message;
    let unnamed = vm.sym(UNNAMED);
    vm.message_mut(m).name = unnamed;
    install_direct(vm, m, "Message", METHODS);
    let table = Value::obj(vm.p.operator_table);
    vm.set_slot(m, sym::operator_table, table);
}

// ---- canonical text -----------------------------------------------------------

enum CodeStep {
    /// Print this message and what follows it in its chain.
    Msg(ObjRef),
    /// Print the separator after this message, then the rest of its chain.
    After(ObjRef),
    Text(&'static str),
    /// Start of an argument chain.
    Open(Value),
    /// End of the innermost open chain.
    Close,
}

/// Canonical source text of the chain starting at `m` (Message `code`):
/// arguments in parentheses separated by `, `, messages separated by a space,
/// `;` followed by a newline. Literals print as their source spelling, which
/// is their name. Non-messages print as nothing; a message reached again
/// through a cycle prints as `...`.
pub fn message_code(vm: &Vm, m: Value) -> String {
    let mut out = String::new();
    write_code(vm, m, &mut out, vm.max_alloc);
    out
}

/// Appends the text of the chain at `m` to `out`; false if it was cut off at
/// `limit` bytes.
pub fn write_code(vm: &Vm, m: Value, out: &mut String, limit: usize) -> bool {
    let semicolon = sym::semicolon;
    // Messages of the chains being printed: meeting one again means a cycle.
    let mut open: HashSet<ObjRef> = HashSet::default();
    let mut chains: Vec<Vec<ObjRef>> = Vec::new();
    let mut work = vec![CodeStep::Open(m)];
    while let Some(step) = work.pop() {
        if out.len() > limit {
            return false;
        }
        match step {
            CodeStep::Text(t) => out.push_str(t),
            CodeStep::Open(a) => {
                chains.push(Vec::new());
                work.push(CodeStep::Close);
                if let Some(r) = vm.message_ref(a) {
                    work.push(CodeStep::Msg(r));
                }
            }
            CodeStep::Close => {
                if let Some(done) = chains.pop() {
                    for r in done {
                        open.remove(&r);
                    }
                }
            }
            CodeStep::Msg(r) => {
                if !open.insert(r) {
                    out.push_str("...");
                    continue;
                }
                if let Some(c) = chains.last_mut() {
                    c.push(r);
                }
                let md = vm.message(r);
                out.push_str(vm.syms.name(md.name));
                work.push(CodeStep::After(r));
                if !md.args.is_empty() {
                    work.push(CodeStep::Text(")"));
                    for (i, &a) in md.args.iter().enumerate().rev() {
                        work.push(CodeStep::Open(a));
                        if i > 0 {
                            work.push(CodeStep::Text(", "));
                        }
                    }
                    work.push(CodeStep::Text("("));
                }
            }
            CodeStep::After(r) => {
                let md = vm.message(r);
                let next = vm.message_ref(md.next);
                if md.name == semicolon {
                    out.push('\n');
                } else if next.is_some() {
                    out.push(' ');
                }
                if let Some(n) = next {
                    work.push(CodeStep::Msg(n));
                }
            }
        }
    }
    out.len() <= limit
}

/// The canonical text, or an exception when it would exceed the allocation limit.
fn checked_code(vm: &mut Vm, m: Value) -> Result<String, Value> {
    let mut out = String::new();
    if write_code(vm, m, &mut out, vm.max_alloc) {
        Ok(out)
    } else {
        vm.err("Message code: the text is larger than the allocation limit")
    }
}

// ---- copying ------------------------------------------------------------------

/// Deep copy of the message tree at `root` (arguments and following messages),
/// made without recursion. Shared sub-trees stay shared in the copy and cycles
/// are copied as cycles. Non-message values are returned unchanged.
pub fn deep_copy(vm: &mut Vm, root: Value) -> Value {
    let Some(root_ref) = vm.message_ref(root) else {
        return root;
    };
    let mut copies: HashMap<ObjRef, ObjRef> = HashMap::default();
    let mut order: Vec<ObjRef> = Vec::new();
    let mut work = vec![root_ref];
    while let Some(r) = work.pop() {
        if copies.contains_key(&r) {
            continue;
        }
        let (name, label, line, col, cached) = {
            let md = vm.message(r);
            (md.name, md.label.clone(), md.line, md.col, md.cached)
        };
        let c = vm.new_message(name, &label, line, col);
        vm.message_mut(c).cached = cached;
        copies.insert(r, c);
        order.push(r);
        let md = vm.message(r);
        for &a in md.args.iter().rev() {
            if let Some(ar) = vm.message_ref(a) {
                work.push(ar);
            }
        }
        if let Some(n) = vm.message_ref(md.next) {
            work.push(n);
        }
    }
    let map = |v: Value| match v.as_obj().and_then(|r| copies.get(&r)) {
        Some(&c) => Value::obj(c),
        None => v,
    };
    for r in order {
        let (args, next) = {
            let md = vm.message(r);
            let args: Vec<Value> = md.args.iter().map(|&a| map(a)).collect();
            (args, map(md.next))
        };
        let c = copies[&r];
        let cm = vm.message_mut(c);
        cm.args = args;
        cm.next = next;
    }
    Value::obj(copies[&root_ref])
}

// ---- helpers --------------------------------------------------------------------

/// The receiver as a message, or an exception naming the method.
fn this(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    match vm.message_ref(call.target) {
        Some(r) => Ok(r),
        None => {
            let name = method_name(vm, call);
            let got = vm.type_name(call.target);
            vm.err(format!(
                "Message method '{name}' called on a '{got}', not a Message"
            ))
        }
    }
}

fn message_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Value, Value> {
    let v = arg(call, i);
    if vm.message_ref(v).is_some() {
        Ok(v)
    } else {
        type_error(vm, call, i, "Message")
    }
}

/// Pad `s` with spaces on the right to `width` characters.
pub fn align_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    let mut out = s.to_string();
    for _ in n..width {
        out.push(' ');
    }
    out
}

/// Last component of a slash-separated path.
pub fn last_path_component(path: &str) -> &str {
    let t = path.trim_end_matches('/');
    match t.rfind('/') {
        Some(i) => &t[i + 1..],
        None => t,
    }
}

/// Walk the chain from `r` with `step` until it answers None; a cycle ends the walk.
fn walk(vm: &Vm, r: ObjRef, step: impl Fn(&Vm, ObjRef) -> Option<ObjRef>) -> ObjRef {
    let mut seen = HashSet::default();
    let mut cur = r;
    seen.insert(cur);
    while let Some(n) = step(vm, cur) {
        if !seen.insert(n) {
            break;
        }
        cur = n;
    }
    cur
}

fn is_eol(vm: &Vm, r: ObjRef) -> bool {
    vm.message(r).name == sym::semicolon
}

fn next_ref(vm: &Vm, r: ObjRef) -> Option<ObjRef> {
    vm.message_ref(vm.message(r).next)
}

fn index_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Option<usize>, Value> {
    let n = num_arg(vm, call, i)?;
    Ok(if n >= 0.0 && n.is_finite() {
        Some(n as usize)
    } else {
        None
    })
}

// ---- natives: structure -----------------------------------------------------------

fn clone(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(deep_copy(vm, Value::obj(r)))
}

fn name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let n = vm.syms.name(vm.message(r).name).to_string();
    value(vm.symbol_string(n.as_bytes()))
}

fn set_name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let s = str_arg(vm, call, 0)?;
    let n = vm.sym(&s);
    vm.message_mut(r).name = n;
    vm.messages_changed();
    value(call.target)
}

fn next(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(vm.message(r).next)
}

fn set_next(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let n = arg(call, 0);
    if !n.is_nil() && vm.message_ref(n).is_none() {
        return type_error(vm, call, 0, "Message");
    }
    vm.message_mut(r).next = n;
    vm.messages_changed();
    value(call.target)
}

fn is_end_of_line(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(Value::bool(is_eol(vm, r)))
}

fn next_ignore_end_of_lines(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let mut seen = HashSet::default();
    let mut cur = next_ref(vm, r);
    while let Some(n) = cur {
        if !is_eol(vm, n) {
            return value(Value::obj(n));
        }
        if !seen.insert(n) {
            break;
        }
        cur = next_ref(vm, n);
    }
    value(Value::NIL)
}

fn last(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(Value::obj(walk(vm, r, next_ref)))
}

fn last_before_end_of_line(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let end = walk(vm, r, |vm, m| next_ref(vm, m).filter(|&n| !is_eol(vm, n)));
    value(Value::obj(end))
}

/// Messages keep no link to the one before them, so there is never a previous one.
fn previous(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    value(Value::NIL)
}

fn arguments(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let a = vm.message(r).args.clone();
    value(vm.new_list(a))
}

fn set_arguments(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let Some(items) = vm.as_list(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "List");
    };
    if items.iter().any(|&a| vm.message_ref(a).is_none()) {
        return vm.err("setArguments requires a List containing only Messages");
    }
    vm.message_mut(r).args = items;
    vm.messages_changed();
    value(call.target)
}

fn arg_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let i = index_arg(vm, call, 0)?;
    let a = &vm.message(r).args;
    value(i.and_then(|i| a.get(i).copied()).unwrap_or(Value::NIL))
}

fn arg_count(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(Value::num(vm.message(r).args.len() as f64))
}

fn append_arg(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let a = message_arg(vm, call, 0)?;
    vm.message_mut(r).args.push(a);
    vm.messages_changed();
    value(call.target)
}

/// A new unnamed message that evaluates to `v`, labelled like `like`.
fn cached_message(vm: &mut Vm, like: ObjRef, v: Value) -> Value {
    let (label, line, col) = {
        let md = vm.message(like);
        (md.label.clone(), md.line, md.col)
    };
    let n = vm.sym(UNNAMED);
    let m = vm.new_message(n, &label, line, col);
    vm.message_mut(m).cached = Some(v);
    Value::obj(m)
}

fn append_cached_arg(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let a = cached_message(vm, r, arg(call, 0));
    vm.message_mut(r).args.push(a);
    vm.messages_changed();
    value(call.target)
}

fn cached_result(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(vm.message(r).cached.unwrap_or(Value::NIL))
}

fn set_cached_result(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    vm.message_mut(r).cached = Some(arg(call, 0));
    vm.messages_changed();
    value(call.target)
}

fn has_cached_result(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(Value::bool(vm.message(r).cached.is_some()))
}

fn remove_cached_result(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    vm.message_mut(r).cached = None;
    vm.messages_changed();
    value(call.target)
}

// ---- natives: source location ------------------------------------------------------

fn label(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let l = vm.message(r).label.to_string();
    value(vm.str_value(&l))
}

/// Sets the label of the message, its arguments and the messages after it.
fn set_label(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let s = str_arg(vm, call, 0)?;
    let l: Rc<str> = s.into();
    let mut seen = HashSet::default();
    let mut work = vec![r];
    while let Some(m) = work.pop() {
        if !seen.insert(m) {
            continue;
        }
        let md = vm.message_mut(m);
        md.label = l.clone();
        let mut kids: Vec<Value> = md.args.clone();
        kids.push(md.next);
        for k in kids {
            if let Some(kr) = vm.message_ref(k) {
                work.push(kr);
            }
        }
    }
    vm.messages_changed();
    value(call.target)
}

fn line_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(Value::num(vm.message(r).line as f64))
}

/// A number argument clamped into the range of a source position.
fn position_arg(vm: &mut Vm, call: &NativeCall) -> Result<u32, Value> {
    let n = num_arg(vm, call, 0)?;
    Ok(if n.is_nan() || n <= 0.0 {
        0
    } else if n >= u32::MAX as f64 {
        u32::MAX
    } else {
        n as u32
    })
}

fn set_line_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let n = position_arg(vm, call)?;
    vm.message_mut(r).line = n;
    vm.messages_changed();
    value(call.target)
}

fn character_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    value(Value::num(vm.message(r).col as f64))
}

fn set_character_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let n = position_arg(vm, call)?;
    vm.message_mut(r).col = n;
    vm.messages_changed();
    value(call.target)
}

// ---- natives: text -----------------------------------------------------------------

fn code(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let s = checked_code(vm, Value::obj(r))?;
    value(vm.str_value(&s))
}

/// One line of code: `;` and newline become `; `, cut to 37 characters + `...` past 40.
fn as_simple_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let s = checked_code(vm, Value::obj(r))?.replace(" ;\n", "; ");
    let s = if s.chars().count() > 40 {
        let mut t: String = s.chars().take(37).collect();
        t.push_str("...");
        t
    } else {
        s
    };
    value(vm.str_value(&s))
}

/// `code` cut to n characters (then `...`), with newlines turned into `;`.
fn code_of_length(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let n = num_arg(vm, call, 0)?;
    let n = if n.is_nan() || n < 0.0 { 0 } else { n as usize };
    let c = checked_code(vm, Value::obj(r))?;
    let mut s = if c.chars().count() < n {
        c
    } else {
        let mut t: String = c.chars().take(n).collect();
        t.push_str("...");
        t
    };
    s = s.replace('\n', ";");
    value(vm.new_string(s.into_bytes(), true))
}

fn description(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let md = vm.message(r);
    let s = format!(
        "{}{} {}",
        align_left(vm.syms.name(md.name), 36),
        last_path_component(&md.label),
        md.line
    );
    value(vm.str_value(&s))
}

/// File name without extension padded to 19, line number padded to 7, then the name.
fn as_stack_entry(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let md = vm.message(r);
    let file = last_path_component(&md.label);
    let file = match file.rfind('.') {
        Some(i) if i > 0 => &file[..i],
        _ => file,
    };
    let s = format!(
        "{}{}{}",
        align_left(file, 19),
        align_left(&md.line.to_string(), 7),
        vm.syms.name(md.name)
    );
    value(vm.str_value(&s))
}

// ---- natives: evaluation -------------------------------------------------------------

fn from_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = str_arg(vm, call, 0)?;
    let label = match call.args.get(1) {
        Some(&l) if !l.is_nil() => str_arg(vm, call, 1)?,
        _ => vm
            .as_message(call.msg)
            .map(|m| m.label.to_string())
            .unwrap_or_else(|| "[fromString]".to_string()),
    };
    let m = vm.compile(&s, &label)?;
    value(m)
}

fn do_in_context(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let target = arg(call, 0);
    let locals = match call.args.get(1) {
        Some(&l) if !l.is_nil() => l,
        _ => target,
    };
    Ok(Flow::Eval {
        msg: Value::obj(r),
        target,
        locals,
        cont: None,
    })
}

/// Evaluate argument st[3] of message st[0] with target and locals st[2],
/// resuming `f` after.
fn eval_nth_arg(vm: &Vm, st: &ContState, f: crate::vm::ContFn) -> Option<NResult> {
    let i = st[3].as_num().unwrap_or(0.0) as usize;
    let a = vm.as_message(st[0]).and_then(|m| m.args.get(i).copied())?;
    Some(Ok(Flow::Eval {
        msg: a,
        target: st[2],
        locals: st[2],
        cont: Some(Cont { f, state: *st }),
    }))
}

// argsEvaluatedIn: state = [message, result list, context, index]
fn args_evaluated_in(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let list = vm.new_list(Vec::new());
    let st = state(&[Value::obj(r), list, arg(call, 0), Value::num(0.0)]);
    eval_nth_arg(vm, &st, args_evaluated_cont).unwrap_or_else(|| value(list))
}

fn args_evaluated_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
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
    eval_nth_arg(vm, st, args_evaluated_cont).unwrap_or_else(|| value(st[1]))
}

/// True if some argument of a message in the chain at `r` is more than one cached value.
fn needs_evaluation(vm: &Vm, r: ObjRef) -> bool {
    let mut seen = HashSet::default();
    let mut cur = Some(r);
    while let Some(m) = cur {
        if !seen.insert(m) {
            break;
        }
        let md = vm.message(m);
        if md.args.iter().any(|&a| {
            vm.as_message(a)
                .is_some_and(|am| am.cached.is_none() || !am.next.is_nil())
        }) {
            return true;
        }
        cur = next_ref(vm, m);
    }
    false
}

// asMessageWithEvaluatedArgs: state = [message, copy, context, index]
fn as_message_with_evaluated_args(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let ctx = match call.args.first() {
        Some(&c) => c,
        None => call.locals,
    };
    if !needs_evaluation(vm, r) {
        return value(call.target);
    }
    let (name, label, line, col) = {
        let md = vm.message(r);
        (md.name, md.label.clone(), md.line, md.col)
    };
    let copy = Value::obj(vm.new_message(name, &label, line, col));
    let st = state(&[Value::obj(r), copy, ctx, Value::num(0.0)]);
    eval_nth_arg(vm, &st, evaluated_args_cont).unwrap_or_else(|| value(copy))
}

fn evaluated_args_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let v = match how {
        Resume::Value(v) => v,
        other => return pass_on(other),
    };
    if let Some(copy) = vm.message_ref(st[1]) {
        let a = cached_message(vm, copy, v);
        vm.message_mut(copy).args.push(a);
    }
    st[3] = Value::num(st[3].as_num().unwrap_or(0.0) + 1.0);
    eval_nth_arg(vm, st, evaluated_args_cont).unwrap_or_else(|| value(st[1]))
}

/// A message marked activatable runs when read from a slot: it is evaluated
/// with the reader's locals as target and locals.
fn activate(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    Ok(Flow::Eval {
        msg: Value::obj(r),
        target: call.locals,
        locals: call.locals,
        cont: None,
    })
}

/// Operators are already arranged when code is parsed; nothing is left to do.
fn op_shuffle(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    value(call.target)
}

/// `a union(b(x, y))`: a new unnamed message whose arguments are the receiver
/// followed by the arguments of the argument message as written.
fn union(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = this(vm, call)?;
    let mut args = vec![Value::obj(r)];
    if let Some(m) = vm.as_message(msg_arg(vm, call, 0)) {
        args.extend(m.args.iter().copied());
    }
    let (label, line, col) = {
        let md = vm.message(r);
        (md.label.clone(), md.line, md.col)
    };
    let n = vm.sym(UNNAMED);
    let u = vm.new_message(n, &label, line, col);
    vm.message_mut(u).args = args;
    value(Value::obj(u))
}
