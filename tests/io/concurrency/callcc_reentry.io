// Re-entry: invoking a continuation after its callcc has returned runs
// the code after the callcc again, with callcc answering the invoked
// value. The same continuation can be invoked many times; each run starts
// from the state captured at callcc (pending operands, loop counters).

// A counter: the statements after callcc run once per invocation
saved := nil
runs := 0
v := callcc(block(k, saved = k; 0))
runs = runs + 1
("v = " .. v .. ", runs = " .. runs) println
if(v < 3, saved invoke(v + 1))
saved isInvoked println

// Pending operands of the expression around callcc are restored each time
again := nil
n := 0
r := list("first", callcc(block(k, again = k; "x0")), "last")
r println
n = n + 1
if(n < 3, again invoke("x" .. n))

s := nil
m := 0
total := 100 + 10 * callcc(block(k, s = k; 1))
total println
m = m + 1
if(m < 3, s invoke(m + 1))

// Inside a loop: re-entering goes on with the loop from the captured
// iteration, each time
seen := list
inLoop := nil
for(i, 1, 4,
    seen append(i)
    if(i == 2, callcc(block(k, inLoop = k)))
)
if(seen size < 10, inLoop invoke(nil))
seen println

// copy answers another continuation for the same point; it works too
c1 := nil
tries := 0
w := callcc(block(k, c1 = k; "start"))
tries = tries + 1
("w = " .. w) println
if(tries == 1, c1 copy invoke("from the copy"))
if(tries == 2, c1 invoke("from the original"))
c2 := c1 copy
list(c2 type, c2 == c1, c2 frameCount == c1 frameCount) println

// A generator: two continuations hand values back and forth between a
// loop inside a method and its callers
Gen := Object clone do(
    returnK := nil
    resumeK := nil
    with := method(lst, g := self clone; g items := lst; g)
    next := method(
        callcc(block(ret,
            returnK = ret
            if(resumeK, resumeK invoke(nil))
            items foreach(i, x,
                callcc(block(res, resumeK = res; returnK invoke(i .. ":" .. x)))
            )
            resumeK = nil
            items = list
            returnK invoke("done")
        ))
    )
)
g := Gen with(list("a", "b", "c"))
h := Gen with(list(10, 20))
list(g next, h next, g next, h next, g next, h next, g next) println
