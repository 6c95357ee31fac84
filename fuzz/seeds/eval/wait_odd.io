wait(0)
wait(-1)
wait(1/0)
wait(0/0)
wait(-1/0)
wait(0.000001)
wait(nil)
wait("x")
c := coroFor(wait(0/0); "woke" println)
Coroutine yieldingCoros append(c)
yield
coroDoLater(wait(1e9); "late" println)
yield
wait(1e9)
Scheduler timers size println
