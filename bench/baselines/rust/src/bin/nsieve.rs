//! Nsieve: count the primes below 10000 * 2^m for m = N, N-1, N-2 with the
//! sieve of Eratosthenes over a vector of booleans.
//!
//! Usage: nsieve [N]   (default 6)

fn nsieve(size: usize) -> usize {
    let mut flags = vec![true; size];
    let mut count = 0;
    for i in 2..size {
        if flags[i] {
            for k in (i + i..size).step_by(i) {
                flags[k] = false;
            }
            count += 1;
        }
    }
    count
}

fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .map_or(6, |s| s.parse().expect("a size"));
    for m in [n, n - 1, n - 2] {
        if m < 0 {
            continue;
        }
        let size = 10000 * (1usize << m);
        println!("Primes up to {size:8} {:8}", nsieve(size));
    }
}
