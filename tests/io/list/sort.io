// sort gives a sorted copy; sortInPlace sorts the receiver
a := list(3, 1, 2)
a sort println
a println
a sortInPlace println
a println
list("beta", "3", "a", "0") sort println
list() sort println
List clone sortInPlace println
// numbers before other objects; lists by size first
list(list(1, 2), list(3), list(0, 0, 0)) sort println

// sortInPlace(expr): ordered by the value of expr on each item
list("ccc", "a", "bb") sortInPlace(size) println
list(3, -1, 2, -5) sortInPlace(abs) println
// equal keys keep their order
list("bb", "a", "cc", "b") sortInPlace(size) println

// sortInPlaceBy / sortBy: the block answers true when its first argument goes first
b := list("beta", "3", "alpha")
b sortInPlaceBy(block(x, y, x < y)) println
b println
list(1, 3, 2, 4, 0) sortBy(block(x, y, x > y)) println
List clone sortInPlaceBy(block(x, y, x < y)) println
list(3) sortInPlaceBy(block(x, y, x < y)) println
list(3, 1) sortInPlaceBy(block(x, y, x < y)) println
c := list(5, 4, 3)
c sortBy(block(x, y, x < y)) println
c println
// stable: items the block does not order keep their order
list("b1", "a1", "b2", "a2", "b3") sortBy(block(x, y, x at(0) < y at(0))) println
// a block with no body orders nothing
list(3, 1, 2) sortBy(block()) println
// methods work too
list(3, 1, 2) sortBy(method(x, y, x > y)) println
// the block sees the caller's variables
descending := true
list(2, 3, 1) sortBy(block(x, y, if(descending, x > y, x < y))) println
// the comparison count stays moderate
count := 0
big := list()
for(i, 1, 1000, big append((i * 7919) % 1009))
sorted := big sortBy(block(x, y, count = count + 1; x < y))
(sorted == big sort) println
(count < 12000) println
sorted first println
sorted last println

// max and min, optionally of an expression
list(3, 9, 2) max println
list(3, 9, 2) min println
list() max println
list() min println
list("aaa", "b", "cc") max(size) println
list("aaa", "b", "cc") min(size) println
list("x", "yy", "zz") max(size) println
list(1, -7, 3) max(abs) println
list("b", "a", "c") min println

// reverse and reverseInPlace
list(1, 2, 3) reverse println
d := list(1, 2, 3)
d reverseInPlace println
d println

// sortByKey: a copy ordered by a computed key; (item, expr) binds the item
keyed := list(0, 1, 2, 3, 4, 5, 6)
keyed sortByKey(x, (-1) ** x * x) println
keyed println
list("ccc", "a", "bb") sortByKey(size) println
list("b2", "a2", "b1") sortByKey(s, s at(1)) println
