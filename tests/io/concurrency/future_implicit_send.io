// Natives that send a message to their argument (writeln and .. send
// asString) go through the FutureProxy like any other send: they wait
// for the result and use it.

Calc := Object clone do(square := method(x, x * x))

f := Calc @square(7)
writeln("f = ", f)
g := Calc @square(8)
("g = " .. g) println
