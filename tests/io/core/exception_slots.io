// The slots an exception carries
e := try(Exception raise("outer problem"))
e error println
e nestedException println

// raise takes an optional nested exception
inner := try(Exception raise("inner problem"))
e := try(Exception raise("wrapped", inner))
e error println
e nestedException error println
(e nestedException == inner) println

// Raising clones the receiver: the proto keeps its own values
Exception error println
MyErr := Exception clone
e := try(MyErr raise("first"))
MyErr error println
(e proto == MyErr) println

// Extra slots on the raised object are kept
Tagged := Exception clone
Tagged tag := "none"
t := Tagged clone
t tag = "custom tag"
e := try(t raise("tagged"))
e tag println
e error println
