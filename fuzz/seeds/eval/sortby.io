list(list(2, "b"), list(1, "a")) sortBy(block(a, b, a at(0) < b at(0))) println
