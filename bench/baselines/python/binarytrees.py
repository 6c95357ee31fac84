"""Binary trees (Benchmarks Game algorithm): allocate and walk binary trees.

Usage: python3 bench/baselines/python/binarytrees.py [N]   (default 10)
"""

import sys


class Node:
    __slots__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right

    def check(self):
        if self.left is None:
            return 1
        return 1 + self.left.check() + self.right.check()


def bottom_up(depth):
    if depth == 0:
        return Node(None, None)
    depth -= 1
    return Node(bottom_up(depth), bottom_up(depth))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    min_depth = 4
    max_depth = n
    stretch = max_depth + 1
    print("stretch tree of depth %d\t check: %d" % (stretch, bottom_up(stretch).check()))

    long_lived = bottom_up(max_depth)

    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 1 << (max_depth - depth + min_depth)
        check = 0
        for _ in range(iterations):
            check += bottom_up(depth).check()
        print("%d\t trees of depth %d\t check: %d" % (iterations, depth, check))

    print("long lived tree of depth %d\t check: %d" % (max_depth, long_lived.check()))


main()
