//! Spectral norm (Benchmarks Game algorithm): the spectral norm of the
//! infinite matrix A, a(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), by the power
//! method on N x N (10 iterations of v = AtA u, u = AtA v).
//!
//! Usage: spectralnorm [N]   (default 100)

fn a(i: usize, j: usize) -> f64 {
    1.0 / ((i + j) * (i + j + 1) / 2 + i + 1) as f64
}

fn mul_av(v: &[f64], out: &mut [f64]) {
    for (i, o) in out.iter_mut().enumerate() {
        let mut s = 0.0;
        for (j, x) in v.iter().enumerate() {
            s += a(i, j) * x;
        }
        *o = s;
    }
}

fn mul_atv(v: &[f64], out: &mut [f64]) {
    for (i, o) in out.iter_mut().enumerate() {
        let mut s = 0.0;
        for (j, x) in v.iter().enumerate() {
            s += a(j, i) * x;
        }
        *o = s;
    }
}

fn mul_atav(v: &[f64], out: &mut [f64], tmp: &mut [f64]) {
    mul_av(v, tmp);
    mul_atv(tmp, out);
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(100, |s| s.parse().expect("a size"));
    let mut u = vec![1.0; n];
    let mut v = vec![0.0; n];
    let mut tmp = vec![0.0; n];
    for _ in 0..10 {
        mul_atav(&u, &mut v, &mut tmp);
        mul_atav(&v, &mut u, &mut tmp);
    }
    let mut vbv = 0.0;
    let mut vv = 0.0;
    for i in 0..n {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    println!("{:.9}", (vbv / vv).sqrt());
}
