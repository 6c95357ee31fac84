P := Object clone do(x := 0; init := method(x = 1)); P clone x println
