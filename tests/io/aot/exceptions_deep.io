// Exceptions raised three method frames deep from inside loops (each frame
// looping), caught by try at the top and by withHandler, whose handler
// answers the signal at its site so that the loops go on.

Bad := Exception clone
Pipeline := Object clone do(
    log := list
    leaf := method(x,
        k := 0
        while(k < 3,
            k = k + 1
            if(x == 7 and k == 2, Bad raise("leaf failed at " .. x .. "/" .. k))
        )
        x * 10
    )
    middle := method(xs,
        out := 0
        xs foreach(x, out = out + leaf(x))
        out
    )
    top := method(rounds,
        acc := 0
        for(r, 1, rounds,
            log append(r)
            acc = acc + middle(list(r, r + 1, r + 2))
        )
        acc
    )
)

// No failure: 4 rounds of r, r+1, r+2 (none is 7)
Pipeline top(4) println
Pipeline log = list
// Round 5 reaches 7: try catches it, the loops stop where they were
e := try(Pipeline top(9))
e type println
e error println
Pipeline log println

// A try inside the loop catches each failure and the loop goes on
fails := 0
sum := 0
for(r, 5, 8,
    e := try(sum = sum + Pipeline middle(list(r, r + 2)))
    if(e, fails = fails + 1; ("caught " .. e error) println)
)
list(fails, sum) println

// Resumable: signal instead of raise, and the handler's answer is used
Pipeline leaf = method(x,
    k := 0
    v := x * 10
    while(k < 3,
        k = k + 1
        if(x % 3 == 0 and k == 3, v = Bad signal("soft " .. x))
    )
    v
)
seen := list
r := withHandler(Bad, block(e, resume, seen append(e error); -1),
    Pipeline top(3)
)
r println
seen println

// resume invoke from the handler, and a handler that declines to the next
r := withHandler(Bad, block(e, resume, resume invoke(1000)),
    withHandler(Bad, block(e, resume, if(e error endsWithSeq("6"), resume decline, 0)),
        Pipeline middle(list(3, 4, 6))
    )
)
r println

// An exception from a native (wrong argument type) deep in the loops
Pipeline leaf = method(x, for(i, 1, 2, if(x == 2, x = x + "oops")); x)
e := try(Pipeline top(2))
e error println
