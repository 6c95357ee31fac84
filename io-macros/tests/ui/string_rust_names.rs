use io_macros::io;

fn main() {
    // In the string form, names are checked too (at the literal).
    let _ = io!("$missing + 1");
    let _ = io!("$fn + 1");
}
