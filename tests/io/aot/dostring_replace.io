// A method replaced through doString while a loop keeps calling it; the
// new code is compiled at run time, after the module was built.

price := method(n, n * 2)
total := 0
for(i, 1, 100,
    if(i == 51, doString("price := method(n, n * 3)"))
    total = total + price(i)
)
// 2 * (1 + ... + 50) + 3 * (51 + ... + 100)
total println

// doString defining a method that itself loops, called from a loop
Calc := Object clone do(
    f := method(k, k)
    run := method(
        out := list
        for(round, 1, 4,
            if(round == 3,
                self doString("f := method(k, s := 0; for(j, 1, k, s = s + j); s)"))
            out append(f(10))
        )
        out
    )
)
Calc clone run println
Calc f(10) println

// A string built in the loop and evaluated: each iteration defines a new
// method and calls it at once
acc := list
for(i, 1, 5,
    doString("gen := method(" .. i .. " * " .. i .. ")")
    acc append(gen)
)
acc println

// doString answering a value inside a loop, reading the loop's counter
// (doString evaluates in the receiver's context: here the Lobby)
vals := list
for(q, 1, 3, vals append(doString("q + 100")))
vals println

// doString replacing a method while that method's own loop is running:
// the running call goes on with its old code, the next call has the new
Worker := Object clone do(
    work := method(
        r := 0
        for(i, 1, 10,
            if(i == 5, Worker doString("work := method(\"replaced\")"))
            r = r + i
        )
        r
    )
)
Worker work println
Worker work println
