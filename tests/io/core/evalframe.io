// The running frames, seen from Io.
Greeter := Object clone
Greeter hello := method(
    f := Coroutine currentCoroutine currentFrame
    while(f call isNil, f = f parent)
    f call message name println
    f call target type println
    f description containsSeq("hello") println
    (f depth >= 2) println
    f state println
)
Greeter hello
// The chain ends.
count := 0
f := Coroutine currentCoroutine currentFrame
while(f isNil not, count = count + 1; f = f parent)
(count > 0) println
