// Building and reading lists
a := list(1, 2, 3)
a println
a size println
List size println
List clone println
a type println

// Clone copies the items; the copy is independent
b := a clone
b append(4)
a println
b println

// append / push return the list and take several values
list() append(1, 2) push(3) append(nil) println
// prepend inserts each value at the front in turn
list(3) prepend(1, 2) println
list(1, 2) appendIfAbsent(2, 3, 3, nil, nil) println
list(1) appendSeq(list(2, 3), list(), list(4)) println

// at counts from the end for negative indexes, nil out of range
c := list("a", "beta", 3)
c at(0) println
c at(2) println
c at(-1) println
c at(-3) println
c at(-4) println
c at(3) println
c at(1.9) println

// first, second, third, last
c first println
c second println
c third println
c last println
list() first println
list() last println
list(1) second println

// atPut, atInsert, removeAt
d := list(1, 2, 3)
d atPut(0, "zero") println
d atInsert(3, "end") println
d atInsert(0, "start") println
d removeAt(1) println
d println
d insertAt("x", 1) println
d insertBefore("b", 3) println
d insertAfter("a", 3) println
d insertBefore("missing", 42) println
d insertAfter("also", 99) println

// remove takes every equal item; removeAll and empty clear
e := list(1, nil, 2, nil, 1.0, 3)
e remove(nil, 1) println
e removeAll println
list(1, 2) empty println
list(1, 2, 3, 2) removeSeq(list(2, 3)) println

// pop, removeFirst, removeLast
f := list(1, 2, 3, 4)
f pop println
f removeFirst println
f removeLast println
f println
list() pop println
list() removeFirst println

// searching
g := list("a", 2, nil, "a")
g indexOf("a") println
g indexOf(nil) println
g indexOf(7) println
g contains(2) println
g contains(2.0) println
g contains println
list(1) contains println
g containsIdenticalTo("a") println
s := "x"
list(s) containsIdenticalTo(s) println

// sizes
h := list(1, 2, 3)
h setSize(5) println
h setSize(1) println
h preallocateToSize(100) size println
h isEmpty println
h isNotEmpty println
list() isEmpty println
list() isNotEmpty println

// swapIndices, with, rest
list(1, 2, 3) swapIndices(0, 2) println
list(1, 2, 3) swapIndices(1, 1) println
List with(1, 2) println
list(1) with(2, 3) println
list(1, 2, 3) rest println
list() rest println
