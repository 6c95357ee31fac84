r := callcc(block(k, 1 + k invoke(10)))
r println
saved := nil
n := 0
v := callcc(block(k, saved = k; 0))
n = n + 1
if(n < 4, saved invoke(v + 1))
list(v, n, saved isInvoked, saved frameCount) println
k2 := saved copy
k2 frameMessages size println
list(1, 2, 3) map(x, callcc(block(k, if(x == 2, k invoke(20)); x))) println
try(callcc(3)) println
try(Continuation invoke(1)) println
