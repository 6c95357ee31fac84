m := Map clone; m atPut("k", 1); m atPut("j", 2); m keys sort println; m at("k") println
