// atPut returns the map; at answers the value or nil
m := Map clone
(m atPut("a", 1) == m) println
m atPut("b", 2) atPut("c", 3)
m at("a") println
m at("b") println
m at("zz") println
m size println
Map size println
m type println

// keys and values keep insertion order; atPut on an existing key keeps its place
m atPut("a", 10)
m keys println
m values println

// at's default is evaluated only on a miss
m at("a", "unused" println) println
m at("q", "default") println
count := 0
m at("a", count = count + 1)
m at("q", count = count + 1)
count println
// a stored nil is a hit
m atPut("n", nil)
m at("n", "default") println

// atIfAbsentPut evaluates its value only when the key is missing
m atIfAbsentPut("a", "never" println) println
m atIfAbsentPut("d", 4) println
m at("d") println
m keys println

// removeAt keeps the order of the rest
m removeAt("b") keys println
m at("c") println
m at("b") println
m removeAt("nothing") size println
m atPut("b", 20)
m keys println
m values println
m removeAt("a") removeAt("n")
m keys println
m at("c") println
m at("d") println
m at("b") println

// hasKey, hasValue
m hasKey("c") println
m hasKey("a") println
m hasValue(20) println
m hasValue(20.0) println
m hasValue(99) println

// keys are compared by their text; a mutable key is copied
k := "key" asMutable
m atPut(k, "v")
k appendSeq("2")
m at("key") println
m hasKey("key2") println

// empty, isEmpty, isNotEmpty
m isEmpty println
m isNotEmpty println
m empty size println
m isEmpty println
m isNotEmpty println
m keys println
m atPut("again", 1) keys println

// clones copy the pairs
p := Map clone atPut("x", 1)
q := p clone
q atPut("y", 2)
p keys println
q keys println
Map clone keys println

// many keys, removed in the middle
big := Map clone
for(i, 1, 1000, big atPut(i asString, i))
for(i, 1, 1000, if(i % 3 == 0, big removeAt(i asString)))
big size println
big at("500") println
big at("501") println
big keys at(0) println
big keys at(1) println
big keys at(2) println
big keys last println
ok := true
big foreach(k, v, if(big at(k) != v, ok = false))
ok println
