// OperatorTable: the precedence levels and assignment operators the parser
// reads when it shuffles code. Changes apply to code parsed afterwards.

OperatorTable addOperator := method(name, level,
    self operators atPut(name, if(level isNil, 0, level))
    self
)

OperatorTable addAssignOperator := method(name, messageName,
    self assignOperators atPut(name, messageName)
    self
)

OperatorTable reverseAssignOperators := method(
    m := Map clone
    self assignOperators foreach(k, v, m atPut(v, k))
    m
)
