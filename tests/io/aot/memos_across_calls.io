// What compiled code remembers about slots and guards outlives one
// activation of a method: here each call gets a fresh object, some with
// their own `updateSlot`, some whose slots were added in another order,
// while enough is allocated for the collector to run and reuse the
// records of objects that died.

setV := method(o, o v = 5; o v + o w)
total := 0
kinds := list
for(i, 1, 900,
    junk := list
    300 repeat(junk append(Object clone))
    o := Object clone
    if(i % 2 == 0, o w := 1; o v := 0, o v := 0; o w := 2)
    if(i % 3 == 0, o updateSlot := method(n, val, self setSlot(n, val + 100)))
    got := setV(o)
    total = total + got
    if(kinds contains(got) not, kinds append(got))
)
total println
kinds sort println
