loop(1, 2)
