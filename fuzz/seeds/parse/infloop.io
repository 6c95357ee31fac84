i := 0; loop(i = i + 1)
