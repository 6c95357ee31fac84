1 println
/* open comment
2 println
