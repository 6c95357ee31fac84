// Code parsed before an operator is added sees a plain message.
Number +++ := method(n, self * 100 + n)

// Without an entry in the table, +++ is an ordinary message: its
// argument is whatever is in its own parentheses.
(1 +++(2)) println

OperatorTable addOperator("+++", 3)
(OperatorTable operators at("+++")) println

// Code compiled afterwards shuffles +++ like +.
doString("(1 +++ 2) println")
doString("(1 +++ 2 * 3) println")
doString("(1 + 2 +++ 3) println")
doString("(1 +++ 2 == 102) println")

// A tighter level binds before *.
Number <+> := method(n, self - n)
OperatorTable addOperator("<+>", 1)
doString("(2 * 10 <+> 3) println")
doString("(10 <+> 3 <+> 2) println")

// Assignment operators can be added too.
Object <- := method(name, value, self setSlot(name, value))
OperatorTable addAssignOperator("<-", "<-")
doString("zz <- 42")
zz println

// The operator table itself is an ordinary object.
(OperatorTable operators at("+")) println
(OperatorTable operators at("**")) println
(OperatorTable operators at("==")) println
(OperatorTable assignOperators at(":=")) println
(OperatorTable assignOperators at("=")) println
(OperatorTable assignOperators at("::=")) println
