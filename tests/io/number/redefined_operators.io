// Arithmetic on Numbers answers what Number's slots hold at the moment of
// the send: replacing `+` or `sqrt` is seen by code that already ran.
add := method(a, b, a + b)
root := method(x, x sqrt)
add(1, 2) println
root(16) println

Number + := method(other, "plus " .. other)
Number sqrt := method("root of " .. self)
add(1, 2) println
root(16) println

// A Number subclass-like object with its own `<` is compared by it.
Odd := Object clone do(< := method(other, "odd compare"))
(Odd < 3) println
(2 < 3) println
