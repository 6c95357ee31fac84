AppError := Exception clone
e := try(AppError raise("first attempt"))
e catch(Exception, ("saw " .. e error) println)
e pass
"not printed" println
