//! Importer: a capitalised name that nothing answers is looked for as
//! `<Name>.io` in the program's folder and the Importer's search paths, and
//! the first such file is run in the Lobby; the send then answers the
//! Lobby's slot of that name. Any other unanswered send fails as it would
//! without an Importer. The hook is the Lobby's `forward` (std/Importer.io
//! has `turnOn`, `turnOff` and the search paths).

use super::*;
use crate::program::import_path;

pub const METHODS: MethodTable = &[("autoImportingForward", auto_importing_forward, true)];

pub fn install_all(vm: &mut Vm) {
    let importer = vm.new_object(vm.p.object);
    let t = vm.symbol_string(b"Importer");
    vm.set_slot(importer, sym::type_, t);
    let core = vm.p.core;
    vm.set_slot_str(core, "Importer", Value::obj(importer));
    install(vm, importer, "Importer", METHODS);
    let hook = vm.sym("autoImportingForward");
    if let Some(f) = vm.heap.get(importer).get_local(hook) {
        let lobby = vm.p.lobby;
        vm.heap.set_slot(lobby, sym::forward, f);
    }
}

/// The folders searched, in order: the program's, then `Importer searchPaths`.
fn folders(vm: &mut Vm) -> Vec<String> {
    let (importer, search_paths) = (vm.sym("Importer"), vm.sym("searchPaths"));
    let list = vm
        .get_slot(Value::obj(vm.p.core), importer)
        .and_then(|i| vm.get_slot(i, search_paths));
    let extra = list.and_then(|l| vm.as_list(l)).map(|items| items.to_vec());
    let mut out = vec![vm.launch_path.clone()];
    out.extend(
        extra
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| vm.string_of(p)),
    );
    out
}

fn auto_importing_forward(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let Some(name) = vm.as_message(call.msg).map(|m| m.name) else {
        return value(Value::NIL);
    };
    let text = vm.syms.name(name).to_string();
    let capitalised = text.starts_with(|c: char| c.is_ascii_uppercase());
    if capitalised && !vm.importing.contains(&name) {
        for folder in folders(vm) {
            let path = import_path(&folder, &text);
            let Some(msg) = vm.load_file(&path) else {
                continue;
            };
            let msg = msg?;
            vm.importing.push(name);
            let lobby = Value::obj(vm.p.lobby);
            let name_v = vm.symbol_string(text.as_bytes());
            let path_v = vm.symbol_string(path.as_bytes());
            return Ok(Flow::Eval {
                msg,
                target: lobby,
                locals: lobby,
                cont: cont(imported, state(&[name_v, path_v, msg])),
            });
        }
    }
    let who = vm.effective_self(call.target);
    let t = vm.type_name(who);
    vm.err(format!("{t} does not respond to '{text}'"))
}

/// After running the file: answer the Lobby's slot it was to define.
fn imported(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let text = vm.string_of(st[0]).unwrap_or_default();
    let name = vm.sym(&text);
    vm.importing.retain(|&n| n != name);
    if !matches!(how, Resume::Value(_)) {
        return pass_on(how);
    }
    match vm.get_slot(Value::obj(vm.p.lobby), name) {
        Some(v) => value(v),
        None => {
            let path = vm.string_of(st[1]).unwrap_or_default();
            vm.err(format!("Importer: {path} does not define {text}"))
        }
    }
}
