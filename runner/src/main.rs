//! The runner: the `main` of every WebAssembly module `ioc build` writes.
//!
//! `ioc build` pre-initialises this module (wasmtime-wizer): it writes the
//! program's image into the buffer `io_image_reserve` hands out, then calls
//! `wizer-initialize`, which boots a VM (the standard library, Io half
//! included), loads the program's sources and compiles its top level. The
//! module is then snapshotted with that heap in its memory, so a run starts
//! at `main`: attach the host (WASI: stdio, args, env, clock, files in
//! preopened folders) and run. Initialisation must not call an import;
//! booting a VM asks its host for nothing, and the host it boots with is an
//! in-memory one that is replaced before the program runs.

use io_runtime::host::{MemoryHost, StdHost};
use io_runtime::program::{self, Image};
use io_runtime::{Value, Vm};
use std::cell::RefCell;
use std::process::ExitCode;

/// The booted VM and the program's message tree, made at initialisation.
struct Prepared {
    vm: Vm,
    main: Value,
    path: String,
}

thread_local! {
    static IMAGE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

/// A zeroed buffer of `len` bytes for the image; its address.
#[export_name = "io_image_reserve"]
pub extern "C" fn io_image_reserve(len: u32) -> *mut u8 {
    IMAGE.with(|b| {
        let mut b = b.borrow_mut();
        *b = vec![0; len as usize];
        b.as_mut_ptr()
    })
}

/// Boot the VM and load the image. A bad image or a syntax error traps, so
/// that the build that called this fails.
#[export_name = "wizer-initialize"]
pub extern "C" fn wizer_initialize() {
    let bytes = IMAGE.with(|b| std::mem::take(&mut *b.borrow_mut()));
    let Some(image) = Image::decode(&bytes) else {
        std::process::abort();
    };
    drop(bytes);
    let mut vm = Vm::new(Box::new(MemoryHost::default()));
    let Ok(main) = program::load_image(&mut vm, &image) else {
        std::process::abort();
    };
    vm.extra_roots.push(main);
    let path = image.main.path;
    PREPARED.with(|p| *p.borrow_mut() = Some(Prepared { vm, main, path }));
}

/// Run the program. The exit code is returned rather than passed to
/// `proc_exit` from deep inside the run, so that a successful run ends by
/// returning from `_start` (some hosts handle an exit from inside a call
/// badly), and the heap is left for the host to drop with the instance.
fn main() -> ExitCode {
    let Some(Prepared { mut vm, main, path }) = PREPARED.with(|p| p.borrow_mut().take()) else {
        eprintln!("io-runner: this module holds no program (build one with `ioc build FILE.io`)");
        return ExitCode::from(2);
    };
    vm.extra_roots.pop();
    vm.host = Box::new(StdHost::new());
    let mut args: Vec<String> = std::env::args().collect();
    match args.first_mut() {
        Some(first) => *first = path.clone(),
        None => args.push(path.clone()),
    }
    vm.args = args;
    vm.launch_path = program::launch_dir(&path);
    let code = program::run_main(&mut vm, main);
    std::mem::forget(vm);
    ExitCode::from(code as u8)
}
