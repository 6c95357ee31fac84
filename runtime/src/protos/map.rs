//! Map: string-keyed dictionaries.

use super::*;

pub const METHODS: MethodTable = &[("size", size, false)];

pub fn install_all(vm: &mut Vm) {
    let m = vm.p.map;
    install(vm, m, "Map", METHODS);
}

fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = match vm.heap.obj(call.target).map(|o| &o.payload) {
        Some(Payload::Map(m)) => m.entries.len(),
        _ => 0,
    };
    value(Value::num(n as f64))
}

/// Store `v` under the string key `key` (keys are compared by their bytes).
pub fn map_put(vm: &mut Vm, map: Value, key: &[u8], v: Value) {
    let k = vm.symbol_string(key);
    let Some(r) = map.as_obj() else { return };
    if let Payload::Map(m) = &mut vm.heap.get_mut(r).payload {
        match m.index.get(key) {
            Some(&i) => m.entries[i].1 = v,
            None => {
                m.index.insert(key.to_vec(), m.entries.len());
                m.entries.push((k, v));
            }
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
