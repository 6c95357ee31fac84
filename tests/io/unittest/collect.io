// DirectoryCollector: loads every `*Test.io` file of a directory into the
// Lobby, collects the test cases and runs them. A file that raises while
// loading is reported as a failure and does not stop the others.

TestRunner clock := method(0)
Exception showStack := method(("  " .. error) println)

(DirectoryCollector path == System launchPath) println
(TestSuite == DirectoryCollector) println

c := DirectoryCollector with("cases")
c path println
c testFiles map(path) println

failures := c run
failures map(at(0)) println
Lobby hasSlot("AlphaTest") println
Lobby hasSlot("BetaTest") println
