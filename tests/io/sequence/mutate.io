// In-place changes on mutable sequences.
b := "hello" asMutable
b atPut(0, 74) println
b atPut(7, 33) size println
b at(5) println
b at(7) println

"abc" asMutable removeSlice(1, 1) println
"abc" asMutable removeSlice(1, 2) println
"abc" asMutable removeSlice(2, 1) println
"abcdef" asMutable removeSlice(1, 4) println
"abc" asMutable removeSlice(1, 8) println
"abc" asMutable removeSlice(-8, 1) println
"abcdef" asMutable removeSlice(-2, -1) println

b := "abc" asMutable
b removeAt(0) println
b println
"abc" asMutable removeAt(-1) println
"abc" asMutable removeAt(3) println
"abc" asMutable removeLast println

"abc" asMutable removePrefix("a") println
"abc" asMutable removePrefix("b") println
"abc" asMutable removeSuffix("bc") println
"abc" asMutable removeSuffix("abc") size println
"a-b-c" asMutable removeSeq("-") println

"abc" asMutable replaceSeq("a", "AA") println
"aabca" asMutable replaceSeq("a", "aa") println
"one two one" asMutable replaceSeq("one", "1") println
"abc" asMutable replaceSeq("", "x") println
"a.b.c" asMutable replaceFirstSeq(".", "!") println
"a.b.c" asMutable replaceFirstSeq(".", "!", 2) println
"abc" asMutable replaceMap(Map clone atPut("a", "BB") atPut("c", "CC")) println

"abc" asMutable copy("123") println
"abc" asMutable setSize(2) println
"abc" asMutable setSize(5) size println
"abc" asMutable setSize(5) at(4) println
"abc" asMutable empty size println
"abc" asMutable preallocateToSize(100) println

"abc" asMutable insertSeqEvery(".", 1) println
"abc" asMutable insertSeqEvery("..", 1) println
"abc" asMutable insertSeqEvery(".", 2) println
"abc" asMutable insertSeqEvery(".", 3) println
"abcdef" asMutable insertSeqEvery(", ", 2) println

"abc" asMutable leaveThenRemove(0, 1) size println
"abc" asMutable leaveThenRemove(1, 0) println
"abc" asMutable leaveThenRemove(1, 1) println
"abcd" asMutable leaveThenRemove(1, 2) println
"abcd" asMutable leaveThenRemove(1, 4) println
"abcde" asMutable leaveThenRemove(2, 2) println

"abc" asMutable reverseInPlace println
"" asMutable reverseInPlace size println
"hello" asMutable sort println
"Hello World" asMutable lowercase println
"Hello World" asMutable uppercase println
"hello" asMutable capitalize println
"hello" asMutable makeFirstCharacterUppercase println
"HELLO" asMutable makeFirstCharacterLowercase println

"   abc   " asMutable strip println
"   abc" asMutable lstrip println
(" abc " asMutable rstrip .. "|") println
"  \r\t\n  " asMutable strip size println
"xxabcxx" asMutable strip("x") println
"   abc" asMutable strip("a ") println
"abc   " asMutable rstrip("c ") println
"Keep the tail" asMutable lstrip(" eKp") println
"Cut the tail off" asMutable rstrip(" afilot") println

"hello world" asMutable clipBeforeSeq("wor") println
"hello world" asMutable clipAfterSeq("wor") println
"hello world" asMutable clipBeforeEndOfSeq("wor") println
"hello world" asMutable clipAfterStartOfSeq("wor") println
"hello" asMutable clipBeforeSeq("z") println

"hello" asMutable translate("el", "ip") println
"path" asMutable appendPathSeq("file") println
"path/" asMutable appendPathSeq("/file") println
"abc" asMutable zero at(1) println

// the buffer really changes, and other references see it
b := "abc" asMutable
c := b
b appendSeq("def")
c println
