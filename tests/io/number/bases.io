// Digits in other bases, padded with zeros to whole bytes
0xf asHex println
255 asHex println
0 asHex println
256 asHex println
0xffef asHex println
65535 asHex println
42 asBinary println
256 asBinary println
0 asBinary println
1 asOctal println
97 asOctal println
512 asOctal println
(2 ** 32) asHex println

// toBase gives just the digits; toBaseWholeBytes pads like the above
42 toBase(2) println
15 toBase(16) println
35 toBase(36) println
0 toBase(7) println
255 toBase(10) println
255 toBaseWholeBytes(10) println
7 toBaseWholeBytes(4) println
100 toBaseWholeBytes(36) println

// Fractions are dropped; negative values are 64-bit two's complement
42.9 toBase(2) println
(-1) asHex println
(-2) toBase(2) size println

// Bases outside 2..36 are refused
e := try(5 toBase(1))
e error println
e := try(5 toBase(37))
e error println
e := try(5 toBase("2"))
e error println
