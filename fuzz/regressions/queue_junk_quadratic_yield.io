Coroutine yieldingCoros setSize(1000000); yield
