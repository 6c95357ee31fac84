// An exception raised three method frames deep, each frame in a loop, that
// nothing catches: the output before it, its report on stderr, exit code 1.

Overflow := Exception clone
Tank := Object clone do(
    level := 0
    fill := method(n,
        i := 0
        while(i < n,
            i = i + 1
            level = level + 1
            if(level > 12, Overflow raise("level " .. level))
        )
    )
    batch := method(k, k repeat(fill(2)))
    run := method(
        for(round, 1, 5,
            batch(2)
            ("round " .. round .. " level " .. level) println
        )
    )
)
Tank run
"not printed" println
