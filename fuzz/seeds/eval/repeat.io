c := 0; 4 repeat(c = c + 2); c println
