// Where a message comes from: label, line and character position.

m := message(a b(c d)
    e)
m lineNumber println
m next next isEndOfLine println
m next next next lineNumber println
m label println
m characterNumber type println

// setLabel relabels the whole tree; setLineNumber only the receiver.
(m setLabel("elsewhere/other.io") == m) println
m next argAt(0) next label println
m next next label println
m setLineNumber(42) lineNumber println
m next lineNumber println

// fromString labels the code like the message that asked for it, unless told.
f := Message fromString("x y(1 + 2)")
f code println
f label println
f lineNumber println
Message fromString("p", "given") label println

// description: name padded to 36, file name of the label, line.
message(foo) description println
m description println
m asStackEntry println
message(someMessage) asStackEntry println
