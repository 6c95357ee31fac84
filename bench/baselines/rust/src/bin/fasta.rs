//! Fasta (Benchmarks Game algorithm): a repeated ALU sequence of 2N
//! characters, then 3N and 5N characters drawn from two frequency tables with
//! a linear congruential generator (IM 139968, IA 3877, IC 29573, seed 42),
//! 60 characters a line.
//!
//! Usage: fasta [N]   (default 1000)

use std::io::{BufWriter, Write};

const LINE: usize = 60;
const IM: u64 = 139968;
const IA: u64 = 3877;
const IC: u64 = 29573;

const ALU: &[u8] = b"GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG\
GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA\
CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT\
ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA\
GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG\
AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC\
AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA";

#[rustfmt::skip]
const IUB: &[(u8, f64)] = &[
    (b'a', 0.27), (b'c', 0.12), (b'g', 0.12), (b't', 0.27),
    (b'B', 0.02), (b'D', 0.02), (b'H', 0.02), (b'K', 0.02),
    (b'M', 0.02), (b'N', 0.02), (b'R', 0.02), (b'S', 0.02),
    (b'V', 0.02), (b'W', 0.02), (b'Y', 0.02),
];

const HOMO_SAPIENS: &[(u8, f64)] = &[
    (b'a', 0.3029549426680),
    (b'c', 0.1979883004921),
    (b'g', 0.1975473066391),
    (b't', 0.3015094502008),
];

/// The generator's state (the seed).
struct Random(u64);

impl Random {
    fn next(&mut self, maximum: f64) -> f64 {
        self.0 = (self.0 * IA + IC) % IM;
        maximum * self.0 as f64 / IM as f64
    }
}

fn repeat_fasta(out: &mut impl Write, header: &str, source: &[u8], mut n: usize) {
    writeln!(out, "{header}").unwrap();
    let mut pos = 0;
    let mut line = Vec::with_capacity(LINE + 1);
    while n > 0 {
        let width = LINE.min(n);
        line.clear();
        for _ in 0..width {
            line.push(source[pos]);
            pos += 1;
            if pos == source.len() {
                pos = 0;
            }
        }
        line.push(b'\n');
        out.write_all(&line).unwrap();
        n -= width;
    }
}

fn random_fasta(
    out: &mut impl Write,
    rng: &mut Random,
    header: &str,
    table: &[(u8, f64)],
    mut n: usize,
) {
    writeln!(out, "{header}").unwrap();
    let mut cumulative = Vec::new();
    let mut p = 0.0;
    for &(_, prob) in table {
        p += prob;
        cumulative.push(p);
    }
    let last = table.len() - 1;
    let mut line = Vec::with_capacity(LINE + 1);
    while n > 0 {
        let width = LINE.min(n);
        line.clear();
        for _ in 0..width {
            let r = rng.next(1.0);
            let mut k = 0;
            while k < last && r >= cumulative[k] {
                k += 1;
            }
            line.push(table[k].0);
        }
        line.push(b'\n');
        out.write_all(&line).unwrap();
        n -= width;
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(1000, |s| s.parse().expect("a size"));
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut rng = Random(42);
    repeat_fasta(&mut out, ">ONE Homo sapiens alu", ALU, 2 * n);
    random_fasta(&mut out, &mut rng, ">TWO IUB ambiguity codes", IUB, 3 * n);
    random_fasta(
        &mut out,
        &mut rng,
        ">THREE Homo sapiens frequency",
        HOMO_SAPIENS,
        5 * n,
    );
    out.flush().unwrap();
}
