// Assignments and `if` go through whatever the receiver answers to
// setSlot, updateSlot and if: redefining them is seen at once, and the
// arguments reach the redefinition evaluated.

Logged := Object clone do(
    log := list
    updateSlot := method(name, value, log append("update " .. name .. " = " .. value); value)
    // (defined last: from here on `:=` in this object only logs)
    setSlot := method(name, value, log append("set " .. name .. " = " .. value); value)
)

Logged a := 1 + 2
Logged a = Logged log size * 10
Logged log println
Logged hasLocalSlot("a") println

// From inside a method: locals are written directly, self's own slot
// through self's updateSlot.
Counter := Object clone do(
    n := 0
    bump := method(step, total := n + step; n = total; total)
)
Counter bump(2) println
Counter bump(3) println
Counter n println
Counter updateSlot := method(name, value, ("refused " .. name) println; value)
Counter bump(4) println
Counter n println

// `if` with arguments that are themselves inline forms
Picky := Object clone do(
    if := method(c, a, b, list("own if", c, a, b))
    test := method(x := 1; self if(x == 1, if(true, "yes", "no"), x = 5))
)
Picky test println

// Nested forms fall back as deep as they go.
deep := method(v,
    if(v > 0, if(v > 1, if(v > 2, if(v > 3, "many", "three"), "two"), "one"), "none")
)
list(0, 1, 2, 3, 4) map(v, deep(v)) println

// An assignment in a list-iteration body makes a slot of the iteration's
// context, whose updateSlot is its own.
run := method(
    i := 0
    names := list("a", "b") map(c, i = i + 1; c .. i)
    (names join(" ") .. " " .. i) println
)
run

// The name must be known when the assignment runs.
e := try(undefinedSlotName = 3)
e error println
