//! The benchmark runner: every series measured in one run.
//!
//! `cargo run -p bench --release -- [--runs N] [--quick] [--series A,B]
//! [--bench micro,nbody,...] [--no-record]` builds `io` and `ioc`, builds
//! every Io benchmark into a module and the Rust baselines
//! (bench/baselines/rust) for wasm32-wasip1, then runs the micro set
//! (bench/micro.io, one JSON line of millions of operations a second) and
//! the programs (bench/programs, wall seconds) in every series N times
//! (default 3). It prints the median of each figure with its min and max,
//! the ratios of the Io series to CPython, to upstream's WASM VM and to the
//! Rust baseline on the same engine, and appends one entry per series to
//! bench/history.json. The outputs of a program must agree across series; a
//! disagreement is reported and its figure left out. The `io-embed` series
//! (benchmark name `embed`) runs io-macros' embed_bench: an `io!` function
//! compiled to Rust against the same function in Rust and on the
//! interpreter, and calls per second from Rust into Io.

mod series;

use clap::Parser;
use serde_json::{json, Map, Value};
use series::{Bench, Build, Places, Series, PROGRAMS};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "bench",
    about = "Measure every series of the benchmarks in one run"
)]
struct Args {
    /// Runs per figure (the median is recorded, with min and max)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// One run of the micro set only, nothing recorded (CI)
    #[arg(long)]
    quick: bool,
    /// Series to run, by label (default: all)
    #[arg(long, value_delimiter = ',')]
    series: Vec<String>,
    /// Benchmarks to run: micro and program names (default: all)
    #[arg(long = "bench", value_delimiter = ',')]
    benches: Vec<String>,
    /// Print only; leave bench/history.json alone
    #[arg(long)]
    no_record: bool,
}

/// The figures of one series: metric name to the values of each run.
type Figures = BTreeMap<String, Vec<f64>>;

/// The micro metrics, in micro.io's order (millions per second).
const MICRO: &[&str] = &[
    "localAccesses",
    "localSets",
    "slotAccesses",
    "slotSets",
    "blockActivations",
    "instantiations",
    "cfuncActivations",
    "coroutineSwitches",
];

fn main() {
    let args = Args::parse();
    // (`cargo run` names the package's folder at run time: a binary built
    // in a shared target folder from another checkout must not measure
    // that checkout.)
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let root = manifest_dir
        .parent()
        .expect("bench/ lies in the workspace")
        .to_path_buf();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_absolute() { t } else { root.join(t) })
        .unwrap_or_else(|| root.join("target"));
    let places = Places { root, target };
    let runs = if args.quick { 1 } else { args.runs.max(1) };

    let series: Vec<Series> = Series::ALL
        .iter()
        .copied()
        .filter(|s| args.series.is_empty() || args.series.iter().any(|l| l == s.label()))
        .collect();
    let embed = !args.quick
        && (args.series.is_empty() || args.series.iter().any(|l| l == EMBED))
        && (args.benches.is_empty() || args.benches.iter().any(|n| n == "embed"));
    let mut benches = vec![Bench::Micro];
    if !args.quick {
        benches.extend(
            PROGRAMS
                .iter()
                .map(|&(name, size)| Bench::Program { name, size }),
        );
    }
    benches.retain(|b| args.benches.is_empty() || args.benches.iter().any(|n| n == b.name()));
    if (series.is_empty() || benches.is_empty()) && !embed {
        fail("nothing to run: check --series and --bench");
    }

    build_tools(&places);
    for &build in Build::ALL {
        if series.iter().any(|s| s.build() == Some(build)) {
            for &b in &benches {
                build_module(&places, b, build);
            }
        }
    }
    if series.iter().any(|s| s.is_rust()) {
        build_rust_baselines(&places);
    }

    let mut figures: BTreeMap<&'static str, Figures> = BTreeMap::new();
    for &b in &benches {
        // The output of each series, to check that they agree.
        let mut outputs: Vec<(Series, String)> = Vec::new();
        for &s in &series {
            if s.command(b, &places).is_none() {
                continue;
            }
            let fig = figures.entry(s.label()).or_default();
            for run in 0..runs {
                let cmd = s.command(b, &places).expect("checked above");
                eprint!(
                    "\r{:<28} {:<18} run {}/{runs}   ",
                    s.label(),
                    b.name(),
                    run + 1
                );
                match measure(cmd, b) {
                    Ok(m) => {
                        if run == 0 {
                            outputs.push((s, m.stdout.clone()));
                        }
                        for (k, v) in m.values {
                            fig.entry(k).or_default().push(v);
                        }
                    }
                    Err(e) => {
                        eprintln!("\n{} {}: {e}", s.label(), b.name());
                        break;
                    }
                }
            }
        }
        if let Bench::Program { name, .. } = b {
            check_agreement(name, &outputs, &mut figures);
        }
    }
    if embed {
        measure_embed(&places, runs, &mut figures);
    }
    eprintln!();

    report(&figures, &series, &benches, &places);
    if let Some(fig) = figures.get(EMBED) {
        report_embed(fig);
    }
    if series.iter().any(|s| s.is_wasm()) {
        report_sizes(&benches, &places);
    }
    if !args.quick && !args.no_record {
        record(&figures, &places);
    }
}

/// The series of io-macros' embed_bench.
const EMBED: &str = "io-embed";

/// Build and run embed_bench `runs` times, its figures under `EMBED`.
fn measure_embed(p: &Places, runs: usize, figures: &mut BTreeMap<&'static str, Figures>) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "io-macros",
            "--example",
            "embed_bench",
        ])
        .env("CARGO_TARGET_DIR", &p.target)
        .current_dir(&p.root)
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        eprintln!("\nbuilding embed_bench failed: no {EMBED} figures");
        return;
    }
    let exe = p.target.join("release/examples/embed_bench");
    let fig = figures.entry(EMBED).or_default();
    for run in 0..runs {
        eprint!("\r{EMBED:<28} {:<18} run {}/{runs}   ", "embed", run + 1);
        let out = match Command::new(&exe).arg("--figures").output() {
            Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
            _ => {
                eprintln!("\n{EMBED}: embed_bench failed");
                return;
            }
        };
        for line in out.lines() {
            let mut w = line.split_whitespace();
            if let (Some("figure"), Some(name), Some(v)) = (w.next(), w.next(), w.next()) {
                if let Ok(v) = v.parse::<f64>() {
                    fig.entry(name.to_string()).or_default().push(v);
                }
            }
        }
    }
}

/// The io-embed figures, with the io! version's ratio to Rust.
fn report_embed(fig: &Figures) {
    println!("\n{EMBED} (orbit in ms; n-body step in us; calls from Rust in M/s)");
    for (m, v) in fig {
        let (med, min, max) = stats(v);
        println!("  {m:<24} {med:>10.3}  ({min:.3}-{max:.3})");
    }
    let med = |m: &str| fig.get(m).map(|v| stats(v).0);
    if let (Some(io), Some(rust)) = (med("orbitIoMacroMs"), med("orbitRustMs")) {
        println!("  orbit, io! / Rust: {:.2}x", io / rust);
    }
    if let (Some(io), Some(rust)) = (med("nbodyStepIoMacroUs"), med("nbodyStepRustUs")) {
        println!("  n-body step, io! / Rust: {:.2}x", io / rust);
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("bench: {msg}");
    std::process::exit(1);
}

/// Build `io` and `ioc` in release with the cargo that runs us.
fn build_tools(p: &Places) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "io-compiler"])
        .current_dir(&p.root)
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        fail("building io and ioc failed");
    }
}

/// Build the Rust baselines (crate bench-rust) for wasm32-wasip1 in release,
/// into the target folder the Rust series read their modules from.
fn build_rust_baselines(p: &Places) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "bench-rust"])
        .args(["--target", "wasm32-wasip1"])
        .env("CARGO_TARGET_DIR", &p.target)
        .current_dir(&p.root)
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        fail("building the Rust baselines failed (is wasm32-wasip1 installed?)");
    }
}

/// Build the benchmark's Io program into a module for the wasm series, in
/// the way `build`.
fn build_module(p: &Places, b: Bench, build: Build) {
    let src = p.root.join(b.io_source());
    if !src.is_file() {
        return;
    }
    let out = p.module(b.name(), build);
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let status = Command::new(p.ioc())
        .args(["build", "-q"])
        .args(build.flags())
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .current_dir(&p.root)
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        fail(&format!("ioc build {} failed", src.display()));
    }
}

/// What one run gave: its output and its figures.
struct Measured {
    stdout: String,
    values: Vec<(String, f64)>,
}

/// Run a command once. The micro set's figures are the JSON line it
/// prints; a program's are its wall time in seconds and, where
/// /usr/bin/time exists, its peak resident memory in MB.
fn measure(cmd: Command, b: Bench) -> Result<Measured, String> {
    let rss = Path::new("/usr/bin/time").is_file();
    let mut full = if rss {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M"])
            .arg(cmd.get_program())
            .args(cmd.get_args());
        if let Some(d) = cmd.get_current_dir() {
            c.current_dir(d);
        }
        c
    } else {
        cmd
    };
    let start = Instant::now();
    let out = full
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("failed ({}): {}", out.status, err.trim()));
    }
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut values = Vec::new();
    match b {
        Bench::Micro => {
            let line = stdout
                .lines()
                .rev()
                .find(|l| l.trim_start().starts_with('{'))
                .ok_or("printed no JSON line")?;
            let data: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
            for &m in MICRO {
                if let Some(v) = data.get(m).and_then(Value::as_f64) {
                    values.push((m.to_string(), v));
                }
            }
        }
        Bench::Program { name, .. } => {
            values.push((name.to_string(), seconds));
            if rss && name == "binarytrees" {
                let err = String::from_utf8_lossy(&out.stderr);
                if let Some(kb) = err
                    .lines()
                    .last()
                    .and_then(|l| l.trim().parse::<f64>().ok())
                {
                    values.push((format!("{name}PeakRssMB"), kb / 1024.0));
                }
            }
        }
    }
    Ok(Measured { stdout, values })
}

/// A program's output must be the same in every series; where a series
/// disagrees with the native interpreter (or the first series run), its
/// time is dropped and the disagreement printed.
fn check_agreement(
    name: &str,
    outputs: &[(Series, String)],
    figures: &mut BTreeMap<&'static str, Figures>,
) {
    let Some((_, reference)) = outputs.first() else {
        return;
    };
    for (s, out) in outputs {
        if out != reference {
            eprintln!(
                "\nbench: {name}: {} prints something else than {}; its figure is left out",
                s.label(),
                outputs[0].0.label()
            );
            if let Some(f) = figures.get_mut(s.label()) {
                f.remove(name);
            }
        }
    }
}

/// (median, min, max) of some values.
fn stats(v: &[f64]) -> (f64, f64, f64) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    (median, s[0], s[n - 1])
}

/// Whether larger is better for a metric (the micro rates), or smaller (seconds, memory).
fn higher_is_better(metric: &str) -> bool {
    MICRO.contains(&metric)
}

/// How many times better `a` is than `b` on `metric`.
fn ratio(metric: &str, a: f64, b: f64) -> f64 {
    if higher_is_better(metric) {
        a / b
    } else {
        b / a
    }
}

/// The Rust series an Io series is compared with: the one on the same
/// engine (the native interpreter's is the module under wasmtime).
fn rust_peer(s: Series) -> Option<Series> {
    match s {
        Series::Native | Series::WasmWasmtime | Series::AotWasmtime => Some(Series::RustWasmtime),
        Series::WasmNode | Series::AotNode => Some(Series::RustNode),
        _ => None,
    }
}

/// Upstream's WASM VM under Node 20 on this machine kind (bench/reference.json).
fn upstream(p: &Places) -> Map<String, Value> {
    std::fs::read_to_string(p.root.join("bench/reference.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v.get("upstreamWasmNode20").cloned())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
}

fn report(
    figures: &BTreeMap<&'static str, Figures>,
    series: &[Series],
    benches: &[Bench],
    p: &Places,
) {
    let mut metrics: Vec<String> = Vec::new();
    for b in benches {
        match b {
            Bench::Micro => metrics.extend(MICRO.iter().map(|m| m.to_string())),
            Bench::Program { name, .. } => {
                metrics.push(name.to_string());
                if *name == "binarytrees" {
                    metrics.push("binarytreesPeakRssMB".into());
                }
            }
        }
    }
    let up = upstream(p);
    println!("median (min-max) per series; micro in M ops/s, programs in s, memory in MB");
    for &s in series {
        let Some(fig) = figures.get(s.label()) else {
            continue;
        };
        println!("\n{}", s.label());
        for m in &metrics {
            let Some(v) = fig.get(m) else { continue };
            let (med, lo, hi) = stats(v);
            let mut line = format!("  {m:<22} {med:>10.3}  ({lo:.3}-{hi:.3})");
            if s.is_io() || s.is_rust() {
                if let Some(py) = figures.get("python").and_then(|f| f.get(m)) {
                    line += &format!("  {:>6.2}x CPython", ratio(m, med, stats(py).0));
                }
            }
            if s == Series::AotWasmOptWasmtime {
                let plain = Series::AotWasmtime;
                if let Some(v) = figures.get(plain.label()).and_then(|f| f.get(m)) {
                    line += &format!("  {:>6.2}x {}", ratio(m, med, stats(v).0), plain.label());
                }
            }
            if s.is_aot() {
                let interp = if s == Series::AotNode {
                    Series::WasmNode
                } else {
                    Series::WasmWasmtime
                };
                if let Some(v) = figures.get(interp.label()).and_then(|f| f.get(m)) {
                    line += &format!("  {:>6.2}x {}", ratio(m, med, stats(v).0), interp.label());
                }
            }
            if s.is_io() {
                if let Some(u) = up.get(m).and_then(Value::as_f64) {
                    line += &format!("  {:>7.2}x upstream wasm", ratio(m, med, u));
                }
                if let Some(r) = rust_peer(s) {
                    if let Some(v) = figures.get(r.label()).and_then(|f| f.get(m)) {
                        line += &format!("  {:>7.4}x {}", ratio(m, med, stats(v).0), r.label());
                    }
                }
            }
            println!("{line}");
        }
    }
}

/// The raw and gzip sizes of the modules the wasm series ran.
fn report_sizes(benches: &[Bench], p: &Places) {
    println!(
        "\nmodule sizes in KB, raw / gzip -9 (-O0: interpreter only; default: loops compiled)"
    );
    for b in benches {
        let size = |build| {
            let path = p.module(b.name(), build);
            let raw = std::fs::metadata(&path).ok()?.len();
            let gz = Command::new("gzip")
                .args(["-9", "-c"])
                .arg(&path)
                .output()
                .ok()?;
            Some(format!("{:>6} / {:>5}", raw / 1024, gz.stdout.len() / 1024))
        };
        let (o0, aot) = (size(Build::Interpreter), size(Build::Aot));
        if o0.is_some() || aot.is_some() {
            let show = |v: Option<String>| v.unwrap_or_else(|| "-".into());
            println!(
                "  {:<18} -O0 {}   default {}",
                b.name(),
                show(o0),
                show(aot)
            );
        }
    }
}

/// Append one entry per series to bench/history.json.
fn record(figures: &BTreeMap<&'static str, Figures>, p: &Places) {
    let path = p.root.join("bench/history.json");
    let mut history: Vec<Value> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(&p.root)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into());
    let date = Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let machine = machine();
    for (label, fig) in figures {
        if fig.is_empty() {
            continue;
        }
        let (mut med, mut min, mut max) = (Map::new(), Map::new(), Map::new());
        for (m, v) in fig {
            let (a, b, c) = stats(v);
            let r = |x: f64| (x * 1000.0).round() / 1000.0;
            med.insert(m.clone(), json!(r(a)));
            min.insert(m.clone(), json!(r(b)));
            max.insert(m.clone(), json!(r(c)));
        }
        history.push(json!({
            "date": date, "commit": commit, "machine": machine, "series": label,
            "metrics": med, "min": min, "max": max,
            "runs": fig.values().map(Vec::len).max().unwrap_or(0),
        }));
    }
    let text = serde_json::to_string_pretty(&history).expect("JSON") + "\n";
    if let Err(e) = std::fs::write(&path, text) {
        fail(&format!("cannot write {}: {e}", path.display()));
    }
    println!("\nappended to bench/history.json (commit {commit})");
}

/// "N cores, CPU model", as the earlier entries of history.json say it.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("{cores} cores, {model}")
}
