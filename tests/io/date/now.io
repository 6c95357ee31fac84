// Readings of the clock, checked by their properties only

// `now` sets the receiver to the current time and answers it
d := Date clone
(d now == d) println
(d asNumber > 1500000000) println
(d secondsSinceNow >= 0 and d secondsSinceNow < 60) println
d isToday println
Date clone fromNumber(0) isToday println
Date clone fromNumber(0) isPast println
Date clone now setYear(Date clone now year + 1) isPast println

// Clones start from the proto's time
(Date clone asNumber == Date asNumber) println

// today is midnight of the current day
t := Date today
list(t hour, t minute, t second, t isToday) println

// clock is a monotonic reading in seconds
a := Date clock
b := Date clock
(b >= a) println

// secondsToRun / cpuSecondsToRun time an expression evaluated in the caller
x := 0
s := Date secondsToRun(for(i, 1, 1000, x = x + i))
list(x, s >= 0, s < 30) println
c := Date cpuSecondsToRun(x = x + 1)
list(x, c >= 0, c < 30) println
e := try(Date cpuSecondsToRun)
e error println

// Errors inside the timed expression propagate
e := try(Date cpuSecondsToRun(Exception raise("inside")))
e error println

// Stamps
Date asNumberString size println
Date timeStampString size println
(Date clone fromNumber(0) asAtomDate) println
(Date clone fromNumber(1094483233) asJson) println
