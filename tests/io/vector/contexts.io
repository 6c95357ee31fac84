// Assignments inside the bodies of map, select, detect, reduce and friends
// store into the body's own context when the name is visible through it, so
// a caller's local is shadowed rather than changed; other names go to self.
f := method(c := 0; list(1, 2, 3) map(x, c = c + 1); c)
f println
g := method(c := 0; list(1, 2, 3) select(x, c = c + 1; true); c)
g println
h := method(c := 0; list(1, 2, 3) detect(x, c = c + 1; false); c)
h println
k := method(c := 0; list(1, 2, 3) reduce(a, b, c = c + 1; a + b, 0); c)
k println
m := method(c := 0; list(1, 2, 3) map(x, c = c + x; c))
m println
n := method(c := 0; list(1, 2) map(i, x, c = c + i; c))
n println
o := Object clone do(
    z := 5
    t := method(list(1, 2) map(x, z = z + x); z)
)
o t println
o z println
p := method(c := 0; list(list(1, 2), list(3)) map(l, l map(x, c = c + x; c)))
p println
q := method(list(1) map(x, undefinedName = 1))
e := try(q)
e error println
// foreach binds in the caller's locals: assignments change them
r := method(c := 0; list(1, 2, 3) foreach(x, c = c + x); c)
r println
c := 0
list(1, 2, 3) map(x, c = c + 1)
c println
