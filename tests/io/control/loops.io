// while
i := 0
while(i < 3, write(i, " "); i = i + 1)
writeln
r := while(i < 6, i = i + 1; i * 10)
r println
(while(false, 1)) println

// for: inclusive end, optional step, counter in the caller's locals
for(j, 1, 5, write(j, " "))
writeln
for(j, 0, 10, 3, write(j, " "))
writeln
for(j, 5, 1, -1, write(j, " "))
writeln
for(j, 10, 0, -4, write(j, " "))
writeln
for(j, 1, 2, 0.5, write(j, " "))
writeln
for(j, 3, 1, write(j, " "))
"(no iterations)" println
j println
(for(k, 1, 3, k * 2)) println

// The bounds are evaluated once; assigning the counter does not skip
limit := 5
for(k, 1, limit, limit = 2; write(k))
writeln
for(k, 1, 5, write(k); k = k + 10)
writeln
(for(k, 3, 1, k)) println

// loop runs until break, whose argument is the loop's value
n := 0
v := loop(n = n + 1; if(n == 4, break(n * 100)))
v println
(loop(break)) println

// repeat
3 repeat(write("x"))
writeln
4 repeat(idx, write(idx))
writeln
0 repeat("never" println)
(2 repeat(7)) println

// break and continue in while/for/repeat
i := 0
while(i < 10,
    i = i + 1
    if(i % 2 == 0, continue)
    if(i > 7, break)
    write(i, " ")
)
writeln
(for(q, 1, 100, if(q == 5, break(q * q)))) println
for(q, 1, 6, if(q == 3, continue); write(q, " "))
writeln
(5 repeat(idx, if(idx == 2, break("stopped at 2")))) println
10 repeat(idx, if(idx < 8, continue); write(idx, " "))
writeln
x := 0
(while(true, x = x + 1; if(x == 3, break("while broke")))) println

// Nested loops: break leaves only the innermost loop
for(a, 1, 3,
    for(b, 1, 3,
        if(b == 2, break)
        write(a, b, " ")
    )
)
writeln
for(a, 1, 3,
    for(b, 1, 3,
        if(b == 2, continue)
        write(a, b, " ")
    )
)
writeln

// foreach over a list with break and continue
list(1, 2, 3, 4, 5) foreach(e, if(e == 2, continue); if(e == 5, break); write(e, " "))
writeln
(list(1, 2, 3) foreach(e, e * 3)) println

// The loop body can use the loop value
sum := 0
for(i, 1, 100, sum = sum + i)
sum println
