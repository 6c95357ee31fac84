// asString(width, precision) is C's %*.*f: precision defaults to 6, the
// width pads on the left with spaces, and signs of the arguments are ignored.
1 asString(0) println
1 asString(1) println
("[" .. 1 asString(10) .. "]") println
1.1 asString(0) println
("[" .. 1.1 asString(10) .. "]") println
2147483648 asString(0) println
137846528820 asString(0, 0) println
137846528820 asString(0, 1) println
("[" .. 137846528820 asString(20, 0) .. "]") println
("[" .. 137846528820 asString(20, 1) .. "]") println
("[" .. (-137846528820) asString(20, 1) .. "]") println
(-137846528820) asString(0, 0) println
1234.5678 asString(0, 2) println
1000 sqrt asString(0, 10) println
1 asString(-5, -2) println
("[" .. 1 asString(-5, -2) .. "]") println

// Ties in the decimal expansion round to even, as printf does
0.5 asString(0, 0) println
1.5 asString(0, 0) println
2.5 asString(0, 0) println
0.125 asString(0, 2) println
0.375 asString(0, 2) println

// Infinities keep their sign; the width still applies
("[" .. (1 / 0) asString(6, 2) .. "]") println
("[" .. (-1 / 0) asString(0, 2) .. "]") println
(-0.0) asString(0, 1) println

// Long results are fine; the zeros past a double's last digit are exact
1 asString(0, 40) println
(1 / 3) asString(0, 30) println
1 asString(70000) size println
1 asString(0, 2000) size println

// asJson and asSimpleString are the plain format
1.5 asJson println
(2 ** 64) asSimpleString println
1.1 asJson type println
