// Inside a method body, bare Object primitives act on the activation's
// locals, where the arguments and local variables live.
f := method(v, getSlot("v"))
f(3) println
g := method(v, w := v * 2; getSlot("w"))
g(4) println
h := method(v, hasLocalSlot("v"))
h(1) println
k := method(v, thisLocalContext getSlot("v"))
k(5) println
names := method(a, b, thisLocalContext hasLocalSlot("b"))
names(1, 2) println

// A setter written the usual way with getSlot on an argument
Obj := Object clone
Obj put := method(name, value, self setSlot(name, getSlot("value")); self)
Obj put("x", 7) x println
