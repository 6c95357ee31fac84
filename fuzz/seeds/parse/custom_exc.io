MyErr := Exception clone; r := try(MyErr raise("x")); r isKindOf(MyErr) println
