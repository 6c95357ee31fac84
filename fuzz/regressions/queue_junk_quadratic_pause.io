Coroutine yieldingCoros setSize(1000000); pause
