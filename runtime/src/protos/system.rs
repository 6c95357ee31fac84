//! System: the process as Io sees it (arguments, environment, exit, clock,
//! platform facts).

use super::*;

pub const METHODS: MethodTable = &[
    ("exit", exit, false),
    ("getEnvironmentVariable", get_env, false),
    ("args", args, false),
    ("launchPath", launch_path, false),
    ("launchScript", launch_script, false),
    ("platform", platform, false),
    ("platformVersion", platform_version, false),
    ("sleep", sleep, false),
    ("thisProcessPid", this_process_pid, false),
    ("activeCpus", active_cpus, false),
    ("symbols", symbols, false),
    ("system", system, false),
];

pub fn install_all(vm: &mut Vm) {
    let s = vm.p.system;
    install_direct(vm, s, "System", METHODS);
    for (name, text) in [
        ("version", env!("CARGO_PKG_VERSION")),
        ("installPrefix", "/usr/local"),
        ("iovmName", "iolanguage"),
        ("iospecVersion", "0.1.0"),
    ] {
        let v = vm.str_value(text);
        vm.set_slot_str(s, name, v);
    }
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

/// Path of the script being run: the first argument, unless the program came
/// from `-e` or the REPL (no script).
fn launch_script(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    match vm.args.first() {
        Some(p) if p != "-e" && !p.is_empty() => {
            let p = p.clone();
            value(vm.str_value(&p))
        }
        _ => value(Value::NIL),
    }
}

const ON_WASM: bool = cfg!(target_arch = "wasm32");

fn platform(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let name = if ON_WASM {
        "wasm".to_string()
    } else {
        match std::env::consts::OS {
            "linux" => "Linux".to_string(),
            "macos" => "Darwin".to_string(),
            "windows" => "Windows".to_string(),
            other => {
                let mut cs = other.chars();
                match cs.next() {
                    Some(c) => std::iter::once(c.to_ascii_uppercase()).chain(cs).collect(),
                    None => "unknown".to_string(),
                }
            }
        }
    };
    value(vm.str_value(&name))
}

fn platform_version(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let text = if ON_WASM {
        "wasi-0.1".to_string()
    } else {
        match vm.host.read_file("/proc/sys/kernel/osrelease") {
            Ok(b) => String::from_utf8_lossy(&b).trim().to_string(),
            Err(_) => "unknown".to_string(),
        }
    };
    value(vm.str_value(&text))
}

/// Longest single `System sleep`, in seconds.
const MAX_SLEEP: f64 = 24.0 * 3600.0;

/// Blocks the whole process (every coroutine) for the given seconds.
fn sleep(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let secs = num_arg(vm, call, 0)?;
    if secs.is_finite() && secs > 0.0 {
        block_for(secs.min(MAX_SLEEP));
    }
    value(call.target)
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn block_for(secs: f64) {
    std::thread::sleep(std::time::Duration::from_secs_f64(secs));
}

/// The browser has no blocking sleep: the call returns at once.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn block_for(_secs: f64) {}

fn this_process_pid(_vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let pid = if ON_WASM { 1 } else { process_id() };
    value(Value::num(pid as f64))
}

#[cfg(not(target_arch = "wasm32"))]
fn process_id() -> u32 {
    std::process::id()
}

#[cfg(target_arch = "wasm32")]
fn process_id() -> u32 {
    1
}

fn active_cpus(_vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let n = if ON_WASM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    value(Value::num(n as f64))
}

/// Every interned string (literals and slot names seen so far), in no particular order.
fn symbols(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let items: Vec<Value> = vm
        .symbol_strings
        .values()
        .take(vm.max_alloc)
        .map(|&r| Value::obj(r))
        .collect();
    value(vm.new_list(items))
}

fn system(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    vm.err("System system is not supported")
}
