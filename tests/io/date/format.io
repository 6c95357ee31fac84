// asString uses the `format` slot unless given a format; strftime conversions
d := Date clone fromNumber(1094483233.75)
d asString println
Date format println
d asString("%Y|%m|%d|%H|%M|%S|%Z|%z") println
d asString("%a %A %b %B %h") println
d asString("%y %C %j %e %k %l %I %p %P") println
d asString("%x %X %D %T %R %F %r") println
d asString("%c") println
d asString("%u %w %U %W %V %G %g") println
d asString("%s") println
d asString("100%% %n%t|") println
d asString("%-d/%-m %_H %^a %^B") println
d asString("%q %E") println
d asString("") size println
d asString type println

// Month and day names, and the 12-hour clock around midnight and noon
list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) map(m,
    Date clone fromNumber(0) setMonth(m) asString("%b %B")) println
list(0, 1, 2, 3, 4, 5, 6) map(i,
    Date clone fromNumber(86400 * i) asString("%a %A")) println
list(0, 1, 11, 12, 13, 23) map(h,
    Date clone fromNumber(3600 * h) asString("%I %p")) println

// Week numbers at the turn of the year (2004-12-26 .. 2005-01-03)
list(0, 1, 2, 3, 4, 5, 6, 7, 8) map(i,
    Date clone fromNumber(1104019200 + 86400 * i) asString("%F %a %U %W %V %G")) foreach(println)

// A date's own format slot
f := Date clone fromNumber(0)
f format = "%d.%m.%Y"
f asString println
f println
Date clone fromNumber(0) asString println

// fromString parses with a strptime format and answers the receiver
p := Date clone fromString("2004/09/06", "%Y/%m/%d")
list(p year, p month, p day, p hour) println
Date clone fromString("2004-09-06 15:07:13 UTC", Date format) println
Date clone fromString("Mon Sep  6 15:07:13 2004", "%c") println
Date clone fromString("  6 september 04, 3:07 pm", "%d %B %y, %I:%M %p") println
Date clone fromString("12:30:00 AM 1999-12-31", "%r %F") println
Date clone fromString("2004-09-06T17:07:13+02:00", "%Y-%m-%dT%H:%M:%S%z") println
Date clone fromString("2004-09-06T15:07:13Z", "%Y-%m-%dT%H:%M:%S%z") println
Date clone fromString("2004 250", "%Y %j") println
Date clone fromString("1094483233", "%s") println
Date clone fromString("69 68", "%y") year println
Date clone fromString("68", "%y") year println
Date clone fromString("19 05", "%C %y") year println
Date clone fromString("10:30", "%H:%M") println
Date clone fromString("100%", "100%%") println

// Text that does not fit the format raises
list(
    list("2004/13/06", "%Y/%m/%d"),
    list("2004-09", "%Y/%m"),
    list("Sep", "%a"),
    list("", "%Y"),
    list("13 PM", "%I %p")
) foreach(pair,
    e := try(Date clone fromString(pair at(0), pair at(1)))
    e error println
)
e := try(Date clone fromString(2004, "%Y"))
e error println
