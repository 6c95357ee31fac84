W := Exception clone
c := coroFor(withHandler(W, block(e, resume, "h"), yield; W signal("in coro") println))
Coroutine yieldingCoros append(c)
yield
try(W signal("main")) println
yield
e := try(coroFor(withRestarts("r", block(1), Exception raise("x"))) run)
e println
k := coroFor(Exception raise("uncaught in coro"))
Coroutine yieldingCoros append(k)
yield
withHandler(W, block(e, resume, "parent handler"), coroFor(W signal("child") println) run)
Coroutine currentCoroutine setHandlerStack(list(1, nil, list(W), list(W, 3)))
try(W signal("junk")) println
Coroutine currentCoroutine setHandlerStack(5)
try(W signal("junk2")) println
r := withRestarts("up", block(v, v), coroFor(invokeRestart("up", 5)) run)
r println
