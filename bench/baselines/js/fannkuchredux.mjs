// Fannkuch-redux (Benchmarks Game algorithm): for every permutation of
// 1..N, count the prefix reversals ("flips") until 1 is in front; print the
// checksum (flips added for even permutations, subtracted for odd ones, in
// the order of the count-based generator) and the maximum flip count.
//
// Usage: node bench/baselines/js/fannkuchredux.mjs [N]   (default 7)

function fannkuch(n) {
  const perm1 = [];
  for (let i = 0; i < n; i++) perm1.push(i);
  const count = new Array(n).fill(0);
  let maxFlips = 0;
  let checksum = 0;
  let permIndex = 0;
  let r = n;
  while (true) {
    while (r !== 1) {
      count[r - 1] = r;
      r -= 1;
    }

    const perm = perm1.slice();
    let flips = 0;
    let k = perm[0];
    while (k !== 0) {
      for (let i = 0, j = k; i < j; i++, j--) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      flips += 1;
      k = perm[0];
    }
    if (flips > maxFlips) maxFlips = flips;
    if (permIndex % 2 === 0) checksum += flips;
    else checksum -= flips;

    // Next permutation: rotate the first r + 1 elements left until a
    // counter is not used up.
    while (true) {
      if (r === n) return [checksum, maxFlips];
      const perm0 = perm1[0];
      for (let i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = perm0;
      count[r] -= 1;
      if (count[r] > 0) break;
      r += 1;
    }
    permIndex += 1;
  }
}

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 7;
  const [checksum, maxFlips] = fannkuch(n);
  console.log(`${checksum}\nPfannkuchen(${n}) = ${maxFlips}`);
}

main();
