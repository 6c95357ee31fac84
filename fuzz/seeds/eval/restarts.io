r := withHandler(Exception, block(e, resume, invokeRestart("use", 42)),
    withRestarts("use", block(v, v * 2), "skip", block(nil), Exception signal("bad")))
r println
withRestarts("a", block(1), 99) println
try(invokeRestart("missing")) error println
try(withRestarts(invokeRestart("x"))) println
try(withRestarts) println
withRestarts("x", block(a, b, a + b), invokeRestart("x", 3, 4)) println
saved := withRestarts("r", block("late"), findRestart("r"))
m := 0
m = m + 1
if(m < 3, try(saved _escape invoke(0)) println)
availableRestarts size println
try(withRestarts("k", 3, invokeRestart("k"))) println
Coroutine currentCoroutine handlerStack append(Restart clone)
try(invokeRestart(nil)) println
