(2 ** 10) println; 7 % 3 println; 10 sqrt println
