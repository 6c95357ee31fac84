// UnitTest: test cases with assertions, a runner that prints a report, and
// collectors that gather test cases from the Lobby or from a directory.
//
// A test case is a clone of UnitTest (collectors look for them in the Lobby
// slots); its tests are its local slots whose names begin with "test", and a
// test fails when it raises.

// Runs the map `case type name -> list of test slot names` produced by a
// collector's `prepare`, printing one mark per test and then a report.
Core TestRunner := Object clone do(
    width := 70
    setWidth := method(n, self width := n; self)

    init := method(
        self cases := nil
        self caseObjects := Map clone
        self exceptions := List clone
        self runtime := 0
        self marks := 0
    )

    // Seconds on a clock, used to time the run.
    clock := method(Date clock)

    testCount := method(
        total := 0
        self cases ifNonNil(cases foreach(k, names, total = total + names size))
        total
    )

    // The label of the summary line: the script's name when several test
    // cases ran, else the name of the only one.
    name := method(
        if(cases isNil, return "")
        if(cases size > 1,
            script := System launchScript
            if(script isNil, "", script fileName)
        ,
            if(cases size == 1, cases keys first, "")
        )
    )

    // The test case a name of the test map stands for: one the runner was
    // given, else the Lobby slot of that name.
    caseNamed := method(caseName,
        known := caseObjects at(caseName)
        if(known isNil, Lobby getSlot(caseName), known)
    )

    linebreak := method(
        self marks := marks + 1
        if(marks % width == 0, "\n" print)
    )

    success := method(
        "." print
        linebreak
    )

    error := method(testName, exc,
        exceptions append(list(testName, exc))
        "E" print
        linebreak
    )

    run := method(testMap,
        self cases := testMap
        started := clock
        testMap foreach(caseName, names,
            testCase := caseNamed(caseName)
            names foreach(testName,
                // A raising setUp fails the test (which is then skipped); a
                // raising tearDown fails a test that had passed.
                exc := try(testCase setUp)
                if(exc isNil, exc := try(stopStatus(testCase doString(testName))))
                after := try(testCase tearDown)
                if(exc isNil, exc := after)
                if(exc, error(caseName .. " " .. testName, exc), success)
            )
        )
        self runtime := clock - started
        printExceptions
        printSummary
        exceptions
    )

    printExceptions := method(
        "\n" print
        exceptions foreach(failure,
            ("=" repeated(width)) println
            ("FAIL: " .. failure at(0)) println
            ("-" repeated(width)) println
            failure at(1) showStack
        )
    )

    // Run time shown in seconds, cut (not rounded) to milliseconds.
    runtimeText := method(((runtime * 1000) floor / 1000) asString)

    printSummary := method(
        ("-" repeated(width)) println
        n := testCount
        plural := if(n == 1, "", "s")
        ("Ran " .. n .. " test" .. plural .. " in " .. runtimeText .. "s\n") println
        verdict := if(exceptions isEmpty, "OK", "FAILED (failures " .. exceptions size .. ")")
        (verdict .. name alignRight(width - verdict size) .. "\n") println
    )
)

// What test cases and collectors share: `run` prepares the test map and
// runs it. `knownCases` maps names of the test map to their test case objects
// (for cases that are not Lobby slots); `earlyFailures` are failures found
// while preparing, as list(name, exception) pairs.
Core RunnerMixIn := Object clone do(
    knownCases := method(Map clone)
    earlyFailures := method(list)

    run := method(
        runner := TestRunner clone
        testMap := prepare
        knownCases foreach(k, v, runner caseObjects atPut(k, v))
        earlyFailures foreach(f, runner error(f at(0), f at(1)))
        runner run(testMap)
    )
)

Core UnitTest := Object clone prependProto(RunnerMixIn) do(
    setUp := method(nil)
    tearDown := method(nil)

    // Names of the local test slots, in the order their methods appear in
    // the source (then by name, for methods on one line).
    testSlotNames := method(
        me := self
        names := self slotNames select(n, n beginsWithSeq("test"))
        lineOf := block(n,
            v := me getSlot(n)
            if(getSlot("v") type == "Block", getSlot("v") message lineNumber, 0)
        )
        keyed := names map(n, list(lineOf call(n), n))
        keyed sortBy(block(a, b,
            if(a at(0) == b at(0), a at(1) < b at(1), a at(0) < b at(0))
        )) map(at(1))
    )

    prepare := method(Map clone atPut(self type, testSlotNames))
    knownCases := method(Map clone atPut(self type, self))

    fail := method(text,
        Exception raise(if(text isNil, "fail", text))
    )

    // Source text of argument i of message m ("nil" when there is none).
    argumentSource := method(m, i,
        arg := m argAt(i)
        if(arg isNil, "nil", arg code)
    )

    // Builds the failure text of a comparison: the source of the two
    // arguments of `m`, then their values.
    comparisonFailure := method(m, op, a, b,
        sources := argumentSource(m, 0) .. " " .. op .. " " .. argumentSource(m, 1)
        values := getSlot("a") asSimpleString .. " " .. op .. " " .. getSlot("b") asSimpleString
        "`" .. sources .. "` --> `" .. values .. "`"
    )

    // One-argument assertions name the expected value in place of a second source.
    singleArgFailure := method(m, op, a, expectedText, expected,
        sources := argumentSource(m, 0) .. " " .. op .. " " .. expectedText
        values := getSlot("a") asSimpleString .. " " .. op .. " " .. getSlot("expected") asSimpleString
        "`" .. sources .. "` --> `" .. values .. "`"
    )

    assertEquals := method(a, b,
        if(getSlot("a") != getSlot("b"),
            fail(comparisonFailure(call message, "!=", getSlot("a"), getSlot("b")))
        )
        self
    )

    assertNotEquals := method(a, b,
        if(getSlot("a") == getSlot("b"),
            fail(comparisonFailure(call message, "==", getSlot("a"), getSlot("b")))
        )
        self
    )

    assertSame := method(a, b,
        if(getSlot("a") uniqueId != getSlot("b") uniqueId,
            fail(comparisonFailure(call message, "!=", getSlot("a") uniqueId, getSlot("b") uniqueId))
        )
        self
    )

    assertNotSame := method(a, b,
        if(getSlot("a") uniqueId == getSlot("b") uniqueId,
            fail(comparisonFailure(call message, "==", getSlot("a") uniqueId, getSlot("b") uniqueId))
        )
        self
    )

    assertTrue := method(a,
        if(getSlot("a") != true,
            fail(singleArgFailure(call message, "!=", getSlot("a"), "true", true))
        )
        self
    )

    assertFalse := method(a,
        if(getSlot("a") != false,
            fail(singleArgFailure(call message, "!=", getSlot("a"), "false", false))
        )
        self
    )

    assertNil := method(a,
        if(getSlot("a") != nil,
            fail(singleArgFailure(call message, "!=", getSlot("a"), "nil", nil))
        )
        self
    )

    assertNotNil := method(a,
        if(getSlot("a") == nil,
            fail(singleArgFailure(call message, "==", getSlot("a"), "nil", nil))
        )
        self
    )

    assertRaisesException := method(
        if(try(call evalArgAt(0)) isNil,
            fail("`" .. argumentSource(call message, 0) .. "` should have raised Exception")
        )
        self
    )

    assertEqualsWithinDelta := method(expected, actual, delta,
        if((expected - actual) abs > delta,
            distance := " is not within " .. delta asString .. " of " .. expected asString
            fail("`" .. argumentSource(call message, 1) .. "` --> " .. actual asString .. distance)
        )
        self
    )

    knownBug := method(
        fail("`" .. argumentSource(call message, 0) .. "` is a known bug")
    )
)

// Collects the test cases stored in the Lobby (typically loaded from files).
Core FileCollector := Object clone prependProto(RunnerMixIn) do(
    prepare := method(
        found := Map clone
        self collected := Map clone
        Lobby slotNames foreach(n,
            v := Lobby getSlot(n)
            if(getSlot("v") isActivatable not and getSlot("v") != UnitTest and v isKindOf(UnitTest),
                found mergeInPlace(v prepare)
                collected mergeInPlace(v knownCases)
            )
        )
        found
    )
    knownCases := method(self getSlot("collected") ifNilEval(Map clone))
)

// Loads every file named `*Test.io` of a directory into the Lobby, then
// collects the test cases as FileCollector does.
Core DirectoryCollector := Object clone prependProto(RunnerMixIn) do(
    path := method(System launchPath)
    setPath := method(p, self path := p; self)
    with := method(p, self clone setPath(p))

    // The files of the directory whose names end in "Test.io", by name.
    testFiles := method(
        Directory with(path) files select(f, f name endsWithSeq("Test.io")) sortBy(block(a, b, a name < b name))
    )

    // A file that raises while loading does not stop the others: its
    // exception is kept in loadFailures and reported as a failure.
    prepare := method(
        self loadFailures := List clone
        testFiles foreach(f,
            e := try(Lobby doString(f contents, f path))
            if(e, loadFailures append(list(f path .. " (loading)", e)))
        )
        FileCollector prepare
    )
    knownCases := method(FileCollector knownCases)
    earlyFailures := method(self getSlot("loadFailures") ifNilEval(list))
)

Core TestSuite := DirectoryCollector
