//! The runner: the `main` of every WebAssembly module `ioc build` writes.
//!
//! `ioc build` pre-initialises this module (wasmtime-wizer): it writes the
//! program's image into the buffer `io_image_reserve` hands out and the Io
//! half of the standard library into the one `io_library_reserve` hands
//! out, then calls `io_boot`, which boots a VM (the standard library, Io
//! half included), loads the program's sources, compiles its top level and
//! tree-shakes the heap, and `wizer-initialize`, which ends the
//! initialisation. The module is then snapshotted with that heap in its memory,
//! so a run starts at `main`: attach the host (WASI: stdio, args, env,
//! clock, files in preopened folders) and run. Initialisation must not call
//! an import; booting a VM asks its host only for the time, and the host it
//! boots with is an empty one (`BootHost`) that is replaced before the
//! program runs.

use io_runtime::heap::Watch;
use io_runtime::host::Host;
use io_runtime::program::{self, Image};
use io_runtime::symbol::Sym;
use io_runtime::vm::aot::AotFrame;
use io_runtime::vm::entry::FrameState;
use io_runtime::{Value, Vm};
use std::cell::RefCell;
use std::process::ExitCode;

mod alloc;
mod page;

#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

/// The host a VM boots with here. Booting asks its host only for the time
/// (`now`, for the Date proto), so this one answers as an empty in-memory
/// host would: no files, no environment, time 0 and a clock that does not
/// move; output is dropped. The run's host replaces it, and none of a
/// fuller host's code ships in the module.
struct BootHost;

impl Host for BootHost {
    fn write_stdout(&mut self, _bytes: &[u8]) {}
    fn write_stderr(&mut self, _bytes: &[u8]) {}
    fn read_file(&mut self, _path: &str) -> std::io::Result<Vec<u8>> {
        Err(std::io::ErrorKind::NotFound.into())
    }
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
    fn clock(&mut self) -> f64 {
        0.0
    }
    fn now(&mut self) -> f64 {
        0.0
    }
    fn random_u64(&mut self) -> u64 {
        4
    }
}

/// The booted VM and the program's message tree, made at initialisation.
struct Prepared {
    vm: Vm,
    main: Value,
    path: String,
}

thread_local! {
    static IMAGE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static LIBRARY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
    static OUTCOME: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A zeroed buffer of `len` bytes for the image; its address.
#[export_name = "io_image_reserve"]
pub extern "C" fn io_image_reserve(len: u32) -> *mut u8 {
    reserve(&IMAGE, len)
}

/// A zeroed buffer of `len` bytes for the Io half of the standard library
/// (`io_runtime::protos::encode_library`); its address. The runner boots
/// with the copy written there rather than carry the sources in its data.
#[export_name = "io_library_reserve"]
pub extern "C" fn io_library_reserve(len: u32) -> *mut u8 {
    reserve(&LIBRARY, len)
}

fn reserve(buffer: &'static std::thread::LocalKey<RefCell<Vec<u8>>>, len: u32) -> *mut u8 {
    buffer.with(|b| {
        let mut b = b.borrow_mut();
        *b = vec![0; len as usize];
        b.as_mut_ptr()
    })
}

/// Boot the VM with the library and load the image; with `shake`, leave
/// out what the program cannot reach (io_runtime::shake). Answers the
/// address of the outcome: a u32 byte length, then that many bytes: the
/// count of natives no longer reachable and their function-table indices
/// (u32s), then a line of text saying what was left out or what kept
/// everything. A bad library or image, or a syntax error, traps, so that
/// the build that called this fails. `wizer-initialize` ends the
/// initialisation.
#[export_name = "io_boot"]
pub extern "C" fn io_boot(shake: u32) -> *const u8 {
    alloc::zero_freed(true);
    let bytes = IMAGE.with(|b| std::mem::take(&mut *b.borrow_mut()));
    let Some(mut image) = Image::decode(&bytes) else {
        std::process::abort();
    };
    drop(bytes);
    let library = LIBRARY.with(|b| std::mem::take(&mut *b.borrow_mut()));
    let Some(sources) = io_runtime::protos::decode_library(&library) else {
        std::process::abort();
    };
    let mut vm = Vm::with_library(Box::new(BootHost), &sources);
    drop(sources);
    drop(library);
    let Ok(main) = program::load_image(&mut vm, &image) else {
        std::process::abort();
    };
    vm.extra_roots.push(main);
    vm.collect_garbage();
    let outcome = if shake != 0 {
        shaken(&mut vm)
    } else {
        Vec::new()
    };
    vm.heap.forget_free_records();
    vm.syms.forget_map();
    let path = std::mem::take(&mut image.main.path);
    drop(image);
    PREPARED.with(|p| *p.borrow_mut() = Some(Prepared { vm, main, path }));
    let mut framed = (outcome.len() as u32).to_le_bytes().to_vec();
    framed.extend(outcome);
    OUTCOME.with(|o| {
        *o.borrow_mut() = framed;
        o.borrow().as_ptr()
    })
}

/// Tree-shake `vm`'s heap; the outcome `io_boot` answers.
fn shaken(vm: &mut Vm) -> Vec<u8> {
    use io_runtime::shake::{self, Reach};
    let mut out = Vec::new();
    let line = match shake::analyse(vm) {
        Reach::Everything { what, at } => {
            out.extend(0u32.to_le_bytes());
            format!("kept everything: `{what}` at {at} can name any slot")
        }
        Reach::Names { used, in_code } => {
            let before = shake::native_functions(vm);
            let slots = shake::prune(vm, &used);
            let after = shake::native_functions(vm);
            let mut dead: Vec<u32> = before.difference(&after).map(|&f| f as u32).collect();
            let natives = dead.len();
            let parser = shake::drop_parser(vm, &in_code);
            dead.extend(parser.map(|f| f as u32));
            out.extend((dead.len() as u32).to_le_bytes());
            for f in &dead {
                out.extend(f.to_le_bytes());
            }
            let and_parser = if parser.is_some() {
                ", and the parser"
            } else {
                ""
            };
            format!("left out {slots} slots and {natives} natives that no code names{and_parser}")
        }
    };
    out.extend(line.into_bytes());
    out
}

/// The end of initialisation: drop `io_boot`'s outcome (zeroed, like every
/// block freed before the snapshot).
#[export_name = "wizer-initialize"]
pub extern "C" fn wizer_initialize() {
    OUTCOME.with(|o| *o.borrow_mut() = Vec::new());
    alloc::zero_freed(false);
}

// Entry points for compiled code, exported by name so that `ioc build` can
// link code it compiles against them (see io_runtime::vm::entry). Values
// cross as their 64-bit words; an exception answers 1 and writes the
// exception to `out`, success answers 0 and writes the result.

/// The value of a run as (status, word).
fn answer(r: Result<Value, Value>) -> (u32, u64) {
    match r {
        Ok(v) => (0, v.bits()),
        Err(e) => (1, e.bits()),
    }
}

/// A new object whose proto is `proto`.
///
/// # Safety
/// `vm` is the VM that called into the compiled code and is not otherwise
/// borrowed while the call runs; `args`/`stack` point to `argc`/`depth`
/// readable words, and `out` to one writable word.
#[export_name = "io_rt_alloc"]
pub unsafe extern "C" fn io_rt_alloc(vm: *mut Vm, proto: u64) -> u64 {
    let vm = unsafe { &mut *vm };
    vm.entry_alloc(Value::from_bits(proto)).bits()
}

/// The generic send: `name` to `target` with evaluated arguments.
///
/// # Safety
/// `vm` is the VM that called into the compiled code and is not otherwise
/// borrowed while the call runs; `args`/`stack` point to `argc`/`depth`
/// readable words, and `out` to one writable word.
#[export_name = "io_rt_send"]
pub unsafe extern "C" fn io_rt_send(
    vm: *mut Vm,
    target: u64,
    name: u32,
    args: *const u64,
    argc: u32,
    out: *mut u64,
) -> u32 {
    let (vm, words) = unsafe { (&mut *vm, std::slice::from_raw_parts(args, argc as usize)) };
    let args: Vec<Value> = words.iter().map(|&w| Value::from_bits(w)).collect();
    let (status, word) = answer(vm.entry_send(Value::from_bits(target), Sym(name), &args));
    unsafe { out.write(word) };
    status
}

/// Deoptimisation: rebuild the heap frame of the code of `owner` at `pc`
/// and run the interpreter from there to the end of the block.
///
/// # Safety
/// `vm` is the VM that called into the compiled code and is not otherwise
/// borrowed while the call runs; `args`/`stack` point to `argc`/`depth`
/// readable words, and `out` to one writable word.
#[export_name = "io_rt_resume_at"]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn io_rt_resume_at(
    vm: *mut Vm,
    owner: u64,
    pc: u32,
    r: u64,
    target: u64,
    locals: u64,
    stack: *const u64,
    depth: u32,
    out: *mut u64,
) -> u32 {
    let (vm, words) = unsafe { (&mut *vm, std::slice::from_raw_parts(stack, depth as usize)) };
    let stack: Vec<Value> = words.iter().map(|&w| Value::from_bits(w)).collect();
    let state = FrameState {
        r: Value::from_bits(r),
        target: Value::from_bits(target),
        locals: Value::from_bits(locals),
        stack: &stack,
    };
    let (status, word) = answer(vm.resume_at(Value::from_bits(owner), pc, state));
    unsafe { out.write(word) };
    status
}

// Compiled code. `ioc build` defines the import `io_aot.enter` (a
// dispatch over the program's compiled functions, or nothing at -O0) and
// links the functions against the `io_aot_*` helpers below; see
// io_runtime::vm::aot. Every helper is called from compiled code that the
// interpreter entered through `enter`, with the VM it was handed.

#[cfg(target_family = "wasm")]
#[link(wasm_import_module = "io_aot")]
extern "C" {
    #[link_name = "enter"]
    fn aot_enter(func: u32, vm: *mut std::ffi::c_void, frame: *mut std::ffi::c_void);
}

fn enter(vm: &mut Vm, func: u32, frame: &mut AotFrame) {
    // SAFETY: the compiled function uses `vm` and `frame` only through the
    // helpers below, during this call.
    #[cfg(target_family = "wasm")]
    unsafe {
        aot_enter(
            func,
            (vm as *mut Vm).cast(),
            (frame as *mut AotFrame).cast(),
        )
    }
    // (A native build of the runner has no compiled code.)
    #[cfg(not(target_family = "wasm"))]
    let _ = (vm, func, frame);
}

/// The helpers' view of their arguments.
///
/// # Safety
/// `vm` and `frame` are the ones `enter` handed to compiled code.
unsafe fn parts<'a>(vm: *mut Vm, frame: *mut AotFrame) -> (&'a mut Vm, &'a mut AotFrame) {
    unsafe { (&mut *vm, &mut *frame) }
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_stack_len"]
pub unsafe extern "C" fn io_aot_stack_len(vm: *mut Vm, frame: *mut AotFrame) -> u32 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_stack_len(frame)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_stack_get"]
pub unsafe extern "C" fn io_aot_stack_get(vm: *mut Vm, frame: *mut AotFrame, i: u32) -> u64 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_stack_get(frame, i)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_stack_set_len"]
pub unsafe extern "C" fn io_aot_stack_set_len(vm: *mut Vm, frame: *mut AotFrame, n: u32) {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_stack_set_len(frame, n)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_stack_put"]
pub unsafe extern "C" fn io_aot_stack_put(vm: *mut Vm, frame: *mut AotFrame, i: u32, v: u64) {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_stack_put(frame, i, v)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_const"]
pub unsafe extern "C" fn io_aot_const(vm: *mut Vm, frame: *mut AotFrame, k: u32) -> u64 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_const(frame, k)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_get"]
pub unsafe extern "C" fn io_aot_get(
    vm: *mut Vm,
    frame: *mut AotFrame,
    site: u32,
    recv: u64,
    depth: u32,
) -> u64 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    let answer = vm.aot_get(frame, site, recv, depth);
    vm.aot_refresh(frame);
    answer
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_enter_frame"]
pub unsafe extern "C" fn io_aot_enter_frame(
    vm: *mut Vm,
    frame: *mut AotFrame,
    func: u32,
    words: u32,
) -> u32 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_enter_frame(frame, func, words)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_watch"]
pub unsafe extern "C" fn io_aot_watch(vm: *mut Vm, frame: *mut AotFrame) -> *const Watch {
    let (vm, _) = unsafe { parts(vm, frame) };
    vm.aot_watch()
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_arith"]
pub unsafe extern "C" fn io_aot_arith(
    vm: *mut Vm,
    frame: *mut AotFrame,
    native: u64,
    a: f64,
    b: f64,
) -> u64 {
    let (vm, _) = unsafe { parts(vm, frame) };
    vm.aot_arith(native, a, b)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_guard"]
pub unsafe extern "C" fn io_aot_guard(
    vm: *mut Vm,
    frame: *mut AotFrame,
    site: u32,
    recv: u64,
) -> u32 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_guard(frame, site, recv)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_assign"]
pub unsafe extern "C" fn io_aot_assign(
    vm: *mut Vm,
    frame: *mut AotFrame,
    pc: u32,
    recv: u64,
    v: u64,
) -> u32 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    let done = vm.aot_assign(frame, pc, recv, v);
    vm.aot_refresh(frame);
    done
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_bind"]
pub unsafe extern "C" fn io_aot_bind(vm: *mut Vm, frame: *mut AotFrame, pc: u32, v: u64) -> u32 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_bind(frame, pc, v)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_each_at"]
pub unsafe extern "C" fn io_aot_each_at(
    vm: *mut Vm,
    frame: *mut AotFrame,
    list: u64,
    i: f64,
) -> u64 {
    let (vm, _) = unsafe { parts(vm, frame) };
    vm.aot_each_at(list, i)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_local_get"]
pub unsafe extern "C" fn io_aot_local_get(vm: *mut Vm, frame: *mut AotFrame, pc: u32) -> u64 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_local_get(frame, pc)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_local_put"]
pub unsafe extern "C" fn io_aot_local_put(vm: *mut Vm, frame: *mut AotFrame, pc: u32, v: u64) {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_local_put(frame, pc, v)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_plain"]
pub unsafe extern "C" fn io_aot_plain(vm: *mut Vm, frame: *mut AotFrame, v: u64) -> u32 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_plain(frame, v)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_lookup_call"]
pub unsafe extern "C" fn io_aot_lookup_call(
    vm: *mut Vm,
    frame: *mut AotFrame,
    site: u32,
    recv: u64,
) -> u32 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    vm.aot_lookup_call(frame, site, recv)
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_call"]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn io_aot_call(
    vm: *mut Vm,
    frame: *mut AotFrame,
    site: u32,
    recv: u64,
    native: u64,
    holder: u64,
    argc: u32,
    depth: u32,
) -> u64 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    let answer = vm.aot_call(frame, site, recv, native, holder, argc, depth);
    vm.aot_refresh(frame);
    answer
}

/// # Safety
/// See `parts`.
#[export_name = "io_aot_invoke"]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn io_aot_invoke(
    vm: *mut Vm,
    frame: *mut AotFrame,
    site: u32,
    recv: u64,
    value: u64,
    holder: u64,
    argc: u32,
    depth: u32,
) -> u64 {
    let (vm, frame) = unsafe { parts(vm, frame) };
    let answer = vm.aot_invoke(frame, site, recv, value, holder, argc, depth);
    vm.aot_refresh(frame);
    answer
}

/// The booted VM with the program's message tree, attached to this run's
/// host (stdio, args, files, and JavaScript in a page); None when the
/// module holds no program (or it was taken already).
fn prepared_vm() -> Option<(Vm, Value)> {
    let Prepared { mut vm, main, path } = PREPARED.with(|p| p.borrow_mut().take())?;
    vm.extra_roots.pop();
    vm.host = Box::new(page::PageHost::new());
    vm.aot_enter = Some(enter);
    let mut args: Vec<String> = std::env::args().collect();
    match args.first_mut() {
        Some(first) => *first = path.clone(),
        None => args.push(path.clone()),
    }
    vm.args = args;
    vm.launch_path = program::launch_dir(&path);
    Some((vm, main))
}

/// Run the program. The exit code is returned rather than passed to
/// `proc_exit` from deep inside the run, so that a successful run ends by
/// returning from `_start` (some hosts handle an exit from inside a call
/// badly), and the heap is left for the host to drop with the instance.
fn main() -> ExitCode {
    let Some((mut vm, main)) = prepared_vm() else {
        eprintln!("io-runner: this module holds no program (build one with `ioc build FILE.io`)");
        return ExitCode::from(2);
    };
    let code = program::run_main(&mut vm, main);
    std::mem::forget(vm);
    ExitCode::from(code as u8)
}
