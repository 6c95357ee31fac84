fib := method(n, if(n < 2, n, fib(n - 1) + fib(n - 2))); fib(12) println
