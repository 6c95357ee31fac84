// Message code: the canonical printed form of a message tree.

// Operators are printed as ordinary messages with their argument in parens.
message(a + b * c) code println
message(1 + 2 == 3 and x) code println
message(a + b c) code println
message(2 ** 3 ** 2) code println
message(x return y) code println
message(return a + b) code println
message(-x) code println
message(3 - -2) code println
message(a ++ b) code println

// An operator given arguments gets them in a grouping message.
message(3 +(4) println) code println

// Assignments are printed as the messages they become.
message(a := b c; d) code println
message(Foo := 1) code println
message(a = 1) code println
message(a ::= 1) code println
message(x := y := 3) code println

// Literals print as they were written.
message(foo("x\n", """tri "q" """, 3.5, 0x10, 1e3, nil, true) bar) code println
message("") code println

// Grouping parens, brackets and braces.
message((a b) c) code println
message([1, 2]) code println
message({a, b}) code println
message(x[1] y) code println

// Statements: ";" then a newline, one statement per line.
message(a; b
c) code println
message(if(a, b; c, d) e) code println
message(f(a,
    b)) code println

// asString is the same text; print writes it.
message(a b(c)) asString println
message(a b(c)) print
"" println
(message(a(1)) code type) println
