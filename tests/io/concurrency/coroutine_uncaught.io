// An exception that nothing catches ends the coroutine it was raised in:
// its report goes to stderr, the coroutine keeps it in `exception`, and
// the program goes on (its parent resumes). The exit code stays 0.

c := coroFor(
    "c starts" println
    Exception raise("failure inside c")
    "not printed" println
)
c run
"main goes on" println
c isFinished println
c exception type println
c exception error println
c result println

// The same for a coroutine started with coroDo, failing in a method
Thing := Object clone do(
    explode := method(self noSuchSlot)
)
d := coroDo(Thing explode)
"still here" println
d exception error println

// An exception caught inside the coroutine is not reported
e2 := coroFor(e := try(Exception raise("handled")); "ok: " .. e error)
e2 run
e2 exception println
e2 result println
"end" println
