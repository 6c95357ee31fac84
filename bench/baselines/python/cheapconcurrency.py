"""Cheap concurrency: a chain of 500 coroutines (generators), each receiving
a number, adding 1 and passing it on to the next. N messages of value 0 are
pushed into the head one at a time; the values coming out of the tail are
summed and the sum printed (N * 500).

Python generators are asymmetric coroutines: one cannot switch straight to
another, so a small scheduler loop carries each value from one coroutine
to the next (every hop is a switch into the coroutine and one back out).

Usage: python3 bench/baselines/python/cheapconcurrency.py [N]   (default 50)
"""

import sys

LINKS = 500


def link():
    # Receive a number and pass it on plus one.
    value = yield
    while True:
        value = yield value + 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    chain = []
    for _ in range(LINKS):
        coroutine = link()
        next(coroutine)
        chain.append(coroutine)
    total = 0
    for _ in range(n):
        value = 0
        for coroutine in chain:
            value = coroutine.send(value)
        total += value
    print(total)


main()
