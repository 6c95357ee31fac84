//! Cheap concurrency: a chain of 500 coroutines, each receiving a number,
//! adding 1 and passing it on to the next. N messages of value 0 are pushed
//! into the head one at a time; the values coming out of the tail are summed
//! and the sum printed (N * 500).
//!
//! The coroutines are async functions (state machines the compiler makes),
//! driven by the small scheduler loop in `main` as Python drives its
//! generators: each hop puts the value in a shared slot, resumes the
//! coroutine (a switch in), which adds 1 and suspends (a switch out).
//!
//! Usage: cheapconcurrency [N]   (default 50)

use bench_rust::Suspend;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

const LINKS: usize = 500;

/// Receive a number (in the slot) and pass it on plus one.
async fn link(slot: &Cell<u64>) {
    loop {
        Suspend(false).await;
        slot.set(slot.get() + 1);
    }
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .map_or(50, |s| s.parse().expect("a size"));
    let mut cx = Context::from_waker(Waker::noop());
    let slot = Cell::new(0);
    let mut chain: Vec<Pin<Box<dyn Future<Output = ()> + '_>>> = Vec::new();
    for _ in 0..LINKS {
        let mut coroutine: Pin<Box<dyn Future<Output = ()>>> = Box::pin(link(&slot));
        // Run it to its first suspension, where it waits for a number.
        let _ = coroutine.as_mut().poll(&mut cx);
        chain.push(coroutine);
    }
    let mut total = 0;
    for _ in 0..n {
        slot.set(0);
        for coroutine in &mut chain {
            let _ = coroutine.as_mut().poll(&mut cx);
        }
        total += slot.get();
    }
    println!("{total}");
}
