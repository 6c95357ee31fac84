#!/usr/bin/env io
# Hash comments run to the end of the line.
// So do slash-slash comments.
/* Block comments
   span lines */
/* and /* they */ nest: this is still comment */
"after comments" println
1 println # a hash comment after code
2 println // a slash comment after code
(1 /* inside an expression */ + 2) println

// Numbers
42 println
0 println
3.25 println
.5 println
0x1F println
0XfF println
0x10 + 1 println
(0x10 + 1) println
1e3 println
1E3 println
1.5e-2 println
2.5E+2 println
123e-4 println
1000000 println
007 println

// Strings with escapes
"tab:\t|" println
"quote: \" backslash: \\" println
"hex: \x41\x42\x43" println
"newline:\nsecond line" println
"cr-free \a" size println
"\x4a" size println
"\x4" size println
"\x4g" size println
"\a\b\f\v\r" size println
"\x" println
"\q" println
"multi
line" println

// Triple-quoted strings are raw
"""raw \n \t \x41 "quoted" text""" println
"""spans
two lines""" println
"""""" size println
"""two "" quotes inside""" println

// Statement separators: newlines and semicolons
a := 1; b := 2; c := 3
(a + b + c) println
;;
"after empty statements" println
x := 10 ;
x println

// Line continuation with a backslash
y := 1 + \
  2
y println

// Identifiers may contain dots, colons and underscores
_under_score := 5
_under_score println
x.y := 7
x.y println
getSlot("x.y") println
café := 8
café println
"\0" size println
"\0" at(0) println
"\1" at(0) println
"\e" println
