m := "abc" asMutable; m appendSeq("def"); m println; m at(0) println
