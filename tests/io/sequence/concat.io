// Building sequences: .., with, cloneAppendSeq, appendSeq, repeated, prependSeq.
("abc" .. "def") println
("n=" .. 42) println
("x=" .. 1.5) println
("pi is about " .. 3.14) println
("" .. nil) println
("t" .. true .. false) println
("list: " .. list(1, 2)) println
Point := Object clone do(x := 1; y := 2; asString := method("(" .. x .. ", " .. y .. ")"))
("p = " .. Point) println
r := "abc" .. "def"
r isMutable println
// `..` on a buffer gives an immutable result and leaves the buffer alone
b := "ab" asMutable
c := b .. "cd"
c println
c isMutable println
b println

"abc" with("d", "ef") println
Sequence with("x", "y", "z") println
"abc" with isMutable println
"abc" asMutable with("d") isMutable println
"abc" cloneAppendSeq("def") println
"abc" cloneAppendSeq(12) println

// appendSeq changes the buffer and answers it
b := Sequence clone
b appendSeq("a", 1, "b", nil) println
b appendSeq(Point) println
b size println
(b appendSeq("z") isIdenticalTo(b)) println

// append takes byte values
b := "" asMutable
b append(72, 105) println
b append(33) println

"ab" repeated(3) println
"ab" repeated(0) size println
"-" repeated(10) println

"world" asMutable prependSeq("hello ") println
"c" asMutable prependSeq("a", "b") println
"" asMutable prependSeq("") println

"abc" asMutable atInsertSeq(1, "XY") println
"abc" asMutable atInsertSeq(0, "<") println
"abc" asMutable atInsertSeq(3, ">") println
"abc" asMutable atInsertSeq(1, 123) println
"abc" asMutable atInsertSeq(1, nil) println

// a long string built in a loop
s := ""
for(i, 1, 10, s = s .. i)
s println
s size println
