//! The embedded WebAssembly engine (wasmtime): what `ioc build` runs the
//! runner on to pre-initialise it, and what `ioc run FILE.wasm` runs a built
//! module or component on, with WASI preview 1 (or 2 for components):
//! standard streams, arguments, environment, clocks and preopened folders.
//! Compiled code is cached on disk, so a module runs without recompiling.

use std::path::PathBuf;
use wasmtime::{Cache, CacheConfig, Config, Engine, Linker, Module, Store};
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

/// An engine with the on-disk compilation cache when a cache folder exists.
pub fn engine() -> Result<Engine, String> {
    let mut config = Config::new();
    // For profiling a run with `perf`: the engine writes a perf map of the
    // compiled code (/tmp/perf-PID.map).
    if std::env::var_os("IOC_PERF_MAP").is_some() {
        config.profiler(wasmtime::ProfilingStrategy::PerfMap);
    }
    if let Some(dir) = crate::build::optimize::cache_dir() {
        let mut cc = CacheConfig::new();
        cc.with_directory(std::path::absolute(dir.join("wasmtime")).unwrap_or_default());
        if let Ok(cache) = Cache::new(cc) {
            config.cache(Some(cache));
        }
    }
    Engine::new(&config).map_err(|e| format!("cannot start wasmtime: {e}"))
}

/// How to run a module: its arguments (the first is the program's name) and
/// the folders it may see, as (host path, guest path).
pub struct RunOptions {
    pub args: Vec<String>,
    pub dirs: Vec<(PathBuf, String)>,
}

fn wasi(opts: &RunOptions) -> Result<WasiCtxBuilder, String> {
    let mut b = WasiCtxBuilder::new();
    b.inherit_stdio().inherit_env().args(&opts.args);
    for (host, guest) in &opts.dirs {
        b.preopened_dir(host, guest, FsPerms::ReadWrite)
            .map_err(|e| format!("cannot open {}: {e}", host.display()))?;
    }
    Ok(b)
}

/// The exit code a run ended with: proc_exit's, 0 on return, or the error.
fn exit_status(res: wasmtime::Result<()>) -> Result<i32, String> {
    match res {
        Ok(()) => Ok(0),
        Err(e) => match e.downcast_ref::<wasmtime_wasi::I32Exit>() {
            Some(x) => Ok(x.0),
            None => Err(format!("the module trapped: {e:?}")),
        },
    }
}

/// Run `bytes`, a module or a component; answers its exit code.
pub fn run(bytes: &[u8], opts: &RunOptions) -> Result<i32, String> {
    let engine = engine()?;
    if wasmparser::Parser::is_component(bytes) {
        run_component(&engine, bytes, opts)
    } else {
        run_module(&engine, bytes, opts)
    }
}

fn run_module(engine: &Engine, bytes: &[u8], opts: &RunOptions) -> Result<i32, String> {
    let module = Module::new(engine, bytes).map_err(|e| format!("not a module: {e}"))?;
    let mut linker: Linker<wasmtime_wasi::p1::WasiP1Ctx> = Linker::new(engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |cx| cx).map_err(|e| e.to_string())?;
    let mut store = Store::new(engine, wasi(opts)?.build_p1());
    let instance = linker
        .instantiate(&mut store, &module)
        .map_err(|e| format!("cannot instantiate: {e}"))?;
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .map_err(|_| "the module has no _start: it is not a command".to_string())?;
    exit_status(start.call(&mut store, ()))
}

struct ComponentState {
    ctx: wasmtime_wasi::WasiCtx,
    table: wasmtime::component::ResourceTable,
}

impl wasmtime_wasi::WasiView for ComponentState {
    fn ctx(&mut self) -> wasmtime_wasi::WasiCtxView<'_> {
        wasmtime_wasi::WasiCtxView {
            ctx: &mut self.ctx,
            table: &mut self.table,
        }
    }
}

fn run_component(engine: &Engine, bytes: &[u8], opts: &RunOptions) -> Result<i32, String> {
    use wasmtime::component::{Component, Linker, ResourceTable};
    let component = Component::new(engine, bytes).map_err(|e| format!("not a component: {e}"))?;
    let mut linker: Linker<ComponentState> = Linker::new(engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(|e| e.to_string())?;
    let state = ComponentState {
        ctx: wasi(opts)?.build(),
        table: ResourceTable::new(),
    };
    let mut store = Store::new(engine, state);
    let command =
        wasmtime_wasi::p2::bindings::sync::Command::instantiate(&mut store, &component, &linker)
            .map_err(|e| format!("cannot instantiate: {e}"))?;
    let res = command.wasi_cli_run().call_run(&mut store);
    match res {
        Ok(Ok(())) => Ok(0),
        Ok(Err(())) => Ok(1),
        Err(e) => exit_status(Err(e)),
    }
}
