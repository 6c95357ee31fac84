c := coroFor("t" println)
Scheduler timers append(list(0/0, c), 3, nil, list, list("x"), list(1/0, c), list(-1/0, 7), list(1, Object))
Scheduler wakeExpiredTimers
Scheduler idleUntilNextTimer
Coroutine yieldingCoros append(1, nil, "x", Coroutine currentCoroutine, Coroutine)
yield
Scheduler setTimers(list(list(1e300, c), list(-5, Coroutine currentCoroutine)))
Scheduler setYieldingCoros(list(c, c, Lobby))
yield
try(pause) println
