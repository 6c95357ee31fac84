//! The macro's dependency tree holds none of io-compiler's WebAssembly
//! tooling (walrus, wasm-opt and its binaryen, wasmtime): io-macros takes
//! io-compiler without default features and with `rust` only, and every
//! such dependency of io-compiler is optional and enabled by none of what
//! `rust` enables. Checked on the manifests, which decide what
//! `cargo tree -p io-macros` shows.

use std::path::Path;

const HEAVY: &[&str] = &[
    "walrus",
    "wasm-opt",
    "binaryen",
    "wasmtime",
    "wit-component",
];

fn manifest(dir: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(dir)
        .join("Cargo.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The dependency name a manifest line declares (`name = ...`), if any.
fn declared(line: &str) -> Option<&str> {
    let (name, _) = line.split_once('=')?;
    let name = name.trim();
    (!name.is_empty() && !name.starts_with('#')).then_some(name)
}

/// The features that feature `name` of the manifest enables, itself
/// included, followed through other features.
fn enabled(manifest: &str, name: &str) -> Vec<String> {
    let features = manifest
        .split("\n[")
        .find(|s| s.starts_with("features]"))
        .expect("a [features] table");
    let list = |f: &str| -> Vec<String> {
        let Some(at) = features.find(&format!("\n{f} = [")) else {
            return Vec::new();
        };
        let rest = &features[at..];
        let body = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
        body.split(',')
            .map(|s| s.trim().trim_matches('"').to_string())
            .filter(|s| !s.is_empty() && !s.starts_with('#'))
            .collect()
    };
    let mut out = vec![name.to_string()];
    let mut i = 0;
    while i < out.len() {
        for f in list(&out[i]) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        i += 1;
    }
    out
}

#[test]
fn io_compiler_is_taken_without_its_wasm_tooling() {
    let ours = manifest(".");
    let line = ours
        .lines()
        .find(|l| declared(l) == Some("io-compiler"))
        .expect("io-macros depends on io-compiler");
    assert!(line.contains("default-features = false"), "{line}");
    assert!(line.contains(r#"features = ["rust"]"#), "{line}");

    let compiler = manifest("../compiler");
    for l in compiler.lines() {
        let Some(name) = declared(l) else { continue };
        if HEAVY.iter().any(|h| name.starts_with(h)) {
            assert!(l.contains("optional = true"), "not optional: {l}");
        }
    }
    // (The reading of the features table finds the tooling by default.)
    assert!(enabled(&compiler, "default").contains(&"dep:walrus".to_string()));
    let on = enabled(&compiler, "rust");
    for f in &on {
        let dep = f.strip_prefix("dep:").unwrap_or(f);
        assert!(
            f != "wasm" && !HEAVY.iter().any(|h| dep.starts_with(h)),
            "feature rust enables {f}"
        );
    }

    let runtime = manifest("../runtime");
    for l in runtime.lines() {
        if let Some(name) = declared(l) {
            assert!(!HEAVY.iter().any(|h| name.starts_with(h)), "{l}");
        }
    }
}
