Object squareBrackets := method(call evalArgs); [1, 2, 3] println; Object curlyBrackets := method(call argCount); {a, b} println
