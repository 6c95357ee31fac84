// Waiting on a future that only the waiting coroutine could answer raises
// an exception ("Future deadlock ...") instead of hanging: here an actor
// sends itself @inner and uses the result inside its own message.

Loop := Object clone do(
    inner := method(7)
    outer := method(
        f := self @inner
        e := try(x := f + 1)
        if(e, "outer caught: " .. e error beforeSeq(":"), "no exception")
    )
    uncaught := method(
        f := self @inner
        f + 1
    )
)

r := Loop @outer
(r asString) println

// Not caught in the actor: the exception reaches whoever waits on outer's future
r2 := Loop @uncaught
e := try(x := r2 + 0)
(e error beginsWithSeq("Future deadlock")) println

// The actor is not stuck: it still answers
((Loop @inner) + 1) println
