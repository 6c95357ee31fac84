// Chameneos: creatures, each an actor with a colour, go to a meeting place
// (an actor too). The place pairs creatures two by two until the number of
// meetings is used up; two creatures that meet both take the complement
// of their two colours (the same colour if they had the same one). At the
// end every creature is told to stop. Everything happens through @@
// messages; the main coroutine only yields until all have stopped.
// Scheduling is deterministic, so the whole story is too.

Colours := list("blue", "red", "yellow")
complement := method(a, b,
    if(a == b, a, Colours detect(c, c != a and c != b))
)

MeetingPlace := Object clone do(
    meetingsLeft := 0
    meetings := 0
    waiting := nil
    log := nil
    init := method(waiting = nil; log = list)
    arrive := method(creature, colour,
        if(meetingsLeft == 0,
            creature @@stop
            if(waiting, waiting at(0) @@stop; waiting = nil)
            return
        )
        if(waiting isNil,
            waiting = list(creature, colour)
        ,
            other := waiting at(0)
            otherColour := waiting at(1)
            waiting = nil
            meetingsLeft = meetingsLeft - 1
            meetings = meetings + 1
            if(meetings <= 4,
                log append(other name .. "(" .. otherColour .. ") meets " .. creature name .. "(" .. colour .. ")")
            )
            other @@meet(creature, colour)
            creature @@meet(other, otherColour)
        )
    )
)

Creature := Object clone do(
    name := nil
    colour := nil
    place := nil
    count := 0
    metSelf := 0
    stopped := false
    with := method(n, c, p,
        cr := self clone
        cr name = n
        cr colour = c
        cr place = p
        cr
    )
    start := method(place @@arrive(self, colour))
    meet := method(other, otherColour,
        count = count + 1
        if(other == self, metSelf = metSelf + 1)
        colour = complement(colour, otherColour)
        // take a walk: let the others have a turn before going back
        yield
        place @@arrive(self, colour)
    )
    stop := method(stopped = true)
)

run := method(n, colours,
    place := MeetingPlace clone
    place meetingsLeft = n
    i := 0
    creatures := colours map(c, i = i + 1; Creature with("c" .. i, c, place))
    creatures foreach(c, c @@start)
    while(creatures detect(stopped not), yield)
    ("colours: " .. colours join(" ")) println
    place log foreach(l, ("  " .. l) println)
    creatures foreach(c,
        ("  " .. c name .. ": " .. c count .. " meetings, now " .. c colour) println
    )
    sum := creatures map(count) sum
    ("  meetings: " .. place meetings .. ", sum of counts: " .. sum) println
    ("  sum is twice the meetings: " .. (sum == 2 * place meetings)) println
    ("  met themselves: " .. creatures map(metSelf) sum) println
    ("  all stopped: " .. (creatures select(stopped) size == creatures size)) println
)

run(60, list("blue", "red", "yellow"))
run(500, list("blue", "red", "yellow", "red", "yellow", "blue", "red", "yellow", "red", "blue"))
