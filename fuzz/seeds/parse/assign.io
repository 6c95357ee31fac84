x := 5; x = x + 1; x println
