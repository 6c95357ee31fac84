// Date + Duration and Date - Duration make new Dates
d := Date clone fromNumber(1094483233)
hour := Duration clone setHours(1)
(d + hour) println
(d - hour) println
d println
(d + hour) type println
(d + Duration clone setDays(120)) println

// Date - Date is the Duration between them
span := d - Date clone fromNumber(0)
span type println
span println
span asNumber println
(Date clone fromNumber(0) - d) asNumber println

// += and -= change the receiver and answer it
e := Date clone fromNumber(0)
(e += Duration clone setMinutes(90)) println
e println
e -= Duration clone fromNumber(30)
e println

// Crossing a year end: one hour after the last second of 2003
y := Date clone fromNumber(0) setYear(2003) setMonth(12) setDay(31) setHour(23) setMinute(59) setSecond(59)
y += hour
list(y year, y month, y day, y hour, y minute, y second) println

// Arguments must be Durations (or Dates for -)
list(message(d + 1), message(d - 1), message(d += d), message(d -= "x")) foreach(m,
    x := try(m doInContext(thisContext))
    x error println
)

// Comparison follows the time
a := Date clone fromNumber(10)
b := Date clone fromNumber(20)
list(a < b, a > b, a == b, a == Date clone fromNumber(10), a != b, a compare(b), b compare(a), a compare(a)) println
list(b, a, Date clone fromNumber(15)) sort map(asNumber) println
list(a secondsSince(b), b secondsSince(a)) println

// asSerialization is 16 bytes that fromSerialization reads back
s := Date clone fromNumber(1094483233.5) asSerialization
s size println
list(s at(0), s at(1), s at(2), s at(3), s at(4), s at(5), s at(6), s at(7)) println
Date clone fromSerialization(s) asNumber println
n := Date clone now
(Date clone fromSerialization(n asSerialization) == n) println
(Date clone fromNumber(-1.25) asSerialization) at(0) println
Date clone fromSerialization(Date clone fromNumber(-1.25) asSerialization) asNumber println
x := try(Date clone fromSerialization("abc"))
x error println
