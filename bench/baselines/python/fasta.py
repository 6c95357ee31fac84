"""Fasta (Benchmarks Game algorithm): a repeated ALU sequence of 2N
characters, then 3N and 5N characters drawn from two frequency tables with
a linear congruential generator (IM 139968, IA 3877, IC 29573, seed 42),
60 characters a line.

Usage: python3 bench/baselines/python/fasta.py [N]   (default 1000)
"""

import sys

LINE = 60
IM = 139968
IA = 3877
IC = 29573

ALU = (
    "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG"
    "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA"
    "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT"
    "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA"
    "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG"
    "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC"
    "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"
)

IUB = [
    ("a", 0.27), ("c", 0.12), ("g", 0.12), ("t", 0.27),
    ("B", 0.02), ("D", 0.02), ("H", 0.02), ("K", 0.02),
    ("M", 0.02), ("N", 0.02), ("R", 0.02), ("S", 0.02),
    ("V", 0.02), ("W", 0.02), ("Y", 0.02),
]

HOMO_SAPIENS = [
    ("a", 0.3029549426680),
    ("c", 0.1979883004921),
    ("g", 0.1975473066391),
    ("t", 0.3015094502008),
]

seed = 42


def random(maximum):
    global seed
    seed = (seed * IA + IC) % IM
    return maximum * seed / IM


class Output:
    """Collects lines and writes them in large chunks."""

    def __init__(self):
        self.lines = []

    def line(self, text):
        self.lines.append(text)
        if len(self.lines) >= 4096:
            self.flush()

    def flush(self):
        if self.lines:
            sys.stdout.write("\n".join(self.lines) + "\n")
            self.lines = []


def repeat_fasta(out, header, source, n):
    out.line(header)
    length = len(source)
    pos = 0
    while n > 0:
        width = min(LINE, n)
        chars = []
        for _ in range(width):
            chars.append(source[pos])
            pos += 1
            if pos == length:
                pos = 0
        out.line("".join(chars))
        n -= width


def random_fasta(out, header, table, n):
    out.line(header)
    chars = [c for c, _ in table]
    cumulative = []
    p = 0.0
    for _, prob in table:
        p += prob
        cumulative.append(p)
    last = len(table) - 1
    while n > 0:
        width = min(LINE, n)
        line = []
        for _ in range(width):
            r = random(1.0)
            k = 0
            while k < last and r >= cumulative[k]:
                k += 1
            line.append(chars[k])
        out.line("".join(line))
        n -= width


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = Output()
    repeat_fasta(out, ">ONE Homo sapiens alu", ALU, 2 * n)
    random_fasta(out, ">TWO IUB ambiguity codes", IUB, 3 * n)
    random_fasta(out, ">THREE Homo sapiens frequency", HOMO_SAPIENS, 5 * n)
    out.flush()


main()
