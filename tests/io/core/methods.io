// Arguments are bound by position; missing ones are nil
add := method(a, b, a + b)
add(2, 3) println
showArgs := method(a, b, c, writeln(a, " ", b, " ", c))
showArgs(1)
showArgs(1, 2)
showArgs(1, 2, 3)

// Extra arguments are not evaluated
noisy := method(v, writeln("evaluated ", v); v)
one := method(a, a)
one(noisy(1), noisy(2)) println

// The last expression is the result; a body-less method answers nil
method(1; 2; 3) call println
method() call println
m := method(nil)
m println

// self is the receiver
Acc := Object clone
Acc total := 0
Acc add := method(n, total = total + n; self)
Acc add(5) add(6) total println
(Acc add(0) == Acc) println

// Methods run in their receiver even when found in a proto
Shape := Object clone
Shape describe := method(name .. " with " .. sides .. " sides")
Tri := Shape clone
Tri name := "triangle"
Tri sides := 3
Tri describe println

// call gives access to the activation
Probe := Object clone
Probe inspect := method(
    writeln("name: ", call message name)
    writeln("argCount: ", call argCount)
    writeln("target is Probe: ", call target == Probe)
    writeln("sender is caller locals: ", call sender == callerMarker)
    writeln("activated is inspect: ", call activated == Probe getSlot("inspect"))
    nil
)
callerMarker := thisLocalContext
Probe inspect(1, 2, 3)

// Arguments can be read unevaluated and evaluated on demand
lazyFirst := method(call argAt(0))
lazyFirst(a + b) name println
lazyFirst(a + b) println
lazyFirst println

evalSecond := method(call evalArgAt(1))
evalSecond(noisy("skipped"), 40 + 2) println

unless := method(cond,
    if(cond, nil, call evalArgAt(1))
)
unless(false, "ran") println
unless(true, "not run" println) println

// evalArgAt evaluates in the caller's context
caller := method(
    secret := "caller's local"
    evalSecond(nil, secret)
)
caller println

// A method can act as a lazy control structure
twice := method(call evalArgAt(0); call evalArgAt(0))
n := 0
twice(n = n + 1)
n println

// call message arguments are Message objects
argNames := method(call message arguments map(code))
argNames(x, y + 1, "s") println

// evalArgs evaluates every argument; hasArgs tells whether there are any
allArgs := method(call evalArgs)
allArgs(1, 2 + 3, "x") println
anyArgs := method(call hasArgs)
anyArgs println
anyArgs(1) println

// Recursion
fact := method(n, if(n <= 1, 1, n * fact(n - 1)))
fact(10) println
fib := method(n, if(n < 2, n, fib(n - 1) + fib(n - 2)))
fib(20) println

// Methods stored in slots activate when read; getSlot does not activate
greet := method("hello")
greet println
getSlot("greet") type println

// A method's argument names and code
m2 := method(first, second, first + second)
getSlot("m2") argumentNames println
getSlot("m2") code println

// call slotContext is where the method was found; call sender reaches
// the caller's local variables
Shape where := method(call slotContext == Shape)
Tri where println
peek := method(call sender secretLocal)
usePeek := method(secretLocal := "caller secret"; peek)
usePeek println
setInCaller := method(call sender setSlot("planted", 1))
plantTest := method(setInCaller; planted + 1)
plantTest println
