"""Python baseline of bench/micro.io.

Prints one line of JSON. Each metric is in millions of operations per
second: a run does 125,000 iterations of 8 operations (1,000,000 in all),
so the value is 1 / (seconds taken). Each metric is measured once, as in
micro.io.

Usage: python3 bench/baselines/python/micro.py
"""

import time


class Bench:
    # The method called by blockActivations.
    def foo(self):
        return 1

    def localAccesses(self):
        x = 1
        for _ in range(125000):
            x; x; x; x; x; x; x; x

    def localSets(self):
        x = 1
        for _ in range(125000):
            x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1

    # x is an attribute of the receiver (set on the instance, below).
    def slotAccesses(self):
        for _ in range(125000):
            self.x; self.x; self.x; self.x; self.x; self.x; self.x; self.x

    def slotSets(self):
        for _ in range(125000):
            self.x = 1; self.x = 1; self.x = 1; self.x = 1
            self.x = 1; self.x = 1; self.x = 1; self.x = 1

    def blockActivations(self):
        for _ in range(125000):
            self.foo(); self.foo(); self.foo(); self.foo()
            self.foo(); self.foo(); self.foo(); self.foo()

    def instantiations(self):
        for _ in range(125000):
            Bench(); Bench(); Bench(); Bench()
            Bench(); Bench(); Bench(); Bench()

    # micro.io calls thisContext, a built-in (CFunction) method; the nearest
    # everyday Python equivalent is a call of a built-in function.
    def cfuncActivations(self):
        x = -1
        for _ in range(125000):
            abs(x); abs(x); abs(x); abs(x)
            abs(x); abs(x); abs(x); abs(x)

    # A generator yields back for as long as partnerRunning is true. Each
    # next() of the timed loop is a round trip through it: two switches.
    def coroutineSwitches(self):
        self.partnerRunning = True

        def bounce():
            while self.partnerRunning:
                yield

        partner = bounce()
        next(partner)
        start = time.perf_counter()
        for _ in range(500000):
            next(partner)
        seconds = time.perf_counter() - start
        self.partnerRunning = False
        for _ in partner:
            pass
        return '"coroutineSwitches": %.3f' % (1 / seconds)

    # Runs fn once and returns `"name": <millions of operations per second>`.
    def timeIt(self, name, fn):
        start = time.perf_counter()
        fn()
        seconds = time.perf_counter() - start
        return '"%s": %.3f' % (name, 1 / seconds)


bench = Bench()
# The attribute read and written by slotAccesses and slotSets.
bench.x = 1

json = '{"language": "python"'
for name in ("localAccesses", "localSets", "slotAccesses", "slotSets",
             "blockActivations", "instantiations", "cfuncActivations"):
    json += ", " + bench.timeIt(name, getattr(bench, name))
json += ", " + bench.coroutineSwitches()
json += "}"
print(json)
