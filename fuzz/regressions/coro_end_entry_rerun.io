coroFor(Coroutine run) run
