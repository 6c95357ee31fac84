// OperatorTable: the precedence levels and assignment operators the parser uses.
