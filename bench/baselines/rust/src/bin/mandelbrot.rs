//! Mandelbrot: count the points of the N x N grid over [-1.5, 0.5] x [-1, 1]
//! (Cr = 2x/N - 1.5, Ci = 2y/N - 1) that stay bounded (|z|^2 <= 4) for 50
//! iterations of z = z^2 + c, and the sum of the bytes of the PBM bitmap (rows
//! packed most significant bit first, the last byte of a row padded with zeros).
//!
//! Usage: mandelbrot [N]   (default 200)

const ITERATIONS: u32 = 50;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .map_or(200, |s| s.parse().expect("a size"));
    let mut count = 0u64;
    let mut checksum = 0u64;
    for y in 0..n {
        let ci = 2.0 * y as f64 / n as f64 - 1.0;
        let mut byte = 0u64;
        let mut bits = 0;
        for x in 0..n {
            let cr = 2.0 * x as f64 / n as f64 - 1.5;
            let mut zr = 0.0;
            let mut zi = 0.0;
            let mut inside = true;
            for _ in 0..ITERATIONS {
                let tr = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = tr;
                if zr * zr + zi * zi > 4.0 {
                    inside = false;
                    break;
                }
            }
            if inside {
                count += 1;
            }
            byte = byte * 2 + u64::from(inside);
            bits += 1;
            if bits == 8 {
                checksum += byte;
                byte = 0;
                bits = 0;
            }
        }
        if bits > 0 {
            checksum += byte << (8 - bits);
        }
    }
    println!("mandelbrot {n}: {count} points, checksum {checksum}");
}
