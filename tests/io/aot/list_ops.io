// List at/atPut/append/size/first/last (natives that compiled code calls
// directly) in loops: indices out of range, negative and fractional, wrong
// argument counts and types, and receivers that are not Lists.

xs := list(10, 20, 30)
got := list
for(i, -4, 4, got append(xs at(i)))
// Negative indices count from the end; beyond either end answers nil
got println
// Fractional indices are truncated toward zero
fr := list
for(f, -1.5, 2.5, 0.5, fr append(xs at(f)))
fr println

// atPut within range replaces, out of range raises (message ends in \n)
ys := list(0, 0, 0)
errs := 0
for(i, -1, 4,
    e := try(ys atPut(i, i * 11))
    if(e, errs = errs + 1; last := e error)
)
ys println
errs println
last asMutable replaceSeq("\n", "|") println

// Growing a list in a loop, reading size/first/last as it grows
zs := list
trace := list
n := 0
while(zs size < 5,
    n = n + 1
    zs append(n * n)
    if(zs size % 2 == 1, trace append(zs first .. "-" .. zs last))
)
zs println
trace println
list(list first, list last, list size, list at(0)) println

// append with several arguments, atPut with a missing value, at with an
// extra argument, and arguments of the wrong type
ws := list
3 repeat(k, ws append(k, k + 0.5))
ws println
ws atPut(1) println
(ws at(2, 99)) println
bad := list
list("x", nil, list(1)) foreach(arg,
    e := try(ws at(arg))
    bad append(e error)
)
bad println
e := try(ws append)
e error println

// One loop, one send site, several kinds of receiver: a List, an object
// of our own with Io methods `at` and `size`, a Sequence, a Map and nil
Ring := Object clone do(
    items := list(7, 8, 9)
    size := method(items size)
    at := method(i, items at(i % size))
)
ring := Ring clone
m := Map clone atPut("a", 1)
out := list
list(xs, ring, "abc", m, nil) foreach(r,
    for(i, 2, 4,
        e := try(out append(r type .. " " .. r size .. " " .. r at(i)))
        if(e, out append(r type .. " failed: " .. e error); break)
    )
)
out foreach(line, line println)

// Immutable and non-list receivers of append/atPut
e := try("abc" append(1))
e error println
e := try(3 atPut(0, 1))
e error println
