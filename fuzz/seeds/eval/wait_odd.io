wait(0)
wait(-1)
try(wait(1/0)) println
try(wait(0/0)) println
wait(-1/0)
wait(0.000001)
try(wait(nil)) println
try(wait("x")) println
c := coroFor(wait(0/0); "woke" println)
Coroutine yieldingCoros append(c)
yield
coroDoLater(wait(1e9); "late" println)
yield
try(wait(1e9)) println
Scheduler timers size println
Scheduler addTimer(0/0, c)
Scheduler addTimerAt(nil, Coroutine currentCoroutine)
try(Scheduler waitForCorosToComplete) println
