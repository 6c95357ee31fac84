// withHandler takes its handler off the coroutine's handlerStack however
// its body ends, including when a continuation was invoked inside the
// body (as resume decline and invokeRestart do).

depth := method(s := Coroutine currentCoroutine handlerStack; if(s, s size, 0))
depth println

// A continuation invoked (and answered) inside the body
withHandler(Exception, block(e, resume, 1),
    callcc(block(k, k invoke(1)))
)
depth println

// A handler declines to the outer one
r := withHandler(Exception, block(e, resume, "outer"),
    withHandler(Exception, block(e, resume, resume decline),
        Exception signal("d")
    )
)
r println
depth println

// A handler invokes a restart offered inside the withHandler body
r := withHandler(Exception, block(e, resume, invokeRestart("useValue", 7)),
    withRestarts("useValue", block(v, v * 6),
        Exception signal("needs a value")
    )
)
r println
depth println

// So no handler is left to answer a later signal
e := try(Exception signal("unhandled"))
e error println
