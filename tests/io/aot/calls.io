// Sends to Io methods from compiled code: the callee runs on its own heap
// frame whatever form it is in, and everything a caller or callee can see
// is as the interpreter has it.

Point := Object clone do(
    x := 0
    y := 0
    at := method(px, py, p := self clone; p x = px; p y = py; p)
    plus := method(other, at(x + other x, y + other y))
    norm2 := method(x * x + y * y)
)

// Calls with 0, 1 and 2 arguments in a loop; a method with more formals
// than arguments gets nil for the rest.
sum := Point at(0, 0)
for(i, 1, 5, sum = sum plus(Point at(i, i * 2)))
writeln("sum ", sum x, " ", sum y, " norm2 ", sum norm2)
extra := method(a, b, c, list(a, b, c))
for(i, 1, 2, writeln(extra(i) map(v, v asString) join(",")))

// Recursion deeper than the calls compiled code nests, and back.
depth := method(n, if(n == 0, 0, 1 + depth(n - 1)))
writeln("depth ", depth(500))
fib := method(n, if(n < 2, n, fib(n - 1) + fib(n - 2)))
writeln("fib ", fib(18))

// A callee sees and changes its caller's locals through `call sender`.
bump := method(call sender counter = call sender counter + 10)
counter := 0
for(i, 1, 3, counter = counter + 1; bump)
writeln("counter ", counter)

// A block made in the loop reads and writes the loop's locals.
twice := method(b, b call; b call)
total := 0
for(i, 1, 4, twice(block(total = total + i)))
writeln("total ", total)

// Tail calls, and an exception raised three calls down and caught.
countdown := method(n, if(n == 0, "done", countdown(n - 1)))
writeln(countdown(100))
inner := method(v, if(v > 2, Exception raise("too big: " .. v), v))
middle := method(v, inner(v) + 1)
outer := method(v, middle(v) * 2)
for(i, 1, 4,
    e := try(writeln("outer ", outer(i)))
    if(e, writeln("caught ", e error))
)

// A callee that redefines a Number operator mid-loop (last: it stays).
acc := 0
redefine := method(Number + := method(o, 100))
for(i, 1, 4, acc = acc + 1; if(i == 2, redefine))
writeln("acc ", acc)
