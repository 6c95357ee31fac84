//! A short differential run: two batches of generated programs, with fixed
//! seeds, must print the same under `io` and as modules built by `ioc`.
//!
//! The binaries are the ones cargo built in the same target folder (the
//! folder above this test's `deps/`): `cargo test --workspace` builds them,
//! since io-compiler's own tests need them. With `cargo test -p difffuzz`
//! alone, build them first (`cargo build -p io-compiler --bins`, with
//! `--release` for a release test).

use difffuzz::runner::{Session, Tools};
use std::path::PathBuf;
use std::time::Duration;

fn tools() -> Tools {
    let exe = std::env::current_exe().expect("test executable path");
    // <target>/<profile>/deps/differential-<hash>
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target profile folder")
        .to_path_buf();
    let mut tools = Tools::in_dir(&profile_dir);
    if let Some(p) = std::env::var_os("DIFFFUZZ_IO") {
        tools.io = PathBuf::from(p);
    }
    if let Some(p) = std::env::var_os("DIFFFUZZ_IOC") {
        tools.ioc = PathBuf::from(p);
    }
    tools.timeout = Duration::from_secs(120);
    if let Err(e) = tools.check() {
        panic!("{e}\n(cargo test --workspace builds io and ioc; see the comment at the top of this file)");
    }
    tools
}

#[test]
fn io_and_modules_agree() {
    let tools = tools();
    let work = std::env::temp_dir().join(format!("difffuzz-test-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("work folder");
    let out = work.join("found");
    let mut all = Vec::new();
    for (seed, start) in [(20240601u64, 0u64), (7, 5000)] {
        let session = Session {
            tools: tools.clone(),
            seed,
            work: work.clone(),
            out: out.clone(),
            keep: false,
            max_per_batch: 3,
            // A difference fails the test at once; difffuzz itself finds the case.
            reduce: false,
        };
        match session.check_batch(start, 3) {
            Ok(found) => all.extend(found),
            Err(e) => panic!("seed {seed}: {e}"),
        }
    }
    let report: Vec<String> = all
        .iter()
        .map(|m| {
            format!(
                "seed {} case {}: {}\n{}",
                m.seed,
                m.index,
                m.file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default(),
                m.report
            )
        })
        .collect();
    if all.is_empty() {
        let _ = std::fs::remove_dir_all(&work);
    }
    assert!(
        all.is_empty(),
        "io and the modules differ:\n{}",
        report.join("\n")
    );
}
