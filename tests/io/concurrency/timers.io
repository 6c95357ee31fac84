// wait(s) parks the running coroutine on a timer (Scheduler timers, a
// list of list(deadline, coroutine) sorted by deadline) and lets the
// others run; coroutines wake up in deadline order.

log := list
slow := coroFor(wait(0.3); log append("slow"))
fast := coroFor(wait(0.1); log append("fast"))
// slow starts waiting first, then fast
Coroutine yieldingCoros append(slow)
Coroutine yieldingCoros append(fast)
yield
// Both are parked on timers, the earlier deadline first
Scheduler timers size println
(Scheduler timers map(at(1)) == list(fast, slow)) println
(Scheduler timers first first < Scheduler timers last first) println
list(slow isFinished, fast isFinished) println
log println
// Keep yielding until both are done: fast wakes first
while(log size < 2, yield)
log println
Scheduler timers size println
list(slow isFinished, fast isFinished) println

// addTimerAt(when, coroutine) and removeTimerFor(coroutine)
c := coroFor("never runs" println)
later := Date clone now asNumber + 1000
sooner := later - 500
Scheduler addTimerAt(later, c)
Scheduler timers size println
(Scheduler timers first == list(later, c)) println
// A second timer for the same coroutine replaces the first
Scheduler addTimerAt(sooner, c)
Scheduler timers size println
(Scheduler timers first first == sooner) println
Scheduler removeTimerFor(c)
Scheduler timers size println
c isFinished println

// wait in the main coroutine: the others run meanwhile
log2 := list
coroDoLater(log2 append("ran while main waited"))
wait(0.01)
log2 println

// wait(0) just yields
log3 := list
coroDoLater(log3 append("ran on wait(0)"))
wait(0)
log3 println
