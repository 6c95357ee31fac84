// line
# hash
/* nested /* inner */ outer */ 1 println
