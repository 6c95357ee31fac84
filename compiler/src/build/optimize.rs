//! wasm-opt over the runner. The runner's code is the same for every
//! program (a program adds only data), so it is optimised once per optimisation
//! level and kept in a cache folder; each build then starts from the cached
//! result.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use wasm_opt::{Feature, OptimizationOptions};

/// `--opt-level`: wasm-opt's levels, and `s`/`z` for size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OptLevel {
    #[value(name = "0")]
    O0,
    #[value(name = "1")]
    O1,
    #[value(name = "2")]
    O2,
    #[value(name = "3")]
    O3,
    #[value(name = "4")]
    O4,
    #[value(name = "s")]
    S,
    #[value(name = "z")]
    Z,
}

impl OptLevel {
    fn options(self) -> OptimizationOptions {
        match self {
            OptLevel::O0 => OptimizationOptions::new_opt_level_0(),
            OptLevel::O1 => OptimizationOptions::new_opt_level_1(),
            OptLevel::O2 => OptimizationOptions::new_opt_level_2(),
            OptLevel::O3 => OptimizationOptions::new_opt_level_3(),
            OptLevel::O4 => OptimizationOptions::new_opt_level_4(),
            OptLevel::S => OptimizationOptions::new_optimize_for_size(),
            OptLevel::Z => OptimizationOptions::new_optimize_for_size_aggressively(),
        }
    }
}

/// The folder where optimised runners are kept: `IOC_CACHE_DIR`, else the
/// user's cache folder; None when there is no such place.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("IOC_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return Some(PathBuf::from(d).join("ioc"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("ioc"))
}

/// A folder for this process's scratch files.
pub fn scratch_dir() -> std::io::Result<PathBuf> {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!("ioc-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

/// Where the runner optimised at `level` is kept (None without a cache folder).
fn cache_path(runner: &[u8], level: OptLevel) -> Option<PathBuf> {
    let mut h = DefaultHasher::new();
    runner.hash(&mut h);
    format!("{level:?}").hash(&mut h);
    keep_names().hash(&mut h);
    let name = format!(
        "runner-{}-{:?}-{:016x}.wasm",
        env!("CARGO_PKG_VERSION"),
        level,
        h.finish()
    );
    cache_dir().map(|d| d.join(name))
}

/// The runner optimised at `level` if it is at hand: level 0 (nothing to
/// do) or found in the cache.
pub fn cached_runner(runner: &[u8], level: OptLevel) -> Option<Vec<u8>> {
    if level == OptLevel::O0 {
        return Some(runner.to_vec());
    }
    std::fs::read(cache_path(runner, level)?).ok()
}

/// Optimise the runner at `level` and keep the result in the cache.
pub fn optimise_runner(runner: &[u8], level: OptLevel) -> Result<Vec<u8>, String> {
    let bytes = run_wasm_opt(runner, level)?;
    if let Some(p) = cache_path(runner, level) {
        store(&p, &bytes);
    }
    Ok(bytes)
}

/// Write `bytes` to `path` through a temporary name, so that readers never
/// see half a file; failures only cost a cache miss next time.
fn store(path: &Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// `IOC_KEEP_NAMES`: keep the functions' names in the module (for
/// profiles: `IOC_PERF_MAP` then shows them).
fn keep_names() -> bool {
    std::env::var_os("IOC_KEEP_NAMES").is_some()
}

/// Run wasm-opt on a module, with the features Rust's wasm32-wasip1 output uses.
pub fn run_wasm_opt(module: &[u8], level: OptLevel) -> Result<Vec<u8>, String> {
    let dir = scratch_dir().map_err(|e| format!("cannot make a scratch folder: {e}"))?;
    let input = dir.join("in.wasm");
    let output = dir.join("out.wasm");
    let result = (|| {
        std::fs::write(&input, module).map_err(|e| e.to_string())?;
        let mut opts = level.options();
        opts.debug_info(keep_names());
        for f in [
            Feature::BulkMemory,
            Feature::SignExt,
            Feature::MutableGlobals,
            Feature::TruncSat,
            Feature::ReferenceTypes,
            Feature::Multivalue,
        ] {
            opts.enable_feature(f);
        }
        opts.run(&input, &output)
            .map_err(|e| format!("wasm-opt failed: {e}"))?;
        std::fs::read(&output).map_err(|e| e.to_string())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
