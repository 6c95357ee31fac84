// map, select, detect, mapInPlace, selectInPlace, groupBy: (message),
// (value, body) and (index, value, body) forms
l := list("a", "beta", 3)

l map(type) println
l map(v, v type) println
l map(i, v, i) println
list(1, 2, 3) map(* 2) println
list() map(v, v) println
// map gives a new list
m := list(1, 2, 3)
m map(x, x + 1) println
m println

l select(isKindOf(Number)) println
l select(v, v isKindOf(Sequence)) println
l select(i, v, v isKindOf(Sequence) and i == 0) println
l select(isKindOf(Block)) println
l println

l detect(isKindOf(Number)) println
l detect(== "a") println
l detect(v, v isKindOf(Number)) println
l detect(i, v, v isKindOf(Sequence) and i == 1) println
l detect(isKindOf(Block)) println

c := list(1, 5, 7, 2)
c mapInPlace(i, v, i + v) println
c println
c mapInPlace(v, v + 3) println
c mapInPlace(- 1) println
list() mapInPlace(+ 1) println

d := list(1, 5, 7, 2)
d selectInPlace(i, v, v > 3) println
d println
d := list(1, 5, 7, 2)
d selectInPlace(v, v > 3 and v < 7) println
d := list(1, 5, 7, 2)
d selectInPlace(> 1) println

// The index and value names stay out of the caller
getSlot("index") println
getSlot("value") println
list(1) map(index, value, value) println
list(1) select(index, value, value) println
list(1) detect(index, value, value) println
list(1) mapInPlace(index, value, value) println
list(1) selectInPlace(index, value, value) println
list(1) groupBy(index, value, value) size println
getSlot("index") println
getSlot("value") println

// Bodies see the caller's locals and, in methods, the receiver's slots
Holder := Object clone
Holder items := list("a", "beta", 3)
Holder limit := 2
Holder run := method(
    offset := 100
    items map(v, v asString size + limit + offset) println
    items select(== self items at(0)) println
    items select(== items at(0)) println
    items detect(i, v, i == limit) println
    list(1, 2, 3) mapInPlace(+ items at(2)) println
    // names made with := in a body stay in the body's context
    items map(v, tmp := v; tmp) println
    getSlot("tmp") println
)
Holder run

// break, continue and return in bodies
list(1, 2, 3, 4) map(x, if(x == 3, break); x * 10) println
list(1, 2, 3, 4) map(x, if(x == 2, continue); x * 10) println
list(1, 2, 3, 4) select(x, if(x == 3, break); x > 1) println
list(1, 2, 3, 4) select(x, if(x == 1, continue); false) println
list(1, 2, 3, 4) detect(x, if(x == 2, break); false) println
e := list(1, 2, 3, 4)
e mapInPlace(x, if(x == 3, break); x * 10) println
e := list(1, 2, 3, 4)
e selectInPlace(x, if(x == 3, break); x > 1) println
firstDouble := method(l, l map(x, if(x > 1, return x * 2); x); "none")
firstDouble(list(1, 5, 9)) println
firstDouble(list(1)) println

// groupBy: a Map from the body's value, as text, to the items
g := list("a", "b", "cd") groupBy(size)
g keys println
g values println
g := list("a", "b", "cd") groupBy(v, v size > 1)
g keys println
g values println
g := list("a", "b", "cd") groupBy(i, v, i == 1)
g keys println
g values println
list() groupBy(size) size println

// reduce: (op), (acc, item, body), (op, init), (acc, item, body, init)
a := list(1, 2, 3)
a reduce(+) println
a reduce(x, y, x + y) println
a reduce(+, -6) println
a reduce(x, y, x + y, -6) println
a reduce(x, y, x * 10 + y) println
list() reduce(+) println
list() reduce(+, 5) println
list(7) reduce(+) println
getSlot("x") println
getSlot("y") println
a reduce(x, y, if(y == 2, continue); x + y) println
a reduce(x, y, if(y == 3, break); x + y) println

// reverseReduce folds from the right
a reverseReduce(+) println
a reverseReduce(-) println
a reverseReduce(x, y, x + y) println
a reverseReduce(+, -6) println
a reverseReduce(x, y, x * 10 + y) println
a reverseReduce(x, y, x + y, -6) println

// sum and average
list(1, 2, 3) sum println
list() sum println
list(1, 2, 3, 4) average println
list(0.5, 0.25) sum println
