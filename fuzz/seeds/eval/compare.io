(list(1, 2) == list(1, 2)) println; ("a" < "b") println; (nil == false) println; 1 compare(2) println
