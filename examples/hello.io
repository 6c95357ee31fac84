// A first Io program: printing, methods, loops and lists.

"Hello, world!" println

// A method with one argument; the last expression is its result.
greet := method(name, "Hello, " .. name .. "!")
greet("Io") println

// Add up 1 through 10 with a for loop.
total := 0
for(i, 1, 10, total = total + i)
("1 + 2 + ... + 10 = " .. total) println

// Add up a list of numbers with foreach.
numbers := list(3, 5, 7, 11)
sum := 0
numbers foreach(n, sum = sum + n)
("Sum of the list: " .. sum) println
