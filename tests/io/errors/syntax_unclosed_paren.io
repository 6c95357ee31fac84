"before" println
x := foo(1, 2
"after" println
