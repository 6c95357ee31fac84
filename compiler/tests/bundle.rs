//! `ioc bundle` as a user meets it: the files of a site, the size report,
//! refusals that leave the output folder as it was. What the site does in a
//! browser is tests/browser's (headless Chromium).

use std::path::{Path, PathBuf};

mod common;

use common::{ioc, run, text};

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch("bundle-tests", name)
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The names of a module's imports and exports, as `module.name` and `name`.
fn imports_and_exports(wasm: &[u8]) -> (Vec<String>, Vec<String>) {
    let m = walrus::Module::from_buffer(wasm).expect("a valid module");
    let imports = m
        .imports
        .iter()
        .map(|i| format!("{}.{}", i.module, i.name))
        .collect();
    let exports = m.exports.iter().map(|e| e.name.clone()).collect();
    (imports, exports)
}

#[test]
fn a_program_becomes_a_page_the_loader_and_a_module_for_the_browser() {
    let dir = scratch("site");
    std::fs::write(
        dir.join("hello page.io"),
        "\"hello from the page\" println\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/keep.txt"), "mine").unwrap();
    let out = run(ioc()
        .args(["bundle", "hello page.io", "-o", "out", "-O", "1"])
        .current_dir(&dir));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let site = dir.join("out");
    // The other files of the folder stay; nothing of the build is left over.
    assert_eq!(
        listing(&site),
        ["hello-page.wasm", "index.html", "io.js", "keep.txt"]
    );
    let page = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        page.contains(r#"<script type="module" src="io.js" data-wasm="hello-page.wasm">"#),
        "{page}"
    );
    let loader = std::fs::read(site.join("io.js")).unwrap();
    assert!(loader.len() < 10 * 1024);
    let wasm = std::fs::read(site.join("hello-page.wasm")).unwrap();
    let (imports, exports) = imports_and_exports(&wasm);
    assert!(imports.iter().any(|i| i == "io_js.op"), "{imports:?}");
    for e in [
        "memory",
        "io_browser_start",
        "io_browser_tick",
        "io_browser_eval",
        "io_js_alloc",
        "io_js_callback",
    ] {
        assert!(exports.iter().any(|x| x == e), "no export {e}: {exports:?}");
    }
    // The report: a line per file and the total, raw and gzipped.
    let report = text(&out.stdout);
    for name in ["hello-page.wasm", "io.js", "index.html", "total"] {
        let line = report
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name} in:\n{report}"));
        assert_eq!(line.matches(" (").count(), 2, "{line}");
    }
}

#[test]
fn a_repl_page_needs_no_program() {
    let dir = scratch("repl");
    let out = run(ioc()
        .args(["bundle", "--repl", "-q", "-O", "0", "-o", "site"])
        .current_dir(&dir));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "", "-q prints nothing");
    assert_eq!(
        listing(&dir.join("site")),
        ["index.html", "io.js", "repl.wasm"]
    );
    let page = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(page.contains(r#"id="io-input""#) && page.contains("ioEval"));
}

#[test]
fn a_syntax_error_refuses_with_the_diagnostic_and_makes_no_folder() {
    let dir = scratch("syntax");
    std::fs::write(dir.join("bad.io"), "x := 1\ny := (2 +\n").unwrap();
    let out = run(ioc()
        .args(["bundle", "bad.io", "-o", "new/site"])
        .current_dir(&dir));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("bad.io:"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.join("new").exists());
}

#[test]
fn a_failed_bundle_leaves_an_existing_site_as_it_was() {
    let dir = scratch("keep");
    std::fs::create_dir(dir.join("site")).unwrap();
    std::fs::write(dir.join("site/index.html"), "old page").unwrap();
    let out = run(ioc()
        .args(["bundle", "missing.io", "-o", "site"])
        .current_dir(&dir));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("missing.io"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(listing(&dir.join("site")), ["index.html"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("site/index.html")).unwrap(),
        "old page"
    );
}

#[test]
fn an_output_that_is_a_file_is_refused() {
    let dir = scratch("file");
    std::fs::write(dir.join("app.io"), "1 println\n").unwrap();
    std::fs::write(dir.join("site"), "a file").unwrap();
    let out = run(ioc()
        .args(["bundle", "app.io", "-o", "site"])
        .current_dir(&dir));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not a folder"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn without_a_program_or_repl_it_says_what_is_missing() {
    let dir = scratch("none");
    let out = run(ioc().args(["bundle"]).current_dir(&dir));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("FILE"), "{}", text(&out.stderr));
}
