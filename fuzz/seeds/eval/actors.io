A := Object clone do(n := 0; inc := method(x, n = n + x; yield; n); boom := method(Exception raise("actor")))
A @@inc(1)
f := A @inc(2)
g := A @boom
(f + 1) println
e := try(g println)
e error println
B := Object clone do(ask := method(A @inc(3)))
h := B @ask
h println
A @@boom
A futureSend(inc(4)) isNil println
Scheduler waitForCorosToComplete
A actorQueue size println
A actorCoroutine resume
Z := Object clone do(me := method(self @me))
try(Z @me println) println
