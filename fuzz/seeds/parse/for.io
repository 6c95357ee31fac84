sum := 0; for(k, 1, 20, 2, sum = sum + k); sum println
