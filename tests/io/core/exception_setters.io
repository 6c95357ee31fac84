// error and nestedException have setters that answer the exception
inner := try(Exception raise("inner problem"))
made := Exception clone setError("built by hand")
made error println
(made setNestedException(inner) == made) println
made nestedException error println
e := try(made raise("raised again"))
e error println
e nestedException println
