// A send answered from a proto keeps answering right after that proto
// loses an earlier slot (the slots after it move down).
Shape := Object clone
Shape a := 1
Shape b := 2
Shape d := 3
box := Shape clone
readB := method(box b)
readD := method(box d)
readB println
readD println
Shape removeSlot("a")
readB println
readD println
Shape removeSlot("b")
readD println
e := try(readB)
e error println
