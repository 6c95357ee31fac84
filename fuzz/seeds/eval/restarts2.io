saved := withRestarts("r", block("late"), findRestart("r"))
m := 0
m = m + 1
if(m < 3, try(saved _escape invoke(0)) println)
availableRestarts size println
try(withRestarts("k", 3, invokeRestart("k"))) println
Coroutine currentCoroutine handlerStack append(Restart clone)
try(invokeRestart(nil)) println
