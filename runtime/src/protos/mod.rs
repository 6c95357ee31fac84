//! The standard protos: one file per proto, each with its natives and a
//! `METHODS` table, and `boot`, which builds the object graph
//! (Lobby -> Protos -> Core -> Object -> Lobby) and runs `std/*.io`.

pub mod block;
pub mod call;
pub mod collector;
pub mod continuation;
pub mod coroutine;
pub mod date;
pub mod directory;
pub mod duration;
pub mod evalframe;
pub mod exception;
pub mod file;
pub mod importer;
pub mod js;
pub mod list;
pub mod map;
pub mod message;
pub mod nil;
pub mod number;
pub mod object;
pub mod sequence;
pub mod system;
pub mod vector;
pub mod weaklink;

use crate::heap::{MapData, Payload, SeqData};
use crate::symbol::sym;
use crate::value::{ObjRef, Value};
use crate::vm::{Cont, ContState, Flow, NResult, NativeCall, Resume, Stop, Vm};

/// A method table entry: name, function, lazy (gets unevaluated arguments).
pub type MethodTable = &'static [(&'static str, crate::heap::NativeFn, bool)];

pub fn install(vm: &mut Vm, o: ObjRef, type_name: &'static str, table: MethodTable) {
    for &(name, f, lazy) in table {
        if lazy {
            vm.add_lazy_native(o, name, f, type_name);
        } else {
            vm.add_native(o, name, f, type_name);
        }
    }
}

/// `install`, for a table whose natives never look at the frame stack
/// (only at their call's target, arguments and locals): compiled code may
/// call its eager natives directly (see `FLAG_DIRECT`).
pub fn install_direct(vm: &mut Vm, o: ObjRef, type_name: &'static str, table: MethodTable) {
    install(vm, o, type_name, table);
    for &(name, _, lazy) in table {
        let Some(n) = vm.syms.lookup(name) else {
            continue;
        };
        let native = vm.heap.get(o).get_local(n).and_then(|v| v.as_obj());
        if let (false, Some(native)) = (lazy, native) {
            vm.heap.set_flag(native, crate::heap::FLAG_DIRECT, true);
        }
    }
}

/// The Io half of the standard library, in load order.
pub const STD_SOURCES: &[(&str, &str)] = &[
    ("Object.io", include_str!("../../../std/Object.io")),
    ("Number.io", include_str!("../../../std/Number.io")),
    ("Sequence.io", include_str!("../../../std/Sequence.io")),
    ("List.io", include_str!("../../../std/List.io")),
    ("Map.io", include_str!("../../../std/Map.io")),
    ("Block.io", include_str!("../../../std/Block.io")),
    ("Coroutine.io", include_str!("../../../std/Coroutine.io")),
    ("Exception.io", include_str!("../../../std/Exception.io")),
    ("Actor.io", include_str!("../../../std/Actor.io")),
    (
        "OperatorTable.io",
        include_str!("../../../std/OperatorTable.io"),
    ),
    ("System.io", include_str!("../../../std/System.io")),
    ("Date.io", include_str!("../../../std/Date.io")),
    ("File.io", include_str!("../../../std/File.io")),
    ("Directory.io", include_str!("../../../std/Directory.io")),
    ("DOM.io", include_str!("../../../std/DOM.io")),
    ("UnitTest.io", include_str!("../../../std/UnitTest.io")),
    ("Importer.io", include_str!("../../../std/Importer.io")),
];

/// `library` (file names and sources, as `STD_SOURCES`) as bytes: the
/// count, then each name and source, each as a little-endian u32 length
/// and the bytes.
pub fn encode_library(library: &[(&str, &str)]) -> Vec<u8> {
    let mut out = (library.len() as u32).to_le_bytes().to_vec();
    for (name, src) in library {
        for part in [name.as_bytes(), src.as_bytes()] {
            out.extend((part.len() as u32).to_le_bytes());
            out.extend(part);
        }
    }
    out
}

/// What `encode_library` wrote, or None for anything else.
pub fn decode_library(bytes: &[u8]) -> Option<Vec<(&str, &str)>> {
    fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, tail) = (rest.get(..n)?, rest.get(n..)?);
        *rest = tail;
        Some(head)
    }
    fn len(rest: &mut &[u8]) -> Option<usize> {
        let b = take(rest, 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    let mut rest = bytes;
    let n = len(&mut rest)?;
    let mut out = Vec::new();
    for _ in 0..n {
        let n = len(&mut rest)?;
        let name = take(&mut rest, n)?;
        let n = len(&mut rest)?;
        let src = take(&mut rest, n)?;
        out.push((
            std::str::from_utf8(name).ok()?,
            std::str::from_utf8(src).ok()?,
        ));
    }
    rest.is_empty().then_some(out)
}

/// Make the protos, their natives, and run `library` (the Io half of the
/// standard library, as `STD_SOURCES`).
pub fn boot(vm: &mut Vm, library: &[(&str, &str)]) {
    let h = &mut vm.heap;
    // nil, true and false come first: Value::NIL/TRUE/FALSE are objects 0, 1, 2.
    let nil = h.alloc(&[], Payload::None);
    let tru = h.alloc(&[], Payload::None);
    let fal = h.alloc(&[], Payload::None);
    debug_assert_eq!(Value::obj(nil), Value::NIL);
    debug_assert_eq!(Value::obj(fal), Value::FALSE);
    let object = h.alloc(&[], Payload::None);
    let lobby = h.alloc(&[], Payload::None);
    let protos = h.alloc(&[Value::obj(object)], Payload::None);
    let core = h.alloc(&[Value::obj(object)], Payload::None);
    let o = [Value::obj(object)];
    let cfunction = h.alloc(&o, Payload::None);
    let number = h.alloc(&o, Payload::Number(0.0));
    let sequence = h.alloc(
        &o,
        Payload::Seq(Box::new(SeqData {
            bytes: Vec::new(),
            mutable: false,
            ..Default::default()
        })),
    );
    let list = h.alloc(&o, Payload::List(Vec::new()));
    let map = h.alloc(&o, Payload::Map(Box::<MapData>::default()));
    let call = h.alloc(&o, Payload::None);
    let locals = h.alloc(&[], Payload::None);
    let exception = h.alloc(&o, Payload::None);
    let system = h.alloc(&o, Payload::None);
    let operator_table = h.alloc(&o, Payload::None);
    let normal = h.alloc(&o, Payload::None);
    let break_ = h.alloc(&[Value::obj(normal)], Payload::None);
    let continue_ = h.alloc(&[Value::obj(normal)], Payload::None);
    let return_ = h.alloc(&[Value::obj(normal)], Payload::None);
    let main_coro = crate::vm::coro::CoroData::new(crate::vm::coro::Status::Running);
    let coroutine = h.alloc(&o, Payload::Coro(Box::new(main_coro)));
    let scheduler = h.alloc(&o, Payload::None);
    let continuation = h.alloc(&o, Payload::None);
    for r in [nil, tru, fal] {
        h.set_protos(r, &o);
    }
    h.set_protos(object, &[Value::obj(lobby)]);
    h.set_protos(lobby, &[Value::obj(protos)]);
    h.set_protos(protos, &[Value::obj(core)]);
    vm.p = crate::vm::Protos {
        object,
        lobby,
        protos,
        core,
        number,
        sequence,
        list,
        map,
        block: object, // replaced below once messages can be made
        message: object,
        call,
        cfunction,
        locals,
        exception,
        system,
        operator_table,
        nil,
        true_: tru,
        false_: fal,
        normal,
        break_,
        continue_,
        return_,
        coroutine,
        scheduler,
        continuation,
    };
    vm.current = coroutine;
    // Message and Block protos carry payloads that need the VM.
    let label: std::rc::Rc<str> = "[boot]".into();
    let msg = vm.new_message(sym::empty, &label, 0, 0);
    vm.heap.set_protos(msg, &o);
    vm.p.message = msg;
    let blk = vm.new_block(Vec::new(), Value::NIL, None);
    let blk = blk.as_obj().expect("block object");
    vm.heap.set_protos(blk, &o);
    vm.heap.set_flag(blk, crate::heap::FLAG_ACTIVATABLE, false);
    vm.p.block = blk;

    let named: [(&str, ObjRef); 23] = [
        ("Object", object),
        ("Lobby", lobby),
        ("Protos", protos),
        ("Core", core),
        ("CFunction", cfunction),
        ("Number", number),
        ("Sequence", sequence),
        ("List", list),
        ("Map", map),
        ("Call", call),
        ("Locals", locals),
        ("Exception", exception),
        ("System", system),
        ("OperatorTable", operator_table),
        ("Message", msg),
        ("Block", blk),
        ("Normal", normal),
        ("Break", break_),
        ("Continue", continue_),
        ("Return", return_),
        ("Coroutine", coroutine),
        ("Scheduler", scheduler),
        ("Continuation", continuation),
    ];
    for (name, r) in named {
        if !matches!(name, "Lobby" | "Protos" | "Core") {
            let t = vm.symbol_string(name.as_bytes());
            vm.set_slot(r, sym::type_, t);
        }
        let holder = if name == "Lobby" || name == "Protos" {
            lobby
        } else {
            core
        };
        vm.set_slot_str(holder, name, Value::obj(r));
    }
    vm.set_slot_str(protos, "Core", Value::obj(core));
    for (name, r) in [("nil", nil), ("true", tru), ("false", fal)] {
        let t = vm.symbol_string(name.as_bytes());
        vm.set_slot(r, sym::type_, t);
        vm.set_slot_str(core, name, Value::obj(r));
    }
    vm.set_slot_str(core, "String", Value::obj(sequence));
    vm.set_slot_str(core, "ImmutableSequence", Value::obj(sequence));

    object::install_all(vm);
    nil::install_all(vm);
    number::install_all(vm);
    sequence::install_all(vm);
    list::install_all(vm);
    map::install_all(vm);
    block::install_all(vm);
    call::install_all(vm);
    message::install_all(vm);
    exception::install_all(vm);
    system::install_all(vm);
    date::install_all(vm);
    collector::install_all(vm);
    weaklink::install_all(vm);
    evalframe::install_all(vm);
    duration::install_all(vm);
    file::install_all(vm);
    directory::install_all(vm);
    coroutine::install_all(vm);
    importer::install_all(vm);
    continuation::install_all(vm);
    js::install_all(vm);
    object::install_locals(vm);
    install_operator_table(vm);
    record_inlined_builtins(vm);

    for (name, src) in library {
        let label = format!("std/{name}");
        if let Err(e) = vm.do_string(src, &label) {
            let text = crate::report::exception_report(vm, e);
            panic!("internal: the standard library failed to load ({label}):\n{text}");
        }
    }
}

/// Remember the natives that compiled code inlines (`if`, loops, the
/// assignments): an inline form runs only while its message still finds one
/// of these.
fn record_inlined_builtins(vm: &mut Vm) {
    let p = vm.p;
    let control = [
        sym::empty,
        sym::if_,
        sym::while_,
        sym::loop_,
        sym::for_,
        sym::set_slot,
        sym::update_slot,
    ];
    for holder in [p.object, p.locals] {
        for name in control {
            if let Some(f) = vm.heap.get(holder).get_local(name).and_then(|f| f.as_obj()) {
                vm.heap.set_flag(f, crate::heap::FLAG_INLINED, true);
            }
        }
    }
    // `and` and `or` of every object, and of nil, true and false.
    let holders = [
        (p.number, sym::repeat),
        (p.object, sym::and),
        (p.object, sym::or),
        (p.nil, sym::and),
        (p.nil, sym::or),
        (p.true_, sym::or),
        (p.false_, sym::and),
        (p.false_, sym::or),
        (p.list, sym::foreach),
    ];
    for (holder, name) in holders {
        if let Some(f) = vm.heap.get(holder).get_local(name).and_then(|f| f.as_obj()) {
            vm.heap.set_flag(f, crate::heap::FLAG_INLINED, true);
        }
    }
}

fn install_operator_table(vm: &mut Vm) {
    let ot = vm.p.operator_table;
    let ops = map::new_map(vm);
    for (name, level) in crate::parse::shuffle::DEFAULT_LEVELS {
        map::map_put(vm, ops, name.as_bytes(), Value::num(*level as f64));
    }
    let assign = map::new_map(vm);
    for (name, to) in crate::parse::shuffle::DEFAULT_ASSIGN {
        let t = vm.symbol_string(to.as_bytes());
        map::map_put(vm, assign, name.as_bytes(), t);
    }
    vm.set_slot(ot, sym::operators, ops);
    vm.set_slot(ot, sym::assign_operators, assign);
    vm.set_slot_str(ot, "precedenceLevelCount", Value::num(32.0));
}

// ---- helpers for natives ----------------------------------------------------

pub fn arg(call: &NativeCall, i: usize) -> Value {
    call.args.get(i).copied().unwrap_or(Value::NIL)
}

/// Name of the message being sent, for error texts.
pub fn method_name(vm: &Vm, call: &NativeCall) -> String {
    vm.as_message(call.msg)
        .map(|m| vm.syms.name(m.name).to_string())
        .unwrap_or_default()
}

pub fn type_error<T>(vm: &mut Vm, call: &NativeCall, i: usize, want: &str) -> Result<T, Value> {
    let got = vm.type_name(arg(call, i));
    let name = method_name(vm, call);
    vm.err(format!(
        "argument {i} to method '{name}' must be a {want}, not a '{got}'"
    ))
}

pub fn num_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<f64, Value> {
    match vm.as_number(arg(call, i)) {
        Some(n) => Ok(n),
        None => type_error(vm, call, i, "Number"),
    }
}

pub fn str_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<String, Value> {
    match vm.string_of(arg(call, i)) {
        Some(s) => Ok(s),
        None => type_error(vm, call, i, "Sequence"),
    }
}

pub fn bytes_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Vec<u8>, Value> {
    match vm.as_seq(arg(call, i)) {
        Some(s) => Ok(s.bytes.clone()),
        None => type_error(vm, call, i, "Sequence"),
    }
}

/// The i-th argument message of the call (for lazy natives), or nil.
pub fn msg_arg(vm: &Vm, call: &NativeCall, i: usize) -> Value {
    vm.as_message(call.msg)
        .and_then(|m| m.args.get(i).copied())
        .unwrap_or(Value::NIL)
}

pub fn msg_argc(vm: &Vm, call: &NativeCall) -> usize {
    vm.as_message(call.msg).map_or(0, |m| m.args.len())
}

/// Evaluate argument message `i` of a lazy native in the caller's context, then `cont`.
pub fn eval_arg(vm: &Vm, call: &NativeCall, i: usize, cont: Option<Cont>) -> NResult {
    Ok(Flow::Eval {
        msg: msg_arg(vm, call, i),
        target: call.locals,
        locals: call.locals,
        cont,
    })
}

pub fn cont(f: crate::vm::ContFn, state: ContState) -> Option<Cont> {
    Some(Cont { f, state })
}

pub fn state(vals: &[Value]) -> ContState {
    let mut s = [Value::NIL; 8];
    s[..vals.len()].copy_from_slice(vals);
    s
}

/// Pass a stop status or exception on unchanged (for continuations that do not handle them).
pub fn pass_on(how: Resume) -> NResult {
    match how {
        Resume::Value(v) => Ok(Flow::Value(v)),
        Resume::Stop(k, v) => Ok(Flow::Stop(k, v)),
        Resume::Raise(e) => Err(e),
    }
}

/// Continuation that answers a fixed value (state[0]) once the evaluation is done.
pub fn answer_state0(_vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(_) => Ok(Flow::Value(st[0])),
        other => pass_on(other),
    }
}

pub fn value(v: Value) -> NResult {
    Ok(Flow::Value(v))
}

pub fn stop(kind: Stop, v: Value) -> NResult {
    Ok(Flow::Stop(kind, v))
}

#[cfg(test)]
mod tests {
    use super::{decode_library, encode_library, STD_SOURCES};

    #[test]
    fn the_library_round_trips_as_bytes() {
        let bytes = encode_library(STD_SOURCES);
        assert_eq!(decode_library(&bytes).as_deref(), Some(STD_SOURCES));
        assert_eq!(decode_library(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode_library(&[bytes.as_slice(), &[0]].concat()), None);
        assert_eq!(decode_library(&[]), None);
    }
}
