// doString compiles and runs text in the receiver
doString("1 + 2") println
doString("dsVar := 5")
dsVar println
o := Object clone
o doString("inner := 9; inner * 2") println
o inner println
o hasLocalSlot("inner") println
doString("") println
doString("thisMessage label", "myLabel") println
doString("a := 1; b := 2; a + b") println

// message returns its argument unevaluated
m := message(1 + 2 * 3)
m type println
m println
m name println
m next println
m arguments size println
(message) println
message(foo(bar, baz)) arguments size println
message(foo(bar, baz)) argAt(1) println

// doMessage evaluates a message in the receiver
doMessage(m) println
P := Object clone
P x := 10
P doMessage(message(x * 3)) println
m2 := message(x + y)
Q := Object clone do(x := 1; y := 2)
Q doMessage(m2) println
m2 doInContext(Q) println

// asMessage and Message fromString compile text
"3 * 4" asMessage doInContext(Lobby) println
Message fromString("2 ** 5") doInContext(Lobby) println

// Messages are built from code and can be inspected
code := message(a := b c; d)
code println
message(if(x, y, z)) name println
message(x foo bar) next name println
message(x foo bar) next next name println
message(x foo bar) next next next println

// thisContext is the receiver; thisMessage the message itself
(thisContext == Lobby) println
Obj := Object clone
Obj me := method(self)
(Obj me == Obj) println
Obj do(inside := thisContext)
(Obj inside == Obj) println
thisMessage name println

// perform sends a message by name
3 perform("+", 4) println
list(1, 2) perform("append", 3) println
"abc" perform("size") println
10 performWithArgList("-", list(3)) println

// Code built at runtime can define methods
doString("double := method(v, v * 2)")
double(21) println

// Compile errors in doString are Io exceptions
e := try(doString("foo(1"))
(e != nil) println
e type println
