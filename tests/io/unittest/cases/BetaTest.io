// A test case file for collect.io, with one failing test.

BetaTest := UnitTest clone do(
    testPasses := method(assertTrue(3 > 2))
    testFails := method(assertEquals(10 / 4, 2))
)
