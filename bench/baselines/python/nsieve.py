"""Nsieve: count the primes below 10000 * 2^m for m = N, N-1, N-2 with the
sieve of Eratosthenes over a list of booleans.

Usage: python3 bench/baselines/python/nsieve.py [N]   (default 6)
"""

import sys


def nsieve(size):
    flags = [True] * size
    count = 0
    for i in range(2, size):
        if flags[i]:
            for k in range(i + i, size, i):
                flags[k] = False
            count += 1
    return count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    for m in (n, n - 1, n - 2):
        if m < 0:
            continue
        size = 10000 * (1 << m)
        print("Primes up to %8d %8d" % (size, nsieve(size)))


main()
