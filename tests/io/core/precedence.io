// Arithmetic precedence
(1 + 2 * 3) println
(1 + 2 * 3 - 4 / 2) println
((1 + 2) * 3) println
(10 - 4 - 3) println
(100 / 10 / 5) println
(2 ** 3 ** 2) println
(2 ** 10) println
(2 * 3 ** 2) println
(7 % 3 + 1) println
(1 + 7 % 3) println
(2 ** 3 * 2) println
(-2 ** 2) println

// Prefix minus takes the rest of the chain
(-3 abs) println
((-3) abs) println
(3 - -2) println
-2.5 println
(5 -1) println
x := 4
(-x) println
(- x + 1) println

// Comparisons bind looser than arithmetic
(1 + 2 == 3) println
(2 * 3 < 5 + 2) println
(1 < 2 and 2 < 3) println
(1 < 2 and 3 < 2) println
(1 > 2 or 2 > 1) println
(1 > 2 or 3 > 4) println
(1 == 1 and 2 == 2 or false) println
(false and true or true) println
(1 != 2) println
(3 >= 3 and 3 <= 2) println

// Shift and bitwise levels
(1 << 2 + 1) println
(6 & 3 | 8) println
(1 | 2 ^ 3 & 1) println
(1 + 1 == 2 == true) println

// An operator's operand extends over following plain messages
(2 + 9 sqrt squared) println
(10 - 2 max(5)) println

// Parenthesised groups and explicit operator arguments
(2 * (3 + 4)) println
3 +(4) println
1 + 2 println
(1 + 2) println
((((5)))) println
(1 +(2 * 3) + 4) println

// and/or produce booleans; the right side is evaluated only when needed
(1 and 2) println
(nil or 3) println
(nil and undefinedThing) println
(false and undefinedThing) println
(3 or undefinedThing) println

// .. binds looser than arithmetic and comparison
("a" .. 1 + 2) println
("n" .. 2 < 3) println

// Chained comparisons read left to right
(1 < 2 == true) println
(3 > 2 == (1 < 0)) println

// ? sends the rest of the chain only if the receiver has the slot
q := Object clone
q foo := method("foo ran")
(q ?missing) println
q ?missing println
(q ?foo) println
q ?foo println
(q ?foo size) println

// not is an ordinary message, so it applies to the operand before it
(true and false not) println
sq := method(n, n * n)
(-sq(3)) println

// Operator characters not in the table form plain messages: no shuffling
Number ++ := method(n, writeln("++ got ", n); self + 100)
(1 ++ 2) println
(1 ++(2)) println
(1 ++(2) + 3) println
