// foreach (lazy), interpolate and asMessage.
"abc" foreach(i, c, writeln(i, " ", c))
"abc" foreach(c, write(c, " "))
"" println
total := 0
"abc" foreach(c, total = total + c)
total println
// the one-argument form sends the message to each item
Number double := method(self * 2)
"ab" foreach(double) println
// break and continue
"abcdef" foreach(c, if(c == 100, break); write(c asCharacter))
"" println
"abcdef" foreach(i, c, if(i % 2 == 0, continue); write(c asCharacter))
"" println
("abcdef" foreach(c, if(c == 99, break(c * 10))) ) println
("" foreach(c, c)) println
// the last body value is the result
("ab" foreach(c, c + 1)) println
// a buffer that grows while it is walked
b := "ab" asMutable
b foreach(i, c, if(i < 3, b append(c)))
b println

"a #{1+2} b" interpolate println
"#{}abcd" interpolate println
"ab#{}cd" interpolate println
"#{1+7}abcd" interpolate println
"abcd#{1+7}" interpolate println
"no code" interpolate println
"unclosed #{1+2" interpolate println
name := "Io"
"Hello, #{name}!" interpolate println
"#{name size} letters, #{list(1, 2) size} items" interpolate println
"#{nil} #{true}" interpolate println
ctx := Object clone do(a := 1; b := 7)
"#{a+b}" interpolate(ctx) println
f := method(x, "x is #{x}" interpolate)
f(42) println
P := Object clone do(asString := "a P")
p := P clone
"got #{p}" interpolate println
"" interpolate isMutable println
m := "v=#{1}" asMutable
m interpolateInPlace
m println
m isMutable println

msg := "1 + 2" asMessage
msg type println
doMessage(msg) println
"x := 10; x * 3" asMessage doInContext(Object clone) println
