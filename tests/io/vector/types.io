// Item types and encodings.
Sequence validItemTypes println
Sequence validEncodings println
"abc" itemType println
"abc" encoding println
"h\xc3\xa9" encoding println

// setItemType reinterprets the bytes; byteAt reads them whatever the type
s := "abcd" asMutable setItemType("uint16")
list(s size, s sizeInBytes, s itemSize, s encoding) println
list(s byteAt(0), s byteAt(1), s byteAt(3)) println
s setItemType("uint8")
s println
odd := "abc" asMutable setItemType("uint32")
list(odd size, odd sizeInBytes) println

// a float32 sequence with the number encoding is a vector
f := Sequence clone setItemType("float32") setEncoding("number")
f atPut(0, -0.5)
f atPut(2, 0.5)
f asList println
f println

// integers wrap to the item's width and truncate toward zero
i8 := Sequence clone setItemType("int8") setEncoding("number")
i8 append(127, 128, -1.7, 300)
i8 asList println
i8 println
u16 := Sequence clone setItemType("uint16") setEncoding("number")
u16 append(-1, 65536, 70000)
u16 asList println
d := Sequence clone setItemType("float64") setEncoding("number")
d append(0.1)
d at(0) println
d itemSize println
(vector(0.1) at(0) == 0.1) println

// convertToItemType keeps the values, setItemType keeps the bytes
c := vector(1, 2, 300)
c convertToItemType("uint8")
list(c itemType, c sizeInBytes, c encoding) println
c asList println
c convertToItemType("int32")
c asList println

// wide text
u := "h\xc3\xa9llo" asUCS2
list(u size, u itemType, u encoding, u at(1)) println
u println
u asUTF8 println
u asUTF8 size println
w := "h\xf0\x9f\x98\x80" asUCS4
list(w size, w itemType, w encoding) println
w asList println
"h\xf0\x9f\x98\x80" asUCS2 size println
"hello" asFixedSizeType encoding println
"h\xc3\xa9llo" asFixedSizeType encoding println
"h\xf0\x9f\x98\x80" asFixedSizeType encoding println
m := "h\xc3\xa9" asMutable
m convertToFixedSizeType
list(m size, m encoding) println
m setEncoding("utf8")
m itemType println

// errors
e := try("abc" setItemType("uint16"))
e error println
e := try("abc" asMutable setItemType("int128"))
e error println
e := try("abc" asMutable setEncoding("latin1"))
e error println
