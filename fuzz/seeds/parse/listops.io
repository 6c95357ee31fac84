l := list(1, 2, 3, 4); l reverse println; l first println; l at(2) println; l remove(3) println
