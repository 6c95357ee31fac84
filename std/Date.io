// Date: the Io-written half. The natives are in runtime/src/protos/date.rs
// and duration.rs.

// The current date at midnight.
Date today := method(Date clone now setHour(0) setMinute(0) setSecond(0))

// true when the receiver falls on the current day.
Date isToday := method(
    current := Date clone now
    current year == year and current month == month and current day == day
)

// Wall-clock seconds taken to evaluate the argument.
Date secondsToRun := method(
    started := Date clock
    call relayStopStatus(call evalArgAt(0))
    Date clock - started
)

// RFC 4287 form: 2004-09-06T15:07:13+00:00.
Date asAtomDate := method(
    offset := gmtOffset asMutable
    asString("%Y-%m-%dT%H:%M:%S") .. offset atInsertSeq(3, ":")
)

Date asJson := method(asString asJson)

// Seconds since 1970 as text, padded with zeros on the right to 27 characters.
Date asNumberString := method(asNumber asString alignLeft(27, "0"))

Date timeStampString := method(Date clone now asNumberString)

// Io code that rebuilds the date, written to a serialization stream. The day
// is set to 1 first so that no month change can roll it over.
Date justSerialized := method(stream,
    stream write("Date clone do(setDay(1) setYear(", year, ") setMonth(", month,
        ") setDay(", day, ") setHour(", hour, ") setMinute(", minute,
        ") setSecond(", second, "));")
)

Duration setSlot("+", method(d, self clone += d))
Duration setSlot("-", method(d, self clone -= d))
