// spectral-norm: estimates the spectral norm of the infinite matrix
// A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1) by power iteration. Default n = 100.

a := method(i, j, 1 / ((i + j) * (i + j + 1) / 2 + i + 1))

// out := A * v
multiplyAv := method(n, v, out,
    for(i, 0, n - 1,
        sum := 0
        for(j, 0, n - 1, sum = sum + a(i, j) * v at(j))
        out atPut(i, sum)
    )
)

// out := transpose(A) * v
multiplyAtv := method(n, v, out,
    for(i, 0, n - 1,
        sum := 0
        for(j, 0, n - 1, sum = sum + a(j, i) * v at(j))
        out atPut(i, sum)
    )
)

// out := transpose(A) * A * v
multiplyAtAv := method(n, v, out, tmp,
    multiplyAv(n, v, tmp)
    multiplyAtv(n, tmp, out)
)

n := if(System args size > 1, System args at(1) asNumber, 100)

u := List clone
n repeat(u append(1))
v := List clone setSize(n)
tmp := List clone setSize(n)

10 repeat(
    multiplyAtAv(n, u, v, tmp)
    multiplyAtAv(n, v, u, tmp)
)

vBv := 0
vv := 0
for(i, 0, n - 1,
    vBv = vBv + u at(i) * v at(i)
    vv = vv + v at(i) * v at(i)
)
(vBv / vv) sqrt asString(0, 9) println
