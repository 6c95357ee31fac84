e := try(Exception raise("boom")); e error println
