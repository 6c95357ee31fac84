// Binary trees (Benchmarks Game algorithm): allocate and walk binary trees.
//
// Usage: node bench/baselines/js/binarytrees.mjs [N]   (default 10)

class Node {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }

  check() {
    if (this.left === null) return 1;
    return 1 + this.left.check() + this.right.check();
  }
}

function bottomUp(depth) {
  if (depth === 0) return new Node(null, null);
  depth -= 1;
  return new Node(bottomUp(depth), bottomUp(depth));
}

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 10;
  const minDepth = 4;
  const maxDepth = n;
  const stretch = maxDepth + 1;
  const out = [];
  out.push(`stretch tree of depth ${stretch}\t check: ${bottomUp(stretch).check()}`);

  const longLived = bottomUp(maxDepth);

  for (let depth = minDepth; depth <= maxDepth; depth += 2) {
    const iterations = 2 ** (maxDepth - depth + minDepth);
    let check = 0;
    for (let i = 0; i < iterations; i++) check += bottomUp(depth).check();
    out.push(`${iterations}\t trees of depth ${depth}\t check: ${check}`);
  }

  out.push(`long lived tree of depth ${maxDepth}\t check: ${longLived.check()}`);
  console.log(out.join("\n"));
}

main();
