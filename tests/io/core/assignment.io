// := creates a slot, = updates it
a := 1
a println
a = 2
a println
(b := 5) println
(a = 7) println
x := y := 3
x println
y println

// The value is the rest of the statement
s := 1 + 2 * 3; s println
t := (1 + 2) * 3
t println
t = 1 + 2 == 3
t println

// setSlot / updateSlot / getSlot spell the same operations
setSlot("c", 10)
c println
updateSlot("c", 11) println
getSlot("c") println
(setSlot("d", 4) + 1) println

// Assigning inside an object
o := Object clone
o v := 1
o v println
o v = o v + 1
o v println
o setSlot("w", 3)
o w println
o hasLocalSlot("v") println

// = on a slot found in a proto stores a local slot on the receiver
p := o clone
p v = 100
p v println
o v println
p hasLocalSlot("v") println

// ::= also makes a setter that returns the receiver
q := Object clone
q size ::= 3
q size println
(q setSize(4) == q) println
q size println
q newSlot("color", "red") println
q color println
q setColor("blue") color println

// Names starting with an uppercase letter name the value's type
Point := Object clone
Point type println
Point clone type println
lower := Object clone
lower type println
Animal := Object clone
Dog := Animal clone
Dog type println
Dog clone type println
Pet := Dog
Pet type println

// setSlotWithType is what := uses for capitalised names
setSlotWithType("Thing", Object clone) type println
setSlot("Other", Object clone) type println

// Inside a method := makes a local variable, = updates the closest binding
counter := 0
bump := method(counter = counter + 1)
bump
bump
counter println
shadow := method(counter := 99; counter)
shadow println
counter println

// = on a slot that does not exist is an error
e := try(undefinedSlotName = 5)
e error println
o2 := Object clone
e := try(o2 missing = 1)
e error println
m := method(nothingHere = 1)
e := try(m)
e error println
