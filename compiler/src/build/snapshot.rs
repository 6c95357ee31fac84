//! Pre-initialisation (wasmtime-wizer): instantiate the runner, write the
//! program's image and the Io half of the standard library into it, call
//! its `io_boot` (which boots the VM, loads the program and, when asked,
//! tree-shakes the heap) and `wizer-initialize`, and snapshot the instance
//! into a new module whose memory already holds the booted heap. Every
//! import is a trap here: initialisation must not touch the host.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use wasmtime::{Engine, Linker, Store};
use wasmtime_wizer::Wizer;

/// The pre-initialised module, and what tree-shaking found.
pub struct Snapshot {
    pub module: Vec<u8>,
    /// Function-table indices of the natives no code can reach.
    pub dead_natives: Vec<u32>,
    /// What was left out, or what kept everything (empty without shaking).
    pub shaken: String,
}

/// The runner pre-initialised with `image`, tree-shaken with `shake`.
pub fn snapshot(
    engine: &Engine,
    runner: &[u8],
    image: &[u8],
    shake: bool,
) -> Result<Snapshot, String> {
    let mut store = Store::new(engine, ());
    let wizer = Wizer::new();
    let library = io_runtime::protos::encode_library(io_runtime::protos::STD_SOURCES);
    let inputs = [
        ("io_image_reserve", image),
        ("io_library_reserve", &library),
    ];
    for (_, bytes) in inputs {
        u32::try_from(bytes.len()).map_err(|_| "the program is larger than 4 GiB")?;
    }
    let outcome: Rc<RefCell<Vec<u8>>> = Rc::default();
    let found = outcome.clone();
    let run = wizer.run(&mut store, runner, async move |store, module| {
        let mut linker = Linker::new(store.engine());
        linker.define_unknown_imports_as_traps(module)?;
        let instance = linker.instantiate_async(&mut *store, module).await?;
        let memory = instance
            .get_memory(&mut *store, "memory")
            .ok_or_else(|| wasmtime::format_err!("the runner exports no memory"))?;
        for (export, bytes) in inputs {
            let reserve = instance.get_typed_func::<u32, u32>(&mut *store, export)?;
            let at = reserve.call_async(&mut *store, bytes.len() as u32).await?;
            memory.write(&mut *store, at as usize, bytes)?;
        }
        let boot = instance.get_typed_func::<u32, u32>(&mut *store, "io_boot")?;
        let at = boot.call_async(&mut *store, u32::from(shake)).await? as usize;
        let mut len = [0u8; 4];
        memory.read(&mut *store, at, &mut len)?;
        let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
        memory.read(&mut *store, at + 4, &mut bytes)?;
        *found.borrow_mut() = bytes;
        Ok(instance)
    });
    let module = block_on(run).map_err(|e| format!("pre-initialising the module failed: {e:?}"))?;
    let outcome = outcome.take();
    let mut dead_natives = Vec::new();
    let mut shaken = String::new();
    if outcome.len() >= 4 {
        let n = u32::from_le_bytes(outcome[..4].try_into().expect("4 bytes")) as usize;
        let end = (4 + 4 * n).min(outcome.len());
        dead_natives = outcome[4..end]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        shaken = String::from_utf8_lossy(&outcome[end..]).into_owned();
    }
    Ok(Snapshot {
        module,
        dead_natives,
        shaken,
    })
}

/// Drive a future that never waits on anything outside this thread.
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::yield_now();
    }
}
