// Several test cases in one run: a line break after every `width` marks, the
// script's name on the summary line, and the number of failures as the exit
// code (the way a suite's driver script uses the runner).

TestRunner clock := method(0)
TestRunner width := 5
Exception showStack := method(("  " .. error) println)

First := UnitTest clone do(
    testA := method(assertEquals(1, 1))
    testB := method(assertEquals("x" .. "y", "xy"))
    testC := method(assertTrue(list(1, 2) contains(2)))
    testD := method(assertFalse(list contains(2)))
    testE := method(assertNil(nil))
    testF := method(assertNotNil(Object))
    testG := method(assertEquals(list(1, 2), list(1, 2)))
)

Second := UnitTest clone do(
    testOne := method(assertEquals(1, 1))
    testTwo := method(assertEquals(list(1, 2) reverse, list(1, 2)))
    testThree := method(assertSame(Object, Object))
)

// Not test cases: not a UnitTest, and a method.
Other := Object clone do(testNothing := method(Exception raise("no")))
someMethod := method(UnitTest clone)

System exit(FileCollector run size)
