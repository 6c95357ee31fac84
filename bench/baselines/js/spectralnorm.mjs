// Spectral norm (Benchmarks Game algorithm): the spectral norm of the
// infinite matrix A, a(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), by the power
// method on N x N (10 iterations of v = AtA u, u = AtA v).
//
// Usage: node bench/baselines/js/spectralnorm.mjs [N]   (default 100)

function a(i, j) {
  return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
}

function mulAv(v, out) {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let s = 0.0;
    for (let j = 0; j < n; j++) s += a(i, j) * v[j];
    out[i] = s;
  }
}

function mulAtv(v, out) {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let s = 0.0;
    for (let j = 0; j < n; j++) s += a(j, i) * v[j];
    out[i] = s;
  }
}

function mulAtAv(v, out, tmp) {
  mulAv(v, tmp);
  mulAtv(tmp, out);
}

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 100;
  const u = new Array(n).fill(1.0);
  const v = new Array(n).fill(0.0);
  const tmp = new Array(n).fill(0.0);
  for (let i = 0; i < 10; i++) {
    mulAtAv(u, v, tmp);
    mulAtAv(v, u, tmp);
  }
  let vBv = 0.0;
  let vv = 0.0;
  for (let i = 0; i < n; i++) {
    vBv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  console.log(Math.sqrt(vBv / vv).toFixed(9));
}

main();
