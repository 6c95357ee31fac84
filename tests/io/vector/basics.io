// Vectors: construction, printing, kind and item access.
v := vector(1, 2.5, -3)
v println
v type println
list(v size, v sizeInBytes, v itemSize) println
list(v itemType, v encoding, v isMutable) println
v asList println
list(v at(0), v at(2), v at(3)) println
list(v x, v y, v z) println
("v is " .. v) println
v asString println
v asString isSymbol println
vector() println
vector() size println

// clones keep the item type
c := v clone
c type println
c itemType println
c atPut(0, 10)
c println
v println
v asMutable itemType println

// building up
w := Vector clone
w append(1, 2) append(3)
w println
w setX(7) setY(8) setZ(9)
w println
w set(4, 5)
w println
w setSize(5)
w println
w atPut(6, 1)
w println
Vector clone setSize(4) rangeFill println

// iteration
vector(3, 4) foreach(i, x, (i .. "=" .. x) println)
vector(1, 2) foreach(x, x println)
s := 0
vector(1, 2, 3) foreach(x, s = s + x)
s println

// removing
r := vector(0, 1, 2, 3, 4)
r removeAt(1) println
r println
r removeAt(-1) println
r removeAt(9) println
r println
r removeSlice(0, 0) println
r removeLast println
vector(1, 2, 3, 4, 5) removeSlice(-2, 10) println
vector(1, 2, 3, 4) exSlice(1, 3) println
vector(1, 2, 3, 4) inSlice(1, 2) println
vector(1, 2, 3, 4) exSlice(-1) println

// order
vector(3, 1, 2) sort println
vector(1, 2, 3) reverse println
q := vector(1, 2, 3); q reverseInPlace; q println
vector(1, 2, 3) contains(2) println
vector(1, 2, 3) contains(5) println
vector(0, 0) isZero println
vector(0, 1) isZero println
