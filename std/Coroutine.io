// Coroutine and Scheduler: the Io-written half. Switching, the run queue and
// the timer wake-ups are natives (protos/coroutine.rs).

Coroutine do(
    type := "Coroutine"
    stackSize := 131072
    inException := false
    debugWriteln := nil
    ignoredCoroutineMethodNames := list("setResult", "main", "pauseCurrentAndResumeSelf", "resumeParentCoroutine", "raiseException")

    setRunTarget := method(v, self runTarget := getSlot("v"); self)
    setRunLocals := method(v, self runLocals := getSlot("v"); self)
    setRunMessage := method(v, self runMessage := getSlot("v"); self)
    setParentCoroutine := method(v, self parentCoroutine := getSlot("v"); self)
    setResult := method(v, self result := getSlot("v"); self)
    setException := method(v, self exception := getSlot("v"); self)
    setHandlerStack := method(v, self handlerStack := getSlot("v"); self)
    setInException := method(v, self inException := v; self)
    setStackSize := method(n, self stackSize := n; self)


    label := method(self uniqueId)
    setLabel := method(s, self label := s .. "_" .. self uniqueId; self)
    typeId := method(self type .. "_" .. self uniqueHexId)

    // Remove the receiver from the run queue and switch to it, unless it is running.
    pauseCurrentAndResumeSelf := method(
        yieldingCoros remove(self)
        if(isCurrent not, resume)
        self
    )
    yieldCurrentAndResumeSelf := getSlot("pauseCurrentAndResumeSelf")

    resumeParentCoroutine := method(
        if(parentCoroutine, parentCoroutine pauseCurrentAndResumeSelf)
    )

    // The body, for callers that want to run it by hand.
    main := method(
        setResult(self getSlot("runTarget") doMessage(runMessage, self getSlot("runLocals")))
        resumeParentCoroutine
        pause
    )

    raiseException := method(e, self setException(e); e raise)
    // Raise the exception already stored in `exception`.
    rawSignalException := method(if(exception, exception raise); self)

    showYielding := method(s,
        writeln("   ", label, " ", s)
        yieldingCoros foreach(c, writeln("    ", c uniqueId))
    )

    backTraceString := method(
        buf := Sequence clone
        if(exception,
            buf appendSeq("\n  ", exception type, ": ", exception error asString, "\n")
        )
        buf appendSeq("  ---------\n")
        frames := callStack
        if(frames isEmpty,
            buf appendSeq("  nothing on stack\n")
        ,
            frames foreach(c, buf appendSeq("  ", c description, "\n"))
        )
        buf appendSeq("\n")
        buf
    )

    showStack := method(write(backTraceString))

    // The frames of the running code, innermost first (a snapshot); nil
    // unless the receiver is running.
    currentFrame := method(if(isCurrent, EvalFrame current parent, nil))
)

Scheduler do(
    type := "Scheduler"

    // Park aCoroutine until `when` (seconds since 1970): it goes back on the
    // run queue once the time has come. Replaces a timer it already had.
    addTimerAt := method(when, aCoroutine,
        removeTimerFor(aCoroutine)
        i := 0
        timers foreach(t, if(t at(0) > when, break); i = i + 1)
        timers atInsert(i, list(when, aCoroutine))
        self
    )

    addTimer := method(seconds, aCoroutine,
        addTimerAt(Date clone now asNumber + seconds, aCoroutine)
    )

    removeTimerFor := method(aCoroutine,
        timers selectInPlace(t, t at(1) != aCoroutine)
        self
    )

    // Run the other coroutines until none is runnable and no timer is pending.
    waitForCorosToComplete := method(
        loop(
            wakeExpiredTimers
            if(yieldingCoros size > 0, yield; continue)
            if(timers size > 0, idleUntilNextTimer; continue)
            break
        )
        self
    )
)

Object do(
    currentCoro := method(Coroutine currentCoroutine)

    // wait(seconds): let other coroutines run for at least that long. The
    // running coroutine is parked on a timer; if something resumes it early
    // it parks again until the deadline has passed.
    wait := method(seconds,
        if(seconds <= 0, yield; return self)
        coro := Coroutine currentCoroutine
        deadline := Date clone now asNumber + seconds
        while(Date clone now asNumber < deadline,
            Scheduler addTimerAt(deadline, coro)
            coro pause
            Scheduler removeTimerFor(coro)
        )
        self
    )

    // A coroutine (not started) that sends message m to target in locals.
    _coroutine := method(target, locals, m,
        Coroutine clone setRunTarget(target) setRunLocals(locals) setRunMessage(m)
    )

    // A coroutine (not started) that runs code in the caller's context.
    coroFor := method(_coroutine(call sender, call sender, call argAt(0)))

    // A coroutine (not started) that runs code with the receiver as target.
    coroWith := method(_coroutine(self, call sender, call argAt(0)))

    // Start code on a new coroutine now; the caller goes on at its next turn.
    coroDo := method(
        c := _coroutine(call sender, call sender, call argAt(0))
        Coroutine yieldingCoros atInsert(0, Coroutine currentCoroutine)
        c run
    )

    // Queue code on a new coroutine, first in line; it starts at the next yield.
    coroDoLater := method(
        c := _coroutine(self, call sender, call argAt(0))
        Coroutine yieldingCoros atInsert(0, c)
        c
    )
)
