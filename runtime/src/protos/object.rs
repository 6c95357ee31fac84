//! Object, the root proto: slots and protos, cloning, comparison, printing,
//! control flow (if, while, loop, for, return, break, continue), method and
//! block creation, evaluation (do, doString, doMessage, doFile), try.
//! Also the Locals proto that every activation record inherits from.

use super::*;
use crate::heap::{BlockData, Payload, FLAG_ACTIVATABLE};
use crate::symbol::Sym;
use crate::vm::{Args, Stop};

pub const METHODS: MethodTable = &[
    ("clone", clone, false),
    ("cloneWithoutInit", clone_without_init, false),
    ("init", this_context, false),
    ("thisContext", this_context, false),
    ("self", this_context, false),
    ("thisLocalContext", this_local_context, false),
    ("thisMessage", this_message, false),
    ("setSlot", set_slot, false),
    ("setSlotWithType", set_slot_with_type, false),
    ("getSlot", get_slot, false),
    ("getLocalSlot", get_local_slot, false),
    ("updateSlot", update_slot, false),
    ("removeSlot", remove_slot, false),
    ("removeAllSlots", remove_all_slots, false),
    ("hasLocalSlot", has_local_slot, false),
    ("hasSlot", has_slot, false),
    ("slotNames", slot_names, false),
    ("slotValues", slot_values, false),
    ("proto", proto, false),
    ("protos", protos, false),
    ("setProto", set_proto, false),
    ("setProtos", set_protos, false),
    ("appendProto", append_proto, false),
    ("prependProto", prepend_proto, false),
    ("removeProto", remove_proto, false),
    ("removeAllProtos", remove_all_protos, false),
    ("isKindOf", is_kind_of, false),
    ("ancestorWithSlot", ancestor_with_slot, false),
    ("contextWithSlot", context_with_slot, false),
    ("hasProto", is_kind_of, false),
    ("type", type_, false),
    ("uniqueId", unique_id, false),
    ("isIdenticalTo", is_identical_to, false),
    ("compare", compare, false),
    ("==", eq, false),
    ("!=", ne, false),
    ("<", lt, false),
    ("<=", le, false),
    (">", gt, false),
    (">=", ge, false),
    ("", paren, false),
    ("-", negate, false),
    ("isActivatable", is_activatable, false),
    ("setIsActivatable", set_is_activatable, false),
    ("asBoolean", as_boolean, false),
    ("not", not, false),
    ("and", and, true),
    ("or", or, true),
    ("ifNil", if_nil, true),
    ("ifNonNil", if_non_nil, true),
    ("ifNilEval", if_nil_eval, true),
    ("ifNonNilEval", if_non_nil_eval, true),
    ("if", if_, true),
    ("while", while_, true),
    ("loop", loop_, true),
    ("for", for_, true),
    ("return", return_, false),
    ("break", break_, false),
    ("continue", continue_, false),
    ("method", method, true),
    ("block", block, true),
    ("message", message, true),
    ("do", do_, true),
    ("lexicalDo", do_, true),
    ("doString", do_string, false),
    ("doMessage", do_message, false),
    ("doFile", do_file, false),
    ("doRelativeFile", do_relative_file, false),
    ("relativeDoFile", do_relative_file, false),
    ("evalArg", eval_arg_native, true),
    ("evalArgAndReturnSelf", eval_arg_return_self, true),
    ("evalArgAndReturnNil", eval_arg_return_nil, true),
    ("try", try_, true),
    ("list", list, false),
    ("print", print, false),
    ("println", println, false),
    ("write", write, false),
    ("writeln", writeln, false),
    ("perform", perform, false),
    ("performWithArgList", perform_with_arg_list, false),
    ("?", question, true),
    ("stopStatus", stop_status, true),
];

/// Natives every activation record answers itself (the rest forwards to `self`).
const LOCALS_METHODS: MethodTable = &[
    ("setSlot", set_slot, false),
    ("setSlotWithType", set_slot_with_type, false),
    ("updateSlot", locals_update_slot, false),
    ("thisLocalContext", this_local_context, false),
    ("if", if_, true),
    ("while", while_, true),
    ("loop", loop_, true),
    ("for", for_, true),
    ("return", return_, false),
    ("break", break_, false),
    ("continue", continue_, false),
    ("method", method, true),
    ("block", block, true),
    ("try", try_, true),
];

pub fn install_all(vm: &mut Vm) {
    let o = vm.p.object;
    install_direct(vm, o, "Object", METHODS);
}

/// Activation records answer Object's natives themselves (as upstream's Locals
/// do, so `call sender hasLocalSlot(...)` inspects the record); everything
/// else is forwarded to `self`.
pub fn install_locals(vm: &mut Vm) {
    let l = vm.p.locals;
    let natives: Vec<(crate::symbol::Sym, Value)> = vm
        .heap
        .get(vm.p.object)
        .slots
        .entries
        .iter()
        .filter(|(_, v)| {
            matches!(
                vm.heap.obj(*v).map(|o| &o.payload),
                Some(Payload::Native(_))
            )
        })
        .copied()
        .collect();
    for (name, v) in natives {
        vm.heap.set_slot(l, name, v);
    }
    install_direct(vm, l, "Locals", LOCALS_METHODS);
}

fn target_obj(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    match call.target.as_obj() {
        Some(r) => Ok(r),
        None => {
            let name = method_name(vm, call);
            vm.err(format!("'{name}' cannot be called on a Number"))
        }
    }
}

fn name_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Sym, Value> {
    match vm.sym_of(arg(call, i)) {
        Some(s) => Ok(s),
        None => type_error(vm, call, i, "Sequence"),
    }
}

// ---- cloning -----------------------------------------------------------------

fn copy_payload(vm: &Vm, v: Value) -> Payload {
    match vm.heap.obj(v).map(|o| &o.payload) {
        Some(Payload::List(l)) => Payload::List(l.clone()),
        Some(Payload::Map(m)) => Payload::Map(m.clone()),
        Some(Payload::Seq(s)) => Payload::Seq(Box::new(SeqData {
            bytes: s.bytes.clone(),
            mutable: true,
            item_type: s.item_type,
            encoding: s.encoding,
        })),
        Some(Payload::Number(n)) => Payload::Number(*n),
        Some(Payload::Time(t)) => Payload::Time(*t),
        Some(Payload::Weak(_)) => Payload::Weak(Value::NIL),
        Some(Payload::Coro(_)) => Payload::Coro(Box::new(crate::vm::coro::CoroData::new(
            crate::vm::coro::Status::Fresh,
        ))),
        _ => Payload::None,
    }
}

pub fn raw_clone(vm: &mut Vm, target: Value) -> Value {
    let payload = copy_payload(vm, target);
    let size = match &payload {
        Payload::List(l) => l.len(),
        Payload::Map(m) => m.entries.len() * 2,
        Payload::Seq(s) => s.bytes.len() / 8,
        _ => 0,
    };
    vm.charge(size);
    let proto = if target.is_num() {
        Value::obj(vm.p.number)
    } else {
        target
    };
    let r = vm.heap.alloc(&[proto], payload);
    Value::obj(r)
}

fn clone(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = call.target;
    if t.is_num() || t == Value::NIL || t == Value::TRUE || t == Value::FALSE {
        return value(t);
    }
    if let Some(s) = vm.as_seq(t) {
        if !s.mutable && t != Value::obj(vm.p.sequence) {
            return value(t);
        }
    }
    let new = raw_clone(vm, t);
    // Run `init` unless it is the default one.
    match vm.lookup(new, sym::init) {
        Some(f) => {
            let is_default = matches!(
                vm.heap.obj(f.value).map(|o| &o.payload),
                Some(Payload::Native(n)) if n.name == sym::init && n.type_name == "Object"
            );
            if is_default {
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

fn clone_without_init(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = call.target;
    if t.is_num() {
        return value(t);
    }
    value(raw_clone(vm, t))
}

fn this_context(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.target)
}

fn this_local_context(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.locals)
}

fn this_message(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.msg)
}

// ---- slots -------------------------------------------------------------------

fn set_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    let v = arg(call, 1);
    let t = target_obj(vm, call)?;
    vm.heap.set_slot(t, name, v);
    value(v)
}

fn set_slot_with_type(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name_s = str_arg(vm, call, 0)?;
    let name = vm.sym(&name_s);
    let v = arg(call, 1);
    let t = target_obj(vm, call)?;
    vm.heap.set_slot(t, name, v);
    if let Some(vo) = v.as_obj() {
        let plain = vo != vm.p.nil && vo != vm.p.true_ && vo != vm.p.false_;
        if plain && vm.heap.get(vo).get_local(sym::type_).is_none() {
            let ts = vm.symbol_string(name_s.as_bytes());
            vm.heap.set_slot(vo, sym::type_, ts);
        }
    }
    value(v)
}

fn get_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    value(vm.get_slot(call.target, name).unwrap_or(Value::NIL))
}

fn get_local_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    let v = vm
        .heap
        .obj(call.target)
        .and_then(|o| o.get_local(name))
        .unwrap_or(Value::NIL);
    value(v)
}

fn slot_missing(vm: &mut Vm, name: Sym) -> NResult {
    let n = vm.syms.name(name).to_string();
    vm.err(format!(
        "Slot {n} not found. Must define slot using := operator before updating."
    ))
}

fn update_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    let v = arg(call, 1);
    if vm.lookup(call.target, name).is_none() {
        return slot_missing(vm, name);
    }
    let t = target_obj(vm, call)?;
    vm.heap.set_slot(t, name, v);
    value(v)
}

/// `x = v` in a method: update the local if there is one, else the slot of self.
fn locals_update_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    let v = arg(call, 1);
    let t = target_obj(vm, call)?;
    if vm.heap.get(t).get_local(name).is_some() {
        vm.heap.set_slot(t, name, v);
        return value(v);
    }
    let selfv = vm.heap.get(t).get_local(sym::self_).unwrap_or(Value::NIL);
    // Self's updateSlot is the built-in one: do its work here.
    let builtin = vm.lookup(selfv, sym::update_slot).is_some_and(|f| {
        matches!(vm.heap.obj(f.value).map(|o| &o.payload),
            Some(Payload::Native(n)) if n.f as *const () == update_slot as *const ())
    });
    if builtin {
        if vm.lookup(selfv, name).is_none() {
            return slot_missing(vm, name);
        }
        if let Some(s) = selfv.as_obj() {
            vm.heap.set_slot(s, name, v);
            return value(v);
        }
    }
    let mut args = Args::new();
    args.push(arg(call, 0));
    args.push(v);
    Ok(Flow::Send {
        target: selfv,
        name: sym::update_slot,
        args,
        cont: None,
    })
}

fn remove_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    let t = target_obj(vm, call)?;
    vm.heap.remove_slot(t, name);
    value(call.target)
}

fn remove_all_slots(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    vm.heap.remove_all_slots(t);
    value(call.target)
}

fn has_local_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    let has = vm
        .heap
        .obj(call.target)
        .is_some_and(|o| o.get_local(name).is_some());
    value(Value::bool(has))
}

fn has_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    value(Value::bool(vm.lookup(call.target, name).is_some()))
}

fn slot_names(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let names: Vec<Sym> = vm
        .heap
        .obj(call.target)
        .map(|o| o.slots.entries.iter().map(|e| e.0).collect())
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

fn slot_values(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let vals: Vec<Value> = vm
        .heap
        .obj(call.target)
        .map(|o| o.slots.entries.iter().map(|e| e.1).collect())
        .unwrap_or_default();
    value(vm.new_list(vals))
}

// ---- protos ------------------------------------------------------------------

fn proto_list(vm: &Vm, v: Value) -> Vec<Value> {
    match vm.heap.obj(v) {
        Some(o) => o.protos.to_vec(),
        None => vec![Value::obj(vm.p.number)],
    }
}

fn proto(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(
        proto_list(vm, call.target)
            .first()
            .copied()
            .unwrap_or(Value::NIL),
    )
}

fn protos(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = proto_list(vm, call.target);
    value(vm.new_list(l))
}

fn set_proto(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    vm.heap.set_protos(t, &[arg(call, 0)]);
    value(call.target)
}

fn set_protos(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    let Some(l) = vm.as_list(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "List");
    };
    vm.heap.set_protos(t, &l);
    value(call.target)
}

fn append_proto(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    let mut l = proto_list(vm, call.target);
    l.push(arg(call, 0));
    vm.heap.set_protos(t, &l);
    value(call.target)
}

fn prepend_proto(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    let mut l = proto_list(vm, call.target);
    l.insert(0, arg(call, 0));
    vm.heap.set_protos(t, &l);
    value(call.target)
}

fn remove_proto(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    let p = arg(call, 0);
    let l: Vec<Value> = proto_list(vm, call.target)
        .into_iter()
        .filter(|&x| x != p)
        .collect();
    vm.heap.set_protos(t, &l);
    value(call.target)
}

fn remove_all_protos(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    vm.heap.set_protos(t, &[]);
    value(call.target)
}

/// The first object among the receiver's ancestors (not the receiver) holding the slot.
fn ancestor_with_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    for p in proto_list(vm, call.target) {
        if let Some(f) = vm.lookup(p, name) {
            return value(Value::obj(f.holder));
        }
    }
    value(Value::NIL)
}

fn context_with_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    value(
        vm.lookup(call.target, name)
            .map_or(Value::NIL, |f| Value::obj(f.holder)),
    )
}

fn is_kind_of(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::bool(vm.proto_chain_has(call.target, arg(call, 0))))
}

// ---- identity and comparison -----------------------------------------------------

fn type_(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = vm.type_name(call.target);
    value(vm.symbol_string(t.as_bytes()))
}

pub fn unique_id_of(v: Value) -> String {
    format!("0x{:x}", v.bits() & 0xFFFF_FFFF_FFFF)
}

fn unique_id(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = unique_id_of(call.target);
    value(vm.str_value(&s))
}

fn is_identical_to(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::bool(call.target == arg(call, 0)))
}

/// Ordering of two values: numbers numerically (NaN after every number),
/// sequences by bytes, lists and maps by size then items, other objects by
/// identity. Nested lists are compared with an explicit stack.
pub fn compare_values(vm: &Vm, a: Value, b: Value) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    // Pending pairs of equal-sized containers: (items of a, items of b, next index).
    let mut stack: Vec<(Vec<Value>, Vec<Value>, usize)> = Vec::new();
    let mut pair = Some((a, b));
    loop {
        if let Some((a, b)) = pair.take() {
            match compare_shallow(vm, a, b) {
                Shallow::Decided(Equal) => {}
                Shallow::Decided(o) => return o,
                Shallow::Items(x, y) => stack.push((x, y, 0)),
            }
        }
        let Some(top) = stack.last_mut() else {
            return Equal;
        };
        if top.2 >= top.0.len() {
            stack.pop();
            continue;
        }
        pair = Some((top.0[top.2], top.1[top.2]));
        top.2 += 1;
    }
}

enum Shallow {
    Decided(std::cmp::Ordering),
    /// Same-sized containers whose items decide.
    Items(Vec<Value>, Vec<Value>),
}

fn compare_shallow(vm: &Vm, a: Value, b: Value) -> Shallow {
    use std::cmp::Ordering::*;
    if a == b {
        return Shallow::Decided(Equal);
    }
    if let (Some(x), Some(y)) = (vm.as_number(a), vm.as_number(b)) {
        return Shallow::Decided(x.total_cmp(&y));
    }
    if let (Some(x), Some(y)) = (vm.as_seq(a), vm.as_seq(b)) {
        return Shallow::Decided(x.bytes.cmp(&y.bytes));
    }
    let time = |v: Value| match vm.heap.obj(v).map(|o| &o.payload) {
        Some(Payload::Time(t)) => Some(*t),
        _ => None,
    };
    if let (Some(x), Some(y)) = (time(a), time(b)) {
        return Shallow::Decided(x.total_cmp(&y));
    }
    if let (Some(x), Some(y)) = (vm.as_list(a), vm.as_list(b)) {
        if x.len() != y.len() {
            return Shallow::Decided(x.len().cmp(&y.len()));
        }
        return Shallow::Items(x.clone(), y.clone());
    }
    let maps = |v: Value| match vm.heap.obj(v).map(|o| &o.payload) {
        Some(Payload::Map(m)) => Some(m),
        _ => None,
    };
    if let (Some(x), Some(y)) = (maps(a), maps(b)) {
        if x.entries.len() != y.entries.len() {
            return Shallow::Decided(x.entries.len().cmp(&y.entries.len()));
        }
        // Same keys with equal values compare equal; otherwise by identity.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for (k, v) in &x.entries {
            let key = vm.as_seq(*k).map(|s| s.bytes.clone()).unwrap_or_default();
            match y.index.get(&key) {
                Some(&i) => {
                    xs.push(*v);
                    ys.push(y.entries[i].1);
                }
                None => return Shallow::Decided(a.bits().cmp(&b.bits())),
            }
        }
        return Shallow::Items(xs, ys);
    }
    if a.is_num() != b.is_num() {
        return Shallow::Decided(if a.is_num() { Less } else { Greater });
    }
    Shallow::Decided(a.bits().cmp(&b.bits()))
}

/// Comparisons need their argument (upstream raises without one).
fn need_arg(vm: &mut Vm, call: &NativeCall) -> Result<(), Value> {
    if call.args.is_empty() {
        let name = method_name(vm, call);
        return vm.err(format!("'{name}' requires an argument"));
    }
    Ok(())
}

fn compare(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    need_arg(vm, call)?;
    let c = compare_values(vm, call.target, arg(call, 0)) as i32;
    value(Value::num(c as f64))
}

fn eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    need_arg(vm, call)?;
    value(Value::bool(
        compare_values(vm, call.target, arg(call, 0)).is_eq(),
    ))
}
fn ne(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    need_arg(vm, call)?;
    value(Value::bool(
        !compare_values(vm, call.target, arg(call, 0)).is_eq(),
    ))
}
fn lt(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    need_arg(vm, call)?;
    value(Value::bool(
        compare_values(vm, call.target, arg(call, 0)).is_lt(),
    ))
}
fn le(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    need_arg(vm, call)?;
    value(Value::bool(
        compare_values(vm, call.target, arg(call, 0)).is_le(),
    ))
}
fn gt(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    need_arg(vm, call)?;
    value(Value::bool(
        compare_values(vm, call.target, arg(call, 0)).is_gt(),
    ))
}
fn ge(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    need_arg(vm, call)?;
    value(Value::bool(
        compare_values(vm, call.target, arg(call, 0)).is_ge(),
    ))
}

/// `(expr)`: the grouping message answers its evaluated argument.
fn paren(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(arg(call, 0))
}

/// Prefix minus: `-x` is `-(x)` sent to the current target.
fn negate(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = num_arg(vm, call, 0)?;
    value(Value::num(-n))
}

fn is_activatable(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = vm.heap.obj(call.target).is_some_and(|o| o.is_activatable());
    value(Value::bool(a))
}

fn set_is_activatable(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = target_obj(vm, call)?;
    vm.heap.set_flag(t, FLAG_ACTIVATABLE, arg(call, 0).truthy());
    value(call.target)
}

fn as_boolean(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::bool(call.target.truthy()))
}

fn not(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::bool(!call.target.truthy()))
}

fn to_bool(_vm: &mut Vm, _st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => value(Value::bool(v.truthy())),
        other => pass_on(other),
    }
}

fn and(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if !call.target.truthy() {
        return value(Value::FALSE);
    }
    eval_arg(vm, call, 0, cont(to_bool, state(&[])))
}

fn or(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if call.target.truthy() {
        return value(Value::TRUE);
    }
    eval_arg(vm, call, 0, cont(to_bool, state(&[])))
}

fn if_nil(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.target)
}
fn if_nil_eval(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.target)
}
fn if_non_nil(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, cont(answer_state0, state(&[call.target])))
}
fn if_non_nil_eval(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, None)
}

// ---- control flow ------------------------------------------------------------------

fn if_(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let then = msg_arg(vm, call, 1);
    let els = msg_arg(vm, call, 2);
    let n = msg_argc(vm, call);
    let st = state(&[then, els, call.locals, Value::num(n as f64)]);
    eval_arg(vm, call, 0, cont(if_cont, st))
}

fn if_cont(_vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let c = match how {
        Resume::Value(v) => v.truthy(),
        other => return pass_on(other),
    };
    let n = st[3].as_num().unwrap_or(0.0) as usize;
    let (branch, present) = if c { (st[0], n >= 2) } else { (st[1], n >= 3) };
    if !present {
        return value(Value::bool(c));
    }
    Ok(Flow::Eval {
        msg: branch,
        target: st[2],
        locals: st[2],
        cont: None,
    })
}

// while: state = [cond, body, locals, last, phase(0 = cond, 1 = body)]
fn while_(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let st = state(&[
        msg_arg(vm, call, 0),
        msg_arg(vm, call, 1),
        call.locals,
        Value::NIL,
        Value::num(0.0),
    ]);
    eval_arg(vm, call, 0, cont(while_cont, st))
}

fn while_cont(_vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let phase = st[4].as_num().unwrap_or(0.0);
    match how {
        Resume::Value(v) if phase == 0.0 => {
            if !v.truthy() {
                return value(st[3]);
            }
            st[4] = Value::num(1.0);
            eval_in(st, 1)
        }
        Resume::Value(v) => {
            st[3] = v;
            st[4] = Value::num(0.0);
            eval_in(st, 0)
        }
        Resume::Stop(Stop::Break, v) => value(v),
        Resume::Stop(Stop::Continue, _) => {
            st[4] = Value::num(0.0);
            eval_in(st, 0)
        }
        other => pass_on(other),
    }
}

/// Evaluate message st[i] of a while loop in its locals, resuming the loop after.
fn eval_in(st: &ContState, i: usize) -> NResult {
    again(while_cont, st, i, 2)
}

fn again(f: crate::vm::ContFn, st: &ContState, i: usize, locals_at: usize) -> NResult {
    Ok(Flow::Eval {
        msg: st[i],
        target: st[locals_at],
        locals: st[locals_at],
        cont: Some(Cont { f, state: *st }),
    })
}

// loop: state = [body, _, locals]
fn loop_(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let st = state(&[msg_arg(vm, call, 0), Value::NIL, call.locals]);
    again(loop_cont, &st, 0, 2)
}

fn loop_cont(_vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(_) | Resume::Stop(Stop::Continue, _) => again(loop_cont, st, 0, 2),
        Resume::Stop(Stop::Break, v) => value(v),
        other => pass_on(other),
    }
}

// for: state = [counter name (as string), i, end, step, body, locals, last, phase]
// phase: 0 = evaluating start, 1 = end, 2 = step, 3 = body
fn for_(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = msg_argc(vm, call);
    if n < 4 {
        return vm
            .err("for() requires at least 4 arguments: for(counter, start, end, [step,] body)");
    }
    let name = vm
        .as_message(msg_arg(vm, call, 0))
        .map(|m| m.name)
        .unwrap_or(sym::empty);
    let name_s = vm.syms.name(name).to_string();
    let name_v = vm.symbol_string(name_s.as_bytes());
    let has_step = n >= 5;
    let body = msg_arg(vm, call, if has_step { 4 } else { 3 });
    // Stash the argument messages for start/end/step in the state while evaluating.
    let st = state(&[
        name_v,
        msg_arg(vm, call, 1),
        msg_arg(vm, call, 2),
        if has_step {
            msg_arg(vm, call, 3)
        } else {
            Value::NIL
        },
        body,
        call.locals,
        Value::NIL,
        Value::num(0.0),
    ]);
    again(for_cont, &st, 1, 5)
}

fn for_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let phase = st[7].as_num().unwrap_or(0.0) as u32;
    let v = match how {
        Resume::Value(v) => v,
        Resume::Stop(Stop::Break, v) if phase == 3 => return value(v),
        Resume::Stop(Stop::Continue, _) if phase == 3 => Value::NIL,
        other => return pass_on(other),
    };
    match phase {
        0 => {
            st[1] = Value::num(vm.as_number(v).unwrap_or(0.0));
            st[7] = Value::num(1.0);
            again(for_cont, st, 2, 5)
        }
        1 => {
            st[2] = Value::num(vm.as_number(v).unwrap_or(0.0));
            if st[3].is_nil() {
                st[3] = Value::num(1.0);
                for_iterate(vm, st, true)
            } else {
                st[7] = Value::num(2.0);
                again(for_cont, st, 3, 5)
            }
        }
        2 => {
            st[3] = Value::num(vm.as_number(v).unwrap_or(1.0));
            for_iterate(vm, st, true)
        }
        _ => {
            st[6] = v;
            for_iterate(vm, st, false)
        }
    }
}

fn for_iterate(vm: &mut Vm, st: &mut ContState, first: bool) -> NResult {
    let step = st[3].as_num().unwrap_or(1.0);
    let mut i = st[1].as_num().unwrap_or(0.0);
    if !first {
        i += step;
    }
    let end = st[2].as_num().unwrap_or(0.0);
    if step == 0.0 {
        return vm.err("for() step must not be 0");
    }
    let done = if step > 0.0 { i > end } else { i < end };
    if done {
        return value(st[6]);
    }
    st[1] = Value::num(i);
    st[7] = Value::num(3.0);
    let name = vm.string_of(st[0]).unwrap_or_default();
    let name = vm.sym(&name);
    match st[5].as_obj() {
        Some(l) => {
            vm.heap.set_slot(l, name, Value::num(i));
        }
        None => return vm.err("for() needs an object context"),
    }
    again(for_cont, st, 4, 5)
}

fn return_(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    stop(Stop::Return, arg(call, 0))
}

fn break_(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    stop(Stop::Break, arg(call, 0))
}

fn continue_(_vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    stop(Stop::Continue, Value::NIL)
}

fn stop_status(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, cont(stop_status_cont, state(&[])))
}

fn stop_status_cont(vm: &mut Vm, _st: &mut ContState, how: Resume) -> NResult {
    let p = vm.p;
    match how {
        Resume::Value(_) => value(Value::obj(p.normal)),
        Resume::Stop(Stop::Break, _) => value(Value::obj(p.break_)),
        Resume::Stop(Stop::Continue, _) => value(Value::obj(p.continue_)),
        Resume::Stop(Stop::Return, _) => value(Value::obj(p.return_)),
        Resume::Raise(e) => Err(e),
    }
}

// ---- methods and blocks -------------------------------------------------------------

fn make_block(vm: &mut Vm, call: &NativeCall, scope: Option<Value>) -> NResult {
    let n = msg_argc(vm, call);
    let mut names = Vec::new();
    for i in 0..n.saturating_sub(1) {
        let m = msg_arg(vm, call, i);
        match vm.as_message(m) {
            Some(md) if md.args.is_empty() && md.next.is_nil() => names.push(md.name),
            _ => return vm.err("arguments to method() and block() must be names"),
        }
    }
    let body = if n == 0 {
        Value::NIL
    } else {
        msg_arg(vm, call, n - 1)
    };
    value(vm.new_block(names, body, scope))
}

fn method(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    make_block(vm, call, None)
}

fn block(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let scope = call.locals;
    make_block(vm, call, Some(scope))
}

fn message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(msg_arg(vm, call, 0))
}

/// Build a block payload directly (used by Block natives).
pub fn block_data(args: Vec<Sym>, body: Value, scope: Option<Value>) -> BlockData {
    BlockData {
        args,
        body,
        scope,
        pass_stops: false,
        locals_shape: 0,
    }
}

// ---- evaluation ---------------------------------------------------------------------

fn do_(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = call.target;
    Ok(Flow::Eval {
        msg: msg_arg(vm, call, 0),
        target: t,
        locals: t,
        cont: cont(answer_state0, state(&[t])),
    })
}

fn do_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let src = str_arg(vm, call, 0)?;
    let label = match call.args.get(1) {
        Some(&l) if !l.is_nil() => str_arg(vm, call, 1)?,
        _ => "doString".to_string(),
    };
    let msg = vm.compile(&src, &label)?;
    Ok(Flow::Eval {
        msg,
        target: call.target,
        locals: call.target,
        cont: None,
    })
}

fn do_message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let msg = arg(call, 0);
    if vm.as_message(msg).is_none() {
        return type_error(vm, call, 0, "Message");
    }
    let locals = match call.args.get(1) {
        Some(&l) if !l.is_nil() => l,
        _ => call.target,
    };
    Ok(Flow::Eval {
        msg,
        target: call.target,
        locals,
        cont: None,
    })
}

fn do_file(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let path = str_arg(vm, call, 0)?;
    eval_file(vm, call, path)
}

/// `doRelativeFile(path)`: doFile with path taken from the folder of the
/// file the call is written in.
fn do_relative_file(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let path = str_arg(vm, call, 0)?;
    let path = match vm.as_message(call.msg) {
        Some(m) => crate::program::relative_to(&m.label, &path),
        None => path,
    };
    eval_file(vm, call, path)
}

/// Evaluate the file at `path` in the receiver: from the program's embedded
/// files if it is one of them, else read through the host.
fn eval_file(vm: &mut Vm, call: &mut NativeCall, path: String) -> NResult {
    let msg = match vm.load_file(&path) {
        Some(msg) => msg?,
        None => return vm.err(format!("unable to read file '{path}'")),
    };
    Ok(Flow::Eval {
        msg,
        target: call.target,
        locals: call.target,
        cont: None,
    })
}

fn eval_arg_native(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, None)
}

fn eval_arg_return_self(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, cont(answer_state0, state(&[call.target])))
}

fn eval_arg_return_nil(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    eval_arg(vm, call, 0, cont(answer_state0, state(&[Value::NIL])))
}

/// `try(code)`: run code on a fresh child coroutine (in the caller's
/// context); answer the exception that ended it, or nil.
fn try_(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let m = msg_arg(vm, call, 0);
    if vm.message_ref(m).is_none() {
        return value(Value::NIL);
    }
    let c = super::coroutine::new_coroutine(vm, call.locals, call.locals, m);
    if let Some(d) = vm.coro_mut(c) {
        d.catches = true;
    }
    Ok(Flow::Switch {
        to: Value::obj(c),
        answer: Value::NIL,
        cont: cont(try_cont, state(&[Value::obj(c)])),
    })
}

fn try_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(_) => {
            let e = vm
                .heap
                .obj(st[0])
                .and_then(|o| o.get_local(sym::exception))
                .unwrap_or(Value::NIL);
            value(e)
        }
        Resume::Raise(e) => value(e),
        other => pass_on(other),
    }
}

fn list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let items = call.args.to_vec();
    value(vm.new_list(items))
}

// ---- printing -------------------------------------------------------------------------

/// Text of a value without running Io code (numbers, strings, nil/true/false).
pub fn direct_text(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    if let Some(n) = v.as_num() {
        return Some(super::number::format_number(n).into_bytes());
    }
    if let Some(s) = vm.as_seq(v) {
        return Some(super::vector::display_bytes(s).into_owned());
    }
    None
}

fn print_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            let text = direct_text(vm, v).unwrap_or_else(|| vm.debug_value(v).into_bytes());
            vm.host.write_stdout(&text);
            if st[1].truthy() {
                vm.host.write_stdout(b"\n");
            }
            value(st[0])
        }
        other => pass_on(other),
    }
}

fn print_value(vm: &mut Vm, v: Value, newline: bool) -> NResult {
    if let Some(text) = direct_text(vm, v) {
        vm.host.write_stdout(&text);
        if newline {
            vm.host.write_stdout(b"\n");
        }
        return value(v);
    }
    Ok(Flow::Send {
        target: v,
        name: sym::as_string,
        args: Args::new(),
        cont: cont(print_cont, state(&[v, Value::bool(newline)])),
    })
}

fn print(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    print_value(vm, call.target, false)
}

fn println(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    print_value(vm, call.target, true)
}

/// write(a, b, ...): prints each argument (via asString for objects).
fn write(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    write_from(vm, call.args.to_vec(), false)
}

fn writeln(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    write_from(vm, call.args.to_vec(), true)
}

fn write_from(vm: &mut Vm, items: Vec<Value>, newline: bool) -> NResult {
    let list = vm.new_list(items);
    let st = state(&[list, Value::num(0.0), Value::bool(newline)]);
    write_step(vm, st)
}

fn write_step(vm: &mut Vm, mut st: ContState) -> NResult {
    let items = vm.as_list(st[0]).cloned().unwrap_or_default();
    let mut i = st[1].as_num().unwrap_or(0.0) as usize;
    while i < items.len() {
        let v = items[i];
        i += 1;
        match direct_text(vm, v) {
            Some(t) => vm.host.write_stdout(&t),
            None => {
                st[1] = Value::num(i as f64);
                return Ok(Flow::Send {
                    target: v,
                    name: sym::as_string,
                    args: Args::new(),
                    cont: cont(write_cont, st),
                });
            }
        }
    }
    if st[2].truthy() {
        vm.host.write_stdout(b"\n");
    }
    value(Value::NIL)
}

fn write_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            let text = direct_text(vm, v).unwrap_or_else(|| vm.debug_value(v).into_bytes());
            vm.host.write_stdout(&text);
            write_step(vm, *st)
        }
        other => pass_on(other),
    }
}

// ---- sending ------------------------------------------------------------------------

fn perform(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a0 = arg(call, 0);
    if let Some(md) = vm.as_message(a0) {
        let _ = md;
        return Ok(Flow::Eval {
            msg: a0,
            target: call.target,
            locals: call.locals,
            cont: None,
        });
    }
    let name = name_arg(vm, call, 0)?;
    let args: Args = call.args.iter().skip(1).copied().collect();
    Ok(Flow::Send {
        target: call.target,
        name,
        args,
        cont: None,
    })
}

fn perform_with_arg_list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_arg(vm, call, 0)?;
    let Some(l) = vm.as_list(arg(call, 1)).cloned() else {
        return type_error(vm, call, 1, "List");
    };
    Ok(Flow::Send {
        target: call.target,
        name,
        args: l.into_iter().collect(),
        cont: None,
    })
}

/// `obj ?msg`: send msg only if obj has a slot of that name.
fn question(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let m = msg_arg(vm, call, 0);
    let Some(name) = vm.as_message(m).map(|md| md.name) else {
        return value(Value::NIL);
    };
    if vm.lookup(call.target, name).is_none() {
        return value(Value::NIL);
    }
    Ok(Flow::Eval {
        msg: m,
        target: call.target,
        locals: call.locals,
        cont: None,
    })
}
