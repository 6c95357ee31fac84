// Rounding: round is half away from zero, roundDown is floor(x + 0.5)
list(10.49, 10.5, 10.51, -10.5, -0.5, 2.5, -2.5) map(round) println
list(10.49, 10.5, -10.5, -0.5, 2.5, -2.5) map(roundDown) println

// % keeps the sign of the receiver (C fmod)
list(5 % 3, (-5) % 3, 5 % (-3), (-5) % (-3), 5.5 % 2, (-5.5) % 2) println
(5 mod(3)) println

// Bit operations work on 64-bit integers
list(3 | 4, 3 & 4, 6 ^ 3, 2 shiftLeft(1), 2 shiftRight(1), 1 << 40, (2 ** 40) >> 38) println
list(3 bitwiseOr(4), 3 bitwiseAnd(4), 6 bitwiseXor(3), 0 bitwiseComplement, 5 bitwiseComplement) println
((-8) >> 1) println
((2 ** 62) | 1) println

// at(i): bit i of the integer part
list(5 at(0), 5 at(1), 5 at(2), 5 at(63), (-1) at(63), (2 ** 40) at(40)) println
e := try(5 at(64))
e error println
e := try(5 at(-1))
e error println

// Counting
list(0 factorial, 1 factorial, 5 factorial, 20 factorial, 170 factorial > 1e306, 171 factorial) println
1e300 factorial println
list(5 combinations(2), 5 combinations(0), 10 combinations(10), 5 permutations(2), 5 permutations(5)) println

// minMax(low, high) clamps; min, max, clip, between
list(12 minMax(1, 10), (-3) minMax(1, 10), 5 minMax(1, 10)) println
list(3 min(4), 3 max(4), 15 clip(0, 10), 10 between(9.9999, 10.0001), 5 between(6, 4)) println

// Limits of a 64-bit native build (C long is 64 bits)
list(Number integerMax, Number integerMin, Number shortMax, Number shortMin) println
list(Number unsignedIntMax, Number longMax, Number longMin) println
list(Number unsignedLongMax, Number floatMax) println
(Number floatMin > 0 and Number floatMin < 1e-37) println

// Raw bytes: the double (little-endian) and a uint32
b := 1 asBuffer
list(b size, b at(6), b at(7)) println
(1 asBuffer(2) size) println
(0 asBuffer(0) size) println
e := try(1 asBuffer(9))
e error println
u := 258 asUint32Buffer
list(u size, u at(0), u at(1), u at(2), u at(3)) println
((2 ** 32) + 1) asUint32Buffer at(0) println
((-1) asUint32Buffer at(3)) println

// Type errors name the method and the argument
e := try(1 + "a")
e error println
e := try(1 minMax(nil, 3))
e error println
