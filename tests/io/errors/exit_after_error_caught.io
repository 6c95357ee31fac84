// A caught exception does not change the exit code
e := try(Exception raise("handled"))
e error println
"end" println
