//! Figures for io!: a numeric Io function (one body orbiting a fixed mass,
//! an n-body step) run as the Rust version io! compiles, run by the
//! interpreter, and written by hand in Rust; and the cost of calling a
//! trivial Io method from Rust. Prints figures; asserts nothing about time.
//!
//! cargo run --release -p io-macros --example embed_bench [-- --figures]
//!
//! With `--figures` it also prints one `figure <name> <value>` line per
//! figure, which the benchmark runner (bench/) records in history.json.

use io_macros::io;
use io_runtime::embed::Io;
use io_runtime::host::MemoryHost;
use std::time::Instant;

#[inline(never)]
fn orbit_rust(steps: f64, dt: f64) -> f64 {
    let (mut x, mut y, mut vx, mut vy) = (1.0f64, 0.0f64, 0.0f64, 1.0f64);
    let mut i = 0.0;
    while i < steps {
        let r2 = x * x + y * y;
        let inv = dt / (r2 * r2.sqrt());
        vx -= x * inv;
        vy -= y * inv;
        x += dt * vx;
        y += dt * vy;
        i += 1.0;
    }
    x + y
}

const ORBIT_IO: &str = "orbit := method(steps, dt,
    x := 1; y := 0; vx := 0; vy := 1; i := 0
    while(i < steps,
        r2 := x * x + y * y
        inv := dt / (r2 * r2 sqrt)
        vx = vx - x * inv
        vy = vy - y * inv
        x = x + dt * vx
        y = y + dt * vy
        i = i + 1)
    x + y)";

/// Median seconds of `runs` runs of `f`, and its answer.
fn time(runs: usize, mut f: impl FnMut() -> f64) -> (f64, f64) {
    let mut times = Vec::new();
    let mut answer = 0.0;
    for _ in 0..runs {
        let t = Instant::now();
        answer = f();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], answer)
}

fn main() {
    let steps = 2_000_000.0;
    let dt = 0.001;

    let mut compiled = Io::with_host(Box::new(MemoryHost::default()));
    compiled
        .eval::<()>(&io! {
            orbit := method(steps, dt,
                x := 1; y := 0; vx := 0; vy := 1; i := 0
                while(i < steps,
                    r2 := x * x + y * y
                    inv := dt / (r2 * r2 sqrt)
                    vx = vx - x * inv
                    vy = vy - y * inv
                    x = x + dt * vx
                    y = y + dt * vy
                    i = i + 1)
                x + y)
            noop := method(nil)
            same := method(x, x)
        })
        .expect("the rules load");
    let mut interpreted = Io::with_host(Box::new(MemoryHost::default()));
    interpreted
        .eval_str::<()>(ORBIT_IO, "orbit.io")
        .expect("the rules load");

    let (rust, a) = time(5, || {
        orbit_rust(std::hint::black_box(steps), std::hint::black_box(dt))
    });
    let (fast, b) = time(5, || {
        compiled
            .call_global::<f64, _>("orbit", &(steps, dt))
            .expect("orbit runs")
    });
    let (interp, c) = time(3, || {
        interpreted
            .call_global::<f64, _>("orbit", &(steps / 10.0, dt))
            .expect("orbit runs")
    });
    let interp = interp * 10.0;
    assert_eq!(a, b, "the compiled version answers what Rust does");
    let _ = c;
    println!("orbit (n-body step), {steps} steps:");
    println!("  Rust by hand              {:8.3} ms", rust * 1e3);
    println!(
        "  io! compiled to Rust      {:8.3} ms  ({:.2}x Rust)",
        fast * 1e3,
        fast / rust
    );
    println!(
        "  interpreter (estimated from {} steps) {:8.1} ms  ({:.0}x Rust)",
        steps / 10.0,
        interp * 1e3,
        interp / rust
    );

    let mut figures = vec![
        ("orbitRustMs", rust * 1e3),
        ("orbitIoMacroMs", fast * 1e3),
        ("orbitInterpreterMs", interp * 1e3),
    ];
    let calls = 200_000;
    for (what, name, figure) in [
        (
            "noop := method(nil), on the interpreter",
            "noop",
            "callsInterpretedM",
        ),
        (
            "same := method(x, x), compiled to Rust",
            "same",
            "callsCompiledM",
        ),
    ] {
        let t = Instant::now();
        for i in 0..calls {
            compiled
                .call_global::<io_runtime::Value, _>(name, &(i,))
                .expect("call runs");
        }
        let per_sec = calls as f64 / t.elapsed().as_secs_f64();
        println!("calls from Rust to {what}: {:.2} million/s", per_sec / 1e6);
        figures.push((figure, per_sec / 1e6));
    }
    if std::env::args().any(|a| a == "--figures") {
        for (name, v) in figures {
            println!("figure {name} {v}");
        }
    }
}
