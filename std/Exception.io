// Exception: the Io-written half.

Exception catch := method(proto,
    if(self isKindOf(proto), call evalArgAt(1); nil, self)
)

Exception raiseFrom := method(aCall, error, nested,
    self raise(error, nested)
)

Exception setError := method(v, self error = v; self)
Exception setNestedException := method(v, self nestedException = v; self)
Exception setCaughtMessage := method(v, self caughtMessage = v; self)
Exception setCoroutine := method(v, self coroutine = v; self)
Exception setOriginalCall := method(v, self originalCall = v; self)

// Resumable exceptions. Handlers live on the running coroutine's handler
// stack; until coroutines exist there is one, the main one.
Coroutine := Object clone do(
    handlerStack := list()
    parentCoroutine := nil
)
Coroutine currentCoroutine := method(Coroutine)

// The `resume` handed to a handler: invoking it answers the value signal returns.
Exception _Resumption := Object clone do(invoke := method(v, v))

// The innermost handler, searching this coroutine then its parents.
Exception _findHandler := method(
    coro := Coroutine currentCoroutine
    while(coro isNil not,
        stack := coro handlerStack
        i := stack size - 1
        while(i >= 0,
            entry := stack at(i)
            if(self isKindOf(entry at(0)), return entry at(1))
            i = i - 1
        )
        coro = coro parentCoroutine
    )
    nil
)

// signal(error, [nested]): like raise, but a handler installed with
// withHandler answers for it at the signal site, and signal returns that answer.
Exception signal := method(error, nested,
    e := self clone setError(error) setNestedException(nested)
    handler := e _findHandler
    if(handler isNil, return e raise(error, nested))
    handler call(e, Exception _Resumption)
)

// withHandler(proto, handler, body): evaluate body with handler answering
// signals of proto (or its clones); the handler is removed however body ends.
Object withHandler := method(proto, handler,
    entries := Coroutine currentCoroutine handlerStack
    entries append(list(proto, getSlot("handler")))
    r := nil
    e := try(r = call relayStopStatus(call evalArgAt(2)))
    entries pop
    if(e, e pass)
    getSlot("r")
)

// The frames of the running code, innermost first (a snapshot).
Coroutine currentFrame := method(EvalFrame current parent)
