// Actors and futures.
//
// `obj @@msg(args)` queues msg on obj's mailbox and answers nil; `obj @msg(args)`
// does the same and answers a FutureProxy. Arguments are evaluated at once,
// in the sender. An object becomes an actor on its first async message: it
// gets a coroutine that runs its mailbox one message at a time, in order,
// yielding between messages. Using a FutureProxy (sending it anything) waits
// for the result, then sends the message on to the result; an exception that
// ended the message is raised in the waiter instead. Waiting on a future
// whose result can only come from the waiting coroutine itself, directly or
// through a chain of other waits, raises at once instead of hanging.

Future := Object clone do(
    type := "Future"
    runTarget := nil
    runMessage := nil
    waitingCoros := nil
    result := nil
    exception := nil
    isDone := false
    hasProxy := false

    setRunTarget := method(v, self runTarget := getSlot("v"); self)
    setRunMessage := method(v, self runMessage := getSlot("v"); self)
    setWaitingCoros := method(v, self waitingCoros := v; self)

    futureProxy := method(
        self waitingCoros := list
        self hasProxy := true
        FutureProxy with(self)
    )

    // The answer is in: wake everything waiting for it.
    setResult := method(v,
        self result := getSlot("v")
        self isDone := true
        if(waitingCoros, waitingCoros foreach(c, c resumeLater))
        self
    )

    setException := method(e,
        self exception := e
        self isDone := true
        if(waitingCoros, waitingCoros foreach(c, c resumeLater))
        self
    )

    // The coroutine running this message (set when it starts).
    worker := nil
    setWorker := method(c, self worker := c; self)

    // The coroutine this future waits for: its own worker, or, while it is
    // still in the mailbox, the worker of the message the actor is on.
    _blocker := method(
        if(worker, return worker)
        q := runTarget getLocalSlot("actorQueue")
        if(q and(q first) and(q first != self), q first worker, nil)
    )

    // Raise if the running coroutine would wait for itself: the coroutine
    // the answer waits for is the running one or one it runs inside,
    // directly or through a chain of other waits.
    _checkDeadlock := method(
        mine := list
        c := Coroutine currentCoroutine
        while(c and(mine contains(c) not), mine append(c); c = c parentCoroutine)
        f := self
        steps := 0
        while(f and(steps < 10000),
            w := f _blocker
            if(w isNil, return self)
            if(mine contains(w),
                what := runTarget type .. " " .. runMessage name
                Exception raise("Future deadlock: " .. what .. " waits for a result only the waiting coroutine can compute")
            )
            f = w getLocalSlot("waitingOn")
            steps = steps + 1
        )
        self
    )

    waitOnResult := method(
        if(isDone not,
            _checkDeadlock
            me := Coroutine currentCoroutine
            me waitingOn := self
            waitingCoros appendIfAbsent(me)
            while(isDone not, me pause)
            me waitingOn := nil
        )
        if(exception, exception pass)
        getSlot("result")
    )
)

FutureProxy := Object clone do(
    type := "FutureProxy"
    with := method(future,
        p := self clone
        p _future := future
        p forward := self getSlot("_forward")
        p type := self getSlot("_type")
        p removeAllProtos
        p
    )

    // FutureProxy until the answer is in, then the answer's type.
    _type := method(if(_future isDone and(_future exception isNil), _future result type, "FutureProxy"))

    _forward := method(
        r := _future waitOnResult
        getSlot("r") performWithArgList(call message name, call evalArgs)
    )
)

Object do(
    // Make the receiver an actor (once), and put its coroutine in line if its mailbox was empty.
    actorRun := method(
        if(self hasLocalSlot("actorCoroutine"),
            if(actorQueue size == 0, actorCoroutine resumeLater)
        ,
            self actorQueue := list
            c := Coroutine clone
            c setRunTarget(self) setRunLocals(self) setRunMessage(message(actorProcessQueue))
            self actorCoroutine := c
            Coroutine yieldingCoros atInsert(0, c)
        )
        self
    )

    // The actor's body: answer the mailbox's messages in order, forever.
    actorProcessQueue := method(
        loop(
            while(future := actorQueue first,
                e := try(
                    future setWorker(Coroutine currentCoroutine)
                    future setResult(self doMessage(future runMessage))
                )
                actorQueue removeFirst
                if(e,
                    if(future hasProxy, future setException(e), handleActorException(e))
                )
                if(actorQueue first, yield)
            )
            actorCoroutine pause
        )
    )

    // Called with an exception that ended an @@ message; prints it by default.
    handleActorException := method(e, e showStack)

    setSlot("@", method(
        m := call argAt(0) asMessageWithEvaluatedArgs(call sender)
        f := Future clone setRunTarget(self) setRunMessage(m)
        self actorRun
        actorQueue append(f)
        f futureProxy
    ))
    futureSend := getSlot("@")

    setSlot("@@", method(
        m := call argAt(0) asMessageWithEvaluatedArgs(call sender)
        f := Future clone setRunTarget(self) setRunMessage(m)
        self actorRun
        actorQueue append(f)
        nil
    ))
    asyncSend := getSlot("@@")
)

// A simple observer helper.
Notifier := Object clone do(
    addListener := method(l,
        if(self getSlot("listeners") isNil, self listeners := list)
        listeners append(l)
        self
    )
    removeListener := method(l,
        if(self getSlot("listeners"), listeners remove(l))
        self
    )
    notifyListeners := method(
        m := call argAt(0)
        if(self getSlot("listeners"),
            listeners foreach(l,
                if(l hasSlot(m name), l doMessage(m, call sender))
            )
        )
        self
    )
)
