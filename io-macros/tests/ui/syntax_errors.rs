use io_macros::io;

fn main() {
    // Every error is reported, each at its own token.
    let _ = io! {
        a := f(1,)
        b := 2
        c := g(,3)
    };
}
