// Case, padding, escaping, quoting and encodings.
"abc" asUppercase println
" aBc12 " asUppercase println
"ABC" asLowercase println
("abc" asLowercase isIdenticalTo("abc")) println
"abc" asCapitalized println
"aBc12 " asCapitalized println
" a b c" asCapitalized println
("Abc" asCapitalized isIdenticalTo("Abc")) println
"abc" isLowercase println
"a123b " isLowercase println
"aBc" isLowercase println
"ABC" isUppercase println
"AbC" isUppercase println
"" isUppercase println
"ABC" isEqualAnyCase("abc") println
"AbC" isEqualAnyCase("AbCd") println

"abc" alignLeft(10, "+") println
"abc" alignLeft(10, "-=") println
("abc" alignLeft(6) .. "|") println
"abc" alignLeft(2) println
"abc" alignRight(10, "-") println
"abc" alignRight(10, "-=") println
"abc" alignRight(5) println
"abc" alignRight(1) println
"abc" alignCenter(10, "-") println
"abc" alignCenter(10, "-=") println
("abc" alignCenter(7) .. "|") println
b := "ab" asMutable
b alignLeftInPlace(4, ".")
b println

"a\"b\n" asSimpleString println
"tab\there" asSimpleString println
"back\\slash" asSimpleString println
"plain" asSimpleString println
"a/b \"q\"\n" asJson println

e := "\" \a \b \f \n \r \t \v \0 \\" asMutable escape
e println
e size println
u := "\\\" \\a \\b \\f \\n \\r \\t \\v \\0 \\\\" asMutable unescape
(u == "\" \a \b \f \n \r \t \v \0 \\") println
"\\x41\\x4a\\x9z" asMutable unescape println
"Abc" asMutable escape println

"abc" asHex println
"\n" asHex println
"255" toBase(16) println
"449" toBase(8) println
"10" toBase(2) println
"a" toBase(16) println
"ff" fromBase(16) println
"701" fromBase(8) println
"1010" fromBase(2) println
"zz" fromBase(36) println

"hello" asBase64 println
"hi" asBase64 fromBase64 println
"Zm9vYmFy" fromBase64 println
"a b&c/d" urlEncoded println
"a+b%26c" urlDecoded println
"a b&c" percentEncoded println
"a%20b" percentDecoded println
("abc" hash == "abc" asMutable hash) println
