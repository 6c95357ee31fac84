// Scheduler waitForCorosToComplete runs the other coroutines, idling on
// timers when needed, until none is queued and no timer is pending.
// (The two workers park themselves for good when done.)

log := list
w1 := coroDo(wait(0.2); log append("w1 woke"); pause)
w2 := coroDo(wait(0.01); log append("w2 woke"); pause)
// coroDo started each one; each parked itself on its timer at once
log println
Scheduler timers size println
Scheduler waitForCorosToComplete
log println
list(Scheduler timers size, Coroutine yieldingCoros size) println
list(w1 isFinished, w2 isFinished) println
