// Evaluating messages and copying them.

Point := Object clone do(x := 3; y := 4)
m := message(x * y)
m doInContext(Point) println
x := 10
y := 2
m doInContext(Point, Lobby) println
message(x + 1) doInContext(Lobby) println

// With locals given, the first message goes to the target and the
// arguments are evaluated in the locals.
ctx := Object clone do(x := 100)
message(x + x) doInContext(Point, ctx) println
message(y +(x)) doInContext(Point, ctx) println

// argsEvaluatedIn: the arguments' values, in order.
args := message(f(x, y, x + y, "s")) argsEvaluatedIn(Point)
args size println
args at(0) println
args at(1) println
args at(2) println
args at(3) println
message(f) argsEvaluatedIn(Point) size println

order := Object clone do(log := list())
message(f(log append(1), log append(2))) argsEvaluatedIn(order)
order log size println
order log at(0) println
order log at(1) println

// asMessageWithEvaluatedArgs: a copy whose arguments are cached values.
e := message(foo(x + 1, "s", x)) asMessageWithEvaluatedArgs
e code println
e name println
e argAt(0) cachedResult println
e argAt(1) cachedResult println
e argAt(2) cachedResult println
e argAt(0) hasCachedResult println
message(foo(x + 1)) asMessageWithEvaluatedArgs(Point) argAt(0) cachedResult println
inside := method(v, message(g(v * 2)) asMessageWithEvaluatedArgs)
inside(21) argAt(0) cachedResult println
// Nothing to evaluate: the receiver itself.
lit := message(foo(1, "a"))
(lit asMessageWithEvaluatedArgs == lit) println

// opShuffle: operators are arranged at parse time; it answers the receiver.
o := message(1 + 2 * 3)
(o opShuffle == o) println
o code println

// clone is a deep copy.
orig := message(a(b c, d) e; f)
copy := orig clone
copy code println
(copy == orig) println
copy argAt(0) next setName("changed")
copy next setName("E")
copy code println
orig code println
lit clone argAt(1) cachedResult println
Message fromString("1 + 2") doInContext(Lobby) println

// A message marked activatable is evaluated, in the reader's locals, when its
// slot is read.
Lobby plusOne := message(x + 1) setIsActivatable(true)
plusOne println
Point getX := method(plusOne)
Point getX println
(Message OperatorTable == OperatorTable) println
