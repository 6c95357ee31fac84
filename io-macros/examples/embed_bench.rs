//! Figures for io!: two numeric Io functions (one body orbiting a fixed
//! mass; the n-body step of the benchmark programs, over the five bodies'
//! numbers in one List) run as the Rust version io! compiles, run by the
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

/// The numbers of one body in the n-body List: position, velocity, mass.
const BODY: usize = 7;

/// One n-body step over `b` (BODY numbers per body), as `advance` below.
#[inline(never)]
fn advance_rust(b: &mut [f64], dt: f64) -> f64 {
    let n = b.len() / BODY;
    for i in 0..n {
        let ix = i * BODY;
        for j in i + 1..n {
            let jx = j * BODY;
            let dx = b[ix] - b[jx];
            let dy = b[ix + 1] - b[jx + 1];
            let dz = b[ix + 2] - b[jx + 2];
            let d2 = dx * dx + dy * dy + dz * dz;
            let mag = dt / (d2 * d2.sqrt());
            let mi = b[ix + 6] * mag;
            let mj = b[jx + 6] * mag;
            b[ix + 3] -= dx * mj;
            b[ix + 4] -= dy * mj;
            b[ix + 5] -= dz * mj;
            b[jx + 3] += dx * mi;
            b[jx + 4] += dy * mi;
            b[jx + 5] += dz * mi;
        }
    }
    for i in 0..n {
        let ix = i * BODY;
        b[ix] += dt * b[ix + 3];
        b[ix + 1] += dt * b[ix + 4];
        b[ix + 2] += dt * b[ix + 5];
    }
    n as f64
}

/// The Sun, Jupiter, Saturn, Uranus and Neptune (solar masses, AU, AU per
/// day scaled by 365.24), as the n-body benchmark starts them.
#[allow(clippy::excessive_precision)] // (the constants as the benchmark gives them)
fn solar_system() -> Vec<f64> {
    let pi = std::f64::consts::PI;
    let mass = 4.0 * pi * pi;
    let days = 365.24;
    let planets: [[f64; 7]; 4] = [
        [
            4.84143144246472090e+00,
            -1.16032004402742839e+00,
            -1.03622044471123109e-01,
            1.66007664274403694e-03,
            7.69901118419740425e-03,
            -6.90460016972063023e-05,
            9.54791938424326609e-04,
        ],
        [
            8.34336671824457987e+00,
            4.12479856412430479e+00,
            -4.03523417114321381e-01,
            -2.76742510726862411e-03,
            4.99852801234917238e-03,
            2.30417297573763929e-05,
            2.85885980666130812e-04,
        ],
        [
            1.28943695621391310e+01,
            -1.51111514016986312e+01,
            -2.23307578892655734e-01,
            2.96460137564761618e-03,
            2.37847173959480950e-03,
            -2.96589568540237556e-05,
            4.36624404335156298e-05,
        ],
        [
            1.53796971148509165e+01,
            -2.59193146099879641e+01,
            1.79258772950371181e-01,
            2.68067772490389322e-03,
            1.62824170038242295e-03,
            -9.51592254519715870e-05,
            5.15138902046611451e-05,
        ],
    ];
    let mut b = vec![0.0, 0.0, 0.0, 0.0, 0.0, 0.0, mass];
    for p in planets {
        b.extend_from_slice(&[
            p[0],
            p[1],
            p[2],
            p[3] * days,
            p[4] * days,
            p[5] * days,
            p[6] * mass,
        ]);
    }
    b
}

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

    // One script for both VMs: `interpreted` never runs its Rust versions.
    let rules = io! {
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
            advance := method(b, dt,
                n := b size / 7
                i := 0
                while(i < n,
                    ix := i * 7
                    j := i + 1
                    while(j < n,
                        jx := j * 7
                        dx := b at(ix) - b at(jx)
                        dy := b at(ix + 1) - b at(jx + 1)
                        dz := b at(ix + 2) - b at(jx + 2)
                        d2 := dx * dx + dy * dy + dz * dz
                        mag := dt / (d2 * d2 sqrt)
                        mi := b at(ix + 6) * mag
                        mj := b at(jx + 6) * mag
                        b atPut(ix + 3, b at(ix + 3) - dx * mj)
                        b atPut(ix + 4, b at(ix + 4) - dy * mj)
                        b atPut(ix + 5, b at(ix + 5) - dz * mj)
                        b atPut(jx + 3, b at(jx + 3) + dx * mi)
                        b atPut(jx + 4, b at(jx + 4) + dy * mi)
                        b atPut(jx + 5, b at(jx + 5) + dz * mi)
                        j = j + 1)
                    i = i + 1)
                i := 0
                while(i < n,
                    ix := i * 7
                    b atPut(ix, b at(ix) + dt * b at(ix + 3))
                    b atPut(ix + 1, b at(ix + 1) + dt * b at(ix + 4))
                    b atPut(ix + 2, b at(ix + 2) + dt * b at(ix + 5))
                    i = i + 1)
                n)
    };
    let mut compiled = Io::with_host(Box::new(MemoryHost::default()));
    compiled.eval::<()>(&rules).expect("the rules load");
    let mut interpreted = Io::with_host(Box::new(MemoryHost::default()));
    interpreted.set_compiled(false);
    interpreted.eval::<()>(&rules).expect("the rules load");

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

    // The n-body step: one call per step, from Rust, on the same List.
    let steps = 200_000;
    let dt = 0.01;
    let (rust, a) = time(5, || {
        let mut b = solar_system();
        for _ in 0..steps {
            advance_rust(std::hint::black_box(&mut b), dt);
        }
        b.iter().sum()
    });
    let run_io = |vm: &mut Io, steps: usize| -> f64 {
        let start = solar_system();
        let list = vm.to_io(&start);
        // (Kept alive by the handle while Io code runs between the steps.)
        let kept = vm.keep(list);
        for _ in 0..steps {
            vm.call_global::<f64, _>("advance", &(list, dt))
                .expect("advance runs");
        }
        let sum = vm.from_io::<Vec<f64>>(list).expect("numbers").iter().sum();
        drop(kept);
        sum
    };
    let before = compiled.specialised_calls();
    let (fast, b) = time(5, || run_io(&mut compiled, steps));
    assert_eq!(
        compiled.specialised_calls() - before,
        5 * steps as u64,
        "every step ran as Rust"
    );
    let (interp, _) = time(3, || run_io(&mut interpreted, steps / 100));
    let interp = interp * 100.0;
    assert_eq!(a, b, "the compiled version computes what Rust does");
    let per_step = |s: f64| s / steps as f64 * 1e6;
    println!("n-body step (5 bodies in one List, one call per step), {steps} steps:");
    println!(
        "  Rust by hand              {:8.3} us a step",
        per_step(rust)
    );
    println!(
        "  io! compiled to Rust      {:8.3} us a step  ({:.2}x Rust)",
        per_step(fast),
        fast / rust
    );
    println!(
        "  interpreter (estimated from {} steps) {:8.1} us a step  ({:.0}x Rust)",
        steps / 100,
        per_step(interp),
        interp / rust
    );
    figures.extend([
        ("nbodyStepRustUs", per_step(rust)),
        ("nbodyStepIoMacroUs", per_step(fast)),
        ("nbodyStepInterpreterUs", per_step(interp)),
    ]);
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
