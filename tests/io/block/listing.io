// Block asString, print and println: the source listing.

f := method(a, b,
    x := a + b * 2
    if(x > 3,
        "big" println,
        "small" println)
    y = x; z := 1
    Point := x


    return x - 1
)
getSlot("f") asString println
"--" println
getSlot("f") print
"--" println
getSlot("f") println
"--" println

// One-line bodies; blocks are listed as methods too.
block(k, k foo(1, 2) bar) asString println
method(nil) asString println
method() asString println

// Operators without an argument and prefix operators.
method(-3 abs) asString println
method(a ::= 1; b = 2) asString println
g := method(
    list(1,
        2)
)
getSlot("g") asString println
