// Changing a message changes what the code it belongs to does.

f := method(1 + 2)
f println
body := getSlot("f") message
body next argAt(0) setCachedResult(10)
f println
body next setName("*")
f println
body next setArguments(list(message(4 + 1)))
f println
body next appendArg(message(99))
f println
body setNext(nil)
f println
body setNext(message(+ 100))
f println
body setCachedResult(5)
f println
body removeCachedResult
body setName("seven")
seven := 7
f println
getSlot("f") code println

// A method that rewrites its own body between calls.
counter := method(
    n := 0
    getSlot("counter") message argAt(1) setCachedResult(n + 1)
    n
)
counter println
counter println
counter println

// Rewriting inside a running loop takes effect on the next iteration.
loopBody := message(total = total + 1)
total := 0
for(i, 1, 4, loopBody doInContext(Lobby); if(i == 2, loopBody argAt(1) next argAt(0) setCachedResult(10)))
total println
