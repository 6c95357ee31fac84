//! Compile errors for bad Io in io!, at the offending tokens
//! (`TRYBUILD=overwrite` rewrites the expected .stderr files).

#[test]
fn bad_io_is_a_compile_error() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
