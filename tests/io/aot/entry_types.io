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

// A send of more arguments than compiled code passes is left to the
// interpreter, and what it answers (a String) is assigned there: the
// value compiled code knew to be a Number is checked when the loop's head
// is entered again, so the next `+` is the String's
many := method(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, "s")
h := method(
    y := 0
    k := 0
    while(k < 6,
        y = y + 1
        if(k == 2, y = many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17))
        k = k + 1
    )
)
e = try(h)
e error println

// A loop in a lazy argument (entered by the interpreter at its head)
z := 0
e = try(
    for(w, 1, 5, z = z + w; if(w == 3, z = many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)))
)
list(z, e error) println
