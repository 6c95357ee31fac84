Coroutine currentCoroutine setHandlerStack(list setSize(1000000))
loop(callcc(block(k, k)))
