// System exit ends the program even inside try
"start" println
e := try(System exit(4))
"not printed" println
