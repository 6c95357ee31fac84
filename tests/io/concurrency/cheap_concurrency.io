// Cheap concurrency: a chain of 500 links, each handing the number it
// gets, plus one, to the next link; the last one adds its numbers up.
// The numbers 1..M are sent in at the head, so the sum at the end is
// M * 500 + M * (M + 1) / 2. Done twice: with plain coroutines that park
// themselves (pause) until a value arrives, and with actors.

N := 500
M := 10
expected := M * N + M * (M + 1) / 2

// Coroutines: each link has an inbox; sending wakes the receiver
Link := Object clone do(
    inbox := nil
    next := nil
    coro := nil
    receivedCount := 0
    init := method(inbox = list)
    send := method(v,
        inbox append(v)
        if(coro isFinished not and coro isCurrent not, coro resumeLater)
    )
    body := method(
        loop(
            while(inbox isEmpty, pause)
            v := inbox removeFirst
            receivedCount = receivedCount + 1
            next send(v + 1)
        )
    )
)
Sink := Object clone do(
    sum := 0
    got := 0
    send := method(v, sum = sum + v; got = got + 1)
)

links := list
N repeat(links append(Link clone))
links foreach(i, l, l next = if(i + 1 < N, links at(i + 1), Sink))
links foreach(l, l coro = l coroWith(body))
// Start them all; each parks itself at once, its inbox being empty
links foreach(l, l coro resumeLater)
yield
for(v, 1, M, links first send(v))
while(Sink got < M, yield)
("coroutines: sum " .. Sink sum .. ", expected " .. expected) println
("every link passed " .. M .. " numbers: " .. links detect(receivedCount != M) isNil) println

// Actors: each link is an actor; @@pass hands the number on
ALink := Object clone do(
    next := nil
    passed := 0
    pass := method(v, passed = passed + 1; next @@pass(v + 1))
)
ASink := Object clone do(
    sum := 0
    got := 0
    pass := method(v, sum = sum + v; got = got + 1)
)
alinks := list
N repeat(alinks append(ALink clone))
alinks foreach(i, l, l next = if(i + 1 < N, alinks at(i + 1), ASink))
for(v, 1, M, alinks first @@pass(v))
while(ASink got < M, yield)
("actors: sum " .. ASink sum .. ", expected " .. expected) println
("every link passed " .. M .. " numbers: " .. alinks detect(passed != M) isNil) println

// The same sum, asked for through a future
((ASink @sum) + 0) println
