// When an object answers `if` (or `while`, `setSlot`, ...) with its own
// method, the send goes to that method as written; break, continue and
// return met while its arguments are evaluated still reach the loop or
// method around the send.

Eager := Object clone do(
    // Evaluates all three arguments (it has three parameters).
    if := method(c, a, b, list(c, a, b))

    collect := method(
        seen := list
        for(i, 1, 6,
            seen append(self if(i, i * 10, if(i == 2, continue, if(i == 4, break, i))))
        )
        seen
    )

    early := method(
        self if(true, return "returned early", 0)
        "not reached"
    )

    counted := method(
        n := 0
        while(n < 10,
            n = n + 1
            self while(n, if(n == 3, break, n))
        )
        n
    )
    while := method(a, b, b)
)

Eager collect println
Eager early println
Eager counted println

// An exception raised among those arguments is caught like any other.
Eager failing := method(self if(1, 2, Nobody here))
e := try(Eager failing)
e error println
