//! Golden tests: run Io programs and compare what they print with files
//! checked in beside them.
//!
//! # Layout
//!
//! Every `*.io` file under `<workspace>/tests/io/` (searched recursively) is
//! one test program. Its expectations live next to it, sharing its stem:
//!
//! | file          | meaning                                                        |
//! |---------------|----------------------------------------------------------------|
//! | `<stem>.io`   | the program                                                    |
//! | `<stem>.out`  | expected stdout, compared exactly (required unless `.err`)     |
//! | `<stem>.err`  | expected stderr, compared exactly (optional)                   |
//! | `<stem>.code` | expected exit code (optional; default 0, or 1 if `.err` exists) |
//! | `<stem>.args` | extra command line arguments, whitespace separated (optional)  |
//!
//! The program is run with its own directory as the working directory and
//! its file name as the first argument, followed by the words of `.args`.
//! Stdin is empty. A run that takes longer than 60 seconds is killed and
//! reported as a failure.
//!
//! # Names and modes
//!
//! Every program runs in three modes: `native`, the `io` binary of this
//! package; `wasmtime`, the module `ioc build` makes of it, run by `ioc run`
//! on the embedded engine; and `node`, the same module run by Node's WASI
//! (`tests/wasi-node.mjs`). The module is built once per program, from the
//! program's folder, into `<target>/golden-wasm/`. A program that `ioc build`
//! refuses (a syntax error) is judged in the wasm modes by what the build
//! printed and its exit code. Each (program, mode) pair is one test, named
//! `<subdir>::<stem>::<mode>`; for example `tests/io/core/arith.io` becomes
//! `core::arith::native`. Filters work as usual:
//!
//! ```text
//! cargo test --release -p io-compiler --test golden arith
//! ```
//!
//! Setting `IO_BIN` runs that binary instead of the one cargo built.
//!
//! # Known failures
//!
//! `<workspace>/tests/known-failing.txt` lists tests expected to fail, one
//! per line as `<mode> <name>` (e.g. `native core::foo`); `#` starts a
//! comment. Such a test still runs: it passes when it fails, and fails with
//! "now passes: remove from known-failing.txt" when it passes.
//!
//! # Blessing
//!
//! With `IOC_BLESS=1` a mismatch rewrites the expectation files from the
//! actual run instead of failing: `.out` always (unless the test has only an
//! `.err`), `.err` when it exists, and `.code` when it exists or the exit
//! code differs from the default. Tests listed in `known-failing.txt` and
//! runs that timed out are never blessed.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

/// How long one program may run before it is killed.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Ways of running a program. Add a variant and list it in `Mode::ALL` to
/// run every golden test in one more mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Mode {
    /// The `io` interpreter binary.
    Native,
    /// The program built by `ioc build`, run by the engine inside `ioc run`.
    Wasmtime,
    /// The same module, run by Node's WASI.
    Node,
}

impl Mode {
    const ALL: &'static [Mode] = &[Mode::Native, Mode::Wasmtime, Mode::Node];

    fn name(self) -> &'static str {
        match self {
            Mode::Native => "native",
            Mode::Wasmtime => "wasmtime",
            Mode::Node => "node",
        }
    }

    fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.iter().copied().find(|m| m.name() == name)
    }

    /// The command that runs the case's program in this mode; `module` is
    /// the module built from it (wasm modes only).
    fn command(self, case: &Case, module: &Path, args: &[String]) -> Command {
        let mut cmd = match self {
            Mode::Native => {
                let mut cmd = Command::new(io_binary());
                cmd.arg(case.file_name());
                cmd
            }
            Mode::Wasmtime => {
                let mut cmd = Command::new(ioc_binary());
                cmd.arg("run").arg(module);
                cmd
            }
            Mode::Node => {
                let mut cmd = Command::new("node");
                cmd.args(["--single-threaded-gc", "--no-warnings"])
                    .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wasi-node.mjs"))
                    .arg(module);
                cmd
            }
        };
        cmd.args(args).current_dir(&case.dir);
        cmd
    }
}

/// A built module, or what `ioc build` said when it refused the program.
enum BuildOutcome {
    Module(PathBuf),
    Refused(Actual),
}

/// Build the case's program once for all wasm modes, into a folder of the
/// target directory, with `ioc build` run from the program's folder (so
/// diagnostics name the file as `io` does).
fn build_module(case: &Case) -> Result<BuildOutcome, String> {
    let dir = target_dir().join("golden-wasm");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let out = dir.join(format!("{}.wasm", case.name.replace("::", "-")));
    let mut cmd = Command::new(ioc_binary());
    cmd.arg("build")
        .arg("-q")
        .arg(case.file_name())
        .arg("-o")
        .arg(&out)
        .current_dir(&case.dir);
    let built = run_with_timeout(cmd)?;
    if built.status.success() && out.is_file() {
        Ok(BuildOutcome::Module(out))
    } else {
        Ok(BuildOutcome::Refused(built))
    }
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => workspace_root().join("target"),
    }
}

fn ioc_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ioc"))
}

fn io_binary() -> PathBuf {
    match std::env::var_os("IO_BIN") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_io")),
    }
}

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

/// One `.io` program and the paths of its expectation files.
#[derive(Clone, Debug)]
struct Case {
    /// `core::arith` for `tests/io/core/arith.io`.
    name: String,
    dir: PathBuf,
    stem: String,
}

impl Case {
    fn sibling(&self, ext: &str) -> PathBuf {
        self.dir.join(format!("{}.{ext}", self.stem))
    }

    fn file_name(&self) -> String {
        format!("{}.io", self.stem)
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = workspace_root();
    let tests_dir = root.join("tests").join("io");
    let known_path = root.join("tests").join("known-failing.txt");

    let mut cases = Vec::new();
    if tests_dir.is_dir() {
        collect_cases(&tests_dir, &tests_dir, &mut cases);
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));

    let known = match read_known_failing(&known_path) {
        Ok(known) => known,
        Err(msg) => {
            eprintln!("error: {}: {msg}", known_path.display());
            std::process::exit(2);
        }
    };
    let all_names: HashSet<(Mode, &str)> = cases
        .iter()
        .flat_map(|c| Mode::ALL.iter().map(move |&m| (m, c.name.as_str())))
        .collect();
    for (mode, name) in &known {
        if !all_names.contains(&(*mode, name.as_str())) {
            eprintln!(
                "warning: known-failing.txt lists `{} {name}`, which is not a golden test",
                mode.name()
            );
        }
    }

    let bless = std::env::var("IOC_BLESS").is_ok_and(|v| !v.is_empty() && v != "0");
    let mut trials = Vec::new();
    for case in &cases {
        let built: Arc<OnceLock<Result<BuildOutcome, String>>> = Arc::new(OnceLock::new());
        // The modes of one case run one at a time: a program may write
        // files in its folder (cases run in parallel with each other).
        let one_at_a_time = Arc::new(Mutex::new(()));
        for &mode in Mode::ALL {
            let expect_fail = known.contains(&(mode, case.name.clone()));
            let name = format!("{}::{}", case.name, mode.name());
            let case = case.clone();
            let built = built.clone();
            let one_at_a_time = one_at_a_time.clone();
            // Expectations are written from native runs only.
            let bless = bless && mode == Mode::Native;
            let trial = Trial::test(name, move || {
                let run = || -> Result<(), String> {
                    let outcome = if mode == Mode::Native {
                        None
                    } else {
                        Some(built.get_or_init(|| build_module(&case)).as_ref()?)
                    };
                    let _alone = one_at_a_time.lock().unwrap_or_else(|e| e.into_inner());
                    check(&case, mode, outcome, bless && !expect_fail)
                };
                judge(&case, mode, run(), expect_fail)
            });
            trials.push(if expect_fail {
                trial.with_kind("known-failing")
            } else {
                trial
            });
        }
    }

    libtest_mimic::run(&args, trials).exit();
}

/// Finds every `*.io` file below `dir`, naming each by its path from `base`.
fn collect_cases(base: &Path, dir: &Path, out: &mut Vec<Case>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_cases(base, &path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("io") {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let rel_dir = path
            .parent()
            .and_then(|p| p.strip_prefix(base).ok())
            .unwrap_or(Path::new(""));
        let mut parts: Vec<String> = rel_dir
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.push(stem.to_string());
        out.push(Case {
            name: parts.join("::"),
            dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
            stem: stem.to_string(),
        });
    }
}

/// Parses `known-failing.txt`; a missing file means no known failures.
fn read_known_failing(path: &Path) -> Result<HashSet<(Mode, String)>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(e.to_string()),
    };
    let mut known = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let [mode, name] = words[..] else {
            return Err(format!(
                "line {}: expected `<mode> <test name>`, found `{line}`",
                i + 1
            ));
        };
        let Some(mode) = Mode::from_name(mode) else {
            let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
            return Err(format!(
                "line {}: unknown mode `{mode}` (modes: {})",
                i + 1,
                modes.join(", ")
            ));
        };
        known.insert((mode, name.to_string()));
    }
    Ok(known)
}

/// What the expectation files say.
struct Expected {
    stdout: Option<Vec<u8>>,
    stderr: Option<Vec<u8>>,
    code: i32,
    /// Whether `.code` exists.
    code_file: bool,
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

fn read_expected(case: &Case) -> Result<Expected, String> {
    let stdout = read_optional(&case.sibling("out"))?;
    let stderr = read_optional(&case.sibling("err"))?;
    let code_path = case.sibling("code");
    let code_text = read_optional(&code_path)?;
    let code = match &code_text {
        Some(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            text.trim().parse::<i32>().map_err(|_| {
                format!(
                    "{}: expected an integer, found `{}`",
                    code_path.display(),
                    text.trim()
                )
            })?
        }
        None => default_code(stderr.is_some()),
    };
    Ok(Expected {
        stdout,
        stderr,
        code,
        code_file: code_text.is_some(),
    })
}

fn default_code(has_err_file: bool) -> i32 {
    if has_err_file {
        1
    } else {
        0
    }
}

/// What a run produced.
#[derive(Clone)]
struct Actual {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: ExitStatus,
}

impl Actual {
    fn code(&self) -> Option<i32> {
        self.status.code()
    }
}

fn describe_status(status: &ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit code {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    format!("{status}")
}

fn read_args(case: &Case) -> Result<Vec<String>, String> {
    Ok(read_optional(&case.sibling("args"))?
        .map(|bytes| {
            String::from_utf8_lossy(&bytes)
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default())
}

/// Runs the command, killing it after `TIMEOUT`.
fn run_with_timeout(mut cmd: Command) -> Result<Actual, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let out_reader = spawn_reader(child.stdout.take());
    let err_reader = spawn_reader(child.stderr.take());

    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() >= TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                let stdout = out_reader.join().unwrap_or_default();
                return Err(format!(
                    "timed out after {} s (killed)\n{}",
                    TIMEOUT.as_secs(),
                    section("stdout so far", &stdout)
                ));
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                let _ = child.kill();
                return Err(format!("waiting for the program failed: {e}"));
            }
        }
    };
    Ok(Actual {
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        status,
    })
}

fn spawn_reader<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut buf);
        }
        buf
    })
}

/// A trial's verdict from its result and whether it is known to fail.
fn judge(
    case: &Case,
    mode: Mode,
    result: Result<(), String>,
    expect_fail: bool,
) -> Result<(), Failed> {
    match (result, expect_fail) {
        (Ok(()), false) => Ok(()),
        (Err(msg), false) => Err(msg.into()),
        (Err(_), true) => Ok(()),
        (Ok(()), true) => Err(format!(
            "now passes: remove from known-failing.txt (`{} {}`)",
            mode.name(),
            case.name
        )
        .into()),
    }
}

/// Runs one program and compares the result with its expectations.
/// In a wasm mode, a program that `ioc build` refuses is judged by what the
/// build printed and its exit code: a syntax error must be refused with the
/// diagnostic and exit code `io` gives.
fn check(case: &Case, mode: Mode, built: Option<&BuildOutcome>, bless: bool) -> Result<(), String> {
    let expected = read_expected(case)?;
    let mut problems = Vec::new();
    if expected.stdout.is_none() && expected.stderr.is_none() {
        if !bless {
            return Err(format!(
                "no expectations: create {} (or run with IOC_BLESS=1)",
                case.sibling("out").display()
            ));
        }
        problems.push("no expectation files".to_string());
    }
    let args = read_args(case)?;
    let actual = match built {
        Some(BuildOutcome::Refused(a)) => a.clone(),
        Some(BuildOutcome::Module(m)) => run_with_timeout(mode.command(case, m, &args))?,
        None => run_with_timeout(mode.command(case, Path::new(""), &args))?,
    };

    if let Some(want) = &expected.stdout {
        if *want != actual.stdout {
            problems.push(format!(
                "stdout differs (- expected, + actual):\n{}",
                diff(want, &actual.stdout)
            ));
        }
    }
    if let Some(want) = &expected.stderr {
        if *want != actual.stderr {
            problems.push(format!(
                "stderr differs (- expected, + actual):\n{}",
                diff(want, &actual.stderr)
            ));
        }
    }
    if actual.code() != Some(expected.code) {
        problems.push(format!(
            "expected exit code {}, got {}",
            expected.code,
            describe_status(&actual.status)
        ));
    }
    if problems.is_empty() {
        return Ok(());
    }
    if bless && actual.code().is_some() {
        return write_expectations(case, &expected, &actual);
    }
    let mut report = problems.join("\n");
    if expected.stderr.is_none() && !actual.stderr.is_empty() {
        report.push('\n');
        report.push_str(&section("stderr", &actual.stderr));
    }
    Err(report)
}

fn write_expectations(case: &Case, expected: &Expected, actual: &Actual) -> Result<(), String> {
    let write = |ext: &str, bytes: &[u8]| {
        let path = case.sibling(ext);
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let has_err_file = expected.stderr.is_some();
    if expected.stdout.is_some() || !has_err_file {
        write("out", &actual.stdout)?;
    }
    if has_err_file {
        write("err", &actual.stderr)?;
    }
    let code = actual.code().unwrap_or(-1);
    if expected.code_file || code != default_code(has_err_file) {
        write("code", format!("{code}\n").as_bytes())?;
    }
    Ok(())
}

/// Prints captured output under a heading, shortened if very long.
fn section(title: &str, bytes: &[u8]) -> String {
    const MAX: usize = 4000;
    let text = String::from_utf8_lossy(bytes);
    if text.is_empty() {
        return format!("--- {title}: (empty)");
    }
    let mut end = text.len().min(MAX);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let more = if end < text.len() {
        format!("\n... ({} more bytes)", text.len() - end)
    } else {
        String::new()
    };
    format!("--- {title}:\n{}{more}", &text[..end])
}

/// One line of a diff.
#[derive(Debug, PartialEq, Eq)]
enum Edit<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// A line diff of `want` against `got`: lines only in `want` are marked `-`,
/// lines only in `got` `+`, with up to two unchanged lines around each change.
fn diff(want: &[u8], got: &[u8]) -> String {
    const CONTEXT: usize = 2;
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let a: Vec<&str> = want.split_inclusive('\n').collect();
    let b: Vec<&str> = got.split_inclusive('\n').collect();
    let edits = diff_lines(&a, &b);

    // Which edits to show: every change plus its context.
    let mut show = vec![false; edits.len()];
    for (i, edit) in edits.iter().enumerate() {
        if !matches!(edit, Edit::Same(_)) {
            let lo = i.saturating_sub(CONTEXT);
            let hi = (i + CONTEXT + 1).min(edits.len());
            show[lo..hi].iter_mut().for_each(|s| *s = true);
        }
    }

    let mut out = String::new();
    let mut skipped = false;
    for (edit, shown) in edits.iter().zip(&show) {
        if !shown {
            skipped = true;
            continue;
        }
        if skipped {
            out.push_str("  ...\n");
            skipped = false;
        }
        let (mark, line) = match edit {
            Edit::Same(l) => (' ', *l),
            Edit::Removed(l) => ('-', *l),
            Edit::Added(l) => ('+', *l),
        };
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, true),
            None => (line, false),
        };
        let _ = write!(out, "{mark} {}", body.escape_debug());
        if !newline {
            out.push_str("  (no newline at end)");
        }
        out.push('\n');
    }
    if skipped {
        out.push_str("  ...\n");
    }
    out
}

/// Longest-common-subsequence line diff. Falls back to a positional
/// comparison when the inputs are too large for the quadratic table.
fn diff_lines<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Edit<'a>> {
    // Common prefix and suffix need no table.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    let mut edits: Vec<Edit<'a>> = a[..prefix].iter().map(|l| Edit::Same(l)).collect();
    if ma.len().saturating_mul(mb.len()) > 4_000_000 {
        let n = ma.len().max(mb.len());
        for i in 0..n {
            match (ma.get(i), mb.get(i)) {
                (Some(x), Some(y)) if x == y => edits.push(Edit::Same(x)),
                (x, y) => {
                    edits.extend(x.map(|l| Edit::Removed(l)));
                    edits.extend(y.map(|l| Edit::Added(l)));
                }
            }
        }
    } else {
        // lcs[i][j] = length of the LCS of ma[i..] and mb[j..].
        let (n, m) = (ma.len(), mb.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[at(i, j)] = if ma[i] == mb[j] {
                    lcs[at(i + 1, j + 1)] + 1
                } else {
                    lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                edits.push(Edit::Same(ma[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
                edits.push(Edit::Removed(ma[i]));
                i += 1;
            } else {
                edits.push(Edit::Added(mb[j]));
                j += 1;
            }
        }
    }
    edits.extend(a[a.len() - suffix..].iter().map(|l| Edit::Same(l)));
    edits
}
