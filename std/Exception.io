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
