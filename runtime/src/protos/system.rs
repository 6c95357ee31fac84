//! System: the process as Io sees it (arguments, environment, exit, clock).

use super::*;

pub const METHODS: MethodTable = &[
    ("exit", exit, false),
    ("getEnvironmentVariable", get_env, false),
    ("args", args, false),
    ("launchPath", launch_path, false),
];

pub fn install_all(vm: &mut Vm) {
    let s = vm.p.system;
    install(vm, s, "System", METHODS);
    let v = vm.str_value(env!("CARGO_PKG_VERSION"));
    vm.set_slot_str(s, "version", v);
}

/// Exits by raising an uncatchable-by-convention marker the host recognises.
fn exit(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let code = match call.args.first() {
        Some(_) => num_arg(vm, call, 0)? as i32,
        None => 0,
    };
    vm.exit_code = Some(code);
    vm.halted = true;
    Err(Value::NIL)
}

fn get_env(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = str_arg(vm, call, 0)?;
    match vm.host.env_var(&name) {
        Some(v) => value(vm.str_value(&v)),
        None => value(Value::NIL),
    }
}

fn args(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let a: Vec<String> = vm.args.clone();
    let items = a.iter().map(|s| vm.str_value(s)).collect();
    value(vm.new_list(items))
}

fn launch_path(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let p = vm.launch_path.clone();
    value(vm.str_value(&p))
}
