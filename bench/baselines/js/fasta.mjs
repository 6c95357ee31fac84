// Fasta (Benchmarks Game algorithm): a repeated ALU sequence of 2N
// characters, then 3N and 5N characters drawn from two frequency tables with
// a linear congruential generator (IM 139968, IA 3877, IC 29573, seed 42),
// 60 characters a line.
//
// Usage: node bench/baselines/js/fasta.mjs [N]   (default 1000)

import { writeSync } from "node:fs";

const LINE = 60;
const IM = 139968;
const IA = 3877;
const IC = 29573;

const ALU =
  "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" +
  "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA" +
  "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" +
  "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA" +
  "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG" +
  "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC" +
  "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA";

const IUB = [
  ["a", 0.27], ["c", 0.12], ["g", 0.12], ["t", 0.27],
  ["B", 0.02], ["D", 0.02], ["H", 0.02], ["K", 0.02],
  ["M", 0.02], ["N", 0.02], ["R", 0.02], ["S", 0.02],
  ["V", 0.02], ["W", 0.02], ["Y", 0.02],
];

const HOMO_SAPIENS = [
  ["a", 0.3029549426680],
  ["c", 0.1979883004921],
  ["g", 0.1975473066391],
  ["t", 0.3015094502008],
];

let seed = 42;

function random(max) {
  seed = (seed * IA + IC) % IM;
  return max * seed / IM;
}

// Collects lines and writes them in large chunks.
class Output {
  constructor() {
    this.lines = [];
  }

  line(text) {
    this.lines.push(text);
    if (this.lines.length >= 4096) this.flush();
  }

  flush() {
    if (this.lines.length > 0) {
      writeSync(1, this.lines.join("\n") + "\n");
      this.lines = [];
    }
  }
}

function repeatFasta(out, header, source, n) {
  out.line(header);
  const length = source.length;
  let pos = 0;
  while (n > 0) {
    const width = Math.min(LINE, n);
    let line = "";
    for (let i = 0; i < width; i++) {
      line += source[pos];
      pos += 1;
      if (pos === length) pos = 0;
    }
    out.line(line);
    n -= width;
  }
}

function randomFasta(out, header, table, n) {
  out.line(header);
  const chars = table.map(([c]) => c);
  const cumulative = [];
  let p = 0.0;
  for (const [, prob] of table) {
    p += prob;
    cumulative.push(p);
  }
  const last = table.length - 1;
  while (n > 0) {
    const width = Math.min(LINE, n);
    let line = "";
    for (let i = 0; i < width; i++) {
      const r = random(1.0);
      let k = 0;
      while (k < last && r >= cumulative[k]) k++;
      line += chars[k];
    }
    out.line(line);
    n -= width;
  }
}

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 1000;
  const out = new Output();
  repeatFasta(out, ">ONE Homo sapiens alu", ALU, 2 * n);
  randomFasta(out, ">TWO IUB ambiguity codes", IUB, 3 * n);
  randomFasta(out, ">THREE Homo sapiens frequency", HOMO_SAPIENS, 5 * n);
  out.flush();
}

main();
