OperatorTable addOperator("+++", 3); Number +++ := method(x, self + x * 2); doString("1 +++ 2") println
