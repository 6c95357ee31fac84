"ok" println
s := "never closed
1 println
