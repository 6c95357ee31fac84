// Mandelbrot: count the points of the N x N grid over [-1.5, 0.5] x [-1, 1]
// (Cr = 2x/N - 1.5, Ci = 2y/N - 1) that stay bounded (|z|^2 <= 4) for 50
// iterations of z = z^2 + c, and the sum of the bytes of the PBM bitmap (rows
// packed most significant bit first, the last byte of a row padded with zeros).
//
// Usage: node bench/baselines/js/mandelbrot.mjs [N]   (default 200)

const ITERATIONS = 50;

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 200;
  let count = 0;
  let checksum = 0;
  for (let y = 0; y < n; y++) {
    const ci = 2.0 * y / n - 1.0;
    let byte = 0;
    let bits = 0;
    for (let x = 0; x < n; x++) {
      const cr = 2.0 * x / n - 1.5;
      let zr = 0.0;
      let zi = 0.0;
      let inside = true;
      for (let i = 0; i < ITERATIONS; i++) {
        const tr = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = tr;
        if (zr * zr + zi * zi > 4.0) {
          inside = false;
          break;
        }
      }
      if (inside) count++;
      byte = byte * 2 + (inside ? 1 : 0);
      bits++;
      if (bits === 8) {
        checksum += byte;
        byte = 0;
        bits = 0;
      }
    }
    if (bits > 0) checksum += byte * (1 << (8 - bits));
  }
  console.log(`mandelbrot ${n}: ${count} points, checksum ${checksum}`);
}

main();
