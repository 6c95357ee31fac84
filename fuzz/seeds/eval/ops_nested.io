a := 1; b := 2; (a + (b * (a - (b / (a + 1))))) println; x := y := 3; x + y println
