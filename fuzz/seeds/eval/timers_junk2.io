Scheduler setTimers(list(list(2, 3), list(1, Coroutine currentCoroutine)) reverse)
try(Scheduler setYieldingCoros(3)) println
Scheduler timers append(list(1e-300, Coroutine currentCoroutine), list(nil, nil))
try(Scheduler waitForCorosToComplete) println
Scheduler yieldingCoros removeAll
try(pause) println
Scheduler timers atPut(0, Scheduler timers)
Scheduler yieldingCoros append(Scheduler yieldingCoros)
yield
