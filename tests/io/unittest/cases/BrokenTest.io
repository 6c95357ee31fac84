// A test case file for collect.io that raises while it is being loaded.

BrokenTest := UnitTest clone do(
    // Defined before the error below, so it is still collected and run.
    testStillCollected := method(nil)
)
nil explode
