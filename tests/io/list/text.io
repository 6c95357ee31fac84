// asString: list( + items' asSimpleString joined by ", " + )
list(1, "a", nil, true, false, 3.5) println
list(1, "a", nil) asString println
list() asString println
list(0.1, -7, 1/3) println
// strings are quoted with escapes
list("say \"hi\"", "tab\there", "line\nbreak", "back\\slash") println
// nested lists contribute their own asSimpleString, a list of strings
list(1, list(2)) println
list(list("z")) println
list(list()) println
list(1, list(2, list(3))) println

// asSimpleString: each item's asSimpleString, quoted, cut to 37 characters + ...
list(1, 2) asSimpleString println
list() asSimpleString println
list("a") asSimpleString println
list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) asSimpleString println
list(1, 2, 3, 4, 5, 6, 7) asSimpleString println
list(1, 2, 3, 4, 5, 6, 7) asSimpleString size println
list(1, 2, 3, 4, 5, 6, 7, 8) asSimpleString size println
list(1, 2, 3, 4, 5, 6, 7, 8, 9) asSimpleString size println

// objects answer their own asSimpleString
Dot := Object clone
Dot asSimpleString := "dot"
list(Dot, 1, Dot) println
Custom := Object clone
Custom asSimpleString := method("custom")
list(Custom) println
list(Custom) asSimpleString println
Failing := Object clone
Failing asSimpleString := method(Exception raise("no text"))
try(list(Failing) println) error println

// join: items' asString with an optional separator
list(1, 2, 3) join println
list(1, 2, 3) join(", ") println
list(1) join(", ") println
list() join(", ") println
list("a", nil, true, 2.5) join("-") println
list("a", "b") join("") println
j := list("x", "y") join
j appendSeq("z")
j println

// asJson
list(1, "a", nil, true, false) asJson println
list() asJson println
list(list(1, 2), list()) asJson println
list("q\"uote", "sl/ash", "back\\", "nl\n", "tab\t") asJson println
list(0.5, -2) asJson println
