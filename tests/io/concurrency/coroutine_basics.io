// Coroutine basics: coroFor makes a coroutine that has not started; the
// run queue is Coroutine yieldingCoros; yield runs the first queued
// coroutine and queues the running one at the end; isFinished, isCurrent,
// result, parentCoroutine and currentCoroutine.

main := Coroutine currentCoroutine
main isCurrent println
(Coroutine currentCoroutine == main) println
Coroutine yieldingCoros size println

// coroFor: nothing runs until the coroutine is scheduled
trace := list
a := coroFor(trace append("a1"); yield; trace append("a2"); yield; trace append("a3"); "a done")
b := coroFor(trace append("b1"); yield; trace append("b2"); Coroutine currentCoroutine)
a type println
list(a isFinished, a isCurrent) println
trace println

// Queue both; each yield hands over to the next in line
Coroutine yieldingCoros append(a)
Coroutine yieldingCoros append(b)
(Coroutine yieldingCoros == list(a, b)) println
trace append("main")
yield
// a1 b1 ran, then main got its turn again (a and b are queued behind it)
trace append("main")
(Coroutine yieldingCoros == list(a, b)) println
yield
// a2, then b2: b ends, so its parent (a, which started it by yielding)
// goes on: a3; a ends and its parent (main) goes on
trace join(" ") println
list(a isFinished, b isFinished) println
a result println
(b result == b) println
(a parentCoroutine == main) println
(b parentCoroutine == a) println
main isCurrent println

// run: start a coroutine as a child; the caller goes on when it ends.
// The body runs in the caller's context: it sees and sets its slots.
counter := 0
d := coroFor(counter = counter + 10; Coroutine currentCoroutine isCurrent)
(d run == d) println
counter println
d result println
d isCurrent println
(d parentCoroutine == main) println

// A finished coroutine can be run again: its body starts over
d run
counter println
