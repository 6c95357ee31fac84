// Restarts: withRestarts(name, block, ..., body) offers named ways to go
// on. invokeRestart(name, args...) leaves the body at once, and
// withRestarts answers the restart's block called with args.
// availableRestarts lists Restart objects (innermost first); findRestart
// finds one by name.

parse := method(s,
    n := s asNumber
    if(n isNan, Exception signal("not a number: " .. s), n)
)

// A handler chooses a restart offered further in
log := list
r := withHandler(Exception, block(e, resume,
        log append(e error)
        log append(availableRestarts map(name) sort join(","))
        invokeRestart("useValue", 42)
        log append("not reached")
    ),
    withRestarts(
        "useValue", block(v, "used " .. v),
        "skip", block("skipped"),
        parse("12") + parse("oops")
        log append("body not finished")
    )
)
r println
log println

// The restart block's arguments come from invokeRestart
r := withRestarts("x", block("outer x"),
    withRestarts("y", block(a, b, a + b),
        invokeRestart("y", 3, 4)
    ) * 10
)
r println

// A body that ends normally answers its own value
withRestarts("a", block(1), 99) println

// findRestart and the Restart objects
rs := withRestarts("again", block(1), findRestart("again"))
list(rs type, rs name) println
withRestarts("again", block(1), findRestart("missing")) println
availableRestarts size println

// Nested restarts: the inner one of a name wins; all are listed
r := withRestarts("x", block("outer x"),
    withRestarts("x", block("inner x"), "y", block("y"),
        names := availableRestarts map(name)
        list(names size, names last, names select(n, n == "x") size) println
        invokeRestart("x")
    )
)
r println
// An outer restart leaves the inner withRestarts too
r := withRestarts("out", block(v, "out with " .. v),
    withRestarts("in", block("in"),
        invokeRestart("out", "outer")
    )
    "not reached"
)
r println

// invokeRestart with a name nobody offers raises
e := try(invokeRestart("nope"))
e error println
e := try(withRestarts("a", block(1), invokeRestart("b")))
e error println

// A retry restart: the body is run again with a new input
attempts := list("x", "y", "7")
result := nil
while(result isNil,
    input := attempts removeFirst
    result = withHandler(Exception, block(e, resume, invokeRestart("retry")),
        withRestarts("retry", block(nil),
            parse(input) * 2
        )
    )
)
list(result, attempts size) println
