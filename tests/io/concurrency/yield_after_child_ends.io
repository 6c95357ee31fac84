// When a coroutine ends and its parent goes on, the parent is running, so
// it is no longer in the run queue: its next yield runs whatever was
// queued meanwhile.

main := Coroutine currentCoroutine
c := coroFor("c runs" println)
Coroutine yieldingCoros append(c)
yield
// c ended; main (its parent) goes on
"back in main" println
(Coroutine yieldingCoros contains(main)) println
Coroutine yieldingCoros size println

d := coroFor("d runs" println)
Coroutine yieldingCoros append(d)
yield
"main after yielding to d" println
d isFinished println

// The same after a child started with coroDo ends
e := coroDo(yield; "e ends" println)
"main after coroDo" println
f := coroFor("f runs" println)
Coroutine yieldingCoros append(f)
yield
// e ran to its end first, then main went on (off the queue again)
yield
list(e isFinished, f isFinished) println
Coroutine yieldingCoros size println
