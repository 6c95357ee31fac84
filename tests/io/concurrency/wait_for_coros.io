// Scheduler waitForCorosToComplete runs the other coroutines, idling on
// timers when needed, until none is queued and no timer is pending.
// (The two workers park themselves for good when done. Their timers are
// far enough out that none is due before the first lines print.)

log := list
w1 := coroDo(wait(0.3); log append("w1 woke"); pause)
w2 := coroDo(wait(0.1); log append("w2 woke"); pause)
// coroDo started each one; each parked itself on its timer at once
log println
Scheduler timers size println
Scheduler waitForCorosToComplete
log println
list(Scheduler timers size, Coroutine yieldingCoros size) println
list(w1 isFinished, w2 isFinished) println
