mk := method(n, block(x, x + n)); add3 := mk(3); add3 call(1) println
