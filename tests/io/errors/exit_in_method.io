// System exit from deep inside methods and loops
stop := method(code, for(i, 1, 10, if(i == 3, System exit(code)); i println))
stop(7)
"not printed" println
