// A method whose last action is calling itself runs a million times
// without growing anything.
count := method(n, acc, if(n == 0, acc, count(n - 1, acc + 1)))
count(1000000, 0) println

// Tail calls through if/else branches and between two methods
isEven := method(n, if(n == 0, true, isOdd(n - 1)))
isOdd := method(n, if(n == 0, false, isEven(n - 1)))
isEven(100000) println
isOdd(100001) println

// Tail call as the last statement of a longer body
sumTo := method(n, acc,
    if(n == 0, return acc)
    next := n - 1
    sumTo(next, acc + n)
)
sumTo(100000, 0) println
