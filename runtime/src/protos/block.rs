//! Block: methods (`method(...)`, activatable, no scope) and blocks
//! (`block(...)`, with the scope they were made in).

use super::*;
use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::heap::{BlockData, FLAG_ACTIVATABLE};
use crate::symbol::Sym;
use crate::vm::frame::{Exec, Frame, Kind};
use crate::vm::Args;

pub const METHODS: MethodTable = &[
    ("clone", clone, false),
    ("call", call_block, false),
    ("callWithArgList", call_with_arg_list, false),
    ("performOn", perform_on, false),
    ("argumentNames", argument_names, false),
    ("setArgumentNames", set_argument_names, false),
    ("message", message, false),
    ("setMessage", set_message, false),
    ("scope", scope, false),
    ("setScope", set_scope, false),
    ("passStops", pass_stops, false),
    ("setPassStops", set_pass_stops, false),
    ("code", code, false),
    ("asString", as_string, false),
    ("asSimpleString", as_simple_string, false),
    ("print", print, false),
    ("println", print, false),
];

pub fn install_all(vm: &mut Vm) {
    let b = vm.p.block;
    install(vm, b, "Block", METHODS);
}

/// Label of code typed at the prompt or given with `-e`; its listings get no header.
const COMMAND_LINE_LABEL: &str = "Command Line";

/// Longest listing made (bytes): deeply nested bodies indent quadratically.
const MAX_LISTING: usize = 1 << 26;

fn block_mut(vm: &mut Vm, v: Value) -> Option<&mut BlockData> {
    match &mut vm.heap.get_mut(v.as_obj()?).payload {
        Payload::Block(b) => Some(b),
        _ => None,
    }
}

/// Parts of a block, copied out of the heap.
struct Parts {
    args: Vec<Sym>,
    body: Value,
    scope: Option<Value>,
    pass_stops: bool,
}

/// The receiver's block data, or an exception naming the method.
fn this(vm: &mut Vm, call: &NativeCall) -> Result<Parts, Value> {
    match vm.as_block(call.target) {
        Some(b) => Ok(Parts {
            args: b.args.clone(),
            body: b.body,
            scope: b.scope,
            pass_stops: b.pass_stops,
        }),
        None => {
            let name = method_name(vm, call);
            let got = vm.type_name(call.target);
            vm.err(format!(
                "Block method '{name}' called on a '{got}', not a Block"
            ))
        }
    }
}

// ---- cloning -------------------------------------------------------------------------

/// A clone of a Block is a Block with a copy of its body, its argument names,
/// scope, passStops and activatability; `init` runs on it as for any clone.
fn clone(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = call.target;
    let new = match vm.as_block(t) {
        Some(b) => {
            let (args, body, scope, pass_stops) = (b.args.clone(), b.body, b.scope, b.pass_stops);
            let body = super::message::deep_copy(vm, body);
            let r = vm.heap.alloc(
                &[t],
                Payload::Block(Box::new(BlockData {
                    args,
                    body,
                    scope,
                    pass_stops,
                    locals_shape: 0,
                })),
            );
            let act = vm.heap.obj(t).is_some_and(|o| o.is_activatable());
            vm.heap.set_flag(r, FLAG_ACTIVATABLE, act);
            Value::obj(r)
        }
        None if t.is_num() => return value(t),
        None => super::object::raw_clone(vm, t),
    };
    match vm.lookup(new, sym::init) {
        Some(f) => {
            let is_default = matches!(
                vm.heap.obj(f.value).map(|o| &o.payload),
                Some(Payload::Native(n)) if n.name == sym::init && n.type_name == "Object"
            );
            if is_default || !vm.heap.obj(f.value).is_some_and(|o| o.is_activatable()) {
                value(new)
            } else {
                Ok(Flow::Send {
                    target: new,
                    name: sym::init,
                    args: Args::new(),
                    cont: cont(answer_state0, state(&[new])),
                })
            }
        }
        None => value(new),
    }
}

// ---- activation ----------------------------------------------------------------------

fn call_block(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    Ok(Flow::Activate {
        block: call.target,
        target: call.locals,
        args: call.args.clone(),
        msg: call.msg,
        cont: None,
    })
}

fn call_with_arg_list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
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

fn pass_through(_vm: &mut Vm, _st: &mut ContState, how: Resume) -> NResult {
    pass_on(how)
}

/// Activate `block` on `target` with `args`, the call's sender being `sender`.
///
/// An activation takes its sender from the frame it starts on top of, so a
/// frame that only hands the result back is put under it when the sender is
/// not the current locals.
fn activate_with_sender(
    vm: &mut Vm,
    block: Value,
    target: Value,
    sender: Value,
    args: Args,
    msg: Value,
) -> NResult {
    let current = vm.frames.last().map_or(Value::NIL, |f| f.locals);
    if sender != current {
        let base = vm.stack.len() as u32;
        vm.frames.push(Frame {
            exec: Exec::Native(Cont {
                f: pass_through,
                state: state(&[]),
            }),
            kind: Kind::Native,
            r: Value::NIL,
            target: sender,
            locals: sender,
            base,
            msg: Value::NIL,
            owner: Value::NIL,
        });
    }
    Ok(Flow::Activate {
        block,
        target,
        args,
        msg,
        cont: None,
    })
}

// performOn: state = [block, target, sender, message, index, formal count, evaluated list]
/// `performOn(target, [locals], [message], [slotContext])`: activate with self
/// (for methods) being target, the call's sender `locals` (default: the
/// caller's locals) and its message `message`, whose arguments are then
/// evaluated in `locals` for the formal arguments. Without a message the call
/// is this `performOn` message itself, whose arguments are already evaluated.
/// The slot context of the activation is the block itself.
fn perform_on(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let parts = this(vm, call)?;
    let target = arg(call, 0);
    let n = call.args.len();
    let sender = if n > 1 { arg(call, 1) } else { call.locals };
    let msg = arg(call, 2);
    if n <= 2 || msg.is_nil() {
        let args = call.args.clone();
        return activate_with_sender(vm, call.target, target, sender, args, call.msg);
    }
    if vm.message_ref(msg).is_none() {
        return type_error(vm, call, 2, "Message");
    }
    let list = vm.new_list(Vec::new());
    let st = state(&[
        call.target,
        target,
        sender,
        msg,
        Value::num(0.0),
        Value::num(parts.args.len() as f64),
        list,
    ]);
    perform_on_step(vm, st)
}

fn perform_on_step(vm: &mut Vm, st: ContState) -> NResult {
    let i = st[4].as_num().unwrap_or(0.0) as usize;
    let k = st[5].as_num().unwrap_or(0.0) as usize;
    let next_arg = if i < k {
        vm.as_message(st[3]).and_then(|m| m.args.get(i).copied())
    } else {
        None
    };
    if let Some(a) = next_arg {
        return Ok(Flow::Eval {
            msg: a,
            target: st[2],
            locals: st[2],
            cont: cont(perform_on_cont, st),
        });
    }
    let args: Args = vm
        .as_list(st[6])
        .map(|l| l.iter().copied().collect())
        .unwrap_or_default();
    activate_with_sender(vm, st[0], st[1], st[2], args, st[3])
}

fn perform_on_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let v = match how {
        Resume::Value(v) => v,
        other => return pass_on(other),
    };
    if let Some(r) = st[6].as_obj() {
        if let Payload::List(items) = &mut vm.heap.get_mut(r).payload {
            items.push(v);
        }
    }
    st[4] = Value::num(st[4].as_num().unwrap_or(0.0) + 1.0);
    perform_on_step(vm, *st)
}

// ---- parts ---------------------------------------------------------------------------

fn argument_names(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let parts = this(vm, call)?;
    let items = parts
        .args
        .into_iter()
        .map(|s| {
            let t = vm.syms.name(s).to_string();
            vm.symbol_string(t.as_bytes())
        })
        .collect();
    value(vm.new_list(items))
}

fn set_argument_names(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    let Some(l) = vm.as_list(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "List");
    };
    let mut names = Vec::new();
    for v in l {
        match vm.string_of(v) {
            Some(s) => names.push(vm.sym(&s)),
            None => return vm.err("argument names must be Strings"),
        }
    }
    if let Some(b) = block_mut(vm, call.target) {
        b.args = names;
    }
    value(call.target)
}

fn message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let parts = this(vm, call)?;
    value(parts.body)
}

fn set_message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    let m = arg(call, 0);
    if vm.message_ref(m).is_none() {
        return type_error(vm, call, 0, "Message");
    }
    if let Some(b) = block_mut(vm, call.target) {
        b.body = m;
    }
    value(call.target)
}

fn scope(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let parts = this(vm, call)?;
    value(parts.scope.unwrap_or(Value::NIL))
}

/// Sets the scope (nil or no argument: none, so self is the receiver). Whether
/// the block runs when read from a slot is not changed.
fn set_scope(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    let s = arg(call, 0);
    let scope = if s.is_nil() { None } else { Some(s) };
    if let Some(b) = block_mut(vm, call.target) {
        b.scope = scope;
    }
    value(call.target)
}

fn pass_stops(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let parts = this(vm, call)?;
    value(Value::bool(parts.pass_stops))
}

fn set_pass_stops(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    let on = arg(call, 0).truthy();
    if let Some(b) = block_mut(vm, call.target) {
        b.pass_stops = on;
    }
    value(call.target)
}

// ---- text ----------------------------------------------------------------------------

/// One-line source: `method(a, b, body)` or `block(a, b, body)`, the body in
/// canonical message form (`nil` for an empty body). None if `b` is not a
/// Block or the text would pass the allocation limit.
pub fn block_code(vm: &Vm, b: Value) -> Option<String> {
    let bd = vm.as_block(b)?;
    let mut s = String::from(if bd.scope.is_some() {
        "block("
    } else {
        "method("
    });
    for &a in &bd.args {
        s.push_str(vm.syms.name(a));
        s.push_str(", ");
    }
    if vm.message_ref(bd.body).is_some() {
        if !super::message::write_code(vm, bd.body, &mut s, vm.max_alloc) {
            return None;
        }
    } else {
        s.push_str("nil");
    }
    s.push(')');
    Some(s)
}

fn too_large<T>(vm: &mut Vm, call: &NativeCall) -> Result<T, Value> {
    let name = method_name(vm, call);
    vm.err(format!("Block {name}: the text would be too large"))
}

fn code(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    match block_code(vm, call.target) {
        Some(s) => value(vm.str_value(&s)),
        None => too_large(vm, call),
    }
}

/// `method(a, b, ...)` / `block(...)`.
fn as_simple_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let parts = this(vm, call)?;
    let mut names: Vec<&str> = parts.args.iter().map(|&a| vm.syms.name(a)).collect();
    names.push("...");
    let s = format!(
        "{}({})",
        if parts.scope.is_some() {
            "block"
        } else {
            "method"
        },
        names.join(", ")
    );
    value(vm.str_value(&s))
}

fn as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    match pretty(vm, call.target) {
        Some(s) => value(vm.str_value(&s)),
        None => too_large(vm, call),
    }
}

/// Writes a blank line, the listing and a newline; answers nil.
fn print(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this(vm, call)?;
    let Some(s) = pretty(vm, call.target) else {
        return too_large(vm, call);
    };
    vm.host.write_stdout(b"\n");
    vm.host.write_stdout(s.as_bytes());
    vm.host.write_stdout(b"\n");
    value(Value::NIL)
}

// ---- listing -------------------------------------------------------------------------

/// Operator names and assignment message names (with their operator), as the
/// OperatorTable has them now.
struct Sugar {
    operators: HashSet<Sym>,
    assign: HashMap<Sym, String>,
}

fn sugar(vm: &mut Vm) -> Sugar {
    let table = match vm.operator_table_snapshot() {
        Some(t) => t,
        None => crate::parse::shuffle::OpTable::defaults(vm),
    };
    let operators = table.levels.keys().copied().collect();
    let mut pairs: Vec<(String, Sym)> = table
        .assign
        .iter()
        .map(|(&op, &to)| (vm.syms.name(op).to_string(), to))
        .collect();
    pairs.sort();
    let mut assign = HashMap::default();
    for (op, to) in pairs {
        assign.entry(to).or_insert(op);
    }
    assign
        .entry(sym::set_slot_with_type)
        .or_insert_with(|| ":=".to_string());
    Sugar { operators, assign }
}

enum Fmt {
    /// Format message `m` of the chain that starts at `head`, then the rest of it.
    Chain {
        m: ObjRef,
        head: ObjRef,
    },
    /// Argument `i` of `owner` (the list opens at 0 and closes after the last;
    /// `start` is the line it opened on).
    Args {
        owner: ObjRef,
        i: usize,
        start: i64,
    },
    /// An argument is done: back one indentation level.
    Dedent,
    /// A nested chain starts / ends (for cycle detection).
    Enter(ObjRef),
    Leave,
}

struct Listing {
    out: String,
    /// Line counter: source line of the last message, advanced by line breaks.
    line: i64,
    line_empty: bool,
    depth: usize,
}

impl Listing {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
        self.line_empty = false;
    }
    fn new_line(&mut self) {
        self.out.push('\n');
        self.line += 1;
        self.line_empty = true;
    }
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.push("    ");
        }
    }
}

/// The listing shown by `asString`/`print`: a `# label:line` header (not for
/// code typed at the command line), then `method(` and the argument names,
/// the body on the following lines indented four spaces per level with
/// operators and assignments written back in infix form (`a + b`, `x := 1`),
/// keeping the body's line breaks (at most one blank line), and `)` on a line
/// of its own. Blocks are listed as `method(` as well. None if `b` is not a
/// Block or the text would pass the allocation limit.
pub fn pretty(vm: &mut Vm, b: Value) -> Option<String> {
    let sg = sugar(vm);
    let (args, body) = {
        let bd = vm.as_block(b)?;
        (bd.args.clone(), bd.body)
    };
    let limit = vm.max_alloc.min(MAX_LISTING);
    let mut l = Listing {
        out: String::new(),
        line: 0,
        line_empty: true,
        depth: 0,
    };
    let body_ref = vm.message_ref(body);
    if let Some(r) = body_ref {
        let md = vm.message(r);
        if &*md.label != COMMAND_LINE_LABEL {
            let h = format!("# {}:{}\n", md.label, md.line);
            l.push(&h);
        }
    }
    l.push("method(");
    if !args.is_empty() {
        let names: Vec<&str> = args.iter().map(|&a| vm.syms.name(a)).collect();
        l.push(&names.join(", "));
        l.push(", ");
    }
    l.new_line();
    l.depth = 1;
    match body_ref {
        Some(r) => {
            l.line = vm.message(r).line as i64;
            if !format_chain(vm, &sg, &mut l, r, limit) {
                return None;
            }
        }
        None => {
            l.indent();
            l.push("nil");
        }
    }
    l.depth = 0;
    l.new_line();
    l.push(")");
    Some(l.out)
}

/// Text of the cached value used as a slot name in an assignment.
fn literal_text(vm: &Vm, v: Value) -> Option<String> {
    if !v.truthy() {
        return None;
    }
    super::object::direct_text(vm, v).map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn format_chain(vm: &Vm, sg: &Sugar, l: &mut Listing, head: ObjRef, limit: usize) -> bool {
    // Messages of the chains being listed: meeting one again means a cycle.
    let mut open: HashSet<ObjRef> = HashSet::default();
    let mut chains: Vec<Vec<ObjRef>> = Vec::new();
    let mut work = vec![Fmt::Enter(head)];
    while let Some(step) = work.pop() {
        if l.out.len() > limit {
            return false;
        }
        match step {
            Fmt::Enter(m) => {
                chains.push(Vec::new());
                work.push(Fmt::Leave);
                work.push(Fmt::Chain { m, head: m });
            }
            Fmt::Leave => {
                if let Some(done) = chains.pop() {
                    for r in done {
                        open.remove(&r);
                    }
                }
            }
            Fmt::Dedent => l.depth = l.depth.saturating_sub(1),
            Fmt::Chain { m, head } => {
                if !open.insert(m) {
                    if !l.line_empty && !l.out.ends_with(['(', ' ']) {
                        l.push(" ");
                    }
                    l.push("...");
                    continue;
                }
                if let Some(c) = chains.last_mut() {
                    c.push(m);
                }
                let md = vm.message(m);
                let next = vm.message_ref(md.next);
                if let Some(n) = next {
                    work.push(Fmt::Chain { m: n, head });
                }
                if md.name == sym::semicolon {
                    // `a; b` on one line keeps its `;`; otherwise the line break shows it.
                    if next.is_some_and(|n| vm.message(n).line as i64 == l.line) {
                        l.push(";");
                    }
                    continue;
                }
                let gap = (md.line as i64 - l.line).clamp(0, 2);
                for _ in 0..gap {
                    l.new_line();
                }
                l.line = md.line as i64;
                if l.line_empty {
                    l.indent();
                } else if m != head {
                    l.push(" ");
                }
                let name = vm.syms.name(md.name);
                let first = md.args.first().and_then(|&a| vm.message_ref(a));
                let assign = sg.assign.get(&md.name).and_then(|op| {
                    let slot = first.and_then(|f| vm.message(f).cached)?;
                    Some((op, literal_text(vm, slot)?))
                });
                if let Some((op, slot)) = assign {
                    l.push(&slot);
                    l.push(" ");
                    l.push(op);
                    l.push(" ");
                    if let Some(v) = md.args.get(1).and_then(|&a| vm.message_ref(a)) {
                        work.push(Fmt::Enter(v));
                    }
                } else if sg.operators.contains(&md.name) {
                    l.push(name);
                    l.push(" ");
                    if let Some(f) = first {
                        work.push(Fmt::Enter(f));
                    }
                } else {
                    l.push(name);
                    if !md.args.is_empty() {
                        work.push(Fmt::Args {
                            owner: m,
                            i: 0,
                            start: 0,
                        });
                    }
                }
            }
            Fmt::Args { owner, i, start } => {
                let args = &vm.message(owner).args;
                let start = if i == 0 {
                    l.push("(");
                    l.line
                } else {
                    start
                };
                if i < args.len() {
                    if i > 0 {
                        if start == l.line {
                            l.push(", ");
                        } else {
                            l.new_line();
                            l.indent();
                            l.push(",");
                            l.new_line();
                        }
                    }
                    work.push(Fmt::Args {
                        owner,
                        i: i + 1,
                        start,
                    });
                    work.push(Fmt::Dedent);
                    l.depth += 1;
                    if let Some(a) = vm.message_ref(args[i]) {
                        work.push(Fmt::Enter(a));
                    }
                } else {
                    if start != l.line {
                        l.new_line();
                        l.indent();
                    }
                    l.push(")");
                }
            }
        }
    }
    l.out.len() <= limit
}
