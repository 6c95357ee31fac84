//! Map: dictionaries keyed by strings (compared by their bytes), kept in
//! insertion order. `MapData.entries` holds the (key, value) pairs in order
//! and `MapData.index` maps key bytes to a position in `entries`.

use super::list::{text_start, TEXT_MAP_JSON};
use super::object::{compare_values, raw_clone};
use super::*;
use crate::heap::MapData;
use crate::symbol::Sym;
use crate::vm::{ContFn, Stop};

pub const METHODS: MethodTable = &[
    ("at", at, true),
    ("atPut", at_put, false),
    ("atIfAbsentPut", at_if_absent_put, true),
    ("removeAt", remove_at, false),
    ("hasKey", has_key, false),
    ("hasValue", has_value, false),
    ("keys", keys, false),
    ("values", values, false),
    ("size", size, false),
    ("empty", empty, false),
    ("isEmpty", is_empty, false),
    ("isNotEmpty", is_not_empty, false),
    ("asList", as_list, false),
    ("asObject", as_object, false),
    ("asJson", as_json, false),
    ("merge", merge, false),
    ("mergeInPlace", merge_in_place, false),
    ("with", with, false),
    ("reverseMap", reverse_map, false),
    ("addKeysAndValues", add_keys_and_values, false),
    ("foreach", foreach, true),
    ("map", map, true),
    ("select", select, true),
    ("detect", detect, true),
];

pub fn install_all(vm: &mut Vm) {
    let m = vm.p.map;
    install_direct(vm, m, "Map", METHODS);
}

// ---- storage -----------------------------------------------------------------

fn data(vm: &Vm, v: Value) -> Option<&MapData> {
    match &vm.heap.obj(v)?.payload {
        Payload::Map(m) => Some(m),
        _ => None,
    }
}

fn data_mut(vm: &mut Vm, v: Value) -> Option<&mut MapData> {
    match &mut vm.heap.get_mut(v.as_obj()?).payload {
        Payload::Map(m) => Some(m),
        _ => None,
    }
}

/// Store `v` under `key` (a string object whose bytes are `bytes`).
fn put(vm: &mut Vm, map: Value, key: Value, bytes: &[u8], v: Value) {
    let Some(m) = data_mut(vm, map) else { return };
    match m.index.get(bytes) {
        Some(&i) => m.entries[i].1 = v,
        None => {
            m.index.insert(bytes.to_vec(), m.entries.len());
            m.entries.push((key, v));
        }
    }
}

/// Store `v` under the string key `key` (keys are compared by their bytes).
pub fn map_put(vm: &mut Vm, map: Value, key: &[u8], v: Value) {
    let k = vm.symbol_string(key);
    put(vm, map, k, key, v);
}

/// The value stored under `key`, if any.
pub fn map_get(vm: &Vm, map: Value, key: &[u8]) -> Option<Value> {
    let m = data(vm, map)?;
    m.index.get(key).map(|&i| m.entries[i].1)
}

/// Remove `key`; the positions after it move down by one.
fn map_remove(vm: &mut Vm, map: Value, key: &[u8]) {
    let Some(m) = data_mut(vm, map) else { return };
    let Some(i) = m.index.remove(key) else { return };
    m.entries.remove(i);
    for p in m.index.values_mut() {
        if *p > i {
            *p -= 1;
        }
    }
}

pub fn new_map(vm: &mut Vm) -> Value {
    let proto = vm.p.map;
    Value::obj(
        vm.heap
            .alloc(&[Value::obj(proto)], Payload::Map(Box::default())),
    )
}

/// The receiver's pair count (an error unless it is a Map).
fn check(vm: &mut Vm, call: &NativeCall) -> Result<usize, Value> {
    match data(vm, call.target) {
        Some(m) => Ok(m.entries.len()),
        None => {
            let name = method_name(vm, call);
            let t = vm.type_name(call.target);
            vm.err(format!("'{name}' needs a Map receiver, not a '{t}'"))
        }
    }
}

/// A copy of the receiver's pairs.
fn pairs(vm: &mut Vm, call: &NativeCall) -> Result<Vec<(Value, Value)>, Value> {
    check(vm, call)?;
    Ok(data(vm, call.target)
        .map(|m| m.entries.clone())
        .unwrap_or_default())
}

/// A key value: its bytes and the object to store (strings that may change
/// later are stored as an immutable copy).
fn key_of(vm: &mut Vm, k: Value, method: &str) -> Result<(Value, Vec<u8>), Value> {
    let bytes = key_text(vm, k, method)?;
    if vm.as_seq(k).is_some_and(|s| s.mutable) {
        let copy = vm.new_string(bytes.clone(), false);
        return Ok((copy, bytes));
    }
    Ok((k, bytes))
}

/// The bytes of a key used only for looking up.
fn key_text(vm: &mut Vm, k: Value, method: &str) -> Result<Vec<u8>, Value> {
    match vm.as_seq(k) {
        Some(s) => Ok(s.bytes.clone()),
        None => {
            let t = vm.type_name(k);
            vm.err(format!(
                "argument 0 to method '{method}' must be a Sequence, not a '{t}'"
            ))
        }
    }
}

fn key_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<(Value, Vec<u8>), Value> {
    let name = method_name(vm, call);
    key_of(vm, arg(call, i), &name)
}

fn key_text_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Vec<u8>, Value> {
    let name = method_name(vm, call);
    key_text(vm, arg(call, i), &name)
}

fn map_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Vec<(Value, Value)>, Value> {
    match data(vm, arg(call, i)) {
        Some(m) => Ok(m.entries.clone()),
        None => type_error(vm, call, i, "Map"),
    }
}

fn key_bytes(vm: &Vm, k: Value) -> Vec<u8> {
    vm.as_seq(k).map(|s| s.bytes.clone()).unwrap_or_default()
}

// ---- access --------------------------------------------------------------------

// at(key, [default]): state = [map, default message, locals, has default]
fn at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let has_default = msg_argc(vm, call) > 1;
    let st = state(&[
        call.target,
        msg_arg(vm, call, 1),
        call.locals,
        Value::bool(has_default),
    ]);
    eval_arg(vm, call, 0, cont(at_cont, st))
}

fn at_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let k = match how {
        Resume::Value(k) => k,
        other => return pass_on(other),
    };
    let bytes = key_text(vm, k, "at")?;
    match map_get(vm, st[0], &bytes) {
        Some(v) => value(v),
        None if st[3].truthy() => Ok(Flow::Eval {
            msg: st[1],
            target: st[2],
            locals: st[2],
            cont: None,
        }),
        None => value(Value::NIL),
    }
}

// atIfAbsentPut(key, value): state = [map, value message, locals, key]
fn at_if_absent_put(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let st = state(&[call.target, msg_arg(vm, call, 1), call.locals]);
    eval_arg(vm, call, 0, cont(at_if_absent_key_cont, st))
}

fn at_if_absent_key_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let k = match how {
        Resume::Value(k) => k,
        other => return pass_on(other),
    };
    let (key, bytes) = key_of(vm, k, "atIfAbsentPut")?;
    if let Some(v) = map_get(vm, st[0], &bytes) {
        return value(v);
    }
    st[3] = key;
    Ok(Flow::Eval {
        msg: st[1],
        target: st[2],
        locals: st[2],
        cont: cont(at_if_absent_value_cont, *st),
    })
}

fn at_if_absent_value_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let v = match how {
        Resume::Value(v) => v,
        other => return pass_on(other),
    };
    let bytes = key_bytes(vm, st[3]);
    put(vm, st[0], st[3], &bytes, v);
    value(v)
}

fn at_put(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let (key, bytes) = key_arg(vm, call, 0)?;
    put(vm, call.target, key, &bytes, arg(call, 1));
    value(call.target)
}

fn remove_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let bytes = key_text_arg(vm, call, 0)?;
    map_remove(vm, call.target, &bytes);
    value(call.target)
}

fn has_key(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let bytes = key_text_arg(vm, call, 0)?;
    value(Value::bool(map_get(vm, call.target, &bytes).is_some()))
}

fn has_value(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let v = arg(call, 0);
    let found = data(vm, call.target).is_some_and(|m| {
        m.entries
            .iter()
            .any(|&(_, x)| compare_values(vm, x, v).is_eq())
    });
    value(Value::bool(found))
}

fn keys(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = pairs(vm, call)?;
    value(vm.new_list(p.into_iter().map(|e| e.0).collect()))
}

fn values(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = pairs(vm, call)?;
    value(vm.new_list(p.into_iter().map(|e| e.1).collect()))
}

fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = check(vm, call)?;
    value(Value::num(n as f64))
}

fn is_empty(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = check(vm, call)?;
    value(Value::bool(n == 0))
}

fn is_not_empty(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = check(vm, call)?;
    value(Value::bool(n > 0))
}

fn empty(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    if let Some(m) = data_mut(vm, call.target) {
        m.entries.clear();
        m.index.clear();
    }
    value(call.target)
}

// ---- conversions -------------------------------------------------------------------

fn as_list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = pairs(vm, call)?;
    let items = p
        .into_iter()
        .map(|(k, v)| vm.new_list(vec![k, v]))
        .collect();
    value(vm.new_list(items))
}

fn as_object(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = pairs(vm, call)?;
    let proto = vm.p.object;
    let o = vm.new_object(proto);
    for (k, v) in p {
        let name = vm.string_of(k).unwrap_or_default();
        let s = vm.sym(&name);
        vm.heap.set_slot(o, s, v);
    }
    value(Value::obj(o))
}

fn as_json(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = pairs(vm, call)?;
    let items = p.into_iter().flat_map(|(k, v)| [k, v]).collect();
    text_start(vm, items, TEXT_MAP_JSON, None)
}

// ---- combining -----------------------------------------------------------------------

fn put_all(vm: &mut Vm, map: Value, p: Vec<(Value, Value)>) {
    for (k, v) in p {
        let bytes = key_bytes(vm, k);
        put(vm, map, k, &bytes, v);
    }
}

fn merge(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let other = map_arg(vm, call, 0)?;
    let new = raw_clone(vm, call.target);
    put_all(vm, new, other);
    value(new)
}

fn merge_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let other = map_arg(vm, call, 0)?;
    put_all(vm, call.target, other);
    value(call.target)
}

/// Store each key of `keys` with the value at the same position of `vals`.
fn put_keys_values(vm: &mut Vm, map: Value, keys: &[Value], vals: &[Value]) -> Result<(), Value> {
    for (i, &k) in keys.iter().enumerate() {
        let (key, bytes) = key_of(vm, k, "atPut")?;
        let v = vals.get(i).copied().unwrap_or(Value::NIL);
        put(vm, map, key, &bytes, v);
    }
    Ok(())
}

/// with(key1, value1, key2, value2, ...): a new Map.
fn with(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let m = new_map(vm);
    let keys: Vec<Value> = call.args.iter().step_by(2).copied().collect();
    let vals: Vec<Value> = call.args.iter().skip(1).step_by(2).copied().collect();
    put_keys_values(vm, m, &keys, &vals)?;
    value(m)
}

fn reverse_map(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = pairs(vm, call)?;
    let m = new_map(vm);
    let (keys, vals): (Vec<Value>, Vec<Value>) = p.into_iter().map(|(k, v)| (v, k)).unzip();
    put_keys_values(vm, m, &keys, &vals)?;
    value(m)
}

fn add_keys_and_values(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    check(vm, call)?;
    let Some(keys) = vm.as_list(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "List");
    };
    let Some(vals) = vm.as_list(arg(call, 1)).cloned() else {
        return type_error(vm, call, 1, "List");
    };
    put_keys_values(vm, call.target, &keys, &vals)?;
    value(call.target)
}

// ---- iteration ---------------------------------------------------------------------
//
// foreach(key, value, body) / foreach(value, body); map, select and detect
// take (body), (key, body) or (key, value, body). Names are bound in the
// caller's locals. The keys are taken when iteration starts; a key removed
// meanwhile is still visited, with nil as its value.
// state = [keys, next index, map, key name, value name, body, locals, acc]

const FOREACH: u8 = 0;
const MAP: u8 = 1;
const SELECT: u8 = 2;
const DETECT: u8 = 3;

fn iter_cont_for(op: u8) -> ContFn {
    match op {
        FOREACH => iter_cont::<FOREACH>,
        MAP => iter_cont::<MAP>,
        SELECT => iter_cont::<SELECT>,
        _ => iter_cont::<DETECT>,
    }
}

fn foreach(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, FOREACH)
}

fn map(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, MAP)
}

fn select(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, SELECT)
}

fn detect(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    iter_start(vm, call, DETECT)
}

fn name_value(vm: &Vm, call: &NativeCall, i: usize) -> Value {
    let s = vm
        .as_message(msg_arg(vm, call, i))
        .map(|m| m.name)
        .unwrap_or(sym::empty);
    Value::num(s.0 as f64)
}

fn iter_start(vm: &mut Vm, call: &NativeCall, op: u8) -> NResult {
    let p = pairs(vm, call)?;
    let n = msg_argc(vm, call);
    if op == FOREACH && n < 2 {
        return vm.err("[Map foreach] requires 2 arguments\n");
    }
    if n == 0 {
        return vm.err("missing argument");
    }
    let nil = Value::NIL;
    let (kname, vname, body) = match n {
        1 => (nil, nil, msg_arg(vm, call, 0)),
        2 if op == FOREACH => (nil, name_value(vm, call, 0), msg_arg(vm, call, 1)),
        2 => (name_value(vm, call, 0), nil, msg_arg(vm, call, 1)),
        _ => (
            name_value(vm, call, 0),
            name_value(vm, call, 1),
            msg_arg(vm, call, 2),
        ),
    };
    let acc = match op {
        MAP => vm.new_list(Vec::new()),
        SELECT => new_map(vm),
        _ => nil,
    };
    let keys = vm.new_list(p.into_iter().map(|e| e.0).collect());
    let mut st = state(&[
        keys,
        Value::num(0.0),
        call.target,
        kname,
        vname,
        body,
        call.locals,
        acc,
    ]);
    iter_step(vm, &mut st, op)
}

fn bind(vm: &mut Vm, locals: Value, name: Value, v: Value) {
    if let (Some(l), Some(n)) = (locals.as_obj(), name.as_num()) {
        vm.heap.set_slot(l, Sym(n as u32), v);
    }
}

/// The pair at `i`: the key taken at the start and its value now (nil if
/// the key was removed meanwhile).
fn pair_at(vm: &Vm, st: &ContState, i: usize) -> Option<(Value, Value)> {
    let k = vm.as_list(st[0])?.get(i).copied()?;
    let v = map_get(vm, st[2], &key_bytes(vm, k)).unwrap_or(Value::NIL);
    Some((k, v))
}

fn iter_step(vm: &mut Vm, st: &mut ContState, op: u8) -> NResult {
    loop {
        let i = st[1].as_num().unwrap_or(0.0) as usize;
        let len = vm.as_list(st[0]).map_or(0, |l| l.len());
        if i >= len {
            return iter_finish(st, op);
        }
        st[1] = Value::num((i + 1) as f64);
        let Some((k, v)) = pair_at(vm, st, i) else {
            continue;
        };
        let locals = st[6];
        bind(vm, locals, st[3], k);
        bind(vm, locals, st[4], v);
        return Ok(Flow::Eval {
            msg: st[5],
            target: locals,
            locals,
            cont: cont(iter_cont_for(op), *st),
        });
    }
}

fn iter_finish(st: &ContState, op: u8) -> NResult {
    match op {
        DETECT => value(Value::NIL),
        _ => value(st[7]),
    }
}

fn iter_cont<const OP: u8>(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(r) => {
            let i = (st[1].as_num().unwrap_or(1.0) as usize).saturating_sub(1);
            match OP {
                FOREACH => st[7] = r,
                MAP => {
                    if let Some(Payload::List(l)) =
                        st[7].as_obj().map(|o| &mut vm.heap.get_mut(o).payload)
                    {
                        l.push(r);
                    }
                }
                _ if r.truthy() => {
                    if let Some((k, v)) = pair_at(vm, st, i) {
                        if OP == DETECT {
                            return value(vm.new_list(vec![k, v]));
                        }
                        let bytes = key_bytes(vm, k);
                        put(vm, st[7], k, &bytes, v);
                    }
                }
                _ => {}
            }
            iter_step(vm, st, OP)
        }
        Resume::Stop(Stop::Continue, _) => iter_step(vm, st, OP),
        Resume::Stop(Stop::Break, v) => match OP {
            FOREACH => value(v),
            _ => iter_finish(st, OP),
        },
        other => pass_on(other),
    }
}
