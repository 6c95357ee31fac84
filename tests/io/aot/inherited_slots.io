// Slots of the top level (the Lobby), assigned in a loop and read at once
// through other receivers that inherit them: Object clones and Numbers
// find the Lobby's slots through their protos, so each read must see the
// value just assigned.

foo := 1
o := Object clone
for(i, 1, 3,
    foo = i * 10
    o foo println
)
bar := 0
for(i, 1, 3,
    bar = i + 1
    5 bar println
)
// A while loop's counter, read through a clone in the same expression
k := 0
seen := list
while(k < 4,
    k = k + 1
    seen append(o k)
)
seen println

// The same with a method's locals as the proto of another object
peek := method(
    x := 0
    v := Object clone
    v setProto(thisContext)
    got := list
    for(i, 1, 3,
        x = x + 5
        got append(v x)
    )
    got
)
peek println
