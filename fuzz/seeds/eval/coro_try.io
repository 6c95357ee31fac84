e := try(Coroutine currentCoroutine parentCoroutine resume; 1)
e println
e := try(try(Exception raise("in")) raise; 2)
list(e type, e error) println
c := coroFor(Exception raise("coro boom"))
e := try(c run)
e println
c exception println
f := coroFor(yield; nil foo)
Coroutine yieldingCoros append(f)
try(yield; yield; yield) println
Coroutine currentCoroutine callStack size println
Coroutine currentCoroutine ioStack size println
f backTraceString size println
