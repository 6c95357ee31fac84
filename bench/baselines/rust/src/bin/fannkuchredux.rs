//! Fannkuch-redux (Benchmarks Game algorithm): for every permutation of
//! 1..N, count the prefix reversals ("flips") until 1 is in front; print the
//! checksum (flips added for even permutations, subtracted for odd ones, in
//! the order of the count-based generator) and the maximum flip count.
//!
//! Usage: fannkuchredux [N]   (default 7)

fn fannkuch(n: usize) -> (i64, i64) {
    let mut perm1: Vec<usize> = (0..n).collect();
    let mut count = vec![0usize; n];
    let mut max_flips = 0;
    let mut checksum = 0;
    let mut perm_index = 0u64;
    let mut r = n;
    loop {
        while r != 1 {
            count[r - 1] = r;
            r -= 1;
        }

        let mut perm = perm1.clone();
        let mut flips = 0;
        let mut k = perm[0];
        while k != 0 {
            perm[..=k].reverse();
            flips += 1;
            k = perm[0];
        }
        max_flips = max_flips.max(flips);
        if perm_index.is_multiple_of(2) {
            checksum += flips;
        } else {
            checksum -= flips;
        }

        // Next permutation: rotate the first r + 1 elements left until a
        // counter is not used up.
        loop {
            if r == n {
                return (checksum, max_flips);
            }
            perm1[..=r].rotate_left(1);
            count[r] -= 1;
            if count[r] > 0 {
                break;
            }
            r += 1;
        }
        perm_index += 1;
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(7, |s| s.parse().expect("a size"));
    let (checksum, max_flips) = fannkuch(n);
    println!("{checksum}\nPfannkuchen({n}) = {max_flips}");
}
