// Calling blocks: call, callWithArgList, performOn.

add := block(a, b, a + b)
add call(1, 2) println
(block(a, b, b) call(1) == nil) println
add callWithArgList(list(3, 4)) println
try(add callWithArgList(5)) error println

// A block's self is the scope it was made in; a method's is its receiver.
Counter := Object clone do(n := 5)
Counter get := method(block(n) call)
Counter get println
m := method(self)
(getSlot("m") call == thisContext) println

// performOn(target): self is target; the call's sender is the caller.
Point := Object clone do(x := 3)
px := method(x * 10)
getSlot("px") performOn(Point) println

// Without a message, the formal arguments take performOn's own arguments.
first := method(a, a)
(getSlot("first") performOn(Point) == Point) println

// performOn(target, locals, message): the arguments of message are
// evaluated in locals for the formal arguments, and the call sees them.
inspect := method(v, list(self, v, call sender, call message name, call argCount))
env := Object clone do(k := 7)
r := getSlot("inspect") performOn(Point, env, message(probe(k * 6, ignored)))
(r at(0) == Point) println
r at(1) println
(r at(2) == env) println
r at(3) println
r at(4) println
(getSlot("inspect") performOn(Point, env) at(2) == env) println
(getSlot("inspect") performOn(Point) at(2) == thisContext) println
try(getSlot("inspect") performOn(Point, env, 3)) error println

// Blocks and stop statuses through performOn.
early := method(return 9; 10)
getSlot("early") performOn(Point) println
