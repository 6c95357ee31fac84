//! The runner's host, and its entry points for a page (`ioc bundle`).
//!
//! `PageHost` is the host of every built module: WASI for output, files,
//! clock and randomness (in a page, the loader's small WASI shim answers
//! those), and the import `io_js.op` for the JavaScript bridge. `ioc build`
//! replaces that import by a stub answering "no JavaScript here"; `ioc
//! bundle` keeps it, and the page's loader (compiler/src/bundle/io.js)
//! provides it.
//!
//! In a page the loader does not call `_start`: it calls `io_browser_start`
//! (the program's top level), then `io_browser_tick` whenever an Io timer is
//! due, `io_js_callback` when JavaScript calls an Io block, and
//! `io_browser_eval` for a REPL line. The VM stays alive between them.
//!
//! Values cross as 16-byte records: a tag (0 undefined, 1 null, 2 boolean,
//! 3 number, 4 string, 5 handle, 6 callback), a word `a` (the boolean, the
//! handle or the callback id), and 8 bytes: the number, or a string's
//! address and length. Memory the loader hands in comes from
//! `io_js_alloc`, and is freed here.

use io_runtime::host::{
    FileInfo, Host, JsCallback, JsError, JsOp, JsResult, JsValue, Reenter, StdHost,
};
use io_runtime::protos::js::{self, Callback};
use io_runtime::{program, report, Vm};
use std::cell::{Cell, RefCell};
use std::io;

/// One value crossing the `io_js` boundary.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct Record {
    tag: u32,
    a: u32,
    b: u64,
}

const TAG_UNDEFINED: u32 = 0;
const TAG_NULL: u32 = 1;
const TAG_BOOL: u32 = 2;
const TAG_NUMBER: u32 = 3;
const TAG_STRING: u32 = 4;
const TAG_HANDLE: u32 = 5;
const TAG_CALLBACK: u32 = 6;

/// Status of `io_js.op` without a JavaScript host (the stub `ioc build`
/// links in place of the import).
const STATUS_NO_HOST: u32 = 3;

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "io_js")]
unsafe extern "C" {
    #[link_name = "op"]
    fn js_op(
        op: u32,
        target: u32,
        key: *const u8,
        key_len: u32,
        args: *const Record,
        argc: u32,
        out: *mut Record,
    ) -> u32;
}

/// Outside wasm there is no JavaScript host.
#[cfg(not(target_arch = "wasm32"))]
unsafe fn js_op(
    _op: u32,
    _target: u32,
    _key: *const u8,
    _key_len: u32,
    _args: *const Record,
    _argc: u32,
    _out: *mut Record,
) -> u32 {
    STATUS_NO_HOST
}

/// A buffer of `len` bytes for the loader to fill; whoever it is handed to
/// here frees it.
#[export_name = "io_js_alloc"]
pub extern "C" fn io_js_alloc(len: u32) -> *mut u8 {
    Box::into_raw(vec![0u8; len as usize].into_boxed_slice()) as *mut u8
}

/// Take back a buffer from `io_js_alloc`.
///
/// # Safety
/// `ptr`/`len` came from `io_js_alloc(len)` and are not used again.
unsafe fn take_buffer(ptr: *mut u8, len: u32) -> Vec<u8> {
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len as usize)) }.into_vec()
}

/// A record filled by the loader as a value (a string's bytes are freed).
///
/// # Safety
/// A string record's address and length came from `io_js_alloc`.
unsafe fn decode(r: Record) -> JsValue {
    match r.tag {
        TAG_NULL => JsValue::Null,
        TAG_BOOL => JsValue::Bool(r.a != 0),
        TAG_NUMBER => JsValue::Number(f64::from_bits(r.b)),
        TAG_STRING => {
            let bytes = unsafe { take_buffer(r.b as u32 as *mut u8, (r.b >> 32) as u32) };
            JsValue::String(String::from_utf8_lossy(&bytes).into_owned())
        }
        TAG_HANDLE => JsValue::Handle(r.a),
        TAG_CALLBACK => JsValue::Callback(r.a),
        _ => JsValue::Undefined,
    }
}

/// A value as a record; a string's bytes stay in `keep` until the record is read.
fn encode(v: &JsValue, keep: &mut Vec<Vec<u8>>) -> Record {
    let (tag, a, b) = match v {
        JsValue::Undefined => (TAG_UNDEFINED, 0, 0),
        JsValue::Null => (TAG_NULL, 0, 0),
        JsValue::Bool(x) => (TAG_BOOL, *x as u32, 0),
        JsValue::Number(n) => (TAG_NUMBER, 0, n.to_bits()),
        JsValue::String(s) => {
            let bytes = s.as_bytes().to_vec();
            let b = (bytes.as_ptr() as usize as u64) | ((bytes.len() as u64) << 32);
            keep.push(bytes);
            (TAG_STRING, 0, b)
        }
        JsValue::Handle(h) => (TAG_HANDLE, *h, 0),
        JsValue::Callback(id) => (TAG_CALLBACK, *id, 0),
    };
    Record { tag, a, b }
}

/// The host of a built module.
pub struct PageHost {
    std: StdHost,
}

impl PageHost {
    pub fn new() -> PageHost {
        PageHost {
            std: StdHost::new(),
        }
    }
}

impl Host for PageHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.std.write_stdout(bytes)
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        self.std.write_stderr(bytes)
    }
    fn flush(&mut self) {
        self.std.flush()
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        self.std.read_file(path)
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        self.std.env_var(name)
    }
    fn clock(&mut self) -> f64 {
        self.std.clock()
    }
    fn now(&mut self) -> f64 {
        self.std.now()
    }
    fn sleep(&mut self, seconds: f64) {
        self.std.sleep(seconds)
    }
    fn random_u64(&mut self) -> u64 {
        self.std.random_u64()
    }
    fn stat(&mut self, path: &str) -> io::Result<FileInfo> {
        self.std.stat(path)
    }
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.std.write_file(path, bytes)
    }
    fn append_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.std.append_file(path, bytes)
    }
    fn remove_file(&mut self, path: &str) -> io::Result<()> {
        self.std.remove_file(path)
    }
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        self.std.rename(from, to)
    }
    fn list_dir(&mut self, path: &str) -> io::Result<Vec<String>> {
        self.std.list_dir(path)
    }
    fn create_dir(&mut self, path: &str) -> io::Result<()> {
        self.std.create_dir(path)
    }
    fn remove_dir(&mut self, path: &str) -> io::Result<()> {
        self.std.remove_dir(path)
    }
    fn current_dir(&mut self) -> io::Result<String> {
        self.std.current_dir()
    }
    fn set_current_dir(&mut self, path: &str) -> io::Result<()> {
        self.std.set_current_dir(path)
    }

    fn js(
        &mut self,
        op: JsOp,
        target: u32,
        key: &str,
        args: &[JsValue],
        reenter: &mut Reenter<'_>,
    ) -> JsResult {
        // What JavaScript prints during the call comes after what Io printed before it.
        self.std.flush();
        let mut keep = Vec::new();
        let records: Vec<Record> = args.iter().map(|a| encode(a, &mut keep)).collect();
        let mut out = Record::default();
        // A callback JavaScript makes during the call runs through `reenter`
        // (see `io_js_callback`); this host is not touched meanwhile.
        let host: *mut (dyn Host + '_) = self;
        let reenter: *mut Reenter<'_> = reenter;
        let outer = REENTER.with(|r| r.replace(Some(unsafe { erase(reenter, host) })));
        let status = unsafe {
            js_op(
                op as u32,
                target,
                key.as_ptr(),
                key.len() as u32,
                records.as_ptr(),
                records.len() as u32,
                &mut out,
            )
        };
        REENTER.with(|r| r.set(outer));
        drop(keep);
        let v = unsafe { decode(out) };
        let text = || match &v {
            JsValue::String(s) => s.clone(),
            _ => "a JavaScript error".to_string(),
        };
        match status {
            0 => Ok(v),
            1 => Err(JsError::Thrown(text())),
            STATUS_NO_HOST => Err(JsError::Unavailable),
            _ => Err(JsError::Invalid(text())),
        }
    }
}

/// How to run a callback that arrives during a JavaScript request: the
/// request's `reenter` and the host that made it.
type Reentry = (*mut Reenter<'static>, *mut (dyn Host + 'static));

/// Erase the lifetimes of a request's `reenter` and host, for `REENTER`.
///
/// # Safety
/// The pointers are used only while the request that lent them is under way.
unsafe fn erase(reenter: *mut Reenter<'_>, host: *mut (dyn Host + '_)) -> Reentry {
    unsafe {
        (
            std::mem::transmute::<*mut Reenter<'_>, *mut Reenter<'static>>(reenter),
            std::mem::transmute::<*mut (dyn Host + '_), *mut (dyn Host + 'static)>(host),
        )
    }
}

// ---- the VM between calls from the page ---------------------------------------------

thread_local! {
    /// The VM, once `io_browser_start` has run the program.
    static VM: RefCell<Option<Vm>> = const { RefCell::new(None) };
    /// Set once the program called `System exit`: nothing runs after.
    static EXITED: Cell<bool> = const { Cell::new(false) };
    /// The bytes of a string result handed back, kept until the next call.
    static RETURNED: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    /// Set while Io waits in a JavaScript request (see `PageHost::js`).
    static REENTER: Cell<Option<Reentry>> = const { Cell::new(None) };
}

/// Run `f` on the VM, or answer None when there is none or it is busy (a
/// call that arrived while Io was inside a JavaScript call).
fn with_vm<T>(f: impl FnOnce(&mut Vm) -> T) -> Option<T> {
    if EXITED.with(Cell::get) {
        return None;
    }
    VM.with(|cell| {
        let mut guard = cell.try_borrow_mut().ok()?;
        let vm = guard.as_mut()?;
        let r = f(vm);
        vm.host.flush();
        Some(r)
    })
}

/// Run the coroutines that can run; on an engine stop, report it (or note
/// the exit). Answers whether some can still run.
fn run_ready(vm: &mut Vm) -> bool {
    match js::run_ready(vm) {
        Ok(more) => more,
        Err(e) => {
            stopped(vm, e);
            false
        }
    }
}

/// Evaluation ended for the whole VM: `System exit`, or an engine limit.
fn stopped(vm: &mut Vm, e: io_runtime::Value) {
    if vm.exit_code.is_some() {
        EXITED.with(|x| x.set(true));
        return;
    }
    let text = report::exception_report(vm, e);
    vm.host.write_stderr(text.as_bytes());
    vm.halted = false;
}

/// Run the program's top level; the VM stays for the page's events.
/// Answers the exit code (0, 1 after an uncaught exception, `System
/// exit`'s code), or 2 when the module holds no program.
#[export_name = "io_browser_start"]
pub extern "C" fn io_browser_start() -> i32 {
    let Some((mut vm, main)) = crate::prepared_vm() else {
        return 2;
    };
    let code = program::run_main(&mut vm, main);
    if vm.exit_code.is_some() {
        EXITED.with(|x| x.set(true));
    }
    VM.with(|cell| *cell.borrow_mut() = Some(vm));
    code
}

/// Run what is due; answers milliseconds until the next Io timer, 0 when
/// coroutines can still run, or -1 when nothing is waiting.
#[export_name = "io_browser_tick"]
pub extern "C" fn io_browser_tick() -> f64 {
    let busy = !EXITED.with(Cell::get) && VM.with(|cell| cell.try_borrow_mut().is_err());
    if busy {
        return 0.0;
    }
    with_vm(|vm| {
        if run_ready(vm) {
            return 0.0;
        }
        if EXITED.with(Cell::get) {
            return -1.0;
        }
        match js::next_timer_in(vm) {
            Some(s) => (s * 1000.0).ceil(),
            None => -1.0,
        }
    })
    .unwrap_or(-1.0)
}

/// JavaScript called Io block `id`: answers 0 with its value in `out`
/// (undefined while the block waits), 1 with the exception's text when it
/// raised (reported on standard error too), 2 when the VM is busy.
///
/// # Safety
/// `args` holds `argc` records in a buffer from `io_js_alloc(16 * argc)`
/// (null when `argc` is 0), and `out` points to one writable record.
#[export_name = "io_js_callback"]
pub unsafe extern "C" fn io_js_callback(
    id: u32,
    args: *mut Record,
    argc: u32,
    out: *mut Record,
) -> u32 {
    let values: Vec<JsValue> = if argc == 0 || args.is_null() {
        Vec::new()
    } else {
        let bytes = unsafe { take_buffer(args as *mut u8, argc * 16) };
        bytes
            .chunks_exact(16)
            .map(|c| {
                let word = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
                let r = Record {
                    tag: word(0),
                    a: word(4),
                    b: u64::from(word(8)) | (u64::from(word(12)) << 32),
                };
                unsafe { decode(r) }
            })
            .collect()
    };
    // Io is waiting in a JavaScript request that called the block: run it now.
    if let Some((reenter, host)) = REENTER.with(Cell::get) {
        let (status, v) = match unsafe { (*reenter)(&mut *host, id, values) } {
            JsCallback::Value(v) => (0, v),
            JsCallback::Raised(text) => (1, JsValue::String(text)),
        };
        hand_back(out, &v);
        return status;
    }
    let busy = !EXITED.with(Cell::get) && VM.with(|cell| cell.try_borrow_mut().is_err());
    let answer = with_vm(|vm| match js::run_callback(vm, id, values) {
        Ok(Callback::Value(v)) => (0, v),
        Ok(Callback::Suspended) => (0, JsValue::Undefined),
        Ok(Callback::Raised(e)) => {
            let text = report::exception_report(vm, e);
            vm.host.write_stderr(text.as_bytes());
            (1, JsValue::String(report::error_text(vm, e)))
        }
        Err(e) => {
            stopped(vm, e);
            (0, JsValue::Undefined)
        }
    });
    let (status, v) = match answer {
        Some(a) => a,
        None if busy => (2, JsValue::Undefined),
        None => (0, JsValue::Undefined),
    };
    hand_back(out, &v);
    status
}

/// Write a callback's answer for the loader; a string's bytes stay until
/// the next answer.
fn hand_back(out: *mut Record, v: &JsValue) {
    RETURNED.with(|keep| {
        let mut keep = keep.borrow_mut();
        keep.clear();
        let r = encode(v, &mut keep);
        // (The loader's buffer comes from `io_js_alloc`: byte-aligned.)
        unsafe { out.write_unaligned(r) };
    });
}

/// JavaScript dropped its last function for Io block `id`.
#[export_name = "io_js_release_callback"]
pub extern "C" fn io_js_release_callback(id: u32) {
    with_vm(|vm| js::release_callback(vm, id));
}

/// Evaluate a REPL line (UTF-8 in a buffer from `io_js_alloc`, freed here):
/// prints `==> result`, or the exception on standard error. Answers 0, 1
/// after an exception or a syntax error, 2 when the VM is busy (Io is
/// inside a JavaScript call), 3 when the program has exited.
///
/// # Safety
/// `src`/`len` came from `io_js_alloc(len)`.
#[export_name = "io_browser_eval"]
pub unsafe extern "C" fn io_browser_eval(src: *mut u8, len: u32) -> u32 {
    let bytes = unsafe { take_buffer(src, len) };
    let src = String::from_utf8_lossy(&bytes).into_owned();
    with_vm(|vm| {
        let status = match program::repl_eval(vm, &src) {
            Some(text) if text.starts_with("==> ") => {
                vm.host.write_stdout(text.as_bytes());
                0
            }
            Some(text) => {
                vm.host.write_stderr(text.as_bytes());
                1
            }
            None => {
                EXITED.with(|x| x.set(vm.exit_code.is_some()));
                0
            }
        };
        run_ready(vm);
        status
    })
    .unwrap_or(if EXITED.with(Cell::get) { 3 } else { 2 })
}
