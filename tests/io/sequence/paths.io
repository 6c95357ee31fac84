// Path helpers.
"abc" lastPathComponent println
"abc/def" lastPathComponent println
"abc/def/" lastPathComponent println
"abc/def//" lastPathComponent println
"/" lastPathComponent size println

"abc/def" pathComponent println
"abc/def/" pathComponent println
"abc/def//" pathComponent println
"abc/" pathComponent size println
"/usr/lib/libio.so" pathComponent println

"" pathExtension size println
"abc" pathExtension size println
"./.a.b.c" pathExtension println
"archive.tar.gz" pathExtension println
"dot." pathExtension size println

"" fileName size println
"abc" fileName println
"c./.a.b.c" fileName println
"dir/report.txt" fileName println
"dir/archive.tar.gz" fileName println

"abc" cloneAppendPath("def") println
"abc/" cloneAppendPath("def") println
"abc" cloneAppendPath("/def/") println
"/abc/" cloneAppendPath("/def/") println
"" cloneAppendPath("def") println
"a/b" asOSPath println
"a/b" asIoPath println
