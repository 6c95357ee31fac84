//! Rust baseline of bench/micro.io.
//!
//! Prints one line of JSON. Each metric is in millions of operations per
//! second: a run does 125,000 iterations of 8 operations (1,000,000 in all),
//! so the value is 1 / (seconds taken). Each metric is measured once, as in
//! micro.io. Every operation goes through `black_box`, so that the optimiser
//! must keep it; the figures are the cost of the operation plus that of
//! the `black_box` around it.
//!
//! Usage: micro

use bench_rust::Suspend;
use std::cell::Cell;
use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;
use std::task::{Context, Waker};
use std::time::Instant;

const ITERATIONS: u32 = 125_000;

struct Bench {
    x: i64,
}

impl Bench {
    /// The method called by blockActivations. Not inlined; it computes
    /// from the receiver, so that no call can be replaced by its result (a
    /// method answering a constant or its argument would be folded away).
    #[inline(never)]
    fn foo(&self) -> i64 {
        self.x + 1
    }
}

/// Runs `f` once and returns `"name": <millions of operations per second>`.
fn time_it(name: &str, f: impl FnOnce()) -> String {
    let start = Instant::now();
    f();
    let seconds = start.elapsed().as_secs_f64();
    format!("\"{name}\": {:.3}", 1.0 / seconds)
}

/// Repeats a statement eight times: the body of one iteration.
macro_rules! eight {
    ($op:expr) => {{
        $op;
        $op;
        $op;
        $op;
        $op;
        $op;
        $op;
        $op;
    }};
}

/// The partner of coroutineSwitches: suspends for as long as `running` is true.
async fn bounce(running: &Cell<bool>) {
    while running.get() {
        Suspend(false).await;
    }
}

/// Each poll of the timed loop resumes the partner (a switch in) and runs
/// it to its next suspension (a switch out), as `next(generator)` in Python.
fn coroutine_switches() -> String {
    let running = Cell::new(true);
    let mut cx = Context::from_waker(Waker::noop());
    // black_box hides which state machine this is, so each poll is a real call.
    let partner: Pin<Box<dyn Future<Output = ()> + '_>> = Box::pin(bounce(&running));
    let mut partner = black_box(partner);
    let _ = partner.as_mut().poll(&mut cx);
    let start = Instant::now();
    for _ in 0..500_000 {
        let _ = black_box(partner.as_mut().poll(&mut cx));
    }
    let seconds = start.elapsed().as_secs_f64();
    running.set(false);
    while partner.as_mut().poll(&mut cx).is_pending() {}
    format!("\"coroutineSwitches\": {:.3}", 1.0 / seconds)
}

fn main() {
    // The struct whose field slotAccesses and slotSets read and write.
    let mut bench = Bench { x: 1 };
    let b = black_box(&mut bench);
    let mut json = String::from("{\"language\": \"rust\"");
    let mut add = |entry: String| {
        json += ", ";
        json += &entry;
    };

    add(time_it("localAccesses", || {
        let x = black_box(1i64);
        for _ in 0..ITERATIONS {
            eight!(black_box(x));
        }
    }));
    add(time_it("localSets", || {
        let mut x = 0i64;
        for _ in 0..ITERATIONS {
            eight!(*black_box(&mut x) = 1);
        }
    }));
    add(time_it("slotAccesses", || {
        for _ in 0..ITERATIONS {
            eight!(black_box(black_box(&*b).x));
        }
    }));
    add(time_it("slotSets", || {
        for _ in 0..ITERATIONS {
            eight!(black_box(&mut *b).x = 1);
        }
    }));
    add(time_it("blockActivations", || {
        for _ in 0..ITERATIONS {
            eight!(black_box(black_box(&*b).foo()));
        }
    }));
    add(time_it("instantiations", || {
        for _ in 0..ITERATIONS {
            eight!(black_box(Box::new(Bench { x: 1 })));
        }
    }));
    // micro.io calls thisContext, a built-in method; here a call of f64::abs
    // through a function pointer the optimiser cannot see through.
    add(time_it("cfuncActivations", || {
        let abs = black_box(f64::abs as fn(f64) -> f64);
        let x = black_box(-1.0);
        for _ in 0..ITERATIONS {
            eight!(black_box(abs(x)));
        }
    }));
    add(coroutine_switches());
    json += "}";
    println!("{json}");
}
