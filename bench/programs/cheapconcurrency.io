// cheap-concurrency: a chain of 500 actors, each adding 1 to the number it
// receives and passing it on; sums what leaves the chain. Default: 50 messages.

chainLength := 500

// A link of the chain: an actor whose messages run in its own coroutine.
Link := Object clone do(
    next := nil
    take := method(value, next @@take(value + 1))
)

// The end of the chain adds up what arrives.
Sink := Object clone do(
    sum := 0
    received := 0
    take := method(value,
        sum = sum + value
        received = received + 1
    )
)

n := if(System args size > 1, System args at(1) asNumber, 50)

head := Sink
chainLength repeat(
    link := Link clone
    link next = head
    head = link
)

n repeat(head @@take(0))
while(Sink received < n, yield)
Sink sum println
