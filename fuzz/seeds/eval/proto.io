o := Object clone; p := Object clone; p z := 7; o setProto(p); o z println; o appendProto(Number); o protos size println
