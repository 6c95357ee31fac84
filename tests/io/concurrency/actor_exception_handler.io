// An exception that ends an @@ message (nobody waits on it) is handed to
// the actor's handleActorException(e); the actor goes on with its next
// message. The default handler prints the exception's stack (showStack).

Worker := Object clone do(
    log := list
    good := method(tag, log append(tag))
    bad := method(tag, Exception raise("bad " .. tag))
    handleActorException := method(e,
        log append("handled " .. e type .. ": " .. e error)
    )
)
Worker @@good("one")
Worker @@bad("two")
Worker @@good("three")
Worker @@nonexistent
Worker @@good("four")
8 repeat(yield)
Worker log foreach(l, l println)

// An @ message's exception goes to the future's user, not to the handler
f := Worker @bad("five")
e := try(x := f + 1)
e error println
Worker log size println

// The default handler: prints the stack to standard output
Plain := Object clone do(bad := method(Exception raise("plain bad")))
Plain @@bad
3 repeat(yield)
"end" println
