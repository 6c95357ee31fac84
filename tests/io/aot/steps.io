// Nested for/while/repeat loops with non-integer and negative steps (the
// counter adds the step each time, so float rounding shows as it is),
// and `for` with a step of 0 or a bound that is not a Number (errors).

// Fractional steps, nested: the inner bound depends on the outer counter
pts := list
for(x, 0, 1, 0.5,
    for(y, x, 0, -0.25, pts append(x .. "/" .. y))
)
pts println

// Accumulated float steps, in a method, both directions
walk := method(from, to, step,
    out := list
    for(v, from, to, step, out append(v))
    out
)
walk(0, 1, 0.1) println
walk(1, 0, -0.3) println
walk(-2, -5, -1.5) println
walk(3, 1, 1) println
walk(1, 3, -1) println

// A while counting down by a fraction, with repeat counts computed from it
t := 2.5
marks := list
while(t > 0,
    (t * 2) repeat(k, if(k == 0, marks append(t)))
    n := 0
    (t * 2) repeat(n = n + 1)
    marks append(n)
    t = t - 0.5
)
marks println

// Sums over nested counted loops with negative steps in a method
Grid := Object clone do(
    total := method(
        s := 0
        for(i, 10, 1, -3,
            j := i
            while(j > 0,
                3 repeat(r, s = s + r * j)
                j = j - 4
            )
        )
        s
    )
)
Grid total println

// A step of 0 raises before the body runs; the loop around goes on
errs := list
for(k, 1, 3,
    e := try(for(z, 1, k, k - k, "never" println))
    errs append(e error)
)
errs println
// The step is evaluated: here it is 0 only on the second round
got := list
for(k, 1, 3,
    e := try(for(z, 1, 2, 2 - k, got append(k .. ":" .. z)))
    if(e, got append(e error))
)
got println
// A bound that is not a Number
e := try(for(q, 1, "ten", q println))
e error println
e := try(for(q, nil, 3, q println))
e error println
