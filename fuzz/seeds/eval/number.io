0x1F println; 1.5e3 println; 255 asString(16) println; 3.7 floor println; -4 abs println; (1/0) println
