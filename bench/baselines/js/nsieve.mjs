// Nsieve: count the primes below 10000 * 2^m for m = N, N-1, N-2 with the
// sieve of Eratosthenes over an array of booleans.
//
// Usage: node bench/baselines/js/nsieve.mjs [N]   (default 6)

function nsieve(size) {
  const flags = new Array(size).fill(true);
  let count = 0;
  for (let i = 2; i < size; i++) {
    if (flags[i]) {
      for (let k = i + i; k < size; k += i) flags[k] = false;
      count++;
    }
  }
  return count;
}

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 6;
  for (const m of [n, n - 1, n - 2]) {
    if (m < 0) continue;
    const size = 10000 * 2 ** m;
    const count = nsieve(size);
    console.log(`Primes up to ${String(size).padStart(8)} ${String(count).padStart(8)}`);
  }
}

main();
