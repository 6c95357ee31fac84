"before exit" println
System exit(3)
"not printed" println
