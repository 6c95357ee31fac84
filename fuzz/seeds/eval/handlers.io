W := Exception clone
r := withHandler(W, block(e, resume, e error .. "!"), W signal("a") .. W signal("b"))
r println
r := withHandler(Exception, block(e, resume, "outer"),
    withHandler(W, block(e, resume, resume decline), W signal("d")))
r println
withHandler(W, block(e, resume, resume invoke(7); 8), W signal("x") + 1) println
try(W signal("none")) error println
withHandler(nil, nil, 1) println
try(withHandler(W)) println
