s := "ab"; 12 repeat(s = s .. s); s size println
