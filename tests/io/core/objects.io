// clone makes a child whose proto is the receiver
Animal := Object clone
Animal sound := "..."
Animal speak := method(sound)
Dog := Animal clone
Dog sound := "woof"
Animal speak println
Dog speak println
(Dog proto == Animal) println
(Animal proto == Object) println
Dog protos size println

// Slots are looked up along the proto chain and can be shadowed
d := Dog clone
d speak println
d sound = "grr"
d speak println
Dog speak println
d removeSlot("sound")
d speak println
Dog removeSlot("sound")
d speak println

// init runs on every clone
Counter := Object clone
Counter init := method(self count := 0; self)
Counter inc := method(count = count + 1; self)
c1 := Counter clone
c2 := Counter clone
c1 inc inc inc
c2 inc
c1 count println
c2 count println
Counter hasLocalSlot("count") println
c1 hasLocalSlot("count") println
Counter cloneWithoutInit hasLocalSlot("count") println

// init is inherited and sees the new object as self
Base := Object clone
Base init := method(self tag := self type)
Derived := Base clone
Derived clone tag println

// hasSlot / hasLocalSlot / getSlot / slotNames
o := Object clone
o a := 1
o b := method(a + 1)
o hasSlot("a") println
o hasSlot("clone") println
o hasLocalSlot("clone") println
o hasSlot("nope") println
(o getSlot("a")) println
(o getSlot("nope")) println
o getSlot("b") type println
o b println
o slotNames sort println
o removeSlot("a") slotNames println
o hasSlot("a") println

// A fresh clone has no local slots; Object's proto is the Lobby
Object clone slotNames println
Dog slotNames sort println
(Object proto == Lobby) println

// Multiple protos: lookup is depth first, in proto order
A := Object clone
A who := "A"
A onlyA := "from A"
B := Object clone
B who := "B"
B onlyB := "from B"
AParent := Object clone
AParent deep := "AParent"
A appendProto(AParent)
B deep := "B"
x := Object clone
x setProto(A)
x appendProto(B)
x who println
x onlyA println
x onlyB println
x deep println
x protos size println
x prependProto(B)
x who println
x removeProto(B)
x who println
x protos size println

// isKindOf follows every proto
(x isKindOf(A)) println
(x isKindOf(AParent)) println
(x isKindOf(B)) println
(x isKindOf(Object)) println
(Dog isKindOf(Animal)) println
(Animal isKindOf(Dog)) println
(3 isKindOf(Number)) println
("s" isKindOf(Sequence)) println

// Lookup terminates even when protos form a cycle
c1 := Object clone
c2 := Object clone
c1 appendProto(c2)
c2 appendProto(c1)
c2 onlyOnC2 := "found through the cycle"
c1 onlyOnC2 println
try(c1 nothingAnywhere) error println
(c1 isKindOf(Number)) println

// type
Object type println
Object clone type println
Dog type println
d type println
3 type println
"abc" type println
nil type println
true type println
list type println
method(1) type println
block(1) type println

// Identity and equality of plain objects
p1 := Object clone
p2 := Object clone
(p1 == p1) println
(p1 == p2) println
(p1 != p2) println
(p1 isIdenticalTo(p1)) println

// super and resend reach the next definition up the proto chain
Creature := Object clone
Creature init := method(self legs := 4)
Creature describe := method("creature with " .. legs .. " legs")
Bird := Creature clone
Bird init := method(super(init); self wings := 2)
Bird describe := method(resend .. " and " .. wings .. " wings")
Bird clone describe println
(Bird clone legs + Bird clone wings) println

// do evaluates in the context of the receiver
Config := Object clone do(
    name := "cfg"
    size := 2
)
Config name println
Config size println
