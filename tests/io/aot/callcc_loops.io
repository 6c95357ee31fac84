// Continuations captured by callcc under code running in loops, each one
// invoked more than once: re-entry goes on from the captured point with
// the loop's own counter as captured and the locals as they are now.

// Top level: captured in a while loop whose counter is a Lobby slot, so a
// re-entry sees the slot's current value (5) and leaves the loop at once
k := nil
log := list
reentries := 0
i := 0
while(i < 5,
    i = i + 1
    if(i == 3, log append(callcc(block(c, k = c; "first"))))
    log append(i)
)
reentries = reentries + 1
if(reentries < 3, k invoke("again " .. reentries))
log println
reentries println

// Captured in a for loop: its counter is part of the frame, so each
// re-entry runs the rest of the iterations again
seen := list
again := nil
for(j, 10, 14,
    if(j == 12, seen append(callcc(block(c, again = c; "x"))))
    seen append(j)
)
if(seen size < 14, again invoke("y"))
seen println

// Inside a method's loop: the continuation, invoked after the method has
// returned, makes it return again (here to the same assignment)
Finder := Object clone do(
    back := nil
    evens := method(limit,
        found := list
        for(n, 1, limit,
            if(n == 4, found append(callcc(block(c, back = c; "mark"))))
            if(n % 2 == 0, found append(n))
        )
        found
    )
)
answers := list
f := Finder evens(6)
answers append(f size)
if(answers size < 3, Finder back invoke("again"))
f println
answers println

// An escape from nested loops, one continuation per call, inside a loop
firstProduct := method(target,
    callcc(block(out,
        for(a, 1, 9,
            b := 1
            while(b <= 9,
                if(a * b == target, out invoke(a .. "x" .. b))
                b = b + 1
            )
        )
        "none"
    ))
)
res := list
for(t, 10, 13, res append(firstProduct(t)))
res println

// A generator: a loop in a method hands each value out through one
// continuation and is resumed through another
Gen := Object clone do(
    outK := nil
    inK := nil
    step := method(
        callcc(block(o,
            outK = o
            if(inK, inK invoke(nil))
            for(v, 0, 1, 0.25, callcc(block(r, inK = r; outK invoke(v))))
            inK = nil
            outK invoke(nil)
        ))
    )
)
got := list
while((v := Gen step) != nil, got append(v))
got println
