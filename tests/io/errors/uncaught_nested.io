ValidationError := Exception clone
Checker := Object clone
Checker check := method(v,
    if(v < 0, ValidationError raise("negative value: " .. v))
    v
)
Checker run := method(list(3, -2) foreach(v, check(v) println))
Checker run
"not printed" println
