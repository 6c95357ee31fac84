// callcc(block(k, ...)) calls the block with a Continuation k. If the
// block returns normally, callcc answers its value; k invoke(v) makes the
// callcc expression answer v at once, from wherever it is invoked.

r := callcc(block(k, 10))
r println

r := callcc(block(k, k invoke(5); "not reached" println; 6))
r println

// Escape from a loop
found := callcc(block(k,
    list(3, 8, 12, 7, 20) foreach(x, if(x > 10, k invoke(x)))
    "none"
))
found println

// Escape from nested loops and a method
firstEven := method(rows, k,
    rows foreach(row, row foreach(x, if(x isEven, k invoke(x))))
    "no even number"
)
callcc(block(k, firstEven(list(list(1, 3), list(5, 6, 8)), k))) println
callcc(block(k, firstEven(list(list(1, 3)), k))) println

// The callcc value goes on into the rest of the expression
(1 + callcc(block(k, k invoke(41)))) println
list("a", callcc(block(k, k invoke("b"); "x")), "c") println

// Information about the continuation
saved := nil
r := callcc(block(k,
    saved = k
    list(k type, k frameCount type, k frameCount > 0, k isInvoked) println
    "returned"
))
r println
saved isInvoked println
k2 := nil
callcc(block(k, k2 = k; k invoke(nil)))
k2 isInvoked println

// Escape through withHandler leaves the handler stack as it was
depth := method(s := Coroutine currentCoroutine handlerStack; if(s, s size, 0))
depth println
r := callcc(block(k,
    withHandler(Exception, block(e, resume, "outer"),
        ("inside one: " .. depth) println
        withHandler(Exception, block(e, resume, "inner"),
            ("inside two: " .. depth) println
            k invoke("escaped")
        )
    )
))
r println
depth println
