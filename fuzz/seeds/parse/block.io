b := block(a, b, a + b); b call(3, 4) println
