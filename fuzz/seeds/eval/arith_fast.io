x := 0; y := 1.5
100 repeat(x = x + y * 2 - 1 / 3; y = y sqrt abs floor ceil)
(x < y) println; (x == nil) println; (3 + "a") println
Number + := method(o, 42)
(1 + 2) println
