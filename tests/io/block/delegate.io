// Call delegateTo and delegateToMethod: send the call's message on.

Inner := Object clone do(
    greet := method(who, "hello " .. who)
    sum := method(a, b, a + b)
    whoCalled := method(call sender)
)
Outer := Object clone do(
    inner := Inner clone
    greet := method(who, call delegateTo(inner))
    add := method(call delegateToMethod(inner, "sum"))
    whoCalled := method(call delegateTo(inner))
    alt := Object clone do(value := "from alt")
)
Inner echo := method(v, v)
// The arguments can be evaluated somewhere else than in the sender.
Outer echo := method(call delegateTo(inner, alt))

Outer greet("world") println
Outer add(2, 3) println
// Arguments are evaluated in the original sender (once, as add has no formal
// arguments of its own).
n := 0
Outer add(n = n + 1, 10) println
n println
(Outer whoCalled == thisContext) println
Outer echo(value) println
// Only the message itself is sent on, not what follows it.
Outer greet("x") size println
