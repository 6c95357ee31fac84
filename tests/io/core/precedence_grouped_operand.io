// Arguments written directly after an operator act like a C-style
// parenthesised operand: the rest of the expression still shuffles.
(2 +(3) * 4) println
(10 -(4) / 2) println
(1 +(1) == 2) println
x := 2 *(3) + 1
x println
