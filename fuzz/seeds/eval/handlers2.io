W := Exception clone
withHandler(W, block(e, resume, Exception raise("in handler")), try(W signal("q")) println)
rs := nil
n := 0
withHandler(W, block(e, resume, rs = resume; 1), W signal("s")) println
n = n + 1
if(n < 3, try(rs invoke(n)) println)
try(rs decline) println
Coroutine currentCoroutine handlerStack println
