use io_macros::io;

fn main() {
    let _ = io! { x := 'c' + 1u8 };
}
