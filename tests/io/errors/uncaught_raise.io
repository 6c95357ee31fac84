"before the error" println
Exception raise("something went wrong")
"not printed" println
