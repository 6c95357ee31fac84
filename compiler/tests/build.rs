//! `ioc build` as a user meets it: refusals, embedded files, components,
//! arguments and folders. Every golden program is also built and run in two
//! engines by the golden harness; these tests cover what it does not.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{ioc, run, text};

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch("build-tests", name)
}

#[test]
fn a_syntax_error_refuses_the_build_with_the_diagnostic_and_writes_nothing() {
    let dir = scratch("syntax");
    std::fs::write(dir.join("bad.io"), "x := 1\ny := (2 +\n").unwrap();
    let out = run(ioc()
        .args(["build", "bad.io", "-o", "bad.wasm"])
        .current_dir(&dir));
    assert_eq!(out.status.code(), Some(1));
    let io = run(Command::new(env!("CARGO_BIN_EXE_io"))
        .arg("bad.io")
        .current_dir(&dir));
    assert_eq!(text(&out.stderr), text(&io.stderr));
    assert!(
        text(&out.stderr).starts_with("bad.io:"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.join("bad.wasm").exists());
}

#[test]
fn a_missing_program_is_an_error_naming_it() {
    let dir = scratch("missing");
    let out = run(ioc().args(["build", "nope.io"]).current_dir(&dir));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("nope.io"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.join("nope.wasm").exists());
}

#[test]
fn files_loaded_by_literal_path_travel_inside_the_module() {
    let dir = scratch("embedded");
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::write(
        dir.join("app.io"),
        "doFile(\"lib/greet.io\")\ngreet(\"module\") println\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("lib/greet.io"),
        "doRelativeFile(\"punct.io\")\ngreet := method(who, \"hello, \" .. who .. bang)\n",
    )
    .unwrap();
    std::fs::write(dir.join("lib/punct.io"), "bang := \"!\"\n").unwrap();
    let native = run(Command::new(env!("CARGO_BIN_EXE_io"))
        .arg("app.io")
        .current_dir(&dir));
    assert_eq!(
        text(&native.stdout),
        "hello, module!\n",
        "{}",
        text(&native.stderr)
    );
    let out = run(ioc().args(["build", "-q", "app.io"]).current_dir(&dir));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "-q printed: {}", text(&out.stderr));
    // Run it where the library files do not exist.
    let elsewhere = scratch("embedded-run");
    std::fs::copy(dir.join("app.wasm"), elsewhere.join("app.wasm")).unwrap();
    let ran = run(ioc().args(["run", "app.wasm"]).current_dir(&elsewhere));
    assert_eq!(
        text(&ran.stdout),
        "hello, module!\n",
        "{}",
        text(&ran.stderr)
    );
    assert!(ran.status.success());
}

#[test]
fn a_syntax_error_in_a_loaded_file_refuses_the_build() {
    let dir = scratch("embedded-syntax");
    std::fs::write(dir.join("app.io"), "doFile(\"lib.io\")\n").unwrap();
    std::fs::write(dir.join("lib.io"), "x := [1, 2\n").unwrap();
    let out = run(ioc().args(["build", "app.io"]).current_dir(&dir));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("lib.io:1:"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.join("app.wasm").exists());
}

#[test]
fn the_summary_counts_compiled_chains_and_says_what_wasm_opt_did() {
    let dir = scratch("summary");
    std::fs::write(dir.join("app.io"), "f := method(x, x + 1)\nf(2) println\n").unwrap();
    let line = |level: &str| {
        let out = run(ioc().args(["build", "app.io", level]).current_dir(&dir));
        assert!(out.status.success(), "{}", text(&out.stderr));
        let err = text(&out.stderr);
        err.lines()
            .find(|l| l.starts_with("ioc: wrote app.wasm"))
            .unwrap_or_else(|| panic!("no summary in {err}"))
            .to_string()
    };
    let optimised = line("-O2");
    assert!(
        optimised.contains("; 2 compiled to wasm, 0 interpreted; wasm-opt took the runtime from "),
        "{optimised}"
    );
    let plain = line("-O0");
    assert!(
        plain.ends_with("; 0 compiled to wasm, 0 interpreted"),
        "{plain}"
    );
}

#[test]
fn arguments_exit_codes_and_files_pass_through_ioc_run() {
    let dir = scratch("args");
    std::fs::write(
        dir.join("app.io"),
        "System args println\nFile with(\"note.txt\") contents println\n\
         File with(\"made.txt\") open write(\"written\") close\nSystem exit(3)\n",
    )
    .unwrap();
    std::fs::write(dir.join("note.txt"), "from the host").unwrap();
    let out = run(ioc().args(["build", "-q", "app.io"]).current_dir(&dir));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ran = run(ioc().args(["run", "app.wasm", "a", "-b"]).current_dir(&dir));
    assert_eq!(
        text(&ran.stdout),
        "list(\"app.io\", \"a\", \"-b\")\nfrom the host\n",
        "{}",
        text(&ran.stderr)
    );
    assert_eq!(ran.status.code(), Some(3));
    assert_eq!(
        std::fs::read_to_string(dir.join("made.txt")).unwrap(),
        "written"
    );
}

#[test]
fn a_component_build_runs_on_the_component_engine_with_the_same_output() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/io/core");
    let dir = scratch("component");
    let module = dir.join("printing.wasm");
    let component = dir.join("printing.component.wasm");
    for (out, extra) in [(&module, None), (&component, Some("--component"))] {
        let mut cmd = ioc();
        cmd.args(["build", "-q", "printing.io", "-o"])
            .arg(out)
            .current_dir(&golden);
        if let Some(flag) = extra {
            cmd.arg(flag);
        }
        let built = run(&mut cmd);
        assert!(built.status.success(), "{}", text(&built.stderr));
    }
    let bytes = std::fs::read(&component).unwrap();
    // A component's header: the magic number, then version 0x0d and layer 1.
    assert_eq!(&bytes[..8], b"\0asm\x0d\0\x01\0");
    let expected = std::fs::read(golden.join("printing.out")).unwrap();
    for m in [&module, &component] {
        let ran = run(ioc().arg("run").arg(m).current_dir(&golden));
        assert!(ran.status.success(), "{}", text(&ran.stderr));
        assert_eq!(text(&ran.stdout), text(&expected));
    }
}

#[test]
fn a_module_exports_start_memory_and_the_entry_points_for_compiled_code() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/io/core");
    let dir = scratch("exports");
    let out = dir.join("printing.wasm");
    let built = run(ioc()
        .args(["build", "-q", "printing.io", "-o"])
        .arg(&out)
        .current_dir(&golden));
    assert!(built.status.success(), "{}", text(&built.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        if let Ok(wasmparser::Payload::ExportSection(s)) = payload {
            for e in s {
                names.push(e.unwrap().name.to_string());
            }
        }
    }
    names.sort();
    assert_eq!(
        names,
        [
            "_start",
            "io_rt_alloc",
            "io_rt_resume_at",
            "io_rt_send",
            "memory"
        ]
    );
}

#[test]
fn tree_shaking_leaves_out_what_no_code_names_and_reflection_keeps_everything() {
    let dir = scratch("shaking");
    let build = |name: &str, level: &str, src: &str| {
        std::fs::write(dir.join(format!("{name}.io")), src).unwrap();
        let out = run(ioc()
            .args(["build", &format!("{name}.io"), level, "--report", "-q"])
            .current_dir(&dir));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let size = std::fs::metadata(dir.join(format!("{name}.wasm")))
            .unwrap()
            .len();
        let ran = run(ioc()
            .args(["run", &format!("{name}.wasm")])
            .current_dir(&dir));
        (text(&out.stdout), size, ran)
    };
    // A program that names a few slots: the rest are left out, and what a
    // left-out slot held raises an Io exception naming the cause.
    let src = "\"abc\" size println\nx := \"ab\" .. \"c\"\n\
               x perform(\"asUppercase\") println\n";
    let (report, shaken, ran) = build("names", "-O2", src);
    assert!(report.contains("tree-shaking: left out"), "{report}");
    assert_eq!(text(&ran.stdout), "3\nABC\n");
    let (report, whole, _) = build("whole", "-O0", src);
    assert!(!report.contains("tree-shaking"), "{report}");
    assert!(shaken < whole, "{shaken} bytes shaken, {whole} whole");
    let (_, _, ran) = build("leftout", "-O2", "\"abc\" size println\nx := \"asUpper\"\n");
    assert_eq!(text(&ran.stdout), "3\n");
    // A slot read by a computed name keeps everything, and the report says
    // where.
    let (report, _, ran) = build(
        "computed",
        "-O2",
        "n := \"asUpper\" .. \"case\"\n\"abc\" perform(n) println\n",
    );
    assert!(
        report.contains("tree-shaking: kept everything: `perform` at computed.io:2:7"),
        "{report}"
    );
    assert_eq!(text(&ran.stdout), "ABC\n");
    // Without such reflection the parser goes too: the files the program
    // was built with still load, parsed at build time; a file that only
    // the host has when the module runs cannot be parsed.
    std::fs::write(
        dir.join("Greeter.io"),
        "Greeter := Object clone do(hi := \"hi\")\n",
    )
    .unwrap();
    let (report, _, _) = build(
        "files",
        "-O2",
        "Greeter hi println\ne := try(doFile(\"later.io\"))\ne error println\n",
    );
    assert!(report.contains(", and the parser"), "{report}");
    std::fs::write(dir.join("later.io"), "1 println\n").unwrap();
    let ran = run(ioc().args(["run", "files.wasm"]).current_dir(&dir));
    let out = text(&ran.stdout);
    assert!(
        out.starts_with("hi\ncannot run later.io: this module was built without the Io parser"),
        "{out}"
    );
}
