coroFor(Coroutine freeStack) run
