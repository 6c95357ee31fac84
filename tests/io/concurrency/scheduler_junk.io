// Junk in the scheduler's lists never stalls it: entries that are not
// list(deadline, coroutine) are dropped, a timer that never fires is given
// up, and with nothing left to run `pause` raises.
Scheduler timers append(42)
Scheduler timers append(list("soon", 3))
c := coroFor("never runs" println)
Scheduler timers append(list(1/0, c))
Coroutine yieldingCoros append("not a coroutine")
e := try(pause)
e error println
Scheduler timers size println
Coroutine yieldingCoros size println

// Thousands of continuations captured at growing depths are freed at once.
Lobby ks := list
f := method(n, if(n == 0, 0, callcc(block(k, Lobby ks append(k); f(n - 1)))))
f(5000) println
ks size println
ks = nil
Collector collect
"collected" println
