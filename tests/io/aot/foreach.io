// foreach with bare names runs inline (a loop in the caller's code, so
// compiled with it) behind a guard; every form, break, continue, return, a
// list growing while it is walked, a redefined foreach and a non-List
// receiver answer as the built-in does.

l := list(1, 2, 3)
r := l foreach(v, v * 10)
r println
l foreach(i, v, writeln(i, ":", v))
l foreach(v, v, writeln("same ", v))
x := list() foreach(v, 5)
x println
s := 0
list(1,2,3,4,5,6) foreach(v, if(v == 4, continue); if(v == 6, break); s = s + v)
s println
(list(1,2,3) foreach(v, if(v == 2, break(v * 100)))) println
m := list(1, 2)
m foreach(v, if(m size < 5, m append(v + 10)); write(v, " "))
"" println
Obj := Object clone do(foreach := method(a, b, "mine" println))
Obj foreach(v, v println)
L2 := List clone
L2 foreach := method(a, b, "custom" println)
L2 foreach(v, v println)
e := try(Object clone appendProto(List) foreach(v, v println))
e ifNonNil(e error println)
f := method(l, l foreach(k, v, if(v > 1, return k)); nil)
f(list(0, 1, 5)) println
g := method(list(1,2,3) foreach(v, v) )
g println
thisContext hasLocalSlot("v") println
n := 0
for(j, 1, 2000, list(1,2,3) foreach(a, b, n = n + a * b))
n println
list(list(1,2), list(3,4)) foreach(p, p foreach(q, write(q))) 
"" println
"abc" foreach(c, write(c)) 
"" println
