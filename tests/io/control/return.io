// return leaves the whole method, even from inside nested loops
find := method(target,
    for(i, 1, 10,
        for(j, 1, 10,
            if(i * j == target, return list(i, j))
        )
    )
    "not found"
)
find(12) println
find(97) println

// return from while and loop
firstOver := method(limit,
    n := 1
    while(true,
        n = n * 2
        if(n > limit, return n)
    )
)
firstOver(100) println

viaLoop := method(
    k := 0
    loop(k = k + 1; if(k == 7, return k * 3))
    "unreachable"
)
viaLoop println

// return from repeat and foreach
viaRepeat := method(10 repeat(i, if(i == 4, return "repeat returned " .. i)); "done")
viaRepeat println
viaForeach := method(list("a", "b", "c") foreach(e, if(e == "b", return e .. "!")); nil)
viaForeach println

// return with no value answers nil
bare := method(return; "not here")
bare println

// Code after return is not run
sideEffect := method(return 1; "after return" println)
sideEffect println

// return inside if branches
sign := method(n,
    if(n < 0, return -1)
    if(n > 0, return 1)
    0
)
sign(-9) println
sign(9) println
sign(0) println

// return only leaves the innermost method
inner := method(return "inner")
outer := method(v := inner; "outer saw " .. v)
outer println

// A return inside a loop inside a block passed to a method
each := method(l, blk, l foreach(x, blk call(x)); "each finished")
collect := list()
each(list(1, 2, 3), block(x, if(x == 2, return); collect append(x))) println
collect println

// break in a method body outside any loop ends the method
stray := method(break("broke out"); "after break")
stray println

// return value used in an expression
double := method(n, return n * 2)
(double(4) + 1) println
