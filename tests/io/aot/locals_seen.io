// Locals written by compiled loops, read from outside the loop: through
// thisContext, call sender and slotNames (the order in which the loop
// created them), and written by a callee so that the loop sees the change.

// Slots created at top level inside a loop, in the order they appear
marker := 0
for(i, 1, 4,
    if(i == 3, third := i * 3)
    if(i == 1, first := i)
    setSlot("sq" .. i, i * i)
    last := i
)
names := Lobby slotNames
names slice(names indexOf("marker") + 1) println
list(i, first, third, last, sq1, sq2, sq3, sq4) println

// A method's locals after its loop, through thisContext
Probe := Object clone do(
    scan := method(limit,
        j := 0
        while(j < limit,
            j = j + 1
            if(j == 2, two := j)
            if(j % 2 == 1, odd := j)
        )
        ctx := thisContext
        names := ctx slotNames select(n, list("self", "call") contains(n) not)
        list(names, ctx j, ctx odd, ctx two, thisContext limit)
    )
)
r := Probe scan(5)
r at(0) println
r slice(1) println

// A callee reads its caller's loop counter and locals through call sender,
// and writes one of them: the caller's loop goes on with the new value
spy := method(s := call sender; log append(s k .. ":" .. s seen); if(s k == 3, s k = 7))
walk := method(
    k := 0
    seen := 0
    while(k < 10,
        k = k + 1
        seen = seen + 1
        spy
    )
    list(k, seen)
)
log := list
walk println
log println

// thisContext read and written inside a counted loop
counts := method(
    total := 0
    for(n, 1, 6,
        thisContext total = thisContext total + n
        if(n == 4, thisContext setSlot("mid", total))
    )
    list(total, mid, thisContext hasLocalSlot("n"), n)
)
counts println

// A local removed in the middle of the loop: later reads of the name find
// the receiver's slot of that name instead
Holder := Object clone do(
    acc := 1000
    run := method(
        acc := 0
        out := list
        for(i, 1, 4,
            if(i == 3, thisContext removeSlot("acc"))
            out append(acc)
            acc = acc + 1
        )
        out println
        list(thisContext hasLocalSlot("acc"), self acc)
    )
)
h := Holder clone
h run println
Holder acc println
