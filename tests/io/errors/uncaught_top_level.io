x := 1
x println
undefinedThing println
