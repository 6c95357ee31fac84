use io_macros::io;

fn main() {
    let _ = io!(r#"
        ok := 1
        bad := (1 + 2
        "#);
}
