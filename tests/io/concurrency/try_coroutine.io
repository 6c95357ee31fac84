// try(code) runs code on a child coroutine, in the caller's context, and
// answers the exception that ended it, or nil.

outer := Coroutine currentCoroutine
inner := nil
r := try(inner = Coroutine currentCoroutine; 5)
r println
(inner == outer) println
(inner parentCoroutine == outer) println
inner isFinished println
inner result println

// The body sees and sets the caller's slots
x := 1
try(x = x + 1)
x println

// Exceptions: raised by hand, of a user kind, or from the VM
e := try(Exception raise("boom"))
list(e type, e error) println
Oops := Exception clone
e := try(Oops raise("mine"))
list(e type, e isKindOf(Exception), e isKindOf(Oops)) println
e := try(nil foo)
e error println
e := try(1 / nil)
e type println

// Nested try: the inner one catches, the outer sees nothing
log := list
e := try(
    inner := try(Exception raise("inner"))
    log append(inner error)
    log append("after inner")
)
e println
log println

// pass re-raises a caught exception to the next try out
e := try(
    e1 := try(Oops raise("passed on"))
    e1 pass
)
list(e type, e error) println

// catch runs its code when the exception is of that kind
r := try(Oops raise("x")) catch(Oops, "caught an Oops" println)
r println
r := try(Exception raise("y")) catch(Oops, "not this one" println)
r error println

// The code after an exception in the try body does not run
log := list
try(log append(1); Exception raise("stop"); log append(2))
log println
