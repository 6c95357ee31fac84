n := 0; loop(n = n + 1; if(n > 5, break(n))) println
