3 perform("+", 4) println; list(1) performWithArgList("append", list(2)) println
