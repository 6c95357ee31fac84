// pause with nothing else to run raises "Scheduler: nothing left to
// resume so we are exiting", an ordinary Io exception that try catches.

e := try(pause)
e type println
e error println

// The same from inside a coroutine that has nothing queued behind it:
// the exception ends that coroutine (its report goes to stderr) and its
// parent goes on.
log := list
c := coroFor(log append("c pauses"); pause; log append("never"))
c run
log println
c isFinished println
c exception error println

// Caught inside the coroutine itself, the coroutine goes on
c2 := coroFor(
    e := try(pause)
    if(e, "caught: " .. e error, "no exception")
)
c2 run
c2 result println
