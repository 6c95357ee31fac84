// Nested inline loops run as loops of their own in compiled code: values
// carried round them, break and continue across levels, leaving the
// compiled code in an inner loop and coming back in at its head, and a
// Number that becomes a String in the middle of the innermost loop.

// Sums carried round three levels, with continue and break in each
total := 0
steps := 0
for(a, 1, 6,
    if(a == 2, continue)
    b := 0
    while(b < a,
        b = b + 1
        if(b == 3, continue)
        4 repeat(c,
            if(c == 3, break)
            total = total + a * 100 + b * 10 + c
            steps = steps + 1
        )
        if(total > 5000, break)
    )
    if(a == 5, break)
)
list(total, steps) println

// An op compiled code leaves for (a lazy `map`) inside the inner loop:
// the interpreter does it, and the code is entered again at a loop head
rows := list
for(i, 1, 3,
    j := 0
    while(j < 3,
        row := list(i, j) map(v, v * 10)
        rows append(row sum + j)
        j = j + 1
    )
)
rows println

// A counter that becomes a String halfway through the inner loop: the
// arithmetic after the change is done by the String's own `+` (raising),
// with the loops' state intact when the exception is caught outside
acc := 0
x := 0
e := try(
    for(i, 1, 3,
        for(j, 1, 4,
            if(i == 2 and j == 3, x = "text")
            x = x + 1
            acc = acc + j
        )
    )
)
list(acc, x, e error) println

// A Number becomes a String mid-loop and the loop goes on with it
log := list
v := 0
k := 0
while(k < 6,
    m := 0
    loop(
        m = m + 1
        if(m > 2, break)
        if(k == 3 and m == 2, v = "s")
        if(v type == "Number", v = v + m, v = v .. m)
    )
    log append(v)
    k = k + 1
)
log println

// The same method entered at an inner loop head many times, with a
// different kind of value each call
f := method(items,
    out := 0
    items foreach(it,
        n := 0
        while(n < 3,
            out = if(it type == "Number", out + it * n, out)
            n = n + 1
        )
    )
    out
)
list(f(list(1, 2, 3)), f(list("a", 2, nil)), f(list(0.5, list(1), 4))) println
