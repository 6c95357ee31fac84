// Resumable exceptions: a handler answers for signal at the signal site.
Warning := Exception clone

price := withHandler(Warning,
    block(w, resume, resume invoke(10)),
    Warning signal("no price yet") * 3
)
price println

// A handler's plain answer is the resumed value too.
withHandler(Exception, block(e, r, "fallback"), Exception signal("x")) println

// The innermost matching handler wins; non-matching ones are skipped.
Other := Exception clone
withHandler(Exception, block(e, r, "outer"),
    withHandler(Other, block(e, r, "other"),
        withHandler(Exception, block(e, r, "inner " .. e error), Exception signal("sig")))) println
withHandler(Exception, block(e, r, "outer"),
    withHandler(Other, block(e, r, "other"), Exception signal("sig"))) println

// Without a handler, signal raises.
e := try(Warning signal("nobody listens"))
(e type .. ": " .. e error) println

// A handler may turn the signal into an ordinary raise.
e := try(withHandler(Warning, block(w, r, w pass), Warning signal("passed on")))
e error println

// Handlers are removed when the body ends, also by an exception or a return.
try(withHandler(Warning, block(w, r, 1), Exception raise("boom")))
e := try(Warning signal("after"))
e error println
f := method(withHandler(Warning, block(w, r, 2), return 5); 6)
f println
e := try(Warning signal("after return"))
e error println

// Signals inside a try still reach a handler installed outside it.
withHandler(Warning, block(w, r, 7), try(Warning signal("inside")) isNil) println
