// A Date is seconds since 1970-01-01 00:00:00 UTC; local time is UTC.
d := Date clone fromNumber(0)
d println
list(d year, d month, d day, d hour, d minute, d second) println
d type println

// 2004-09-06 15:07:13.25
d fromNumber(1094483233.25)
list(d year, d month, d day, d hour, d minute, d second, d asNumber) println
d zone println
d gmtOffset println
d gmtOffsetSeconds println
d isDST println

// Before 1970 the fields count back from the epoch
d fromNumber(-1)
list(d year, d month, d day, d hour, d minute, d second) println
Date clone fromNumber(-86400 * 365) println

// Setters answer the receiver and keep the other fields
d := Date clone fromNumber(0)
d setYear(2000) setMonth(2) setDay(29) setHour(13) setMinute(45) setSecond(30.5) println
d second println
d asNumber println
d setDay(1) setYear(1999) println

// Changing the year or month carries an impossible day into the next month
Date clone fromNumber(0) setYear(2000) setMonth(2) setDay(29) setYear(2001) println
Date clone fromNumber(0) setMonth(1) setDay(31) setMonth(4) println

// Out-of-range values raise
d := Date clone fromNumber(0) setYear(2001)
tries := list(
    message(d setMonth(0)), message(d setMonth(13)),
    message(d setDay(0)), message(d setDay(32)),
    message(d setHour(-1)), message(d setHour(24)),
    message(d setMinute(-1)), message(d setMinute(60)),
    message(d setSecond(-1)), message(d setSecond(60)),
    message(d setYear(1e12))
)
tries foreach(m, e := try(m doInContext(thisContext)); e error println)
d println

// The day must exist in the month (30-day months, February in leap years)
e := try(Date clone fromNumber(0) setMonth(4) setDay(31))
e error println
e := try(Date clone fromNumber(0) setYear(2001) setMonth(2) setDay(29))
e error println
Date clone fromNumber(0) setYear(2004) setMonth(2) setDay(29) println
e := try(Date clone fromNumber(0) setYear(1900) setMonth(2) setDay(29))
e error println

// isValidTime: negative values count back from the next unit
list(d isValidTime(23, 59, 59), d isValidTime(24, 0, 0), d isValidTime(-1, -1, -1), d isValidTime(-25, 0, 0)) println

// copy takes another date's time
a := Date clone fromNumber(100)
Date clone copy(a) asNumber println
e := try(Date clone copy(100))
e error println
