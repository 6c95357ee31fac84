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
