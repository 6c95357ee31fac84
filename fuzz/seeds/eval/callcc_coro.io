k := nil
hits := 0
x := callcc(block(c, k = c; "first"))
hits = hits + 1
x println
c := coroFor(if(hits < 3, k invoke("from coro")))
if(hits < 3, c run)
d := coroFor(callcc(block(kk, k = kk; yield; "inner")) println)
Coroutine yieldingCoros append(d)
yield
e := try(k invoke("cross"))
e println
Coroutine yieldingCoros size println
