// Bits and bytes, kind queries, JSON parsing, sequence sets.
"\x01" bitAt(0) println
"\x02" bitAt(0) println
"\x02" bitAt(1) println
"\x00\x01" bitAt(8) println
"a" bitAt(100) println
"abcd" byteAt(2) println
"abcd" byteAt(10) println
"\xff\x01" bitCount println
"abc" itemSize println
"abc" itemType println
"abc" encoding println
"abc" sizeInBytes println
"\x00\x00" isZero println
"a" isZero println
"abc" asUTF8 println

j := "{\"name\": \"Io\", \"tags\": [1, 2.5, true, null], \"nested\": {\"k\": \"v\\n\"}}" parseJson
j type println
j at("name") println
j at("tags") println
j at("nested") at("k") asSimpleString println
"[1, \"two\"]" parseJson println
"\"\\u00e9\"" parseJson size println
e := try("{\"a\": }" parseJson)
e error println
e := try("  " parseJson)
e error println

Sequence sequenceSets at("uppercaseSequence") size println
Sequence validItemTypes first println
