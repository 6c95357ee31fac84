// Size, item access, mutability and conversions.
s := "hello"
s size println
"" size println
s at(0) println
s at(4) println
s at(5) println
s isEmpty println
"" isEmpty println

// literals and asString results are immutable; asMutable makes a buffer
s isMutable println
s isSymbol println
m := s asMutable
m isMutable println
(m == s) println
(m asString isMutable) println
(s asString isIdenticalTo(s)) println
(s clone isIdenticalTo(s)) println
(m clone isIdenticalTo(m)) println
m clone isMutable println
s asSymbol println
Sequence clone isMutable println
Sequence clone size println

// type
s type println
m type println

// comparison is by bytes
("abc" == "abc") println
("abc" == "abd") println
("abc" != "abd") println
("abc" < "abd") println
("ab" < "abc") println
("b" > "abc") println
("abc" <= "abc") println
("abc" >= "abd") println
("B" < "a") println
"abc" compare("abd") println
"abd" compare("abc") println
"abc" compare("abc") println
("abc" asMutable == "abc") println

// asNumber: strtod-like
"42" asNumber println
"  123  " asNumber println
"1 2" asNumber println
"12.5abc" asNumber println
"-3.25" asNumber println
".5" asNumber println
"1e3" asNumber println
"2E-2x" asNumber println
"0x1F" asNumber println
"0xff" asNumber println
"abc" asNumber isNan println
"" asNumber isNan println
"-" asNumber isNan println
("7" asNumber + 1) println

// items of text are byte values
"A" at(0) println
"\n" at(0) println
"abc" asList println
"" asList println
