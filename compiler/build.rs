//! Builds the runner (crate io-runner) for wasm32-wasip1, in release, so that
//! `ioc build` carries the module it pre-initialises with each program.
//!
//! The runner is built by a nested cargo into a folder of its own beside the
//! outer target folder (`<target>/wasm-runner`), shared by every profile, so
//! check, debug and release builds of `ioc` reuse one runner build.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dest = out.join("io-runner.wasm");
    let wanted = env::var_os("CARGO_FEATURE_WASM").is_some()
        && env::var("CARGO_CFG_TARGET_FAMILY").as_deref() != Ok("wasm");
    if !wanted {
        // `ioc` is not built: leave an empty file so include_bytes! has a target.
        std::fs::write(&dest, []).expect("write OUT_DIR");
        return;
    }
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("manifest dir"))
        .parent()
        .expect("workspace root")
        .to_path_buf();
    for dir in ["runtime", "runner", "std"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    println!(
        "cargo:rerun-if-changed={}",
        root.join("Cargo.lock").display()
    );
    println!("cargo:rerun-if-changed=build.rs");

    let target_dir = outer_target_dir(&out)
        .unwrap_or_else(|| out.clone())
        .join("wasm-runner");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&root)
        .args([
            "build",
            "--release",
            "--locked",
            "-p",
            "io-runner",
            "--target",
            "wasm32-wasip1",
        ])
        .arg("--target-dir")
        .arg(&target_dir)
        .env("CARGO_PROFILE_RELEASE_DEBUG", "0")
        .env("CARGO_PROFILE_RELEASE_STRIP", "debuginfo")
        // (Measured faster for the interpreter in wasm than the default.)
        .env("CARGO_PROFILE_RELEASE_LTO", "fat")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1");
    // What the outer build set for itself must not leak into this one.
    for var in [
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_BUILD_TARGET",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_RUSTFLAGS",
    ] {
        cmd.env_remove(var);
    }
    let status = cmd.status().expect("run cargo for the runner");
    if !status.success() {
        panic!(
            "building the runner for wasm32-wasip1 failed; the target may be missing: \
             run `rustup target add wasm32-wasip1`"
        );
    }
    let built = target_dir.join("wasm32-wasip1/release/io-runner.wasm");
    std::fs::copy(&built, &dest).expect("copy the runner into OUT_DIR");
}

/// The outer target folder: OUT_DIR is `<target>/<profile>/build/<crate>/out`.
fn outer_target_dir(out: &Path) -> Option<PathBuf> {
    out.ancestors().nth(4).map(Path::to_path_buf)
}
