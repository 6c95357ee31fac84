// if(cond, then, else) answers the value of the branch taken
if(true, "yes", "no") println
if(false, "yes", "no") println
if(1 < 2, "less") println

// With no branch for the outcome, if answers the condition as a boolean
if(false, 1) println
if(true) println
if(false) println
if(nil) println
if(3) println
if() println

// Only false and nil are false
if(0, "0 is true", "0 is false") println
if("", "empty string is true", "empty string is false") println
if(nil, "nil is true", "nil is false") println
if(list, "list is true") println

// Only the chosen branch is evaluated
if(true, "then ran" println, "else ran" println)
if(false, "then ran" println, "else ran" println)

// then / else / elseif chains
if(true) then("then branch" println) else("else branch" println)
if(false) then("then branch" println) else("else branch" println)
if(false) then("a" println) elseif(true) then("b" println) else("c" println)
if(false) then("a" println) elseif(false) then("b" println) else("c" println)
if(true) then("a" println) elseif(true) then("b" println) else("c" println)

// if without a matching branch answers false, so elseif can follow it
(if(false, "a") elseif(true, "b")) println
(if(false, "a") elseif(false, "b")) println

// Values of then/else chains
(if(true) then(1) else(2)) println
(if(false) then(1) else(2)) println
(if(false) then(1)) println

// ifTrue / ifFalse answer the receiver
(true ifTrue("ifTrue ran" println) ifFalse("ifFalse ran" println)) println
(false ifTrue("ifTrue ran" println) ifFalse("ifFalse ran" println)) println
(1 == 1) ifTrue("equal" println)

// ifNil / ifNonNil
nil ifNil("was nil" println)
3 ifNil("not printed" println)
3 ifNonNil("was not nil" println)
nil ifNonNil("not printed" println)
(nil ifNilEval(5)) println
(4 ifNilEval(5)) println
(4 ifNonNilEval(6)) println
(nil ifNonNilEval(6)) println
(nil isNil) println
(0 isNil) println

// if inside methods, with the value used as a result
classify := method(n,
    if(n < 0, "negative",
        if(n == 0, "zero", "positive"))
)
classify(-5) println
classify(0) println
classify(5) println

// Statements in a branch
r := if(true, a := 1; a + 1, 0)
r println

// not, and, or
true not println
false not println
nil not println
(true and false) println
(true or false) println
(false or nil) println
(nil and true) println
(1 and "x") println
