// System: the Io-written half of the proto.

// Where the standard library would be installed.
System ioPath := method(self installPrefix .. "/lib/io")

// Sorts command line arguments: each `--name=value` (or bare `--name`, whose
// value is "") becomes an entry `name -> value`; the remaining arguments are
// gathered in a List under the key "" (absent when there are none).
System getOptions := method(arguments,
    options := Map clone
    plain := List clone
    arguments foreach(a,
        if(a beginsWithSeq("--"),
            body := a exSlice(2)
            eq := body findSeq("=")
            if(eq isNil,
                options atPut(body, "")
            ,
                options atPut(body exSlice(0, eq), body exSlice(eq + 1))
            )
        ,
            plain append(a)
        )
    )
    if(plain isNotEmpty, options atPut("", plain))
    options
)

// True when called from the top level of the script given on the command
// line (not from a file it loaded).
Object isLaunchScript := method(
    call message label == System launchScript
)
