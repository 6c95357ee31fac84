// Slicing and splitting.
"abcdef" exSlice(1) println
"abcdef" exSlice(-1) println
"abcdef" exSlice(20) size println
"abcdef" exSlice(-20) println
"abcdef" exSlice(1, 2) println
"abcdef" exSlice(-2, -1) println
"abcdef" exSlice(2, 1) size println
"abcdef" exSlice(1, -1) println
"abcdef" exSlice(2, -3) println
"abcdef" exSlice(2, 2000) println
"abcdef" exclusiveSlice(0, 3) println
"abcdef" slice(1, 3) println
"abcdef" asMutable exSlice(1, 3) isMutable println
"abcdef" exSlice(1, 3) isMutable println

"abcdef" inclusiveSlice(1) println
"abcdef" inclusiveSlice(1, 2) println
"abcdef" inclusiveSlice(-2, -1) println
"abcdef" inclusiveSlice(1, -1) println
"abcdef" inclusiveSlice(3, -3) println
"abcdef" inclusiveSlice(2, -3) println
"abcdef" inSlice(0, 0) println

"a b c d" split println
"a b  c" split println
"a   b  c d" splitNoEmpties println
"a*b*c*d" split("*") println
"a*b|c,d" split("*", "|", ",") println
"a,b,," split(",") println
",a" split(",") println
"" split println
"abc" split("d") println
"This ##is## a #split# test!" splitNoEmpties("##") println
"this is a \ttest" splitNoEmpties(" ", "\t") println
"line one\nline two" split("\n") println
"a::b::c" split("::") size println
"x y" split first isMutable println

"abc" splitAt(1) println
"abc" splitAt(0) println
"abc" splitAt(3) println
"abc" splitAt(55) println

"a:b;c" orderedSplit(":", ";") println
"a;c" orderedSplit(":", ";") println
"abc" orderedSplit println

"<a><b></b></a>" slicesBetween("<", ">") println
"no tags" slicesBetween("<", ">") println

Sequence whiteSpaceStrings size println
