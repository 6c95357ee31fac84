// resume, resumeLater, pause, coroDo and coroDoLater.

main := Coroutine currentCoroutine

// resume starts a fresh coroutine at once; main goes on when it ends
log1 := list
r := coroFor(log1 append("r runs"); "r result")
r resume
log1 append("main after resume")
log1 println
r result println

// pause takes the running coroutine off the queue and runs the next one;
// it stays parked until something resumes it
log2 := list
p := coroFor(log2 append("p before pause"); pause; log2 append("p after pause"))
// main is queued first, so p's pause hands control back to main
Coroutine yieldingCoros atInsert(0, main)
p resume
log2 append("main: p is paused")
list(p isFinished, Coroutine yieldingCoros contains(p)) println
p resume
log2 append("main: p ended")
log2 join(", ") println
p isFinished println

// coroDo starts the code now on a new coroutine; the caller is first in
// line, so the new coroutine's first yield comes back to the caller
log3 := list
cd := coroDo(log3 append("cd start"); yield; log3 append("cd end"))
log3 append("main after coroDo")
log3 println
cd type println
cd isFinished println

// resumeLater puts a coroutine first in the queue without switching
log4 := list
x := coroFor(log4 append("x"))
y := coroFor(log4 append("y"))
Coroutine yieldingCoros append(x)
y resumeLater
(Coroutine yieldingCoros indexOf(y)) println
log4 println

// Each yield runs the first in line: y, then cd (still queued from its
// own yield), then x
yield
log4 println
yield
log3 println
yield
log4 println
list(x isFinished, y isFinished, cd isFinished) println

// coroDoLater queues the code first in line without starting it
log5 := list
later := coroDoLater(log5 append("later ran"))
log5 println
(Coroutine yieldingCoros first == later) println
yield
log5 println
later isFinished println
