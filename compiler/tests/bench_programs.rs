//! The benchmark programs compute what they should: each program of
//! bench/programs, run at the small size of its expected output
//! (`bench/programs/expected/<name>.<size>.out`, computed by independent
//! implementations), prints exactly that, on the interpreter and built into
//! a module. Speed is measured by the bench runner, never here.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (program, size, expected output path) for every expected file.
fn cases() -> Vec<(String, String, PathBuf)> {
    let dir = root().join("bench/programs/expected");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("bench/programs/expected exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".out") else {
            continue;
        };
        let (program, size) = stem.split_once('.').expect("<name>.<size>.out");
        out.push((program.to_string(), size.to_string(), path));
    }
    out.sort();
    assert!(out.len() >= 8, "expected outputs for the eight programs");
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Run `cmd` (from the repository root) and compare its output with `expected`.
fn assert_prints(mut cmd: Command, program: &str, size: &str, expected: &Path) {
    let out = cmd.current_dir(root()).output().unwrap();
    assert!(out.status.success(), "{program}: {}", text(&out.stderr));
    let want = std::fs::read_to_string(expected).unwrap();
    assert_eq!(text(&out.stdout), want, "{program} {size}");
}

#[test]
fn every_program_prints_its_expected_output_natively() {
    for (program, size, expected) in cases() {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_io"));
        cmd.arg(format!("bench/programs/{program}.io")).arg(&size);
        assert_prints(cmd, &program, &size, &expected);
    }
}

#[test]
fn every_program_prints_its_expected_output_as_a_module() {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => root().join("target"),
    };
    let dir = target.join("bench-programs-test");
    std::fs::create_dir_all(&dir).unwrap();
    for (program, size, expected) in cases() {
        let module = dir.join(format!("{program}.wasm"));
        let built = Command::new(env!("CARGO_BIN_EXE_ioc"))
            .args(["build", "-q"])
            .arg(format!("bench/programs/{program}.io"))
            .arg("-o")
            .arg(&module)
            .current_dir(root())
            .output()
            .unwrap();
        assert!(built.status.success(), "{program}: {}", text(&built.stderr));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ioc"));
        cmd.arg("run").arg(&module).arg(&size);
        assert_prints(cmd, &program, &size, &expected);
    }
}

/// The target folder this test was built in (`<target>/<profile>/deps/<test>`).
fn own_target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// Whether the standard library for wasm32-wasip1 is installed, so that the
/// Rust baselines can be built.
fn wasip1_installed() -> bool {
    let out = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", "wasm32-wasip1"])
        .current_dir(root())
        .output();
    match out {
        Ok(o) if o.status.success() => Path::new(text(&o.stdout).trim()).is_dir(),
        _ => false,
    }
}

/// The Rust baselines (bench/baselines/rust), built for wasm32-wasip1 into
/// this test's target folder and run by `ioc run`, print the same.
#[test]
fn every_rust_baseline_prints_its_expected_output_as_a_module() {
    if !wasip1_installed() {
        eprintln!("skipped: wasm32-wasip1 is not installed (rustup target add wasm32-wasip1)");
        return;
    }
    let target = own_target_dir();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "--release", "-p", "bench-rust"])
        .args(["--target", "wasm32-wasip1"])
        .arg("--target-dir")
        .arg(&target)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", text(&built.stderr));
    for (program, size, expected) in cases() {
        let module = target.join(format!("wasm32-wasip1/release/{program}.wasm"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ioc"));
        cmd.arg("run").arg(&module).arg(&size);
        assert_prints(cmd, &program, &size, &expected);
    }
}
