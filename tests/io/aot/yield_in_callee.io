// A callee redefined to yield while a compiled loop calls it: another
// coroutine runs at each yield, reads what the loop wrote and writes what
// the loop reads next; both sides print, so the interleaving shows.

tick := method(n, n)
step := 0
bonus := 0
Watcher := Object clone do(
    watch := method(rounds,
        for(k, 1, rounds,
            ("  watcher " .. k .. " sees step " .. Lobby step) println
            Lobby bonus = Lobby bonus + 100
            yield
        )
        "  watcher done" println
    )
)
Watcher @@watch(3)
total := 0
for(i, 1, 10,
    step = i
    if(i == 6, tick = method(n, yield; n))
    total = total + tick(i) + bonus
    ("main " .. i .. " total " .. total) println
)
bonus println

// The same with the loop inside a method and the other side a coroutine
// queued with coroFor on yieldingCoros
Job := Object clone do(
    progress := 0
    pace := method(nil)
    run := method(n,
        seen := list
        j := 0
        while(j < n,
            j = j + 1
            progress = j
            if(j == 3, self pace := method(yield))
            pace
            seen append(j)
        )
        seen
    )
)
job := Job clone
obs := coroFor(
    3 repeat(r, ("  observer " .. r .. " progress " .. job progress) println; yield)
    "  observer done" println
)
Coroutine yieldingCoros append(obs)
job run(6) println
obs isFinished println

// Two loops, each on its own coroutine, calling the same yielding method.
// Both count with the Lobby's k: for sets it from its own counter, while
// reads it back, so b sees a's writes (b1, then b3 after a wrote 2).
log := list
hop := method(tag, k, log append(tag .. k); yield)
a := coroFor(for(k, 1, 4, hop("a", k)))
b := coroFor(k := 0; while(k < 3, k = k + 1; hop("b", k)))
Coroutine yieldingCoros append(a)
Coroutine yieldingCoros append(b)
while(a isFinished not or b isFinished not, yield)
log println
