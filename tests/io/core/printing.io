// nil, true and false print their names
nil println
true println
false println
writeln(nil, " ", true, " ", false)
nil asString println
true asString println
false asString println
nil type println
true type println
false type println
("value: " .. nil) println
("flag: " .. true) println
list(nil, true, false) println

// println answers its receiver, print writes without a newline
nil print
true print
false print
"" println
(3 println + 1) println

// Strings print raw; asSimpleString quotes them
"plain \"quoted\" text" println
"a\"b" asSimpleString println
"tab\there" asSimpleString println

// write and writeln send print to each argument
write("a", 1, "b", 2.5, "\n")
writeln("x", nil)
writeln

// Comparisons and predicates answer true or false
(1 < 2) println
(1 > 2) println
(nil == nil) println
(nil == false) println
(true == true) println
(true != false) println
(nil isNil) println
(false isNil) println
(0 isTrue) println
(nil isTrue) println
(false isTrue) println
