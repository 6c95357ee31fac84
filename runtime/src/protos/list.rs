//! List: ordered collections of values.

use super::*;
use crate::vm::Stop;

pub const METHODS: MethodTable = &[
    ("append", append, false),
    ("push", append, false),
    ("at", at, false),
    ("size", size, false),
    ("foreach", foreach, true),
];

pub fn install_all(vm: &mut Vm) {
    let l = vm.p.list;
    install(vm, l, "List", METHODS);
}

fn list_mut<'a>(vm: &'a mut Vm, v: Value) -> Option<&'a mut Vec<Value>> {
    match &mut vm.heap.get_mut(v.as_obj()?).payload {
        Payload::List(l) => Some(l),
        _ => None,
    }
}

fn append(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let args = call.args.clone();
    match list_mut(vm, call.target) {
        Some(l) => l.extend(args),
        None => return vm.err("append needs a List"),
    }
    value(call.target)
}

fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = vm.as_list(call.target).map_or(0, |l| l.len());
    value(Value::num(n as f64))
}

fn at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = num_arg(vm, call, 0)? as i64;
    let l = vm.as_list(call.target).map(|l| l.as_slice()).unwrap_or(&[]);
    let idx = if i < 0 { l.len() as i64 + i } else { i };
    if idx < 0 || idx >= l.len() as i64 {
        return value(Value::NIL);
    }
    value(l[idx as usize])
}

// foreach: state = [list, i, index name, value name, body, locals, last]
fn foreach(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = msg_argc(vm, call);
    let name_at = |vm: &mut Vm, i: usize| -> Value {
        let nm = vm
            .as_message(msg_arg(vm, call, i))
            .map(|m| vm.syms.name(m.name).to_string())
            .unwrap_or_default();
        vm.symbol_string(nm.as_bytes())
    };
    let (iname, vname, body) = match n {
        0 => return value(Value::NIL),
        1 => (Value::NIL, Value::NIL, msg_arg(vm, call, 0)),
        2 => (Value::NIL, name_at(vm, 0), msg_arg(vm, call, 1)),
        _ => (name_at(vm, 0), name_at(vm, 1), msg_arg(vm, call, 2)),
    };
    let mut st = state(&[
        call.target,
        Value::num(0.0),
        iname,
        vname,
        body,
        call.locals,
        Value::NIL,
    ]);
    foreach_step(vm, &mut st)
}

fn foreach_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    let i = st[1].as_num().unwrap_or(0.0) as usize;
    let item = match vm.as_list(st[0]).and_then(|l| l.get(i).copied()) {
        Some(v) => v,
        None => return value(st[6]),
    };
    st[1] = Value::num((i + 1) as f64);
    let locals = st[5];
    let target;
    if st[3].is_nil() {
        // one-argument form: send the body to each item
        target = item;
    } else {
        target = locals;
        if let Some(l) = locals.as_obj() {
            if !st[2].is_nil() {
                let n = vm.string_of(st[2]).unwrap_or_default();
                let s = vm.sym(&n);
                vm.heap.set_slot(l, s, Value::num(i as f64));
            }
            let n = vm.string_of(st[3]).unwrap_or_default();
            let s = vm.sym(&n);
            vm.heap.set_slot(l, s, item);
        }
    }
    Ok(Flow::Eval {
        msg: st[4],
        target,
        locals,
        cont: cont(foreach_cont, *st),
    })
}

fn foreach_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            st[6] = v;
            foreach_step(vm, st)
        }
        Resume::Stop(Stop::Continue, _) => foreach_step(vm, st),
        Resume::Stop(Stop::Break, v) => value(v),
        other => pass_on(other),
    }
}
