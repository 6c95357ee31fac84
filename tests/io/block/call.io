// The Call object a method sees as `call`.

Obj := Object clone
Obj info := method(a,
    list(call sender, call target, call message name, call activated, call slotContext)
)
child := Obj clone
r := child info(1, 2)
(r at(0) == thisContext) println
(r at(1) == child) println
r at(2) println
(r at(3) == Obj getSlot("info")) println
(r at(4) == Obj) println
ct := method(call type)
ct println

// Arguments: unevaluated messages, evaluated on request in the sender.
args := method(list(call argCount, call hasArgs, call argAt(0), call argAt(5)))
r := args(1 + 2, b)
r at(0) println
r at(1) println
r at(2) code println
(r at(3) == nil) println
args at(1) println
args at(0) println

x := 5
ev := method(list(call evalArgAt(0), call evalArgAt(1)))
ev(x + 1, "s") at(0) println
ev(x + 1, "s") at(1) println
(ev(x) at(1) == nil) println

all := method(call evalArgs)
all(x, x * 2, "t") println
all size println
caller := method(y, all(y, y + 1))
caller(10) println

log := list()
all(log append("a"), log append("b"))
log println

// The sender's locals are where the arguments are evaluated.
outer := method(v, inner(v * 2))
inner := method(call evalArgAt(0) + call sender v)
outer(4) println

// description: "<target type> <message name>" padded to 36, file, line.
Obj where := method(call description)
Obj where println
where2 := method(call description)
where2 println
