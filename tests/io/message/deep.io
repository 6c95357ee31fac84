// Message trees 100,000 levels deep: printing, copying and walking them
// never recurse on the native stack.

depth := 100000
nested := message(x)
chain := message(x)
for(i, 1, depth,
    t := message(f) clone
    t appendArg(nested)
    nested = t
    u := message(g) clone
    u setNext(chain)
    chain = u
)

c := nested code
c size println
copy := nested clone
(copy code == c) println
nested setLabel("deep.io")
inner := nested
for(i, 1, depth, inner = inner argAt(0))
inner name println
inner label println

chain code size println
chain last name println
chain lastBeforeEndOfLine name println
chainCopy := chain clone
chainCopy last name println
chain asSimpleString println

b := Block clone
b setMessage(nested)
b code size println
