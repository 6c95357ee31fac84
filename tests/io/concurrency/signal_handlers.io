// Resumable exceptions: withHandler(proto, block(e, resume, ...), body)
// evaluates body; Exception signal(msg) inside it calls the handler at the
// signal site, and signal answers the handler's value (or the v of
// resume invoke(v)). Handlers match by isKindOf, innermost first.

Warning := Exception clone
Problem := Exception clone

r := withHandler(Warning, block(e, resume,
        ("handler got " .. e error .. " (" .. e type .. ")") println
        42
    ),
    v := Warning signal("low fuel")
    ("signal answered " .. v) println
    v + 1
)
r println

// resume invoke(v): signal answers v
r := withHandler(Exception, block(e, resume, resume invoke("via resume")),
    list("before", Exception signal("x"), "after")
)
r println

// The body goes on after each signal; the handler runs once per signal
count := 0
total := withHandler(Warning, block(e, resume, count = count + 1; count * 100),
    Warning signal("a") + Warning signal("b") + Warning signal("c")
)
list(count, total) println

// The handler runs at the signal site, deep in methods
Reader := Object clone do(
    readAll := method(items, items map(x, parse(x)))
    parse := method(x, if(x isKindOf(Number), x, Problem signal("bad item " .. x)))
)
withHandler(Problem, block(e, resume, e error size),
    Reader readAll(list(1, "ab", 3, "cdef"))
) println

// Innermost matching handler first; isKindOf decides what matches
r := withHandler(Exception, block(e, resume, "outer"),
    withHandler(Problem, block(e, resume, "inner"),
        list(Warning signal("w"), Problem signal("p"), Exception signal("e"))
    )
)
r println
Severe := Problem clone
withHandler(Problem, block(e, resume, "a Problem: " .. e type),
    Severe signal("s")
) println

// With no handler, signal raises like raise
e := try(Warning signal("nobody listens"))
list(e type, e error) println
e := try(withHandler(Problem, block(e, resume, "not for warnings"), Warning signal("still nobody")))
e error println

// raise is not resumable: it does not call the handler
e := try(withHandler(Exception, block(e, resume, "handler called" println; 1),
    Exception raise("raised")
))
e error println

// The handler is gone once withHandler has returned
withHandler(Exception, block(e, resume, "gone?"), 1)
e := try(Exception signal("after withHandler"))
e error println

// resume decline passes the signal to the next handler out; when every
// handler declines, signal raises
e := try(withHandler(Warning, block(e, resume, resume decline), Warning signal("declined")))
e error println
r := withHandler(Exception, block(e, resume, "outer saw " .. e error),
    withHandler(Exception, block(e, resume, "inner declines" println; resume decline),
        Exception signal("d")
    )
)
r println
