// A Duration is seconds, seen as 365-day years, days, hours, minutes, seconds
d := Duration clone
d println
d type println
d setHours(1)
d println
d asNumber println
Duration clone fromNumber(90) println
Duration clone fromNumber(90.5) seconds println

t := Duration clone setYears(2) setDays(3) setHours(4) setMinutes(5) setSeconds(16.25)
t println
list(t years, t days, t hours, t minutes, t seconds, t asNumber, t totalSeconds) println

// Setters replace one part and keep the others; parts may overflow
t setDays(400)
list(t years, t days, t hours) println
t println
Duration clone setSeconds(3700) println
Duration clone setHours(1.5) println

// Negative durations have negative parts
n := Duration clone fromNumber(-90)
list(n years, n days, n hours, n minutes, n seconds) println
n println

// Formats: %Y years, %y years (4 digits), %d days, %H %M (2 digits) and %S
// (6 decimals; C's %02f, so no zero padding)
t := Duration clone fromNumber(90061.5)
t asString("%y-%d %H:%M:%S") println
t asString("%Y|%d|%H|%M|%S|%%|%Q") println
t asString type println

// + and - make new Durations; += and -= change the receiver
a := Duration clone fromNumber(60)
b := Duration clone fromNumber(30)
(a + b) println
(a - b) println
a println
a += b
a println
a -= Duration clone fromNumber(100)
a asNumber println
e := try(a += 5)
e error println
e := try(a + 5)
e error println

// Comparison follows the length
list(a < b, Duration clone fromNumber(30) == b, b compare(Duration clone fromNumber(31))) println
