f := method(call argCount); f(1, 2, 3) println; g := method(call message name); g println
