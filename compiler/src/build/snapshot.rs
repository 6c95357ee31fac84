//! Pre-initialisation (wasmtime-wizer): instantiate the runner, write the
//! program's image and the Io half of the standard library into it, call
//! its `wizer-initialize` (which boots the VM and loads the program), and
//! snapshot the instance into a new module whose memory already holds the
//! booted heap. Every import is a trap here: initialisation must not touch
//! the host.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use wasmtime::{Engine, Linker, Store};
use wasmtime_wizer::Wizer;

/// The runner pre-initialised with `image`.
pub fn snapshot(engine: &Engine, runner: &[u8], image: &[u8]) -> Result<Vec<u8>, String> {
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
    let run = wizer.run(&mut store, runner, async |store, module| {
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
        Ok(instance)
    });
    block_on(run).map_err(|e| format!("pre-initialising the module failed: {e:?}"))
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
