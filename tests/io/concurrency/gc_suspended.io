// Suspended coroutines keep their frames alive through a collection: each
// one holds a list in a local while it waits, and finds it intact after.
// (coroDo runs its code in the caller's context: each call of spawn is one.)
sums := list
spawn := method(i,
    coroDo(
        mine := list(i, i * 2, i * 3)
        yield
        sums append(mine sum)
    )
)
50 repeat(i, spawn(i))
// Garbage, then a full collection while all fifty are waiting.
1000 repeat(list(1, 2, 3) map(x, x asString))
Collector collect
while(Coroutine yieldingCoros size > 0, yield)
sums size println
sums sum println

// A continuation keeps its frozen frames alive too.
Lobby again := nil
count := 0
values := list
v := callcc(block(k, Lobby again := k; list("kept", 1)))
values append(v)
Collector collect
count = count + 1
if(count < 3, again invoke(list("kept", count + 1)))
values println
