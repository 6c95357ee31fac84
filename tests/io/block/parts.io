// Block parts: arguments, body, scope, passStops, cloning.

// Cloning a Block gives a distinct Block.
block1 := Lobby getSlot("Block") clone
block2 := Lobby getSlot("Block") clone
(getSlot("block1") uniqueId != getSlot("Block") uniqueId) println
(getSlot("block1") uniqueId != getSlot("block2") uniqueId) println
getSlot("block1") type println

// A Block built by hand from a message and argument names.
body := Message fromString("arg1 + arg2")
built := Lobby getSlot("Block") clone setMessage(body) setArgumentNames(list("arg1", "arg2"))
built call(3, 2) println
(getSlot("built") message == body) println
getSlot("built") code println

// A clone copies the body: changing one leaves the other alone.
orig := method(a, a + 1)
twin := getSlot("orig") clone
getSlot("twin") message next setName("-")
orig(10) println
twin(10) println
getSlot("twin") isActivatable println
getSlot("twin") argumentNames println

// Argument names.
getSlot("orig") argumentNames println
block(a, b, c, foo bar) argumentNames println
block(foo bar) argumentNames size println
nb := block(foo bar) setArgumentNames(list("d", "e"))
getSlot("nb") argumentNames println
getSlot("nb") code println
try(block(foo bar) setArgumentNames) error println
try(block(foo bar) setArgumentNames(nil)) error println
try(block(foo bar) setArgumentNames(list(1))) error println

// Body.
block(foo bar) message code println
try(block(foo bar) setMessage) error println
try(block(foo bar) setMessage(nil)) error println
m := Message fromString("blah fasel")
(block(foo bar) setMessage(m) message == m) println

// Scope.
o := Object clone
o test := method(block(foo bar) scope == thisLocalContext)
o test println
sb := block(thisContext)
(getSlot("sb") scope == thisLocalContext) println
getSlot("sb") setScope(nil)
(getSlot("sb") scope == nil) println
getSlot("sb") setScope(o)
(getSlot("sb") scope == o) println
getSlot("sb") setScope
(getSlot("sb") scope == nil) println
// A scope-less block stays a value when read from a slot.
holder := Object clone
holder b := block(1) setScope(nil)
holder b type println

// passStops: does a return inside the block reach past it?
b := block(return "block")
a := method(b call; return "method")
a println
b := block(return "block") setPassStops(true)
a := method(b call; return "method")
a println
getSlot("b") passStops println
block(1) passStops println
