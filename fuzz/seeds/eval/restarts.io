r := withHandler(Exception, block(e, resume, invokeRestart("use", 42)),
    withRestarts("use", block(v, v * 2), "skip", block(nil), Exception signal("bad")))
r println
withRestarts("a", block(1), 99) println
try(invokeRestart("missing")) error println
try(withRestarts(invokeRestart("x"))) println
try(withRestarts) println
withRestarts("x", block(a, b, a + b), invokeRestart("x", 3, 4)) println
