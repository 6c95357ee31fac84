// foreach: (index, value, body), (value, body) and (message)
l := list("a", "beta", 3)
l foreach(i, v, writeln(i, ": ", v))
l foreach(v, writeln(v))
l foreach(println)
// the result is the body's last value
(l foreach(i, v, i * 10)) println
(list() foreach(v, v)) println
// the names are set in the caller's locals
i println
v println
// the body sees and updates the caller's variables
total := 0
list(1, 2, 3) foreach(x, total = total + x)
total println

// break and continue
r := list(1, 2, 3, 4, 5) foreach(x, if(x == 4, break(x * 100)); x)
r println
r := list(1, 2, 3, 4) foreach(x, if(x == 2, break); x)
r println
seen := list()
list(1, 2, 3, 4) foreach(x, if(x % 2 == 0, continue); seen append(x))
seen println

// return leaves the enclosing method
findFirstBig := method(aList, aList foreach(x, if(x > 10, return x)); nil)
findFirstBig(list(1, 20, 30)) println
findFirstBig(list(1, 2)) println

// items appended while iterating are visited
grow := list(1, 2, 3)
grow foreach(x, if(x < 3, grow append(x + 10)))
grow println

// reverseForeach
l reverseForeach(i, v, writeln(i, ": ", v))
l reverseForeach(v, writeln(v))
(l reverseForeach(i, v, i)) println
(list() reverseForeach(i, v, i)) println
r := list(1, 2, 3) reverseForeach(x, if(x == 2, break("stopped")); x)
r println
out := list()
list(1, 2, 3, 4) reverseForeach(x, if(x == 3, continue); out append(x))
out println
// a list that shrinks while iterating backwards continues from its new end
shrink := list(1, 2, 3, 4, 5)
visited := list()
shrink reverseForeach(x, visited append(x); if(x == 4, shrink removeAt(3); shrink removeAt(2)))
visited println

// nested loops over the same list
pairs := list()
list(1, 2) foreach(a, list(1, 2) foreach(b, pairs append(list(a, b))))
pairs size println
pairs at(3) at(0) println
pairs at(3) at(1) println
