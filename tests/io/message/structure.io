// Message structure: names, links, arguments and cached results.

m := message(foo(1, b c) bar; baz)
m name println
m argCount println
(m argAt(1) code) println
(m argAt(5) == nil) println
(m argAt(-1) == nil) println
m arguments size println
m next name println
m next next name println
m next next isEndOfLine println
m isEndOfLine println
m nextIgnoreEndOfLines name println
m last name println
m lastBeforeEndOfLine name println
(m last next == nil) println
(m previous == nil) println

// Literal messages: the name is the source text, the value is cached.
s := message("hi")
s name println
s cachedResult println
s hasCachedResult println
m hasCachedResult println
(m cachedResult == nil) println
message(nil) hasCachedResult println

// Setters answer the receiver.
n := message(a)
(n setName("b") == n) println
n code println
(n setNext(message(c d)) == n) println
n code println
n setNext(nil)
n code println
n setArguments(list(message(x), message(y z)))
n code println
n appendArg(message(w))
n code println
n argCount println
n appendCachedArg(42)
n code println
n argAt(3) cachedResult println
(n arguments == n arguments) println
n arguments append(message(extra))
n argCount println

// A cached result makes a message evaluate to that value.
v := message(undefinedThing)
v setCachedResult(7)
v hasCachedResult println
(v doInContext(Lobby)) println
v removeCachedResult
v hasCachedResult println
try(v doInContext(Lobby)) error println

// Errors.
try(n setArguments(list(1))) error println
try(n setArguments(3)) error println
try(n appendArg(1)) error println
try(n setNext(5)) error println
try(n setName(5)) error println

// A message is a Message; its proto is the unnamed message.
Message name println
Message clone code println
message(a) type println
