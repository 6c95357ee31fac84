// A block is called explicitly
b := block(a, b, a * b)
b call(6, 7) println
block(42) call println
block(x, x) call println

// Blocks stored in slots are not activated by reading them
getSlot("b") type println
b type println

// A block sees the variables of the context it was created in
makeAdder := method(n, block(x, x + n))
add5 := makeAdder(5)
add10 := makeAdder(10)
add5 call(1) println
add10 call(1) println

// Closures keep and update captured state
makeCounter := method(
    count := 0
    block(count = count + 1)
)
c1 := makeCounter
c2 := makeCounter
c1 call
c1 call
c1 call println
c2 call println
c1 call println

// Top-level variables are captured by reference
total := 0
addToTotal := block(n, total = total + n)
addToTotal call(3)
addToTotal call(4)
total println

// A block created in a method sees the method's self
Person := Object clone
Person name := "Ada"
Person greeter := method(block(greeting, greeting .. ", " .. name))
Person greeter call("Hello") println

// Blocks as arguments
apply := method(f, v, f call(v))
apply(block(x, x * x), 9) println
list(1, 2, 3) map(x, x * 10) println
list(3, 1, 2) select(x, x > 1) println

// callWithArgList, argumentNames, code
blk := block(a, b, a - b)
blk callWithArgList(list(10, 4)) println
blk argumentNames println
blk code println

// Missing arguments are nil; extra ones are ignored
block(a, b, b) call(1) println
block(a, a) call(1, 2, 3) println

// A block made activatable behaves like a method
sq := block(x, x * x) setIsActivatable(true)
sq(7) println

// return inside a block returns from the block call
early := block(x, if(x > 0, return "positive"); "not positive")
early call(1) println
early call(-1) println
