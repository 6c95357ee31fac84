// obj @@msg(args): an asynchronous send. It answers nil at once; the
// arguments are evaluated right away, in the sender; the receiver becomes
// an actor that handles its messages one at a time, in order, on its own
// coroutine, when the sender yields.

Counter := Object clone do(
    log := list
    total := 0
    add := method(k, tag,
        log append(tag .. " start")
        yield
        total = total + k
        log append(tag .. " end")
        total
    )
)

x := 10
r := Counter @@add(x, "a")
r println
// x changes after the send: the message already holds 10
x = 20
Counter @@add(x, "b")
Counter log println
Counter hasLocalSlot("actorCoroutine") println

// Messages do not overlap: "b" starts only when "a" has ended, even
// though "a" yields in the middle
yield
Counter log println
yield
Counter log println
yield
Counter log println
yield
Counter log println
Counter total println

// An idle actor wakes up when a new message arrives
Counter @@add(5, "c")
3 repeat(yield)
Counter log last println
Counter total println

// Two actors interleave: each handles one message per turn
Echo := Object clone do(
    said := nil
    say := method(word, said append(word))
)
heard := list
a := Echo clone do(said := heard)
b := Echo clone do(said := heard)
a @@say("a1")
b @@say("b1")
a @@say("a2")
b @@say("b2")
6 repeat(yield)
heard println
