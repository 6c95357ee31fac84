// A test case can run itself, even when it is not a slot of the Lobby, and
// the runner answers the failures as list(name, exception) pairs.

TestRunner clock := method(0)
Exception showStack := method(("  " .. error) println)

Holder := Object clone
Holder Inner := UnitTest clone do(
    testOk := method(assertEquals(2 * 3, 6))
    testBad := method(assertEquals(2 * 3, 7))
    testSame := method(
        a := list
        assertSame(a, a)
        assertNotSame(a, list)
    )
)

failures := Holder Inner run
failures size println
failures map(at(0)) println
failures map(f, f at(1) error) foreach(println)

// No test slots at all: nothing runs and nothing fails.
Empty := UnitTest clone
Empty run println

// The test map a case prepares, and its test names in source order.
Holder Inner prepare keys println
Holder Inner testSlotNames println
