// The test runner end to end: marks, the failure report, the summary and the
// list of failures it answers. The clock is frozen so that the summary line
// does not depend on how fast the machine is, and each failure shows only its
// message (the stack trace format belongs to Exception).

TestRunner clock := method(0)
Exception showStack := method(("  " .. error) println)

events := list

Arithmetic := UnitTest clone do(
    setUp := method(events append("setUp"))
    tearDown := method(events append("tearDown"))

    // Declared first, so it runs first even though its name sorts last.
    testZeta := method(assertEquals(4, 2 + 2))

    testSum := method(
        total := 0
        list(1, 2, 3) foreach(n, total = total + n)
        assertEquals(total, 7)
    )

    testNotEquals := method(assertNotEquals(1 + 1, 2))

    testTrueMeansTrue := method(assertTrue(1))

    testFalse := method(assertFalse(nil))

    testNil := method(assertNil(list(1) first))

    testNotNil := method(assertNotNil(list first))

    testSame := method(
        a := Object clone
        assertSame(a, a)
        assertNotSame(a, Object clone)
    )

    testRaises := method(assertRaisesException(1 + 1))

    testRaisesPasses := method(assertRaisesException(Exception raise("boom")))

    testDelta := method(
        assertEqualsWithinDelta(1, 1.05, 0.1)
        assertEqualsWithinDelta(1, 1.5, 0.1)
    )

    testFail := method(fail("told to"))

    testFailDefault := method(fail)

    testKnownBug := method(knownBug(1 + 1 == 3))

    testUncaught := method(nil frobnicate)

    // A return or break in a test body ends that test only.
    testEarlyReturn := method(return 1; fail("not reached"))

    testBreak := method(break)

    _testIgnored := method(fail("never run"))
    helper := method(fail("never run"))
)

failures := FileCollector run

"failures: " print
failures size println
failures foreach(f, f at(0) println)
"setUp/tearDown calls: " print
(events select(== "setUp") size .. "/" .. events select(== "tearDown") size) println
events slice(0, 2) println
