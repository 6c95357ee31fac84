// Searching: findSeq, reverseFindSeq, contains*, begins/endsWith, occurrences,
// afterSeq, beforeSeq, betweenSeq, findNthSeq, findSeqs.
"abcd" findSeq("e") println
"abcd" findSeq("abcde") println
"abcabc" findSeq("a") println
"abcabc" findSeq("bc") println
"abcabc" findSeq("a", 1) println
"abcabc" findSeq("a", 3) println
"abcabc" findSeq("a", 4) println
"abc" findSeq("") println
"" findSeq("") println

"abcd" reverseFindSeq("e") println
"abcabc" reverseFindSeq("a") println
"abcabc" reverseFindSeq("abc") println
"abcabc" reverseFindSeq("bc") println
"abcabc" reverseFindSeq("a", 1) println
"abcabc" reverseFindSeq("a", 0) println
"abcabc" reverseFindSeq("a", 4) println

"abcd" containsSeq("zz") println
"abcd" containsSeq("D") println
"abcd" containsSeq("bc") println
"abcd" containsAnyCaseSeq("D") println
"ABCD" containsAnyCaseSeq("bC") println
"abc" contains(98) println
"abc" contains(100) println

"abcd" beginsWithSeq("ab") println
"abcd" beginsWithSeq("b") println
"abcd" beginsWithSeq("abcd") println
"abcd" endsWithSeq("cd") println
"abcd" endsWithSeq("c") println

"a,b,c" occurrencesOfSeq(",") println
"aaaa" occurrencesOfSeq("aa") println
"abc" occurrencesOfSeq("x") println

"ab" afterSeq("a") println
"aba" afterSeq("a") println
"a" afterSeq("a") size println
"aba" afterSeq("c") println
"key=value" afterSeq("=") println
"ab" beforeSeq("b") println
"abcbd" beforeSeq("b") println
"aba" beforeSeq("c") println
"key=value" beforeSeq("=") println

"abcd" betweenSeq("a", "d") println
"bcd" betweenSeq("a", "d") println
"abc" betweenSeq("a", "d") println
"<b>bold</b>" betweenSeq("<b>", "</b>") println
"name: Io!" betweenSeq(nil, ":") println
"name: Io!" betweenSeq(": ", nil) println

"a.b.c.d" findNthSeq(".", 1) println
"a.b.c.d" findNthSeq(".", 3) println
"a.b.c.d" findNthSeq(".", 4) println

r := "hello world" findSeqs(list("wor", "llo", "zz"))
r index println
r match println
"hello" findSeqs(list("x", "y")) println
