// A test case file for collect.io. Run on its own it only says so.

AlphaTest := UnitTest clone do(
    testUpper := method(assertEquals("abc" asUppercase, "ABC"))
    testSize := method(assertEquals(list(1, 2, 3) size, 3))
)

if(isLaunchScript, "AlphaTest.io is the launch script" println)
