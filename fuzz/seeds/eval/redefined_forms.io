o := Object clone do(if := method(c, a, b, list(c, a, b)); updateSlot := method(n, v, v); x := 1)
o if(1, 2, break) println
o do(x = 3; y := 4; while := method(a, b, b))
f := method(n := 0; for(i, 1, 5, n = n + i; if(i == 3, continue)); n)
f println
list(1, 2) map(v, k := v; k = k + 1) println
Object setSlot := method(n, v, v)
a := 5
