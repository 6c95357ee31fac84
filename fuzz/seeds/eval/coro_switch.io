log := list
a := coroFor(log append("a1"); yield; log append("a2"); pause; log append("a3"))
b := coroFor(log append("b1"); a resumeLater; yield; log append("b2"))
Coroutine yieldingCoros append(a, b)
yield; yield
a resume
b run
c := coroDo(log append("c"); yield)
d := coroDoLater(log append("d"))
yield; yield
list(a isFinished, b isFinished, c isYielding, d isCurrent) println
a freeStack; a resume; b setRunMessage(nil); try(b run) println
log println
