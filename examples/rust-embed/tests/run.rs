//! The example prints what the README shows.

#[test]
fn the_rules_engine_prices_rejects_and_reports() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rust-embed"))
        .output()
        .expect("run the example");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("$ cargo run -p rust-embed\n")
        .expect("the README shows the example")
        + "$ cargo run -p rust-embed\n".len();
    let shown = &readme[start..];
    let shown = &shown[..shown.find("```").expect("the block ends")];
    assert_eq!(text, shown);
}
