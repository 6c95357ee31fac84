// Short forms of a message's text.

// asSimpleString: one line, statements joined with "; ", cut after 40 characters.
message(a b; c d) asSimpleString println
message(a b(c)) asSimpleString println
message(abcdefghij klmnopqrst uvwxyz0123 456789abcd) asSimpleString println
message(abcdefghij klmnopqrst uvwxyz0123 456789a) asSimpleString println
message(x
y) asSimpleString println

// codeOfLength(n): the first n characters then "...", newlines as ";".
message(alpha beta gamma) codeOfLength(5) println
message(alpha beta gamma) codeOfLength(100) println
message(a; b) codeOfLength(50) println

// union: an unnamed message with the receiver and the arguments of the argument.
message(a) union(message(b, c)) code println
message(a b) union(message(c)) code println
message(a) union(message) code println
