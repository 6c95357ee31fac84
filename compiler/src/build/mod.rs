//! `ioc build`: an Io program into one WASI (preview 1) module.
//!
//! The pipeline, one file per stage: `sources` (the program and the files it
//! loads by literal path, parsed so that syntax errors refuse the build),
//! `aot` (the specialiser's analysis: which code chains are compiled),
//! `optimize` (wasm-opt over the runner, cached per level), `snapshot`
//! (wasmtime-wizer boots the VM inside the runner and loads the program, so
//! a run starts from the booted heap), `link` (walrus drops what only the
//! build used), `pack` (the snapshot's memory as one packed data segment)
//! and `component` (optional preview-2 wrapping).

pub mod aot;
pub mod component;
pub mod link;
pub mod optimize;
pub mod pack;
pub mod snapshot;
pub mod sources;

use optimize::OptLevel;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The runner module, built for wasm32-wasip1 by build.rs.
pub const RUNNER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/io-runner.wasm"));

/// What `ioc build` was asked for.
pub struct BuildOptions {
    /// The program's path (where its files are found, and its name in
    /// messages and `System launchPath`).
    pub input: String,
    /// The program's text, when it is not to be read from `input`.
    pub source: Option<String>,
    pub output: Option<PathBuf>,
    pub opt_level: OptLevel,
    pub component: bool,
    pub quiet: bool,
    /// Say, per code chain, whether it was compiled and why not.
    pub report: bool,
    /// Run wasm-opt over the finished module too (compiled code included).
    pub wasm_opt_output: bool,
    /// For a page (`ioc bundle`): keep the JavaScript bridge's import and
    /// the exports the page's loader calls.
    pub browser: bool,
    /// Keep every slot of the booted heap (no tree-shaking), for a module
    /// that evaluates source the build cannot see (a page with a prompt).
    /// `-O0` keeps everything too.
    pub keep_all: bool,
}

/// Why a build wrote nothing.
pub enum BuildError {
    /// A syntax error: the diagnostic, as `io` prints it.
    Syntax(String),
    /// Anything else, as one line.
    Failed(String),
}

/// What a finished build wrote.
pub struct Built {
    pub output: PathBuf,
    pub bytes: usize,
    pub seconds: f64,
    /// Code chains of the program compiled to wasm, and left to the interpreter.
    pub compiled: usize,
    pub interpreted: usize,
    /// `--report`'s lines (empty without it).
    pub report: Vec<String>,
    /// What wasm-opt made of what it ran over, in bytes before and after:
    /// the runtime (done once per level and cached), or with
    /// `--wasm-opt-output` the whole module. None at -O0, which skips it.
    pub wasm_opt: Option<WasmOpt>,
}

pub struct WasmOpt {
    pub what: &'static str,
    pub before: usize,
    pub after: usize,
}

/// Stage lines on standard error, shown once a build has taken a second
/// (or for a stage known to be long), never with `-q`.
struct Progress {
    start: Instant,
    quiet: bool,
}

impl Progress {
    fn stage(&self, what: &str, long: bool) {
        if !self.quiet && (long || self.start.elapsed().as_secs_f64() > 1.0) {
            eprintln!("ioc: {what}");
        }
    }
}

/// The output path: the one asked for, or the input with `.wasm`.
pub fn output_path(opts: &BuildOptions) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| Path::new(&opts.input).with_extension("wasm"))
}

/// Run the pipeline; the output file is written only when every stage worked.
pub fn build(opts: &BuildOptions) -> Result<Built, BuildError> {
    let progress = Progress {
        start: Instant::now(),
        quiet: opts.quiet,
    };
    progress.stage(&format!("parsing {}", opts.input), false);
    let (mut image, warnings) =
        sources::collect(&opts.input, opts.source.clone()).map_err(|e| match e {
            sources::SourceError::Syntax(d) => BuildError::Syntax(d),
            sources::SourceError::Unreadable(m) => BuildError::Failed(m),
        })?;
    if !opts.quiet {
        for w in warnings {
            eprintln!("ioc: warning: {w}");
        }
    }
    // -O0 ships the interpreter alone.
    let analysis = match opts.opt_level {
        OptLevel::O0 => None,
        _ => {
            progress.stage("analysing the program", false);
            Some(aot::analyse(&mut image).map_err(BuildError::Failed)?)
        }
    };
    let runner = match optimize::cached_runner(RUNNER, opts.opt_level) {
        Some(bytes) => bytes,
        None => {
            progress.stage(
                "optimising the runtime with wasm-opt (once per level, then cached)",
                true,
            );
            optimize::optimise_runner(RUNNER, opts.opt_level).map_err(BuildError::Failed)?
        }
    };
    progress.stage(
        "booting the VM and loading the program into the module",
        false,
    );
    let engine = crate::engine::engine().map_err(BuildError::Failed)?;
    let shake = opts.opt_level != OptLevel::O0 && !opts.keep_all;
    let snap =
        snapshot::snapshot(&engine, &runner, &image.encode(), shake).map_err(BuildError::Failed)?;
    progress.stage("linking", false);
    let mut module = link::finish(
        &snap.module,
        analysis.as_ref(),
        &snap.dead_natives,
        opts.browser,
    )
    .map_err(BuildError::Failed)?;
    let mut wasm_opt = (opts.opt_level != OptLevel::O0).then(|| WasmOpt {
        what: "the runtime",
        before: RUNNER.len(),
        after: runner.len(),
    });
    if opts.wasm_opt_output && opts.opt_level != OptLevel::O0 {
        progress.stage("optimising the whole module with wasm-opt", true);
        let before = module.len();
        module = optimize::run_wasm_opt(&module, opts.opt_level).map_err(BuildError::Failed)?;
        wasm_opt = Some(WasmOpt {
            what: "the module",
            before,
            after: module.len(),
        });
    }
    if opts.component {
        progress.stage("wrapping as a preview-2 component", false);
        module = component::componentize(&module).map_err(BuildError::Failed)?;
    }
    let output = output_path(opts);
    write_atomically(&output, &module)
        .map_err(|e| BuildError::Failed(format!("cannot write {}: {e}", output.display())))?;
    let units = analysis.as_ref().map_or(&[][..], |a| &a.units[..]);
    let compiled = units.iter().filter(|u| u.compiled()).count();
    Ok(Built {
        output,
        bytes: module.len(),
        seconds: progress.start.elapsed().as_secs_f64(),
        compiled,
        interpreted: units.len() - compiled,
        report: match (&analysis, opts.report) {
            (Some(a), true) => {
                let mut lines = aot::report(a);
                if !snap.shaken.is_empty() {
                    lines.push(format!("tree-shaking: {}", snap.shaken));
                }
                lines
            }
            _ => Vec::new(),
        },
        wasm_opt,
    })
}

/// Write through a temporary file beside `path`, then rename it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    let tmp = path.with_file_name(name);
    let res = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match res.and_then(|_| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
