// Python-like slices: negative indexes wrap, out of range clamps
a := list(1, 2, 3, 4, 5, 6)
a slice(0) println
a slice(2) println
a slice(0, 6) println
a slice(0, 12) println
a slice(0, -1) println
a slice(0, -3) println
a slice(0, -6) println
a slice(-2) println
a slice(-10, 2) println
a slice(4, 2) println
a slice(3, 3) println
a slice(6) println
// steps
a slice(0, 6, 2) println
a slice(0, 6, 3) println
a slice(0, 6, 6) println
a slice(1, 6, 100) println
a slice(-1, -7, -1) println
a slice(-1, -7, -2) println
a slice(-1, -7, -3) println
a slice(-1, -7, -6) println
a slice(5, 0, -1) println
a slice(10, -10, -1) println
a slice(2, 4, -1) println
// exSlice is the same method
a exSlice(1, 3) println
// the receiver is unchanged by slice
a println

// sliceInPlace changes the receiver and returns it
b := list("a", "beta", 3)
b sliceInPlace(-1, -4, -1) println
b println
c := list(1, 2, 3, 4, 5, 6)
c sliceInPlace(0, 6, 2)
c println
c sliceInPlace(5, 1)
c println
