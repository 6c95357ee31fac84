// Errors raised by the VM record the message being evaluated
e := try(1 + "a")
e caughtMessage name println
e := try(list(1) at("x"))
e caughtMessage name println

// An Io-level raise has no caught message
e := try(Exception raise("plain raise"))
e caughtMessage println
