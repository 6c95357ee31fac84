m := Map clone atPut("a", 1) atPut("b", 2) atPut("c", 3)

// foreach(key, value, body) and foreach(value, body), in insertion order
m foreach(k, v, writeln(k, " = ", v))
m foreach(v, writeln(v))
(m foreach(k, v, v * 10)) println
(Map clone foreach(k, v, v)) println
// the names are set in the caller's locals
k println
v println

// break and continue
(m foreach(k, v, if(v == 2, break(k)); v)) println
seen := list()
m foreach(k, v, if(v == 2, continue); seen append(k))
seen println
firstOver := method(aMap, n, aMap foreach(k, v, if(v > n, return k)); "none")
firstOver(m, 1) println
firstOver(m, 5) println

// pairs added while iterating are not visited; removed ones are seen as nil
n := Map clone atPut("x", 1) atPut("y", 2)
n foreach(k, v, n atPut(k asMutable appendSeq("!"), v); writeln(k))
n size println
o := Map clone atPut("x", 1) atPut("y", 2)
o foreach(k, v, if(k == "x", o removeAt("y")); writeln(k, " ", v))

// map: a list of the body's values
m map(k, v, list(k, v)) size println
m map(k, v, v * 2) println
m map(k, v, k) println
m map(k, k) println
m map(k, v, if(v == 2, continue); v) println
m map(k, v, if(v == 2, break); v) println

// select: a new Map of the pairs for which the body is true
s := m select(k, v, v > 1)
s keys println
s values println
m select(k, k != "a") keys println
m select(true) size println
m select(k, v, if(v == 3, break); true) keys println
m size println

// detect: the first list(key, value) for which the body is true
m detect(k, v, v > 1) println
m detect(k, k == "c") println
m detect(k, v, v > 5) println
(Map clone detect(k, v, true)) println
