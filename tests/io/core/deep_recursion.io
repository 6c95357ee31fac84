// Non-tail recursion one million calls deep: each call still has an
// addition pending when the next one starts.
f := method(n, if(n == 0, 0, 1 + f(n - 1)))
f(1000000) println

// The pending operation on the other side
g := method(n, if(n == 0, 0, g(n - 1) + 1))
g(100000) println

// An exception raised at the bottom of a deep recursion unwinds all of it
h := method(n, if(n == 0, Exception raise("bottom reached"), 1 + h(n - 1)))
e := try(h(100000))
e error println

// The interpreter is still usable afterwards
f(10) println
