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

// Resumable exceptions. withHandler (a native) keeps list(proto, handler)
// entries on the running coroutine's handlerStack; withRestarts keeps
// Restart objects there too, so that a continuation restores both at once.

// The `resume` handed to a handler: `resume invoke(v)` leaves the handler
// at once and signal answers v (returning v from the handler does the same);
// `resume decline` leaves it and passes the signal to the next handler out.
Exception _Resumption := Object clone do(
    type := "Resumption"
    _escape := nil
    invoke := method(v, if(_escape, _escape invoke(getSlot("v")), getSlot("v")))
    decline := method(if(_escape, _escape invoke(Exception _Declined), Exception _Declined))
)
Exception _Declined := Object clone do(type := "Declined")

// Every handler-stack entry in effect (handlers and restarts), innermost
// first: the running coroutine's, then each parent's.
Coroutine handlerEntries := method(
    found := list
    coro := Coroutine currentCoroutine
    seen := list
    while(coro isNil not and(seen contains(coro) not),
        seen append(coro)
        if(coro handlerStack, coro handlerStack reverseForeach(entry, found append(entry)))
        coro = coro parentCoroutine
    )
    found
)

// The handler blocks whose proto the receiver is a kind of, innermost first.
Exception _handlers := method(
    Coroutine handlerEntries select(entry,
        (entry type == "List") and(self isKindOf(entry at(0)))
    ) map(at(1))
)

// The innermost handler, or nil.
Exception _findHandler := method(_handlers first)

// signal(error, [nested]): like raise, but a handler installed with
// withHandler answers for it at the signal site, and signal returns that
// answer. A handler that declines hands it to the next one out; with no
// handler left it is raised.
Exception signal := method(error, nested,
    e := self clone setError(error) setNestedException(nested)
    e setCoroutine(Coroutine currentCoroutine)
    e _handlers foreach(handler,
        r := callcc(block(k,
            resume := Exception _Resumption clone
            resume _escape := k
            handler call(e, resume)
        ))
        if(Exception _Declined isIdenticalTo(getSlot("r")) not, return getSlot("r"))
    )
    e raise(error, nested)
)

// Restarts: named ways to go on that the signalling code offers and a handler
// chooses. withRestarts(name1, block1, name2, block2, ..., body) evaluates body
// with those restarts available; invokeRestart(name, args...) (usually from a
// handler) leaves body at once, and withRestarts answers the restart block
// called with args.
Restart := Object clone do(
    type := "Restart"
    name := nil
    action := nil
    _escape := nil
    asString := method("Restart(" .. name .. ")")
)
Restart _Invocation := Object clone

Object withRestarts := method(
    outer := call
    n := outer argCount - 1
    if(n < 0, Exception raise("withRestarts needs a body"))
    coro := Coroutine currentCoroutine
    if(coro handlerStack isNil, coro setHandlerStack(list))
    depth := coro handlerStack size
    r := callcc(block(k,
        offered := list
        i := 0
        while(i + 1 < n,
            rs := Restart clone
            rs name := outer evalArgAt(i)
            rs action := outer evalArgAt(i + 1)
            rs _escape := k
            offered append(rs)
            i = i + 2
        )
        // Innermost last on the stack: the first one named is found first.
        offered reverseForeach(rs, coro handlerStack append(rs))
        outer evalArgAt(n)
    ))
    while(coro handlerStack size > depth, coro handlerStack pop)
    if(getSlot("r") isKindOf(Restart _Invocation) and(r restart _escape isIdenticalTo(r escape)),
        r restart getSlot("action") callWithArgList(r args)
    ,
        getSlot("r")
    )
)

// The restarts available here, innermost first.
Object availableRestarts := method(
    Coroutine handlerEntries select(entry, entry type == "Restart")
)

Object findRestart := method(name,
    availableRestarts detect(r, r name == name)
)

Object invokeRestart := method(name,
    rs := findRestart(name)
    if(rs isNil, Exception raise("no restart named " .. name asString .. " is available"))
    args := call evalArgs
    args removeFirst
    inv := Restart _Invocation clone
    inv restart := rs
    inv escape := rs _escape
    inv args := args
    rs _escape invoke(inv)
)
