m := Map clone atPut("a", 1) atPut("b", "two") atPut("c", nil)

// asList: list(key, value) pairs
m asList println
m asList at(1) at(1) println
Map clone asList println

// asObject: an object with a slot per key
o := m asObject
o a println
o b println
o hasLocalSlot("c") println
o slotNames sort println

// asJson
m asJson println
Map clone asJson println
Map clone atPut("q\"k", list(1, "x", nil)) atPut("n", 2.5) asJson println
Map clone atPut("t", true) atPut("f", false) asJson println
Map clone atPut("inner", Map clone atPut("k", 1)) asJson println

// merge gives a new map; mergeInPlace changes the receiver; the argument wins
x := Map clone atPut("a", 1) atPut("b", 2)
y := Map clone atPut("b", 20) atPut("c", 30)
z := x merge(y)
z keys println
z values println
x keys println
(x mergeInPlace(y) == x) println
x keys println
x values println

// with: alternating keys and values
w := Map with("k1", 1, "k2", 2)
w keys println
w values println
Map with keys println
Map with("odd") values println

// reverseMap: values become keys
r := Map clone atPut("a", "x") atPut("b", "y") reverseMap
r keys println
r values println

// addKeysAndValues
a := Map clone
(a addKeysAndValues(list("p", "q", "r"), list(1, 2)) == a) println
a keys println
a values println
