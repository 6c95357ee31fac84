// List asEncodedList / fromEncodedList round trips, and Sequence asDecodedList.
check := method(l,
    back := l asEncodedList asDecodedList
    (back == l) println
    back println
)
check(list())
check(list(123))
check(list(1, 2.5, -3, 1e300))
check(list(1, "test", nil, "foo", 3))
check(list("foo", nil))
check(list(true, false, ""))
check(list("h\xc3\xa9", "with\nnewline"))
e := list(1, "a") asEncodedList
e type println
e isMutable println
List fromEncodedList(e) println
l := List fromEncodedList("" asMutable)
l println
l type println
x := try(list(Object clone) asEncodedList)
x error println
x := try(List fromEncodedList("\x09"))
x error println
x := try(List fromEncodedList("\x02\x05\x00\x00\x00ab"))
x error println
x := try(List fromEncodedList(3))
x error println
