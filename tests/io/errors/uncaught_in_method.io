add := method(a, b, a + b)
add(1, 2) println
add(1, "two") println
