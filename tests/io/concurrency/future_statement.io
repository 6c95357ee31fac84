// A FutureProxy used as the receiver at the start of a statement: the
// message is forwarded to the result, and the statements that follow run
// as usual (in the caller's context, on the caller's self).

Calc := Object clone do(square := method(x, x * x))

f := Calc @square(7)
f println
y := 3
y println
(self == Lobby) println

g := Calc @square(5)
g asString
"after a bare use" println

h := Calc @square(6)
h + 1; z := "same line"
z println
