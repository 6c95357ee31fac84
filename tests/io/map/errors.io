// Keys must be Sequences
show := method(e, if(e, e error println, "no error" println))
m := Map clone atPut("a", 1)

show(try(m atPut(1, 2)))
show(try(m atPut(nil, 2)))
show(try(m atPut(list(), 2)))
show(try(m atPut(Object clone, 2)))
show(try(m at(1)))
show(try(m at))
show(try(m at(nil, "default")))
show(try(m atIfAbsentPut(3, 4)))
show(try(m hasKey))
show(try(m hasKey(nil)))
show(try(m removeAt(5)))
show(try(Map with("a", 1, 2, 3)))
show(try(Map clone atPut("k", 1) reverseMap))
show(try(m addKeysAndValues(list(1), list(2))))
show(try(m addKeysAndValues(nil, list(2))))
show(try(m merge(3)))
show(try(m mergeInPlace(nil)))

// Iteration needs a body
show(try(m foreach))
show(try(m foreach(x)))
show(try(m map))
show(try(m select))
show(try(m detect))

// Errors in bodies and defaults reach the caller
show(try(m foreach(k, v, Exception raise("inside"))))
show(try(m at("missing", Exception raise("in default"))))
show(try(m atIfAbsentPut("new", Exception raise("in value"))))
m hasKey("new") println
show(try(Map clone atPut("o", Object clone) asJson))
