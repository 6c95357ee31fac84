// Exception: the Io-written half.

Exception catch := method(proto,
    if(self isKindOf(proto), call evalArgAt(1); nil, self)
)

Exception raiseFrom := method(aCall, error, nested,
    self raise(error, nested)
)
