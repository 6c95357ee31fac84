// Block code and asSimpleString.

block(foo bar) code println
method(foo bar) code println
block(a, b, a + b) code println
method(x, x := x * 2; x) code println
method() code println
method(a, nil) code println
method(block(y, y) call(1)) code println
getSlot("Block") code println

// setScope decides between block( and method(.
b := block(foo bar)
getSlot("b") setScope(nil)
getSlot("b") code println
getSlot("b") setScope(Lobby)
getSlot("b") code println
getSlot("b") setScope
getSlot("b") code println

// asSimpleString names the arguments only.
method(a, b, a + b) asSimpleString println
block(a, a) asSimpleString println
method(1) asSimpleString println
block(1) asSimpleString println

// A method stored in a slot is read with getSlot (reading it calls it).
Thing := Object clone
Thing twice := method(n, n * 2)
Thing getSlot("twice") code println
Thing twice(21) println
