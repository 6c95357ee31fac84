// `if`, `while`, `and` and `or`, which compiled loops inline behind
// guards, redefined on an object used as receiver, some of them in the
// middle of a loop: from then on the sends go to the new methods.

// `if` redefined on self on iteration 3: `self if(...)` goes to the new
// one, which takes its arguments as parameters and so evaluates both
// branches; a bare `if(...)` in a method is looked up in the locals first,
// which have Object's own `if`, so it keeps the built-in
Flip := Object clone do(
    patch := method(self if := method(c, a, b, "if(" .. c .. ")"))
    run := method(
        log := list
        for(i, 1, 5,
            if(i == 3, patch)
            r := self if(i % 2 == 0, log append("even " .. i); "E", log append("odd " .. i); "O")
            log append(r)
            log append(if(i > 4, "bare big", "bare small"))
        )
        log
    )
)
Flip clone run println
// The new `if` was put on the clone, not on Flip
Flip hasLocalSlot("if") println

// `while` redefined on self: `self while(...)` runs its body once per
// send from then on
Once := Object clone do(
    run := method(
        out := list
        for(round, 1, 4,
            if(round == 3, self while := method(c, b, "once"))
            k := 0
            w := self while(k < 3, k = k + 1)
            out append(k .. "/" .. w)
        )
        out
    )
)
Once clone run println

// `and` and `or` on an object of our own, and on a receiver that changes
// from a built-in value to that object in the middle of the loop
Vote := Object clone do(
    and := method(x, "Vote and " .. x)
    or := method(x, "Vote or " .. x)
)
res := list
for(i, 1, 4,
    r := if(i < 3, i == 2, Vote)
    res append(r and(i))
    res append(r or(i))
)
res println

// true's own `and` replaced on iteration 2 and restored on iteration 4
saved := true getSlot("and")
seen := list
for(i, 1, 5,
    if(i == 2, true and := method(x, "patched " .. x))
    if(i == 4, true and := getSlot("saved"))
    seen append(true and(i))
)
seen println
(true and(false)) println

// A Lobby-level `while` shadowing the built-in, then removed
count := 0
for(i, 1, 3,
    if(i == 2, Lobby while := method(c, b, count = count + 100))
    k := 0
    while(k < 2, k = k + 1; count = count + 1)
)
Lobby removeSlot("while")
m := 0
while(m < 3, m = m + 1)
list(count, m) println
