// The character predicates use the C locale on the integer part: only ASCII
// codes are classified, everything else answers false.
classes := list("isLetter", "isDigit", "isSpace", "isUppercase", "isLowercase",
    "isAlphaNumeric", "isPunctuation", "isControlCharacter", "isGraph",
    "isPrint", "isHexDigit")

codes := list(0, 9, 10, 13, 31, 32, 33, 47, 48, 57, 58, 64, 65, 70, 71, 90,
    91, 96, 97, 102, 103, 122, 123, 126, 127, 128, 200, 255, 256, 1000, -1)

classes foreach(name,
    s := name alignLeft(20)
    codes foreach(c, s = s .. if(c perform(name), "1", "."))
    s println
)

// The fraction is dropped before classifying
65.7 isLetter println
47.9 isDigit println

// Case mapping changes ASCII letters only
65 asLowercase println
97 asUppercase println
90 asLowercase println
48 asUppercase println
200 asLowercase println
65.5 asLowercase println

// asCharacter: one byte for codes up to 255, UTF-8 above
65 asCharacter println
97 asCharacter type println
0 asCharacter size println
233 asCharacter size println
255 asCharacter at(0) println
0x20ac asCharacter println
0x20ac asCharacter size println
0x1F600 asCharacter size println
(-1) asCharacter println
1.5 asCharacter println
0xD800 asCharacter println
(2 ** 40) asCharacter println

// Membership in Sequence sequenceSets (lowercase, uppercase, digits)
list(97, 122, 65, 90, 48, 57, 32, 64, 123) map(isInASequenceSet) println
