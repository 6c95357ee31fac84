//! Running generated files under `io` and as built modules, comparing what
//! they print, and writing reproductions of the cases that differ.

use crate::gen;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The programs under test and how long each step may take.
#[derive(Clone, Debug)]
pub struct Tools {
    pub io: PathBuf,
    pub ioc: PathBuf,
    /// Limit for one run or one build; a run that takes longer is killed
    /// and counts as a result of its own ("timed out").
    pub timeout: Duration,
}

impl Tools {
    /// `io` and `ioc` in `dir` (a cargo target profile folder).
    pub fn in_dir(dir: &Path) -> Tools {
        let exe = std::env::consts::EXE_SUFFIX;
        Tools {
            io: dir.join(format!("io{exe}")),
            ioc: dir.join(format!("ioc{exe}")),
            timeout: Duration::from_secs(300),
        }
    }

    /// An error message when a binary is missing.
    pub fn check(&self) -> Result<(), String> {
        for p in [&self.io, &self.ioc] {
            if !p.is_file() {
                return Err(format!(
                    "{} not found; build it first (cargo build --release -p io-compiler --bins) or pass --io/--ioc",
                    p.display()
                ));
            }
        }
        Ok(())
    }
}

/// What one process did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Exit code; None when killed by a signal or by the time limit.
    pub code: Option<i32>,
    pub timed_out: bool,
}

impl Outcome {
    fn describe_end(&self) -> String {
        if self.timed_out {
            "timed out".into()
        } else {
            match self.code {
                Some(c) => format!("exit code {c}"),
                None => "killed by a signal".into(),
            }
        }
    }
}

/// Run `cmd` with empty stdin, collecting its output, killing it after `timeout`.
pub fn run_command(mut cmd: Command, timeout: Duration) -> Result<Outcome, String> {
    let shown = format!("{cmd:?}");
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let mut out = child.stdout.take().ok_or("no stdout pipe")?;
    let mut err = child.stderr.take().ok_or("no stderr pipe")?;
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) => {
                if start.elapsed() > timeout {
                    let _ = child.kill();
                    timed_out = true;
                    break child.wait().ok();
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(format!("waiting for {shown}: {e}")),
        }
    };
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    Ok(Outcome {
        stdout,
        stderr,
        code: if timed_out {
            None
        } else {
            status.and_then(|s| s.code())
        },
        timed_out,
    })
}

/// The results of one file run both ways.
pub struct Pair {
    pub native: Outcome,
    /// The build's outcome when it failed, else the module's run.
    pub module: Outcome,
    pub build_failed: bool,
}

impl Pair {
    /// Both sides ended by themselves with the same output and exit code.
    pub fn agrees(&self) -> bool {
        !self.build_failed && !self.native.timed_out && self.native == self.module
    }

    /// One side did not end normally (a failed build, a timeout, a trap or a
    /// signal), so its output may be cut short anywhere (output is buffered).
    pub fn abnormal(&self) -> bool {
        self.build_failed
            || self.native.timed_out
            || self.module.timed_out
            || self.native.code != self.module.code
    }
}

/// Run `file` (in `dir`) under `io`, and build it with `ioc build` and run
/// the module with `ioc run`; the two sides run at the same time.
pub fn run_both(tools: &Tools, dir: &Path, file: &str) -> Result<Pair, String> {
    let wasm = format!("{}.wasm", file.trim_end_matches(".io"));
    let native = {
        let mut cmd = Command::new(&tools.io);
        cmd.arg(file).current_dir(dir);
        let timeout = tools.timeout;
        std::thread::spawn(move || run_command(cmd, timeout))
    };
    let mut build = Command::new(&tools.ioc);
    build
        .args(["build", "-q", file, "-o", &wasm])
        .current_dir(dir);
    let built = run_command(build, tools.timeout)?;
    let (module, build_failed) = if built.code == Some(0) && dir.join(&wasm).is_file() {
        let mut run = Command::new(&tools.ioc);
        run.args(["run", &wasm]).current_dir(dir);
        (run_command(run, tools.timeout)?, false)
    } else {
        (built, true)
    };
    let native = native
        .join()
        .map_err(|_| "the thread running io panicked".to_string())??;
    Ok(Pair {
        native,
        module,
        build_failed,
    })
}

/// Output split at the `== case N` header lines: case number to its text.
/// Text before the first header is under `None`.
pub fn split_cases(text: &[u8]) -> BTreeMap<Option<u64>, String> {
    let text = String::from_utf8_lossy(text);
    let mut map: BTreeMap<Option<u64>, String> = BTreeMap::new();
    let mut current = None;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("== case ") {
            if let Ok(n) = rest.trim_end().parse::<u64>() {
                current = Some(n);
                map.entry(current).or_default();
                continue;
            }
        }
        map.entry(current).or_default().push_str(line);
    }
    map
}

/// Cases whose stdout or stderr differ between the two sides, in order.
pub fn differing_cases(pair: &Pair) -> Vec<u64> {
    let mut cases = std::collections::BTreeSet::new();
    for (a, b) in [
        (&pair.native.stdout, &pair.module.stdout),
        (&pair.native.stderr, &pair.module.stderr),
    ] {
        let (a, b) = (split_cases(a), split_cases(b));
        for k in a.keys().chain(b.keys()) {
            if a.get(k) != b.get(k) {
                if let Some(n) = k {
                    cases.insert(*n);
                }
            }
        }
    }
    cases.into_iter().collect()
}

/// A report of how two sides differ: the first lines that differ.
pub fn describe(pair: &Pair) -> String {
    let mut s = String::new();
    if pair.build_failed {
        let _ = writeln!(
            s,
            "ioc build failed ({}): {}",
            pair.module.describe_end(),
            first_line(&pair.module.stderr)
        );
        return s;
    }
    for (what, a, b) in [
        ("stdout", &pair.native.stdout, &pair.module.stdout),
        ("stderr", &pair.native.stderr, &pair.module.stderr),
    ] {
        if a != b {
            let a = String::from_utf8_lossy(a);
            let b = String::from_utf8_lossy(b);
            let mut la = a.lines();
            let mut lb = b.lines();
            let mut n = 1;
            loop {
                let (x, y) = (la.next(), lb.next());
                if x != y {
                    let _ = writeln!(s, "{what} line {n}:");
                    let _ = writeln!(s, "  io:     {}", x.unwrap_or("<end>"));
                    let _ = writeln!(s, "  module: {}", y.unwrap_or("<end>"));
                    break;
                }
                if x.is_none() {
                    let _ = writeln!(s, "{what}: differs in line endings");
                    break;
                }
                n += 1;
            }
        }
    }
    if pair.native.code != pair.module.code || pair.native.timed_out != pair.module.timed_out {
        let _ = writeln!(
            s,
            "end: io {}, module {}",
            pair.native.describe_end(),
            pair.module.describe_end()
        );
    }
    s
}

fn first_line(b: &[u8]) -> String {
    String::from_utf8_lossy(b)
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// One case whose two runs differ.
#[derive(Clone, Debug)]
pub struct Mismatch {
    pub seed: u64,
    /// The case (program index) found to differ.
    pub index: u64,
    /// How the runs differ.
    pub report: String,
    /// The file written for it.
    pub file: Option<PathBuf>,
    /// Whether the case alone shows the difference (else the file holds
    /// the cases from the batch's start up to it).
    pub alone: bool,
}

/// Where batches are written and reproductions go.
pub struct Session {
    pub tools: Tools,
    pub seed: u64,
    pub work: PathBuf,
    pub out: PathBuf,
    /// Keep the generated files and modules.
    pub keep: bool,
    /// Cases examined one by one per batch at most.
    pub max_per_batch: usize,
    /// Look for the differing cases (else a differing batch is written whole).
    pub reduce: bool,
}

impl Session {
    fn run_file(&self, name: &str, text: &str) -> Result<Pair, String> {
        let path = self.work.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let pair = run_both(&self.tools, &self.work, name);
        if !self.keep {
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_file(self.work.join(name.replace(".io", ".wasm")));
        }
        pair
    }

    fn range_file(&self, start: u64, end: u64) -> String {
        gen::batch(self.seed, start, end - start)
    }

    /// Check programs `start..start + count`; the mismatches found, each
    /// with its reproduction written to the output folder.
    pub fn check_batch(&self, start: u64, count: u64) -> Result<Vec<Mismatch>, String> {
        let name = format!("batch-{}-{start}.io", self.seed);
        let pair = self.run_file(&name, &gen::batch(self.seed, start, count))?;
        if pair.agrees() {
            return Ok(Vec::new());
        }
        if !self.reduce {
            let report = describe(&pair);
            let mut text = format!(
                "// difffuzz: --seed {}, cases {start} to {}: the batch differs\n",
                self.seed,
                start + count - 1
            );
            for line in report.lines() {
                let _ = writeln!(text, "// {line}");
            }
            text.push_str(&gen::batch(self.seed, start, count));
            std::fs::create_dir_all(&self.out)
                .map_err(|e| format!("cannot create {}: {e}", self.out.display()))?;
            let file = self
                .out
                .join(format!("seed-{}-batch-{start}.io", self.seed));
            std::fs::write(&file, text)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            return Ok(vec![Mismatch {
                seed: self.seed,
                index: start,
                report,
                file: Some(file),
                alone: false,
            }]);
        }
        let suspects = if pair.abnormal() {
            // The output says little: find the shortest prefix that shows it.
            vec![self.bisect(start, start + count)?]
        } else {
            differing_cases(&pair)
        };
        let mut found = Vec::new();
        for &index in suspects.iter().take(self.max_per_batch) {
            found.push(self.reproduce(start, index, &pair)?);
        }
        Ok(found)
    }

    /// The smallest `end` such that programs `start..end` do not agree
    /// (the whole range is known to disagree).
    fn bisect(&self, start: u64, end: u64) -> Result<u64, String> {
        let (mut lo, mut hi) = (start, end);
        // Invariant: start..lo agrees (or lo == start), start..hi disagrees.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let name = format!("bisect-{}-{start}-{mid}.io", self.seed);
            let pair = self.run_file(&name, &self.range_file(start, mid))?;
            if pair.agrees() {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(hi - 1)
    }

    /// The largest `first` such that programs `first..=index` do not agree
    /// (`start..=index` is known to disagree, `index..=index` to agree).
    fn bisect_first(&self, start: u64, index: u64) -> Result<u64, String> {
        let (mut lo, mut hi) = (start, index);
        // Invariant: lo..=index disagrees, hi..=index agrees.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let name = format!("bisect-{}-{mid}-{index}.io", self.seed);
            let pair = self.run_file(&name, &self.range_file(mid, index + 1))?;
            if pair.agrees() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(lo)
    }

    fn reproduce(&self, start: u64, index: u64, batch: &Pair) -> Result<Mismatch, String> {
        let name = format!("case-{}-{index}.io", self.seed);
        let alone = self.run_file(&name, &self.range_file(index, index + 1))?;
        let (text, report, ok_alone) = if !alone.agrees() {
            let report = describe(&alone);
            (gen::standalone(self.seed, index, &report), report, true)
        } else {
            let first = self.bisect_first(start, index)?;
            let name = format!("cases-{}-{first}-{index}.io", self.seed);
            let pair = self.run_file(&name, &self.range_file(first, index + 1))?;
            let report = if pair.agrees() {
                describe(batch)
            } else {
                describe(&pair)
            };
            let mut text = format!(
                "// difffuzz reproduction: --seed {}, cases {first} to {index}: case {index} differs only after the cases before it\n",
                self.seed
            );
            for line in report.lines() {
                let _ = writeln!(text, "// {line}");
            }
            text.push_str(&self.range_file(first, index + 1));
            (text, report, false)
        };
        std::fs::create_dir_all(&self.out)
            .map_err(|e| format!("cannot create {}: {e}", self.out.display()))?;
        let file = self.out.join(format!("seed-{}-case-{index}.io", self.seed));
        std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        Ok(Mismatch {
            seed: self.seed,
            index,
            report,
            file: Some(file),
            alone: ok_alone,
        })
    }
}
