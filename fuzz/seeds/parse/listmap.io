list(1, 2, 3) map(x, x * 10) select(v, v > 10) println
