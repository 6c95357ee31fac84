// Micro-benchmarks of the interpreter's basic operations.
//
// Prints one line of JSON. Each metric is in millions of operations per
// second: a run does 125,000 iterations of 8 operations (1,000,000 in all),
// so the value is 1 / (seconds taken).

Bench := Object clone

// The slot read and written by slotAccesses and slotSets.
Bench x := 1

// The method called by blockActivations.
Bench foo := method(1)

Bench localAccesses := method(
    x := 1
    125000 repeat(
        x; x; x; x; x; x; x; x
    )
)

Bench localSets := method(
    x := 1
    125000 repeat(
        x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1
    )
)

// No local named x here, so x is found in the receiver.
Bench slotAccesses := method(
    125000 repeat(
        x; x; x; x; x; x; x; x
    )
)

Bench slotSets := method(
    125000 repeat(
        x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1
    )
)

Bench blockActivations := method(
    125000 repeat(
        foo; foo; foo; foo; foo; foo; foo; foo
    )
)

Bench instantiations := method(
    125000 repeat(
        Bench clone; Bench clone; Bench clone; Bench clone
        Bench clone; Bench clone; Bench clone; Bench clone
    )
)

// thisContext is a built-in (CFunction) method.
Bench cfuncActivations := method(
    125000 repeat(
        thisContext; thisContext; thisContext; thisContext
        thisContext; thisContext; thisContext; thisContext
    )
)

// A second coroutine yields back for as long as Bench partnerRunning is true.
// Each `yield` of the timed loop is a round trip through it: two switches.
Bench partnerRunning := false
Bench coroutineSwitches := method(
    Bench partnerRunning = true
    partner := Object clone
    partner bounce := method(while(Bench partnerRunning, yield))
    partner @@bounce
    yield
    start := Date clock
    500000 repeat(yield)
    seconds := Date clock - start
    Bench partnerRunning = false
    yield
    "\"coroutineSwitches\": " .. (1 / seconds) asString(0, 3)
)

// Runs blk once and returns `"name": <millions of operations per second>`.
Bench timeIt := method(name, blk,
    start := Date clock
    blk call
    seconds := Date clock - start
    "\"" .. name .. "\": " .. (1 / seconds) asString(0, 3)
)

json := "{\"ioVersion\": \"" .. System version .. "\""
json = json .. ", " .. Bench timeIt("localAccesses", block(Bench localAccesses))
json = json .. ", " .. Bench timeIt("localSets", block(Bench localSets))
json = json .. ", " .. Bench timeIt("slotAccesses", block(Bench slotAccesses))
json = json .. ", " .. Bench timeIt("slotSets", block(Bench slotSets))
json = json .. ", " .. Bench timeIt("blockActivations", block(Bench blockActivations))
json = json .. ", " .. Bench timeIt("instantiations", block(Bench instantiations))
json = json .. ", " .. Bench timeIt("cfuncActivations", block(Bench cfuncActivations))
json = json .. ", " .. Bench coroutineSwitches
json = json .. "}"
json println
