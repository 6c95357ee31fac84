use io_macros::io;

fn main() {
    let known = 1;
    let _ = io! { $known + $unknown };
}
