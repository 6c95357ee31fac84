// unique, union, intersect, difference
list(1, 2, 1, 3, 2.0, "a", "a") unique println
list() unique println
list(1, 2) union(list(2, 3, 3)) println
list(1, 2, 3, 4) intersect(list(4, 2, 7)) println
list(1, 2, 3, 4) difference(list(4, 2, 7)) println
list(1, 2, 3) containsAll(list(3, 1)) println
list(1, 2, 3) containsAll(list(3, 5)) println
list(1, 2, 3) containsAll(list()) println
list(1, 2, 3) containsAny(list(5, 2)) println
list(1, 2, 3) containsAny(list(5, 6)) println
list(1, 2, 3) containsAny(list()) println

// flatten splices nested lists, recursively
list(1, 2, list(3, 4, list(5)), list(), 6) flatten println
list() flatten println
inner := list(1)
list(inner, inner) flatten println
loop := list(1)
loop append(loop)
try(loop flatten) error println

// copies
a := list(1, 2, 3)
b := a itemCopy
b append(4)
a println
b println
c := list(9) copy(a)
c println
(c == a) println
(c isIdenticalTo(a)) println
a copy(a) println

// asMap from list(key, value) pairs
m := list(list("d", 4), list("c", 3), list("a", 1)) asMap
m keys println
m values println
m at("c") println
list() asMap size println

// uniqueCount
list("a", "b", "a", 1, "a", 1) uniqueCount println

// a cursor walks a list
cur := list("x", "y", "z") cursor
cur value println
cur next println
cur value println
cur next println
cur next println
cur value println
cur previous println
cur value println
cur setIndex(0) previous println
cur insert("w")
cur collection println
cur remove println
cur collection println

// comparison
(list(1, 2) == list(1, 2)) println
(list(1, 2) == list(1, 2, 3)) println
(list(3) < list(1, 2)) println
(list(1, 2) < list(1, 3)) println
