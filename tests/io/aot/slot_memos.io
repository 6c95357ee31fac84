// Slots of objects read and assigned in loops, where compiled code
// remembers per site where it last found the slot and reads or writes it
// in place on a receiver of the same layout: receivers of other layouts,
// a slot that becomes a method and a Number again, a slot removed, a slot
// found in a proto (assigning it writes the proto), the Number proto as a
// receiver, and forms replaced while the loop runs.

Point := Object clone do(x := 0; y := 0)
a := Point clone; a x = 1; a y = 2
b := Point clone; b y = 3; b x = 4
c := Point clone
d := Object clone do(x := 7; y := 8; z := 9)
e := Point clone; e x := "text"; e y := nil
pts := list(a, b, c, d, a, a, b, c, e, a)

describe := method(ps,
    out := list
    ps foreach(p, out append(p x .. "," .. p y))
    out join(" ")
)
describe(pts) println

// A slot that becomes a method, then a Number again, then is removed
m := Point clone; m x := 1; m y := 1
seen := list
for(i, 1, 8,
    if(i == 3, m x := method(100))
    if(i == 5, m x := 5)
    if(i == 7, m removeSlot("x"))
    seen append(m x)
)
seen println

// Assignments: own slots in place, a slot found in a proto written there
bump := method(o, n,
    for(k, 1, n, o x = o x + k)
    o x
)
acc := Point clone; acc x := 0
bump(acc, 10) println
bump(Point clone, 3) println
Point x println
bump(acc, 2) println
Point x = 0

// The same site on objects of one layout, then on one that grows a slot
grow := list(Point clone, Point clone, Point clone)
grow foreach(p, p x := 1; p y := 2)
total := 0
for(round, 1, 3,
    grow foreach(i, p,
        p x = p x + round
        if(round == 2 and i == 1, p w := 0)
        total = total + p x + p y
    )
)
total println
grow map(p, p x) println

// The Number proto as a receiver of a slot assignment
Number tally := 0
holders := list(acc, Number, acc, Number)
holders foreach(h, h tally := 0)
for(i, 1, 3, holders foreach(h, h tally = h tally + i))
holders map(tally) println
3 tally println
Number removeSlot("tally")

// updateSlot replaced on the proto of receivers of one layout mid-loop
Q := Object clone do(v := 0)
qs := list(Q clone, Q clone, Q clone)
qs foreach(q, q v := 1)
for(i, 1, 5,
    qs foreach(q, q v = q v + i)
    if(i == 3, Q updateSlot := method(n, val, self setSlot(n, val * 100)))
)
qs map(v) println
Q removeSlot("updateSlot")
qs foreach(q, q v = 0)
qs map(v) println
