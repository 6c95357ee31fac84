//! `io --max-steps N` and `io --max-heap SIZE`: untrusted code that loops or
//! allocates forever is stopped with a report and exit code 1.

use std::process::Command;

fn io(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_io"))
        .args(args)
        .output()
        .expect("run io");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn max_steps_stops_an_endless_loop() {
    let (code, _, err) = io(&["--max-steps", "100000", "-e", "loop(nil)"]);
    assert_eq!(code, 1);
    assert!(err.contains("step limit exceeded"), "{err}");
}

#[test]
fn max_heap_stops_an_endless_allocation() {
    let (code, _, err) = io(&[
        "--max-heap",
        "32M",
        "-e",
        "l := list; loop(l append(Object clone))",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("heap limit exceeded"), "{err}");
}

#[test]
fn limits_leave_ordinary_programs_alone() {
    let (code, out, _) = io(&[
        "--max-heap",
        "64M",
        "--max-steps",
        "1000000",
        "-e",
        "s := 0; for(i, 1, 100, s = s + i); s println",
    ]);
    assert_eq!((code, out.as_str()), (0, "5050\n"));
}

#[test]
fn a_bad_size_is_a_usage_error() {
    let (code, _, err) = io(&["--max-heap", "lots", "-e", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("--max-heap"), "{err}");
}
