// A local holding a block is read as the block itself until the block
// becomes activatable: from then on reading it runs it, also in a loop
// that read it before.

b := block(41)
seen := list
for(i, 1, 4,
    seen append(if(b type == "Block", "the block", b))
    if(i == 2, getSlot("b") setIsActivatable(true))
)
seen println

f := method(
    c := block(x, x + 1)
    r := list
    3 repeat(k,
        r append(getSlot("c") isActivatable)
        if(k == 1, getSlot("c") setIsActivatable(true))
    )
    r
)
f println
