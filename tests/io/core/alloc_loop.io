// Many short-lived objects: memory must be reclaimed as the loops run.

// Ten million plain objects that become garbage immediately (ten million
// take close to a minute when the interpreter is built without optimisation).
for(i, 1, 10000000, Object clone)
"plain objects done" println

// Short-lived lists, strings and closures; only the last list survives.
kept := nil
for(i, 1, 100000,
    kept = list(i, i + 1) append("item" .. i)
    block(x, x) call(i)
)
kept println

// Objects with slots, replaced every iteration
Point := Object clone do(x := 0; y := 0)
last := nil
for(i, 1, 100000, last = Point clone; last x = i; last y = i * 2)
(last x + last y) println
