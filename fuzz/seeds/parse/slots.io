o := Object clone; o a := 1; o b := 2; o slotNames sort println; o hasSlot("a") println; o removeSlot("a"); o getSlot("a") println
