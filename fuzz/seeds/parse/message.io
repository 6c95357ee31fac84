m := message(a + b * c); m code println; m name println; m arguments println
