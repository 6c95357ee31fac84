// Integral values print without a fraction
3 println
(-7) println
0 println
(0 - 0) println
1000000000000000 println
9007199254740992 println
2147483648 println
(2 ** 63) println
(-(2 ** 63)) println
123456789012345678 println
(2 ** 53 + 1) println
(10 / 2) println
(3.0) println
1e15 println

// Other values use 16 fraction digits with trailing zeros removed
0.1 println
0.5 println
1.1 println
3.14 println
(1 / 3) println
(2 / 3) println
(0.1 + 0.2) println
(0.1 + 0.7) println
123456789.123 println
1e-5 println
1e-7 println
1e-20 println
(-1.5) println
(1 / 8) println
2.5e-3 println

// Beyond 2**63 the exponent form is used
(2 ** 64) println
1e19 println
100000000000000000000 println
(2 ** 63 + 2 ** 11) println
1.5e300 println
(2 ** 100) println
(0 - 2 ** 64) println

// Infinities
(1 / 0) println
(-1 / 0) println
(1e300 * 1e300) println

// asString with explicit width and precision
3.14159 asString(0, 2) println
1234.5678 asString(0, 2) println
1 asString(0) println
1 asString(10) println
2.5 asString(8, 3) println
(1 / 3) asString(0, 4) println
0.125 asString(0, 2) println
42 asString println
42 asString type println

// Numbers in string concatenation and write use the same format
("x = " .. 1.1) println
("n = " .. 100) println
writeln(0.25, " ", 7, " ", 1e21)

// Negative zero prints as 0
(-0.0) println
(0 * -1) println

// Rounding helpers keep the integral format
3.7 floor println
3.2 ceil println
2.5 round println
(-2.5) round println
(7 % 3) println
((-7) % 3) println
(2 ** 0.5) println
