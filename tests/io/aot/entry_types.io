// Compiled code knows which values are Numbers along its own paths; when
// the interpreter changes one (after an op compiled code left to it) and
// then comes back in at a loop head, that value is checked on the way in.

// A local that every compiled path keeps a Number becomes a String in an
// op the interpreter does (a lazy `map`): the next `+` is the String's
x := 0
i := 0
e := try(
    while(i < 6,
        x = x + 1
        if(i == 2, x = list("a") map(v, v .. "b") first)
        i = i + 1
    )
)
list(i, x, e error) println

// The same in a method, the value coming back to a Number so the loop
// goes on compiled
f := method(n,
    total := 0
    seen := list
    for(k, 1, n,
        total = total + k
        if(k == 3, total = list(total) map(v, v asString) first; seen append(total type); total = total asNumber)
        seen append(total)
    )
    seen
)
f(5) println
f(2) println

// A counted loop whose bounds are not Numbers
g := method(a, b,
    s := 0
    e := try(for(j, a, b, s = s + j))
    list(s, e ?error)
)
g(1, 4) println
g("1", 4) println
g(1, nil) println
