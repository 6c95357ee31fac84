// obj @msg(args) answers a FutureProxy at once. Sending the proxy any
// message waits for the actor's answer, then sends the message on to it.
// An exception that ended the message is raised in whoever uses the proxy.
// (Uses of the proxies are written inside arguments or parentheses.)

Calc := Object clone do(
    log := list
    square := method(x, log append("square " .. x); x * x)
    slowAdd := method(a, b, log append("slowAdd"); yield; yield; a + b)
    fail := method(Exception raise("calc failed"))
)

f := Calc @square(7)
// Nothing has run yet
Calc log println
// Using the proxy waits for the result, then forwards the message
(f + 1) println
Calc log println
// The proxy keeps answering for its result
(f * 2) println
(f type) println
(f asString) println

// A result that takes several turns
g := Calc @slowAdd(2, 3)
v := g * 10
v println

// Messages run in order: both futures are answered in the order sent
h1 := Calc @square(2)
h2 := Calc @square(3)
(list(h2 + 0, h1 + 0)) println
Calc log println

// An exception in the actor's method is raised where the future is used
bad := Calc @fail
e := try(x := bad + 1)
e type println
e error println
// ...every time it is used
e := try(x := bad asString)
e error println
// and the actor goes on with its next messages
ok := Calc @square(4)
(ok + 0) println

// Futures from two actors; the slower one was sent first
Slow := Object clone do(v := method(yield; yield; "slow"))
Fast := Object clone do(v := method("fast"))
fs := Slow @v
ff := Fast @v
((fs asString) .. " " .. (ff asString)) println
