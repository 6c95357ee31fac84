// Operators changed after start-up: an operator added to OperatorTable and
// used in loops of code compiled afterwards by doString; Number's `+` and
// `*` redefined in the middle of loops and restored from saved originals.

Number <=> := method(o, if(self < o, -1, if(self > o, 1, 0)))
OperatorTable addOperator("<=>", 5)
doString("
    signs := list
    for(i, -2, 2, signs append(i <=> 0))
    signs println
    Sorter := Object clone do(
        inversions := method(xs,
            n := 0
            for(a, 0, xs size - 2,
                for(b, a + 1, xs size - 1,
                    if(xs at(a) <=> xs at(b) == 1, n = n + 1)
                )
            )
            n
        )
    )
")
Sorter inversions(list(3, 1, 2, 5, 4)) println
// The operator binds looser than +, so this is (1 + 2) <=> (2 + 2)
doString("(1 + 2 <=> 2 + 2) println")

// Number + replaced on iteration 4 and restored on iteration 7
orig := Number getSlot("+")
total := 0
for(i, 1, 10,
    if(i == 4, Number + := method(o, self * o))
    if(i == 7, Number + := getSlot("orig"))
    total = total + i
)
// 1+2+3 = 6, then *4 *5 *6 = 720, then +7 +8 +9 +10
total println
(2 + 2) println

// The same from a method called by a loop inside a method
Tweak := Object clone do(
    savedMul := Number getSlot("*")
    on := method(Number * := method(o, self + o))
    off := method(Number * := Tweak getSlot("savedMul"))
    run := method(
        r := list
        k := 0
        while(k < 6,
            k = k + 1
            if(k == 2, on)
            if(k == 5, off)
            r append(k * 10)
        )
        r
    )
)
Tweak run println
(3 * 4) println

// A comparison operator redefined and restored with setSlot (the loop's
// own test uses `<`, which stays as it is)
origMore := Number getSlot(">")
count := 0
j := 0
while(j < 8,
    j = j + 1
    if(j == 3, Number setSlot(">", method(o, false)))
    if(j == 5, Number setSlot(">", getSlot("origMore")))
    if(j > 0, count = count + 1)
)
// j = 3 and j = 4 counted nothing
count println
(2 > 1) println
