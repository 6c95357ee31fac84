// A slot redefined inside a hot loop: a method replaced on iteration 500,
// a value slot replaced, and a slot added to a proto mid-loop that shadows
// one found further up; compiled loops must see each change at once.

Counter := Object clone do(
    step := method(1)
)
c := Counter clone
total := 0
for(i, 1, 1000,
    if(i == 500, Counter step := method(10))
    total = total + c step
)
// 499 iterations of 1, then 501 of 10
total println

// A plain value slot replaced mid-loop (top level)
factor := 2
sum := 0
i := 0
while(i < 1000,
    i = i + 1
    if(i == 500, factor = 3)
    sum = sum + factor
)
sum println
factor println

// A slot added to a proto mid-loop, shadowing the same name further up
Base := Object clone do(kind := "base"; weight := 1)
Mid := Base clone
Leaf := Mid clone
seen := list
w := 0
for(i, 1, 1000,
    if(i == 300, Mid kind := "mid")
    if(i == 600, Mid weight := 5)
    if(i == 900, Leaf kind := "leaf")
    if(seen last != Leaf kind, seen append(Leaf kind))
    w = w + Leaf weight
)
seen println
w println

// The same inside a method: the loop runs in the method's compiled body
Shape := Object clone do(
    area := method(2)
    sumAreas := method(n,
        acc := 0
        n repeat(k,
            if(k == 250, self area := method(3))
            acc = acc + area
        )
        acc
    )
)
s := Shape clone
s sumAreas(1000) println
// The override was put on s itself, the proto is unchanged
Shape area println
s area println
Shape clone sumAreas(4) println

// Removing a shadowing slot mid-loop uncovers the one further up again
Leaf removeSlot("kind")
Mid removeSlot("kind")
names := list
for(i, 1, 6,
    if(i == 3, Mid kind := "mid again")
    if(i == 5, Mid removeSlot("kind"))
    names append(Leaf kind)
)
names println
