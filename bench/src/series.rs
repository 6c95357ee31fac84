//! The series: each way of running the benchmarks, and the command that runs
//! the micro set or one program in it. Adding a series (the AOT modes of
//! `ioc build`, say) is one more entry in `ALL` and its arms in `command`.

use std::path::PathBuf;
use std::process::Command;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    /// The `io` interpreter, native.
    Native,
    /// Programs built by `ioc build -O0` (the interpreter alone), run by
    /// the embedded wasmtime (`ioc run`).
    WasmWasmtime,
    /// The same modules under Node's WASI.
    WasmNode,
    /// Programs built by `ioc build` (loops compiled to wasm), run by the
    /// embedded wasmtime.
    AotWasmtime,
    /// The same modules under Node's WASI.
    AotNode,
    /// Programs built by `ioc build --wasm-opt-output` (wasm-opt run over
    /// the compiled code too), run by the embedded wasmtime: what wasm-opt
    /// would gain over the compiler's own output.
    AotWasmOptWasmtime,
    /// The baselines in Python (CPython 3.11).
    Python,
    /// The baselines in JavaScript (Node).
    Js,
    /// The baselines in Rust (bench/baselines/rust), built for
    /// wasm32-wasip1 and run by the embedded wasmtime (`ioc run`).
    RustWasmtime,
    /// The same Rust modules under Node's WASI.
    RustNode,
}

impl Series {
    pub const ALL: &'static [Series] = &[
        Series::Native,
        Series::WasmWasmtime,
        Series::WasmNode,
        Series::AotWasmtime,
        Series::AotNode,
        Series::AotWasmOptWasmtime,
        Series::Python,
        Series::Js,
        Series::RustWasmtime,
        Series::RustNode,
    ];

    /// The label recorded in history.json.
    pub fn label(self) -> &'static str {
        match self {
            Series::Native => "native-interpreter",
            Series::WasmWasmtime => "wasm-interpreter-wasmtime",
            Series::WasmNode => "wasm-interpreter-node",
            Series::AotWasmtime => "aot-wasmtime",
            Series::AotNode => "aot-node",
            Series::AotWasmOptWasmtime => "aot-wasmopt-wasmtime",
            Series::Python => "python",
            Series::Js => "js-node",
            Series::RustWasmtime => "rust-wasm-wasmtime",
            Series::RustNode => "rust-wasm-node",
        }
    }

    /// Whether the series runs Io (and so needs the programs built).
    pub fn is_io(self) -> bool {
        self == Series::Native || self.is_wasm()
    }

    /// Whether the series runs modules built by `ioc build`.
    pub fn is_wasm(self) -> bool {
        self.build().is_some()
    }

    /// Whether the series runs modules built with compiled loops.
    pub fn is_aot(self) -> bool {
        matches!(self.build(), Some(Build::Aot | Build::AotWasmOpt))
    }

    /// How the series' modules are built (None: it runs no built module).
    pub fn build(self) -> Option<Build> {
        match self {
            Series::WasmWasmtime | Series::WasmNode => Some(Build::Interpreter),
            Series::AotWasmtime | Series::AotNode => Some(Build::Aot),
            Series::AotWasmOptWasmtime => Some(Build::AotWasmOpt),
            _ => None,
        }
    }

    /// Whether the series runs under Node's WASI.
    fn on_node(self) -> bool {
        matches!(self, Series::WasmNode | Series::AotNode | Series::RustNode)
    }

    /// Whether the series runs the Rust baselines (and so needs them built).
    pub fn is_rust(self) -> bool {
        matches!(self, Series::RustWasmtime | Series::RustNode)
    }
}

/// The ways `ioc build` makes the benchmarks' modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Build {
    /// `-O0`: the interpreter alone.
    Interpreter,
    /// The default: loops compiled.
    Aot,
    /// The default, then wasm-opt over the whole module.
    AotWasmOpt,
}

impl Build {
    pub const ALL: &'static [Build] = &[Build::Interpreter, Build::Aot, Build::AotWasmOpt];

    /// `ioc build`'s options for this way.
    pub fn flags(self) -> &'static [&'static str] {
        match self {
            Build::Interpreter => &["-O0"],
            Build::Aot => &[],
            Build::AotWasmOpt => &["--wasm-opt-output"],
        }
    }

    fn folder(self) -> &'static str {
        match self {
            Build::Interpreter => "bench-wasm",
            Build::Aot => "bench-aot",
            Build::AotWasmOpt => "bench-aot-wasmopt",
        }
    }
}

/// Where things are: the repository and the built binaries.
pub struct Places {
    pub root: PathBuf,
    pub target: PathBuf,
}

impl Places {
    pub fn io(&self) -> PathBuf {
        self.target.join("release/io")
    }
    pub fn ioc(&self) -> PathBuf {
        self.target.join("release/ioc")
    }
    /// The module `ioc build` makes of the benchmark `stem` in the way `build`.
    pub fn module(&self, stem: &str, build: Build) -> PathBuf {
        self.target
            .join(build.folder())
            .join(format!("{stem}.wasm"))
    }
    /// The module cargo builds of `bench/baselines/rust/src/bin/<name>.rs`.
    pub fn rust_module(&self, name: &str) -> PathBuf {
        self.target
            .join("wasm32-wasip1/release")
            .join(format!("{name}.wasm"))
    }
    fn node_wasi(&self) -> PathBuf {
        self.root.join("compiler/tests/wasi-node.mjs")
    }
}

/// A benchmark: the micro set, or a program with its size.
#[derive(Clone, Copy, Debug)]
pub enum Bench {
    Micro,
    Program { name: &'static str, size: u32 },
}

/// The programs and the sizes upstream (or the Benchmarks Game, small) uses.
pub const PROGRAMS: &[(&str, u32)] = &[
    ("binarytrees", 10),
    ("nbody", 50000),
    ("nsieve", 6),
    ("cheapconcurrency", 50),
    ("fannkuchredux", 7),
    ("spectralnorm", 100),
    ("mandelbrot", 200),
    ("fasta", 1000),
];

impl Bench {
    pub fn name(self) -> &'static str {
        match self {
            Bench::Micro => "micro",
            Bench::Program { name, .. } => name,
        }
    }

    /// The Io source of this benchmark, relative to the repository.
    pub fn io_source(self) -> String {
        match self {
            Bench::Micro => "bench/micro.io".into(),
            Bench::Program { name, .. } => format!("bench/programs/{name}.io"),
        }
    }

    fn baseline(self, dir: &str, ext: &str) -> String {
        format!("bench/baselines/{dir}/{}.{ext}", self.name())
    }

    fn size_args(self) -> Vec<String> {
        match self {
            Bench::Micro => Vec::new(),
            Bench::Program { size, .. } => vec![size.to_string()],
        }
    }
}

impl Series {
    /// The command that runs `bench` in this series, from the repository
    /// root; None when the series has no such benchmark (a missing file).
    pub fn command(self, bench: Bench, p: &Places) -> Option<Command> {
        let exists = |rel: &str| p.root.join(rel).is_file();
        let mut cmd = match self {
            Series::Native => {
                let src = bench.io_source();
                if !exists(&src) {
                    return None;
                }
                let mut c = Command::new(p.io());
                c.arg(src);
                c
            }
            Series::WasmWasmtime
            | Series::WasmNode
            | Series::AotWasmtime
            | Series::AotNode
            | Series::AotWasmOptWasmtime
            | Series::RustWasmtime
            | Series::RustNode => {
                let module = match self.build() {
                    Some(build) => p.module(bench.name(), build),
                    None => p.rust_module(bench.name()),
                };
                if !module.is_file() {
                    return None;
                }
                if !self.on_node() {
                    let mut c = Command::new(p.ioc());
                    c.arg("run").arg(module);
                    c
                } else {
                    let mut c = Command::new("node");
                    c.args(["--single-threaded-gc", "--no-warnings"])
                        .arg(p.node_wasi())
                        .arg(module);
                    c
                }
            }
            Series::Python => {
                let src = bench.baseline("python", "py");
                if !exists(&src) {
                    return None;
                }
                let mut c = Command::new("python3");
                c.arg(src);
                c
            }
            Series::Js => {
                let src = bench.baseline("js", "mjs");
                if !exists(&src) {
                    return None;
                }
                let mut c = Command::new("node");
                c.arg(src);
                c
            }
        };
        cmd.args(bench.size_args()).current_dir(&p.root);
        Some(cmd)
    }
}
