use io_macros::io;

fn main() {
    let _ = io! { a := 1, b := 2 };
}
