// Trees rewired into cycles or shared sub-trees can still be printed, copied
// and walked: a message met again inside itself prints as "...".

loop1 := message(a b)
loop1 next setNext(loop1)
loop1 code println
loop1 last name println
loop1 lastBeforeEndOfLine name println
c := loop1 clone
c code println
(c next next == c) println

self1 := message(f)
self1 appendArg(self1)
self1 code println
self1 clone code println
self1 setLabel("relabelled")
self1 argAt(0) label println

// Sharing is not a cycle: a shared argument prints each time it is used.
shared := message(x y)
pair := message(p)
pair setArguments(list(shared, shared))
pair code println
pcopy := pair clone
pcopy code println
(pcopy argAt(0) == pcopy argAt(1)) println
(pcopy argAt(0) == shared) println

// Blocks with such bodies list them the same way.
b := Block clone
b setMessage(loop1)
b code println
b asString println
