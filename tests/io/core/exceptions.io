// try answers nil when nothing is raised, the exception otherwise
(try(1 + 1)) println
e := try(Exception raise("boom"))
e type println
e error println
(e isKindOf(Exception)) println

// Code after the raise does not run
e := try(
    "before" println
    Exception raise("stop")
    "after" println
)
e error println

// catch runs its body only for matching exception kinds
e := try(Exception raise("caught"))
e catch(Exception, ("handled: " .. e error) println)
(e catch(Exception, "matched")) println
(try(1) catch(Exception, "not run" println)) println

// Custom exception protos
MyErr := Exception clone
OtherErr := Exception clone
SubErr := MyErr clone
e := try(MyErr raise("mine"))
e type println
e error println
(e isKindOf(MyErr)) println
(e isKindOf(OtherErr)) println
e catch(OtherErr, "wrong handler" println) catch(MyErr, "MyErr handler" println)
e := try(SubErr raise("sub"))
e catch(MyErr, ("SubErr caught as MyErr: " .. e error) println)
(try(SubErr raise("sub")) catch(MyErr, nil)) println
r := try(MyErr raise("unhandled")) catch(OtherErr, "wrong" println)
r type println
r error println

// Exceptions from the VM
e := try(nil foo)
e type println
e error println
e := try(1 + "a")
e error println
e := try(Object clone bar)
e error println

// Raising from methods unwinds through them
level3 := method(MyErr raise("deep"))
level2 := method(level3; "not reached" println)
level1 := method(level2)
e := try(level1)
e error println

// pass re-raises to the enclosing try
e := try(
    ie := try(MyErr raise("inner"))
    ie catch(MyErr, "inner handler" println; ie pass)
)
("outer got: " .. e error) println

// Nested try: the inner one handles, the outer sees nothing
outer := try(
    inner := try(OtherErr raise("x"))
    ("inner type: " .. inner type) println
)
outer println

// Raising inside a catch body goes to the enclosing try
e := try(
    try(MyErr raise("first")) catch(MyErr, OtherErr raise("second"))
)
e type println
e error println

// A try inside a loop does not stop the loop
for(i, 1, 3,
    e := try(if(i == 2, MyErr raise("bad " .. i)); i)
    if(e, ("caught " .. e error) println, ("ok " .. i) println)
)

// raise with an exception object carrying extra slots
DataErr := Exception clone do(code ::= 0)
e := try(DataErr clone setCode(42) raise("with data"))
e error println
e code println

// An exception's error can be any text; the default raise error is nil
e := try(Exception raise)
e error println
e := try(Exception raise("multi word message"))
e error println
