// break, continue and return inside compiled loops: nested loops at top
// level and in methods, with values, and a return leaving several loops.

// break with a value leaves only the innermost loop; its value is the loop's
rows := list
for(a, 1, 4,
    inner := for(b, 1, 10,
        if(b > a, break(a * 100 + b))
        if(b == 2, continue)
        rows append(a .. "," .. b)
    )
    rows append(inner)
)
rows println

// continue in a while whose counter moves before the continue
i := 0
odds := 0
while(i < 20,
    i = i + 1
    if(i % 2 == 0, continue)
    if(i > 15, break)
    odds = odds + i
)
list(i, odds) println

// repeat and loop with break and continue
hits := list
7 repeat(n, if(n % 3 == 0, continue); hits append(n))
hits println
m := 0
v := loop(m = m + 1; if(m < 5, continue); break(m * m))
v println

// return from three nested loops inside a method, called from a loop
Finder := Object clone do(
    find := method(target,
        for(x, 0, 9,
            y := 0
            while(y < 10,
                10 repeat(z,
                    if(x * 100 + y * 10 + z == target, return list(x, y, z) join("-"))
                )
                y = y + 1
            )
        )
        "none"
    )
)
found := list
for(t, 120, 1200, 360, found append(Finder find(t)))
found println

// return with no value, and a method whose loop always returns early
early := method(n, for(k, 1, 100, if(k == n, return)); "never")
early(3) println
firstNeg := method(xs, xs foreach(x, if(x < 0, return x)); 0)
s := 0
for(k, 1, 5, s = s + firstNeg(list(k, 0 - k, -100)))
s println

// break and continue in a block's loop, the block called from a loop
counter := block(limit,
    c := 0
    j := 0
    while(true,
        j = j + 1
        if(j > limit, break)
        if(j % 2 == 1, continue)
        c = c + 1
    )
    c
)
out := list
for(l, 0, 6, out append(counter call(l)))
out println

// A return from a block that is a method's argument leaves that method
Search := Object clone do(
    firstOver := method(xs, limit,
        xs foreach(x, if(x > limit, return "first over " .. limit .. ": " .. x))
        "nothing over " .. limit
    )
)
for(lim, 2, 8, 3, Search firstOver(list(1, 4, 9, 2), lim) println)
