//! List: ordered collections of values.
//!
//! Natives that only move values around work on the item vector directly.
//! Natives that run Io code for each item (foreach, map, select, reduce,
//! sorting with a block, building text from items' own `asString`...) are
//! continuation state machines: every step answers a `Flow` asking the
//! interpreter to evaluate something, and the continuation carries on with
//! the result. Nothing here re-enters the interpreter or recurses on the
//! Rust stack.

use super::object::{compare_values, raw_clone, unique_id_of};
use super::*;
use crate::heap::FLAG_LOCALS;
use crate::symbol::Sym;
use crate::vm::{Args, ContFn, Stop};

pub const METHODS: MethodTable = &[
    ("with", with, false),
    ("indexOf", index_of, false),
    ("contains", contains, false),
    ("containsIdenticalTo", contains_identical_to, false),
    ("containsAll", contains_all, false),
    ("containsAny", contains_any, false),
    ("capacity", capacity, false),
    ("size", size, false),
    ("isEmpty", is_empty, false),
    ("isNotEmpty", is_not_empty, false),
    ("setSize", set_size, false),
    ("preallocateToSize", preallocate_to_size, false),
    ("removeAll", remove_all, false),
    ("empty", remove_all, false),
    ("append", append, false),
    ("push", append, false),
    ("appendIfAbsent", append_if_absent, false),
    ("appendSeq", append_seq, false),
    ("prepend", prepend, false),
    ("remove", remove, false),
    ("removeSeq", remove_seq, false),
    ("pop", pop, false),
    ("removeLast", pop, false),
    ("removeFirst", remove_first, false),
    ("at", at, false),
    ("atPut", at_put, false),
    ("atInsert", at_insert, false),
    ("insertAt", insert_at, false),
    ("insertBefore", insert_before, false),
    ("insertAfter", insert_after, false),
    ("removeAt", remove_at, false),
    ("swapIndices", swap_indices, false),
    ("first", first, false),
    ("second", second, false),
    ("third", third, false),
    ("last", last, false),
    ("rest", rest, false),
    ("slice", slice, false),
    ("exSlice", slice, false),
    ("sliceInPlace", slice_in_place, false),
    ("reverse", reverse, false),
    ("reverseInPlace", reverse_in_place, false),
    ("itemCopy", item_copy, false),
    ("copy", copy, false),
    ("flatten", flatten, false),
    ("unique", unique, false),
    ("union", union, false),
    ("intersect", intersect, false),
    ("difference", difference, false),
    ("asMap", as_map, false),
    ("sort", sort, false),
    ("sortInPlace", sort_in_place, true),
    ("sortBy", sort_by, false),
    ("sortByKey", sort_by_key, true),
    ("sortInPlaceBy", sort_in_place_by, false),
    ("max", max, true),
    ("min", min, true),
    ("foreach", foreach, true),
    ("reverseForeach", reverse_foreach, true),
    ("map", map, true),
    ("mapInPlace", map_in_place, true),
    ("select", select, true),
    ("selectInPlace", select_in_place, true),
    ("detect", detect, true),
    ("groupBy", group_by, true),
    ("reduce", reduce, true),
    ("reverseReduce", reverse_reduce, true),
    ("join", join, false),
    ("asString", as_string, false),
    ("asSimpleString", as_simple_string, false),
    ("asJson", as_json, false),
    ("asEncodedList", as_encoded_list, false),
    ("fromEncodedList", from_encoded_list, false),
];

pub fn install_all(vm: &mut Vm) {
    let l = vm.p.list;
    install_direct(vm, l, "List", METHODS);
}

// ---- helpers -----------------------------------------------------------------

const OUT_OF_BOUNDS: &str = "index out of bounds\n";
const NEEDS_ARG: &str = "Io Assertion 'requires at least one argument'";
const NEEDS_LISTS: &str = "Io Assertion 'requires List objects as arguments'";

fn list_mut(vm: &mut Vm, v: Value) -> Option<&mut Vec<Value>> {
    match &mut vm.heap.get_mut(v.as_obj()?).payload {
        Payload::List(l) => Some(l),
        _ => None,
    }
}

fn not_a_list(vm: &mut Vm, call: &NativeCall) -> Value {
    let name = method_name(vm, call);
    let t = vm.type_name(call.target);
    vm.error(format!("'{name}' needs a List receiver, not a '{t}'"))
}

/// Run `f` on the receiver's items.
fn with_items<R>(
    vm: &mut Vm,
    call: &NativeCall,
    f: impl FnOnce(&mut Vec<Value>) -> R,
) -> Result<R, Value> {
    match list_mut(vm, call.target) {
        Some(l) => Ok(f(l)),
        None => Err(not_a_list(vm, call)),
    }
}

/// A copy of the receiver's items.
fn items(vm: &mut Vm, call: &NativeCall) -> Result<Vec<Value>, Value> {
    match vm.as_list(call.target) {
        Some(l) => Ok(l.clone()),
        None => Err(not_a_list(vm, call)),
    }
}

/// The receiver's length, checking it is a List. Natives that walk the
/// receiver start here, so the walk is charged to the run's fuel.
fn len_of(vm: &mut Vm, call: &NativeCall) -> Result<usize, Value> {
    match vm.as_list(call.target) {
        Some(l) => {
            let n = l.len();
            vm.charge_time(n);
            Ok(n)
        }
        None => Err(not_a_list(vm, call)),
    }
}

/// The receiver's items, borrowed, after `len_of` has checked it is a List.
fn view<'a>(vm: &'a Vm, call: &NativeCall) -> &'a [Value] {
    vm.as_list(call.target).map_or(&[][..], |l| l.as_slice())
}

/// Replace the receiver's items.
fn set_items(vm: &mut Vm, call: &NativeCall, new: Vec<Value>) -> Result<(), Value> {
    with_items(vm, call, |l| *l = new)
}

/// Argument `i` as a List's items (a type error otherwise).
fn list_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Vec<Value>, Value> {
    match vm.as_list(arg(call, i)) {
        Some(l) => Ok(l.clone()),
        None => type_error(vm, call, i, "List"),
    }
}

/// Integer argument (truncated toward zero, as a C cast would).
fn int_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<i64, Value> {
    Ok(num_arg(vm, call, i)? as i64)
}

fn check_alloc(vm: &mut Vm, n: usize) -> Result<(), Value> {
    if n > vm.max_alloc {
        return vm.err(format!(
            "cannot make a list of {n} items: the limit is {}",
            vm.max_alloc
        ));
    }
    Ok(())
}

fn equal(vm: &Vm, a: Value, b: Value) -> bool {
    compare_values(vm, a, b).is_eq()
}

fn position(vm: &Vm, items: &[Value], v: Value) -> Option<usize> {
    items.iter().position(|&x| equal(vm, x, v))
}

fn contains_value(vm: &Vm, items: &[Value], v: Value) -> bool {
    position(vm, items, v).is_some()
}

/// A message argument's name, as a Sym (for index/value/accumulator names).
fn arg_name(vm: &Vm, call: &NativeCall, i: usize) -> Sym {
    vm.as_message(msg_arg(vm, call, i))
        .map(|m| m.name)
        .unwrap_or(sym::empty)
}

/// Names are kept in continuation state as numbers (their Sym index).
fn sym_value(s: Sym) -> Value {
    Value::num(s.0 as f64)
}

fn value_sym(v: Value) -> Option<Sym> {
    v.as_num().map(|n| Sym(n as u32))
}

fn index_of_state(v: Value) -> i64 {
    v.as_num().unwrap_or(0.0) as i64
}

/// A fresh evaluation context for a body: it inherits the caller's locals (so
/// the body sees the caller's variables and, through `self`, the caller's
/// receiver), while the names bound for each item stay in the context.
///
/// Assignments (`x = v`) in the body store into the context itself when `x`
/// is visible through it (a caller's variable is shadowed, not changed), and
/// otherwise go to `self`, as in a method body.
fn make_context(vm: &mut Vm, sender: Value) -> Value {
    let ctx = vm.heap.alloc(&[sender], Payload::None);
    if let Some(s) = sender.as_obj() {
        let o = vm.heap.get(s);
        if o.is_locals() {
            if let Some(selfv) = o.get_local(sym::self_) {
                vm.heap.set_slot(ctx, sym::self_, selfv);
                vm.heap.set_flag(ctx, FLAG_LOCALS, true);
                let f = vm.new_native(sym::update_slot, context_update_slot, "Locals", false);
                vm.heap.set_slot(ctx, sym::update_slot, Value::obj(f));
            }
        }
    }
    Value::obj(ctx)
}

/// True if `name` is a slot of `start` or of something on its proto chain
/// (without the forwarding of activation records to their `self`).
fn visible_through(vm: &Vm, start: ObjRef, name: Sym) -> bool {
    let mut stack = vec![start];
    let mut seen = crate::fxhash::FxHashSet::default();
    while let Some(o) = stack.pop() {
        if !seen.insert(o) {
            continue;
        }
        let obj = vm.heap.get(o);
        if obj.get_local(name).is_some() {
            return true;
        }
        stack.extend(obj.protos.iter().rev().filter_map(|p| p.as_obj()));
    }
    false
}

/// `updateSlot` of a body context (see `make_context`).
fn context_update_slot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let Some(name) = vm.sym_of(arg(call, 0)) else {
        return type_error(vm, call, 0, "Sequence");
    };
    let v = arg(call, 1);
    let Some(ctx) = call.target.as_obj() else {
        return vm.err("updateSlot needs an object receiver");
    };
    if visible_through(vm, ctx, name) {
        vm.heap.set_slot(ctx, name, v);
        return value(v);
    }
    let selfv = vm.heap.get(ctx).get_local(sym::self_).unwrap_or(Value::NIL);
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

/// Send `name` (no arguments) to `target`, then resume `f` with the answer.
///
/// This goes through the evaluation of a message rather than `Flow::Send`, so
/// that a native answering at once does not resume the continuation from
/// inside the interpreter's own call (which would nest one Rust call per item).
fn ask(vm: &mut Vm, target: Value, name: Sym, f: ContFn, st: &ContState) -> NResult {
    let msg = vm.synthetic_message(name);
    Ok(Flow::Eval {
        msg,
        target,
        locals: target,
        cont: cont(f, *st),
    })
}

// ---- simple access -----------------------------------------------------------

fn with(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = len_of(vm, call)? + call.args.len();
    check_alloc(vm, n)?;
    let new = raw_clone(vm, call.target);
    let args = call.args.clone();
    if let Some(l) = list_mut(vm, new) {
        l.extend(args);
    }
    value(new)
}

fn index_of(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if call.args.is_empty() {
        return vm.err("Io Assertion 'indexOf requires at least one argument'");
    }
    len_of(vm, call)?;
    match position(vm, view(vm, call), arg(call, 0)) {
        Some(i) => value(Value::num(i as f64)),
        None => value(Value::NIL),
    }
}

fn contains(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    value(Value::bool(contains_value(
        vm,
        view(vm, call),
        arg(call, 0),
    )))
}

fn contains_identical_to(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    value(Value::bool(view(vm, call).contains(&arg(call, 0))))
}

fn contains_all(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    let other = list_arg(vm, call, 0)?;
    let l = view(vm, call);
    let all = other.iter().all(|&x| contains_value(vm, l, x));
    value(Value::bool(all))
}

fn contains_any(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    let other = list_arg(vm, call, 0)?;
    let l = view(vm, call);
    let any = other.iter().any(|&x| contains_value(vm, l, x));
    value(Value::bool(any))
}

fn capacity(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = with_items(vm, call, |l| l.capacity())?;
    value(Value::num(n as f64))
}

fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = len_of(vm, call)?;
    value(Value::num(n as f64))
}

fn is_empty(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = len_of(vm, call)?;
    value(Value::bool(n == 0))
}

fn is_not_empty(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = len_of(vm, call)?;
    value(Value::bool(n > 0))
}

fn at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = int_arg(vm, call, 0)?;
    len_of(vm, call)?;
    let l = view(vm, call);
    let idx = if i < 0 { l.len() as i64 + i } else { i };
    if idx < 0 || idx >= l.len() as i64 {
        return value(Value::NIL);
    }
    value(l[idx as usize])
}

fn nth(vm: &mut Vm, call: &NativeCall, i: usize) -> NResult {
    len_of(vm, call)?;
    value(view(vm, call).get(i).copied().unwrap_or(Value::NIL))
}

fn first(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    nth(vm, call, 0)
}

fn second(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    nth(vm, call, 1)
}

fn third(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    nth(vm, call, 2)
}

fn last(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    value(view(vm, call).last().copied().unwrap_or(Value::NIL))
}

// ---- mutation ----------------------------------------------------------------

fn set_size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = int_arg(vm, call, 0)?;
    if n < 0 {
        return vm.err("setSize: the size must not be negative");
    }
    check_alloc(vm, n as usize)?;
    with_items(vm, call, |l| l.resize(n as usize, Value::NIL))?;
    value(call.target)
}

fn preallocate_to_size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    // Only a hint: reserve a bounded amount.
    let n = int_arg(vm, call, 0)?.clamp(0, 1 << 16) as usize;
    with_items(vm, call, |l| {
        if n > l.len() {
            l.reserve(n - l.len());
        }
    })?;
    value(call.target)
}

fn remove_all(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    with_items(vm, call, |l| l.clear())?;
    value(call.target)
}

fn append(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if call.args.is_empty() {
        return vm.err(NEEDS_ARG);
    }
    let n = len_of(vm, call)? + call.args.len();
    check_alloc(vm, n)?;
    let args = call.args.clone();
    with_items(vm, call, |l| l.extend(args))?;
    value(call.target)
}

/// Each argument is inserted at the front in turn, so the last one ends up first.
fn prepend(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if call.args.is_empty() {
        return vm.err(NEEDS_ARG);
    }
    let n = len_of(vm, call)? + call.args.len();
    check_alloc(vm, n)?;
    let mut new: Vec<Value> = call.args.iter().rev().copied().collect();
    new.extend(items(vm, call)?);
    set_items(vm, call, new)?;
    value(call.target)
}

fn append_if_absent(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut l = items(vm, call)?;
    for &v in call.args.iter() {
        if !contains_value(vm, &l, v) {
            l.push(v);
        }
    }
    check_alloc(vm, l.len())?;
    set_items(vm, call, l)?;
    value(call.target)
}

fn append_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    for i in 0..call.args.len() {
        let other = arg(call, i);
        let Some(extra) = vm.as_list(other).cloned() else {
            return vm.err(NEEDS_LISTS);
        };
        if other == call.target {
            return vm.err("can't add a list to itself\n");
        }
        let n = len_of(vm, call)? + extra.len();
        check_alloc(vm, n)?;
        with_items(vm, call, |l| l.extend(extra))?;
    }
    value(call.target)
}

fn remove_equal(vm: &mut Vm, call: &NativeCall, gone: &[Value]) -> Result<(), Value> {
    let l = items(vm, call)?;
    let kept: Vec<Value> = l
        .into_iter()
        .filter(|&x| !gone.iter().any(|&g| equal(vm, x, g)))
        .collect();
    set_items(vm, call, kept)
}

fn remove(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if call.args.is_empty() {
        return vm.err(NEEDS_ARG);
    }
    let gone = call.args.to_vec();
    remove_equal(vm, call, &gone)?;
    value(call.target)
}

fn remove_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let gone = list_arg(vm, call, 0)?;
    remove_equal(vm, call, &gone)?;
    value(call.target)
}

fn pop(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let v = with_items(vm, call, |l| l.pop())?;
    value(v.unwrap_or(Value::NIL))
}

fn remove_first(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let v = with_items(vm, call, |l| {
        if l.is_empty() {
            None
        } else {
            Some(l.remove(0))
        }
    })?;
    value(v.unwrap_or(Value::NIL))
}

fn at_put(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = int_arg(vm, call, 0)?;
    let v = arg(call, 1);
    let ok = with_items(vm, call, |l| {
        if i < 0 || i as u64 >= l.len() as u64 {
            return false;
        }
        l[i as usize] = v;
        true
    })?;
    if !ok {
        return vm.err(OUT_OF_BOUNDS);
    }
    value(call.target)
}

/// Insert `v` before index `i` (0..=size).
fn insert(vm: &mut Vm, call: &NativeCall, i: i64, v: Value) -> NResult {
    let n = len_of(vm, call)?;
    if i < 0 || i as u64 > n as u64 {
        return vm.err(OUT_OF_BOUNDS);
    }
    check_alloc(vm, n + 1)?;
    with_items(vm, call, |l| l.insert(i as usize, v))?;
    value(call.target)
}

fn at_insert(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = int_arg(vm, call, 0)?;
    insert(vm, call, i, arg(call, 1))
}

fn insert_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = int_arg(vm, call, 1)?;
    insert(vm, call, i, arg(call, 0))
}

fn insert_near(vm: &mut Vm, call: &NativeCall, after: bool) -> NResult {
    let n = len_of(vm, call)?;
    let at = match position(vm, view(vm, call), arg(call, 1)) {
        Some(i) if after => i + 1,
        Some(i) => i,
        None => n,
    };
    insert(vm, call, at as i64, arg(call, 0))
}

fn insert_before(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    insert_near(vm, call, false)
}

fn insert_after(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    insert_near(vm, call, true)
}

fn remove_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = int_arg(vm, call, 0)?;
    let v = with_items(vm, call, |l| {
        if i < 0 || i as u64 >= l.len() as u64 {
            None
        } else {
            Some(l.remove(i as usize))
        }
    })?;
    match v {
        Some(v) => value(v),
        None => vm.err(OUT_OF_BOUNDS),
    }
}

fn swap_indices(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = int_arg(vm, call, 0)?;
    let j = int_arg(vm, call, 1)?;
    let ok = with_items(vm, call, |l| {
        let n = l.len() as u64;
        if i < 0 || j < 0 || i as u64 >= n || j as u64 >= n {
            return false;
        }
        l.swap(i as usize, j as usize);
        true
    })?;
    if !ok {
        return vm.err(OUT_OF_BOUNDS);
    }
    value(call.target)
}

// ---- copies and slices -------------------------------------------------------

/// The indexes a python-like slice(start, [end], [step]) selects from `len` items.
fn slice_indexes(vm: &mut Vm, call: &NativeCall, len: usize) -> Result<Vec<usize>, Value> {
    let argc = call.args.len();
    let step = if argc >= 3 { int_arg(vm, call, 2)? } else { 1 };
    if step == 0 {
        return vm.err("Io Assertion 'step cannot be equal to zero'");
    }
    let start = int_arg(vm, call, 0)?;
    let end = if argc >= 2 {
        int_arg(vm, call, 1)?
    } else {
        len as i64
    };
    let n = len as i64;
    let fix = |i: i64| -> i64 {
        if i < 0 {
            let j = i.saturating_add(n);
            if j < 0 {
                if step < 0 {
                    -1
                } else {
                    0
                }
            } else {
                j
            }
        } else if i >= n {
            if step < 0 {
                n - 1
            } else {
                n
            }
        } else {
            i
        }
    };
    let (mut i, end) = (fix(start), fix(end));
    let mut out = Vec::new();
    if step > 0 {
        while i < end {
            out.push(i as usize);
            i = i.saturating_add(step);
        }
    } else {
        while i > end {
            out.push(i as usize);
            i = i.saturating_add(step);
        }
    }
    Ok(out)
}

fn sliced(vm: &mut Vm, call: &NativeCall) -> Result<Vec<Value>, Value> {
    let l = items(vm, call)?;
    let idx = slice_indexes(vm, call, l.len())?;
    Ok(idx.into_iter().filter_map(|i| l.get(i).copied()).collect())
}

fn slice(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let out = sliced(vm, call)?;
    value(vm.new_list(out))
}

fn slice_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let out = sliced(vm, call)?;
    set_items(vm, call, out)?;
    value(call.target)
}

fn rest(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let out = l.get(1..).map(|s| s.to_vec()).unwrap_or_default();
    value(vm.new_list(out))
}

fn reverse(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut l = items(vm, call)?;
    l.reverse();
    value(vm.new_list(l))
}

fn reverse_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    with_items(vm, call, |l| l.reverse())?;
    value(call.target)
}

fn item_copy(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    value(vm.new_list(l))
}

/// copy(aList): the receiver's items become aList's items.
fn copy(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    let Some(l) = vm.as_list(arg(call, 0)).cloned() else {
        return vm.err(NEEDS_LISTS);
    };
    set_items(vm, call, l)?;
    value(call.target)
}

/// Nested lists spliced in, depth first, without recursion.
fn flatten(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    len_of(vm, call)?;
    let mut out: Vec<Value> = Vec::new();
    // (list, next index) for each list being walked.
    let mut path: Vec<(Value, usize)> = vec![(call.target, 0)];
    while let Some((l, i)) = path.pop() {
        let Some(item) = vm.as_list(l).and_then(|items| items.get(i).copied()) else {
            continue;
        };
        path.push((l, i + 1));
        if vm.as_list(item).is_some() {
            if path.iter().any(|&(p, _)| p == item) {
                return vm.err("flatten: a list contains itself");
            }
            path.push((item, 0));
        } else {
            out.push(item);
            check_alloc(vm, out.len())?;
        }
    }
    value(vm.new_list(out))
}

fn unique(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let mut out: Vec<Value> = Vec::new();
    for x in l {
        if !contains_value(vm, &out, x) {
            out.push(x);
        }
    }
    value(vm.new_list(out))
}

/// The items of `a` that are (or are not) in `b`.
fn filter_by(vm: &Vm, a: &[Value], b: &[Value], keep_present: bool) -> Vec<Value> {
    a.iter()
        .copied()
        .filter(|&x| contains_value(vm, b, x) == keep_present)
        .collect()
}

fn union(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut l = items(vm, call)?;
    let other = list_arg(vm, call, 0)?;
    let extra = filter_by(vm, &other, &l, false);
    l.extend(extra);
    check_alloc(vm, l.len())?;
    value(vm.new_list(l))
}

fn intersect(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let other = list_arg(vm, call, 0)?;
    let out = filter_by(vm, &other, &l, true);
    value(vm.new_list(out))
}

fn difference(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let other = list_arg(vm, call, 0)?;
    let out = filter_by(vm, &l, &other, false);
    value(vm.new_list(out))
}

/// A Map from a list of list(key, value) pairs.
fn as_map(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let m = super::map::new_map(vm);
    for pair in l {
        let Some(p) = vm.as_list(pair) else {
            let t = vm.type_name(pair);
            return vm.err(format!("{t} does not respond to 'at'"));
        };
        let k = p.first().copied().unwrap_or(Value::NIL);
        let v = p.get(1).copied().unwrap_or(Value::NIL);
        let Some(key) = vm.as_seq(k).map(|s| s.bytes.clone()) else {
            let t = vm.type_name(k);
            return vm.err(format!(
                "argument 0 to method 'atPut' must be a Sequence, not a '{t}'"
            ));
        };
        super::map::map_put(vm, m, &key, v);
    }
    value(m)
}

// ---- binary encoding ---------------------------------------------------------------
//
// asEncodedList writes each item as a tag byte and its data: nil (0), a
// Number (1, then 8 bytes of little-endian double), a Sequence (2, then its
// text's length as 4 little-endian bytes, then the text), true (3), false (4).

const ENC_NIL: u8 = 0;
const ENC_NUMBER: u8 = 1;
const ENC_SEQ: u8 = 2;
const ENC_TRUE: u8 = 3;
const ENC_FALSE: u8 = 4;

fn as_encoded_list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let mut out = Vec::new();
    for v in l {
        if let Some(n) = vm.as_number(v) {
            out.push(ENC_NUMBER);
            out.extend_from_slice(&n.to_le_bytes());
        } else if let Some(s) = vm.as_seq(v) {
            let text = super::vector::display_bytes(s);
            let Ok(len) = u32::try_from(text.len()) else {
                return vm.err("asEncodedList: a Sequence item is too large to encode");
            };
            out.push(ENC_SEQ);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&text);
        } else if v == Value::NIL {
            out.push(ENC_NIL);
        } else if v == Value::TRUE {
            out.push(ENC_TRUE);
        } else if v == Value::FALSE {
            out.push(ENC_FALSE);
        } else {
            let t = vm.type_name(v);
            return vm.err(format!(
                "asEncodedList: can only encode nil, true, false, Numbers and Sequences, not a '{t}'"
            ));
        }
        if out.len() > vm.max_alloc {
            return vm.err("asEncodedList: the encoding is larger than the allocation limit");
        }
    }
    value(vm.new_string(out, true))
}

/// Items decoded from `b` (see asEncodedList), or None if `b` is malformed.
fn decode_items(vm: &mut Vm, b: &[u8]) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let tag = b[i];
        i += 1;
        let v = match tag {
            ENC_NIL => Value::NIL,
            ENC_TRUE => Value::TRUE,
            ENC_FALSE => Value::FALSE,
            ENC_NUMBER => {
                let w: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
                i += 8;
                Value::num(f64::from_le_bytes(w))
            }
            ENC_SEQ => {
                let w: [u8; 4] = b.get(i..i + 4)?.try_into().ok()?;
                i += 4;
                let len = u32::from_le_bytes(w) as usize;
                let text = b.get(i..i.checked_add(len)?)?.to_vec();
                i += len;
                vm.new_string(text, false)
            }
            _ => return None,
        };
        out.push(v);
    }
    Some(out)
}

fn from_encoded_list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let Some(b) = vm.as_seq(arg(call, 0)).map(|s| s.bytes.clone()) else {
        return type_error(vm, call, 0, "Sequence");
    };
    match decode_items(vm, &b) {
        Some(items) => value(vm.new_list(items)),
        None => vm.err("fromEncodedList: the Sequence is not an encoded list"),
    }
}

// ---- sorting -------------------------------------------------------------------

/// A stable bottom-up merge sort. Unlike the standard library's sorts it
/// accepts any comparison, even one that is not a consistent order (values
/// compared by `compare` need not be: NaN, objects of unrelated kinds).
fn stable_sort<T: Copy>(items: &mut Vec<T>, mut less: impl FnMut(T, T) -> bool) {
    let n = items.len();
    if n < 2 {
        return;
    }
    let mut src = items.clone();
    let mut dst = items.clone();
    let mut w = 1;
    while w < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + w).min(n);
            let hi = (lo + 2 * w).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if less(src[j], src[i]) {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (hi - j)].copy_from_slice(&src[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        w *= 2;
    }
    *items = src;
}

fn sorted(vm: &Vm, mut l: Vec<Value>) -> Vec<Value> {
    stable_sort(&mut l, |a, b| compare_values(vm, a, b).is_lt());
    l
}

fn sort(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let l = sorted(vm, l);
    value(vm.new_list(l))
}

// sortInPlace(keyMsg), sortByKey([item], keyExpr), max(keyMsg), min(keyMsg):
// the key of each item is evaluated once, then the items are ordered by their
// keys.
// state = [items snapshot, i, purpose, list sorted into, item name, key message, locals, keys]
const KEYS_SORT: f64 = 0.0;
const KEYS_MAX: f64 = 1.0;
const KEYS_MIN: f64 = 2.0;

fn sort_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    if msg_argc(vm, call) == 0 {
        let l = sorted(vm, l);
        set_items(vm, call, l)?;
        return value(call.target);
    }
    keys_start(vm, call, l, KEYS_SORT)
}

fn extreme(vm: &mut Vm, call: &NativeCall, purpose: f64) -> NResult {
    let l = items(vm, call)?;
    if msg_argc(vm, call) == 0 {
        let keys = l.clone();
        return value(pick_extreme(vm, &l, &keys, purpose));
    }
    keys_start(vm, call, l, purpose)
}

fn max(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    extreme(vm, call, KEYS_MAX)
}

fn min(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    extreme(vm, call, KEYS_MIN)
}

/// The first item whose key is strictly the largest (or smallest); nil when empty.
fn pick_extreme(vm: &Vm, items: &[Value], keys: &[Value], purpose: f64) -> Value {
    let mut best: Option<usize> = None;
    for i in 0..items.len().min(keys.len()) {
        let better = match best {
            None => true,
            Some(b) => {
                let c = compare_values(vm, keys[i], keys[b]);
                if purpose == KEYS_MAX {
                    c.is_gt()
                } else {
                    c.is_lt()
                }
            }
        };
        if better {
            best = Some(i);
        }
    }
    best.map_or(Value::NIL, |i| items[i])
}

fn keys_start(vm: &mut Vm, call: &NativeCall, l: Vec<Value>, purpose: f64) -> NResult {
    keys_start_into(vm, call, l, purpose, call.target)
}

/// Like `keys_start`; a sort puts its result in `into`. With two arguments
/// (item, expr) the item is bound by name in the caller's locals.
fn keys_start_into(
    vm: &mut Vm,
    call: &NativeCall,
    l: Vec<Value>,
    purpose: f64,
    into: Value,
) -> NResult {
    let snapshot = vm.new_list(l);
    let keys = vm.new_list(Vec::new());
    let (name, msg) = if msg_argc(vm, call) >= 2 {
        (sym_value(arg_name(vm, call, 0)), msg_arg(vm, call, 1))
    } else {
        (Value::NIL, msg_arg(vm, call, 0))
    };
    let mut st = state(&[
        snapshot,
        Value::num(0.0),
        Value::num(purpose),
        into,
        name,
        msg,
        call.locals,
        keys,
    ]);
    keys_step(vm, &mut st)
}

/// sortByKey([item], expr): a copy sorted by the value of expr for each item.
fn sort_by_key(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    if msg_argc(vm, call) == 0 {
        return vm.err("missing argument");
    }
    let into = vm.new_list(Vec::new());
    keys_start_into(vm, call, l, KEYS_SORT, into)
}

fn keys_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    let i = index_of_state(st[1]) as usize;
    let Some(item) = vm.as_list(st[0]).and_then(|l| l.get(i).copied()) else {
        return keys_finish(vm, st);
    };
    st[1] = Value::num((i + 1) as f64);
    let locals = st[6];
    let mut target = item;
    if let (Some(name), Some(l)) = (value_sym(st[4]), locals.as_obj()) {
        vm.heap.set_slot(l, name, item);
        target = locals;
    }
    Ok(Flow::Eval {
        msg: st[5],
        target,
        locals,
        cont: cont(keys_cont, *st),
    })
}

fn keys_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            if let Some(k) = list_mut(vm, st[7]) {
                k.push(v);
            }
            keys_step(vm, st)
        }
        other => pass_on(other),
    }
}

fn keys_finish(vm: &mut Vm, st: &mut ContState) -> NResult {
    let items = vm.as_list(st[0]).cloned().unwrap_or_default();
    let keys = vm.as_list(st[7]).cloned().unwrap_or_default();
    let purpose = st[2].as_num().unwrap_or(KEYS_SORT);
    if purpose != KEYS_SORT {
        return value(pick_extreme(vm, &items, &keys, purpose));
    }
    let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(items).collect();
    stable_sort(&mut pairs, |a, b| compare_values(vm, a.0, b.0).is_lt());
    if let Some(l) = list_mut(vm, st[3]) {
        *l = pairs.into_iter().map(|p| p.1).collect();
    }
    value(st[3])
}

// sortInPlaceBy(block): a bottom-up merge sort whose comparisons activate the
// block, so the sort proceeds one comparison per interpreter round trip.
// state = [receiver, block, locals, work, width, lo, i, j]
// `work` holds two halves of n items each; a pass reads one half and writes
// the other (which one depends on the parity of log2(width)). `i` walks the
// left run [lo, mid), `j` the right run [mid, hi).

fn sort_in_place_by(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    merge_sort_start(vm, call, call.target, l)
}

fn sort_by(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let target = vm.new_list(Vec::new());
    merge_sort_start(vm, call, target, l)
}

fn merge_sort_start(vm: &mut Vm, call: &NativeCall, target: Value, l: Vec<Value>) -> NResult {
    let block = arg(call, 0);
    let Some(body) = vm.as_block(block).map(|b| b.body) else {
        return type_error(vm, call, 0, "Block");
    };
    if body.is_nil() {
        // An empty block answers nil to every comparison: the order stays.
        if let Some(t) = list_mut(vm, target) {
            *t = l;
        }
        return value(target);
    }
    let n = l.len();
    check_alloc(vm, n * 2)?;
    let mut work = l;
    work.extend_from_within(..);
    let work = vm.new_list(work);
    let mut st = state(&[
        target,
        block,
        call.locals,
        work,
        Value::num(1.0),
        Value::num(0.0),
        Value::num(0.0),
        Value::num(n.min(1) as f64),
    ]);
    merge_sort_run(vm, &mut st)
}

fn st_usize(v: Value) -> usize {
    v.as_num().unwrap_or(0.0) as usize
}

/// Halves (source offset, destination offset) for a pass of this width.
fn halves(width: usize, n: usize) -> (usize, usize) {
    if width.trailing_zeros().is_multiple_of(2) {
        (0, n)
    } else {
        (n, 0)
    }
}

fn merge_sort_run(vm: &mut Vm, st: &mut ContState) -> NResult {
    let Some(Payload::List(work)) = st[3].as_obj().map(|r| &mut vm.heap.get_mut(r).payload) else {
        return value(st[0]);
    };
    let n = work.len() / 2;
    let mut w = st_usize(st[4]).max(1);
    let mut lo = st_usize(st[5]);
    let mut i = st_usize(st[6]);
    let mut j = st_usize(st[7]);
    loop {
        if w >= n {
            let (src, _) = halves(w, n);
            let done: Vec<Value> = work[src..src + n].to_vec();
            if let Some(l) = list_mut(vm, st[0]) {
                *l = done;
            }
            return value(st[0]);
        }
        let (src, dst) = halves(w, n);
        let mid = (lo + w).min(n);
        let hi = (lo + 2 * w).min(n);
        if i < mid && j < hi {
            let args: Args = [work[src + j], work[src + i]].into_iter().collect();
            st[4] = Value::num(w as f64);
            st[5] = Value::num(lo as f64);
            st[6] = Value::num(i as f64);
            st[7] = Value::num(j as f64);
            return Ok(Flow::Activate {
                block: st[1],
                target: st[2],
                args,
                msg: Value::NIL,
                cont: cont(merge_sort_cont, *st),
            });
        }
        // One run is used up: the rest of the other goes as it is.
        let k = lo + (i - lo) + (j - mid);
        let left = work[src + i..src + mid].to_vec();
        let right = work[src + j..src + hi].to_vec();
        for (at, v) in (dst + k..).zip(left.into_iter().chain(right)) {
            work[at] = v;
        }
        lo += 2 * w;
        if lo >= n {
            w *= 2;
            lo = 0;
        }
        i = lo;
        j = (lo + w).min(n);
    }
}

fn merge_sort_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let right_first = match how {
        Resume::Value(v) => v.truthy(),
        other => return pass_on(other),
    };
    let Some(work) = list_mut(vm, st[3]) else {
        return value(st[0]);
    };
    let n = work.len() / 2;
    let w = st_usize(st[4]).max(1);
    let lo = st_usize(st[5]);
    let mut i = st_usize(st[6]);
    let mut j = st_usize(st[7]);
    let (src, dst) = halves(w, n);
    let mid = (lo + w).min(n);
    let k = lo + (i - lo) + (j - mid);
    if right_first {
        work[dst + k] = work[src + j];
        j += 1;
    } else {
        work[dst + k] = work[src + i];
        i += 1;
    }
    st[6] = Value::num(i as f64);
    st[7] = Value::num(j as f64);
    merge_sort_run(vm, st)
}

// ---- iteration -----------------------------------------------------------------
//
// One engine runs foreach, reverseForeach, map, mapInPlace, select,
// selectInPlace, detect and groupBy; the operation is a const parameter of
// the continuation. Forms: (body) sends body to each item in the caller's
// locals; (value, body) and (index, value, body) bind names, in the caller's
// locals for foreach/reverseForeach and in a private context otherwise.
// state = [list, next index, current item, index name, value name, body, context, acc]

const FOREACH: u8 = 0;
const REVERSE_FOREACH: u8 = 1;
const MAP: u8 = 2;
const MAP_IN_PLACE: u8 = 3;
const SELECT: u8 = 4;
const SELECT_IN_PLACE: u8 = 5;
const DETECT: u8 = 6;
const GROUP_BY: u8 = 7;

fn iter_cont_for(op: u8) -> ContFn {
    match op {
        FOREACH => iter_cont::<FOREACH>,
        REVERSE_FOREACH => iter_cont::<REVERSE_FOREACH>,
        MAP => iter_cont::<MAP>,
        MAP_IN_PLACE => iter_cont::<MAP_IN_PLACE>,
        SELECT => iter_cont::<SELECT>,
        SELECT_IN_PLACE => iter_cont::<SELECT_IN_PLACE>,
        DETECT => iter_cont::<DETECT>,
        _ => iter_cont::<GROUP_BY>,
    }
}

fn foreach(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, FOREACH)
}

fn reverse_foreach(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, REVERSE_FOREACH)
}

fn map(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, MAP)
}

fn map_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, MAP_IN_PLACE)
}

fn select(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, SELECT)
}

fn select_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, SELECT_IN_PLACE)
}

fn detect(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, DETECT)
}

fn group_by(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, GROUP_BY)
}

fn iter_start(vm: &mut Vm, call: &NativeCall, op: u8) -> NResult {
    let len = len_of(vm, call)?;
    let n = msg_argc(vm, call);
    let loop_op = op == FOREACH || op == REVERSE_FOREACH;
    if n == 0 || (op == REVERSE_FOREACH && n == 1) {
        if loop_op {
            let t = vm.tag_name(call.target);
            let name = method_name(vm, call);
            return vm.err(format!("[{t} {name}] requires 2 arguments\n"));
        }
        return vm.err("missing argument");
    }
    let (iname, vname, body) = match n {
        1 => (Value::NIL, Value::NIL, msg_arg(vm, call, 0)),
        2 => (
            Value::NIL,
            sym_value(arg_name(vm, call, 0)),
            msg_arg(vm, call, 1),
        ),
        _ => (
            sym_value(arg_name(vm, call, 0)),
            sym_value(arg_name(vm, call, 1)),
            msg_arg(vm, call, 2),
        ),
    };
    let ctx = if n >= 2 && !loop_op {
        make_context(vm, call.locals)
    } else {
        call.locals
    };
    let acc = match op {
        MAP | SELECT | SELECT_IN_PLACE => vm.new_list(Vec::new()),
        GROUP_BY => super::map::new_map(vm),
        _ => Value::NIL,
    };
    let start = if op == REVERSE_FOREACH {
        len as f64 - 1.0
    } else {
        0.0
    };
    let mut st = state(&[
        call.target,
        Value::num(start),
        Value::NIL,
        iname,
        vname,
        body,
        ctx,
        acc,
    ]);
    iter_step(vm, &mut st, op)
}

fn iter_step(vm: &mut Vm, st: &mut ContState, op: u8) -> NResult {
    let i = index_of_state(st[1]);
    let items = vm.as_list(st[0]).map_or(&[][..], |l| l.as_slice());
    let (index, item) = if op == REVERSE_FOREACH {
        // A list that shrank while iterating continues from its new end.
        let i = i.min(items.len() as i64 - 1);
        if i < 0 {
            return iter_finish(vm, st, op);
        }
        st[1] = Value::num((i - 1) as f64);
        (i, items[i as usize])
    } else {
        match items.get(i as usize) {
            Some(&v) if i >= 0 => {
                st[1] = Value::num((i + 1) as f64);
                (i, v)
            }
            _ => return iter_finish(vm, st, op),
        }
    };
    st[2] = item;
    let ctx = st[6];
    let f = iter_cont_for(op);
    if st[4].is_nil() {
        return Ok(Flow::Eval {
            msg: st[5],
            target: item,
            locals: ctx,
            cont: cont(f, *st),
        });
    }
    if let Some(c) = ctx.as_obj() {
        if let Some(s) = value_sym(st[3]) {
            vm.heap.set_slot(c, s, Value::num(index as f64));
        }
        if let Some(s) = value_sym(st[4]) {
            vm.heap.set_slot(c, s, item);
        }
    }
    Ok(Flow::Eval {
        msg: st[5],
        target: ctx,
        locals: ctx,
        cont: cont(f, *st),
    })
}

fn push_to(vm: &mut Vm, list: Value, v: Value) {
    if let Some(l) = list_mut(vm, list) {
        l.push(v);
    }
}

/// Index of the item being evaluated (forward iteration).
fn current_index(st: &ContState) -> usize {
    (index_of_state(st[1]) - 1).max(0) as usize
}

fn iter_cont<const OP: u8>(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            match OP {
                FOREACH | REVERSE_FOREACH => st[7] = v,
                MAP => push_to(vm, st[7], v),
                MAP_IN_PLACE => {
                    let i = current_index(st);
                    if let Some(slot) = list_mut(vm, st[0]).and_then(|l| l.get_mut(i)) {
                        *slot = v;
                    }
                }
                SELECT | SELECT_IN_PLACE => {
                    if v.truthy() {
                        push_to(vm, st[7], st[2]);
                    }
                }
                DETECT => {
                    if v.truthy() {
                        return value(st[2]);
                    }
                }
                _ => return group_key(vm, st, v),
            }
            iter_step(vm, st, OP)
        }
        Resume::Stop(Stop::Continue, _) => {
            // The current item is left as it is.
            if matches!(OP, MAP | SELECT | SELECT_IN_PLACE) {
                push_to(vm, st[7], st[2]);
            }
            iter_step(vm, st, OP)
        }
        Resume::Stop(Stop::Break, v) => match OP {
            FOREACH | REVERSE_FOREACH => value(v),
            MAP | SELECT | SELECT_IN_PLACE => {
                // Items not reached yet are kept unchanged.
                let i = current_index(st);
                let rest: Vec<Value> = vm
                    .as_list(st[0])
                    .and_then(|l| l.get(i..))
                    .map(|s| s.to_vec())
                    .unwrap_or_default();
                if let Some(l) = list_mut(vm, st[7]) {
                    l.extend(rest);
                }
                iter_finish(vm, st, OP)
            }
            DETECT => value(Value::NIL),
            _ => iter_finish(vm, st, OP),
        },
        other => pass_on(other),
    }
}

fn iter_finish(vm: &mut Vm, st: &mut ContState, op: u8) -> NResult {
    match op {
        FOREACH | REVERSE_FOREACH | MAP | SELECT | GROUP_BY => value(st[7]),
        MAP_IN_PLACE => value(st[0]),
        SELECT_IN_PLACE => {
            let kept = vm.as_list(st[7]).cloned().unwrap_or_default();
            if let Some(l) = list_mut(vm, st[0]) {
                *l = kept;
            }
            value(st[0])
        }
        _ => value(Value::NIL),
    }
}

/// groupBy: the body's result, as text, names the group of the current item.
fn group_key(vm: &mut Vm, st: &mut ContState, key: Value) -> NResult {
    match item_text(vm, key, TextKind::String) {
        Some(text) => {
            group_put(vm, st, &text);
            iter_step(vm, st, GROUP_BY)
        }
        None => {
            let name = TextKind::String.message(vm);
            ask(vm, key, name, group_key_cont, st)
        }
    }
}

fn group_key_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            let text = result_text(vm, v);
            group_put(vm, st, &text);
            iter_step(vm, st, GROUP_BY)
        }
        other => pass_on(other),
    }
}

fn group_put(vm: &mut Vm, st: &ContState, key: &[u8]) {
    let group = match super::map::map_get(vm, st[7], key) {
        Some(g) if vm.as_list(g).is_some() => g,
        _ => {
            let g = vm.new_list(Vec::new());
            super::map::map_put(vm, st[7], key, g);
            g
        }
    };
    push_to(vm, group, st[2]);
}

// reduce: (op) | (acc, item, body) | (op, init) | (acc, item, body, init).
// Without an initial value the first item starts the fold.
// state = [items snapshot, next index, _, acc name, item name, body, context, acc]
// The (op) forms evaluate a message `op(item)` built for the call, sent to the
// accumulator, whose argument is read from a private holder in `context`;
// they are told apart by having no item name.

fn reduce(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_start(vm, call, false)
}

fn reverse_reduce(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_start(vm, call, true)
}

/// The message `op(item)`, placed where the call was written.
fn op_message(vm: &mut Vm, call: &NativeCall, op: Sym, item: Sym) -> Value {
    let (label, line, col) = match vm.as_message(call.msg) {
        Some(m) => (m.label.clone(), m.line, m.col),
        None => ("[internal]".into(), 0, 0),
    };
    let m = vm.new_message(op, &label, line, col);
    let a = vm.new_message(item, &label, line, col);
    vm.message_mut(m).args.push(Value::obj(a));
    Value::obj(m)
}

fn reduce_start(vm: &mut Vm, call: &NativeCall, reversed: bool) -> NResult {
    let mut l = items(vm, call)?;
    let n = msg_argc(vm, call);
    if n == 0 {
        return vm.err("missing argument");
    }
    if reversed {
        l.reverse();
    }
    let has_init = n == 2 || n == 4;
    let (a, b, body, ctx) = if n >= 3 {
        let ctx = make_context(vm, call.locals);
        (
            sym_value(arg_name(vm, call, 0)),
            sym_value(arg_name(vm, call, 1)),
            msg_arg(vm, call, 2),
            ctx,
        )
    } else {
        let op = arg_name(vm, call, 0);
        let item = vm.sym("item");
        let body = op_message(vm, call, op, item);
        let holder = Value::obj(vm.heap.alloc(&[], Payload::None));
        (sym_value(item), Value::NIL, body, holder)
    };
    let (start, acc) = if has_init {
        (0.0, Value::NIL)
    } else {
        (1.0, l.first().copied().unwrap_or(Value::NIL))
    };
    let src = vm.new_list(l);
    let mut st = state(&[src, Value::num(start), Value::NIL, a, b, body, ctx, acc]);
    if has_init {
        return Ok(Flow::Eval {
            msg: msg_arg(vm, call, n - 1),
            target: call.locals,
            locals: call.locals,
            cont: cont(reduce_init_cont, st),
        });
    }
    reduce_step(vm, &mut st)
}

fn reduce_init_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            st[7] = v;
            reduce_step(vm, st)
        }
        other => pass_on(other),
    }
}

fn reduce_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    let i = index_of_state(st[1]).max(0) as usize;
    let Some(item) = vm.as_list(st[0]).and_then(|l| l.get(i).copied()) else {
        return value(st[7]);
    };
    st[1] = Value::num((i + 1) as f64);
    let ctx = st[6];
    let op_form = st[4].is_nil();
    if let Some(c) = ctx.as_obj() {
        if let Some(s) = value_sym(st[3]) {
            vm.heap.set_slot(c, s, if op_form { item } else { st[7] });
        }
        if let Some(s) = value_sym(st[4]) {
            vm.heap.set_slot(c, s, item);
        }
    }
    let target = if op_form { st[7] } else { ctx };
    Ok(Flow::Eval {
        msg: st[5],
        target,
        locals: ctx,
        cont: cont(reduce_cont, *st),
    })
}

fn reduce_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            st[7] = v;
            reduce_step(vm, st)
        }
        Resume::Stop(Stop::Continue, _) => reduce_step(vm, st),
        Resume::Stop(Stop::Break, _) => value(st[7]),
        other => pass_on(other),
    }
}

// ---- text ------------------------------------------------------------------------
//
// asString, asSimpleString, asJson and join build their text natively for
// numbers, strings, nil, true and false, and ask other items for their own
// text with a send.

/// Which text an item contributes.
#[derive(Copy, Clone, PartialEq)]
enum TextKind {
    /// `asSimpleString`: strings quoted.
    Simple,
    /// `asString`: strings raw.
    String,
    /// `asJson`.
    Json,
}

impl TextKind {
    fn message(self, vm: &mut Vm) -> Sym {
        match self {
            TextKind::Simple => vm.sym("asSimpleString"),
            TextKind::String => sym::as_string,
            TextKind::Json => vm.sym("asJson"),
        }
    }
}

/// `"text"` with the escapes `Sequence escape` uses.
fn quoted(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'"');
    for &b in bytes {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            0x07 => b"\\a",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x0b => b"\\v",
            0 => b"\\0",
            b'\\' => b"\\\\",
            _ => {
                out.push(b);
                continue;
            }
        };
        out.extend_from_slice(esc);
    }
    out.push(b'"');
    out
}

/// A JSON string literal.
fn json_quoted(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'"');
    for &b in bytes {
        let esc: &[u8] = match b {
            b'\\' => b"\\\\",
            b'"' => b"\\\"",
            b'/' => b"\\/",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\t' => b"\\t",
            _ => {
                out.push(b);
                continue;
            }
        };
        out.extend_from_slice(esc);
    }
    out.push(b'"');
    out
}

/// An item's text when it can be made without running Io code.
fn item_text(vm: &mut Vm, v: Value, kind: TextKind) -> Option<Vec<u8>> {
    if let Some(n) = v.as_num() {
        return Some(super::number::format_number(n).into_bytes());
    }
    if let Some(s) = vm.as_seq(v) {
        let text = super::vector::display_bytes(s);
        return Some(match kind {
            TextKind::Simple => quoted(&text),
            TextKind::String => text.into_owned(),
            TextKind::Json => json_quoted(&text),
        });
    }
    let name = if v == Value::NIL {
        if kind == TextKind::Json {
            "null"
        } else {
            "nil"
        }
    } else if v == Value::TRUE {
        "true"
    } else if v == Value::FALSE {
        "false"
    } else {
        if let Some(n) = vm.as_number(v) {
            return Some(super::number::format_number(n).into_bytes());
        }
        let msg = kind.message(vm);
        if kind == TextKind::Json || vm.lookup(v, msg).is_some() {
            return None;
        }
        return Some(format!("{}_{}", vm.type_name(v), unique_id_of(v)).into_bytes());
    };
    Some(name.as_bytes().to_vec())
}

/// The text of a value an item answered for its text.
fn result_text(vm: &Vm, v: Value) -> Vec<u8> {
    object::direct_text(vm, v).unwrap_or_else(|| vm.debug_value(v).into_bytes())
}

// state = [items, next index, mode, out, separator, _, _, _]
const TEXT_STRING: u8 = 0;
const TEXT_SIMPLE: u8 = 1;
const TEXT_JOIN: u8 = 2;
const TEXT_JSON: u8 = 3;
/// Map asJson: items alternate key, value.
pub(crate) const TEXT_MAP_JSON: u8 = 4;

fn text_kind(mode: u8) -> TextKind {
    match mode {
        TEXT_STRING | TEXT_SIMPLE => TextKind::Simple,
        TEXT_JOIN => TextKind::String,
        _ => TextKind::Json,
    }
}

/// Build text from `items` in `mode`; `sep` is join's separator.
pub(crate) fn text_start(
    vm: &mut Vm,
    items: Vec<Value>,
    mode: u8,
    sep: Option<Vec<u8>>,
) -> NResult {
    let prefix: &[u8] = match mode {
        TEXT_STRING | TEXT_SIMPLE => b"list(",
        TEXT_JSON => b"[",
        TEXT_MAP_JSON => b"{",
        _ => b"",
    };
    let out = vm.new_string(prefix.to_vec(), true);
    let list = vm.new_list(items);
    let sep = match sep {
        Some(s) => vm.new_string(s, false),
        None => Value::NIL,
    };
    let mut st = state(&[list, Value::num(0.0), Value::num(mode as f64), out, sep]);
    text_step(vm, &mut st)
}

fn text_mode(st: &ContState) -> u8 {
    st[2].as_num().unwrap_or(0.0) as u8
}

fn text_append(vm: &mut Vm, st: &ContState, bytes: &[u8]) -> Result<(), Value> {
    let limit = vm.max_alloc;
    if let Some(r) = st[3].as_obj() {
        if let Payload::Seq(s) = &mut vm.heap.get_mut(r).payload {
            if s.bytes.len() + bytes.len() > limit {
                return vm.err("text too large");
            }
            s.bytes.extend_from_slice(bytes);
        }
    }
    Ok(())
}

/// Add an item's text (with what goes before it) to the output.
fn text_add(vm: &mut Vm, st: &ContState, i: usize, text: &[u8]) -> Result<(), Value> {
    let mode = text_mode(st);
    if mode == TEXT_SIMPLE {
        text_append(vm, st, &quoted(text))
    } else {
        text_append(vm, st, text)
    }?;
    if mode == TEXT_MAP_JSON && i.is_multiple_of(2) {
        text_append(vm, st, b":")?;
    }
    Ok(())
}

fn text_separator(vm: &mut Vm, st: &ContState, i: usize) -> Result<(), Value> {
    if i == 0 {
        return Ok(());
    }
    match text_mode(st) {
        TEXT_STRING | TEXT_SIMPLE => text_append(vm, st, b", "),
        TEXT_JSON => text_append(vm, st, b","),
        TEXT_MAP_JSON if i.is_multiple_of(2) => text_append(vm, st, b","),
        TEXT_JOIN => {
            let sep = vm
                .as_seq(st[4])
                .map(|s| s.bytes.clone())
                .unwrap_or_default();
            text_append(vm, st, &sep)
        }
        _ => Ok(()),
    }
}

fn text_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    let mode = text_mode(st);
    loop {
        let i = index_of_state(st[1]).max(0) as usize;
        let Some(item) = vm.as_list(st[0]).and_then(|l| l.get(i).copied()) else {
            return text_finish(vm, st);
        };
        st[1] = Value::num((i + 1) as f64);
        text_separator(vm, st, i)?;
        let kind = text_kind(mode);
        match item_text(vm, item, kind) {
            Some(t) => text_add(vm, st, i, &t)?,
            None => {
                let name = kind.message(vm);
                return ask(vm, item, name, text_cont, st);
            }
        }
    }
}

fn text_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            let i = (index_of_state(st[1]) - 1).max(0) as usize;
            let t = result_text(vm, v);
            text_add(vm, st, i, &t)?;
            text_step(vm, st)
        }
        other => pass_on(other),
    }
}

fn text_finish(vm: &mut Vm, st: &mut ContState) -> NResult {
    let mode = text_mode(st);
    let suffix: &[u8] = match mode {
        TEXT_STRING | TEXT_SIMPLE => b")",
        TEXT_JSON => b"]",
        TEXT_MAP_JSON => b"}",
        _ => b"",
    };
    text_append(vm, st, suffix)?;
    if mode == TEXT_JOIN {
        return value(st[3]);
    }
    let mut bytes = vm
        .as_seq(st[3])
        .map(|s| s.bytes.clone())
        .unwrap_or_default();
    if mode == TEXT_SIMPLE {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if text.chars().count() > 40 {
            let mut cut: String = text.chars().take(37).collect();
            cut.push_str("...");
            bytes = cut.into_bytes();
        }
    }
    value(vm.new_string(bytes, false))
}

fn join(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    let sep = match call.args.first() {
        Some(&s) if !s.is_nil() => match object::direct_text(vm, s) {
            Some(b) => Some(b),
            None => return type_error(vm, call, 0, "Sequence"),
        },
        _ => None,
    };
    text_start(vm, l, TEXT_JOIN, sep)
}

fn as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    text_start(vm, l, TEXT_STRING, None)
}

fn as_simple_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut l = items(vm, call)?;
    l.truncate(30);
    text_start(vm, l, TEXT_SIMPLE, None)
}

fn as_json(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let l = items(vm, call)?;
    text_start(vm, l, TEXT_JSON, None)
}
