list(1, , 2) println
