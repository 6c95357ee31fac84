// Element-wise arithmetic, math functions, reductions and comparisons.
a := vector(1, 2, 3)
b := vector(4, 5, 6)
(a + b) println
(b - a) println
(a * b) println
(b / a) println
(a ** 2) println
(a * 10) println
(a + 0.5) println
(a + b) type println
a println

// in place
c := a clone
c += b
c println
c -= 1
c println
c *= vector(2, 2)
c println
c /= 2
c println
c **=(2)
c println
c addEquals(vector(1, 1, 1))
c println
d := vector(1, 5, 3)
d Min(vector(2, 2, 2))
d println
d := vector(1, 5, 3)
d Max(vector(2, 2, 2))
d println

// math functions change the receiver and answer it
vector(-1.5, 2) abs println
vector(1.2, -1.2) floor println
vector(1.2, -1.2) ceil println
vector(4, 9) sqrt println
vector(3, -2) square println
vector(1, -2) negate println
vector(0) cos println
vector(0) sin println
vector(1) log println
vector(100) log10 println
vector(3, 4) normalize println
vector(1, 1) setItemsToDouble(2.5) println
vector(1, 1) setItemsToLong(2.5) println

// reductions answer Numbers
v := vector(1, 2, 3, 4, 5)
list(v sum, v product, v mean, v meanSquare, v min, v max) println
(v rootMeanSquare == 11 sqrt) println
vector() sum println
vector() product println
vector() max println
vector(1, 2, 3) dotProduct(vector(4, 5, 6)) println
vector(0, 0) distanceTo(vector(3, 4)) println

// indexes
vector(0, 1, 2, 3, 4) removeOddIndexes println
vector(0, 1, 2, 3, 4) removeEvenIndexes println
vector(1, 2) duplicateIndexes println

// comparisons: equality is item by item, order holds for every item
(vector(1, 2) == vector(1, 2)) println
(vector(1, 2) == vector(2, 1)) println
(vector(1, 2) != vector(2, 1)) println
(vector(1, 2) < vector(2, 3)) println
(vector(1, 4) < vector(2, 3)) println
(vector(2, 3) <= vector(2, 3)) println
(vector(3, 4) > vector(2, 3)) println
(vector(3, 2) >= vector(2, 3)) println

// text is not a vector
e := try("abc" + "def")
e error println
e := try(vector(1) + nil)
e error println
e := try(vector(1) asString += vector(1))
e error println
