W := Exception clone
withHandler(W, block(e, resume, "parent handler"), coroFor(W signal("child") println) run)
Coroutine currentCoroutine setHandlerStack(list(1, nil, list(W), list(W, 3)))
try(W signal("junk")) println
Coroutine currentCoroutine setHandlerStack(5)
try(W signal("junk2")) println
r := withRestarts("up", block(v, v), coroFor(invokeRestart("up", 5)) run)
r println
