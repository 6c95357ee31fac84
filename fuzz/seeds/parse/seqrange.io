r := 0; 1 to(5) foreach(i, r = r + i); r println
