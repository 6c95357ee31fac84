// Path joining and tests, the working directory, and a file shipped beside this test.

Path type println
Path with("a", "b", "c.txt") println
Path with("a/", "/b/", "c") println
Path with("/", "usr") println
Path with(nil, "x", nil) println
Path with() size println
(try(Path with(3)) isNil not) println

Path isPathAbsolute("/usr") println
Path isPathAbsolute("usr/lib") println
Path isPathAbsolute("") println
Path isPathAbsolute(nil) println
Path hasDriveLetters println

cwd := Directory currentWorkingDirectory
Path isPathAbsolute(cwd) println
(Path absolute("x/y") == Path with(cwd, "x/y")) println
Path absolute("/abs/olute") println

home := System getEnvironmentVariable("HOME")
if(home isNil,
    "no HOME" println; true println; true println
,
    (tildeExpandsTo == home) println
    ("~/notes" stringByExpandingTilde == Path with(home, "notes")) println
    ("~" stringByExpandingTilde == home) println
)
"a~b" stringByExpandingTilde println
"~user/x" stringByExpandingTilde println

// this test runs in its own directory
(Path with(cwd, "path.io") == Path thisSourceFilePath) println
File thisSourceFile name println
File with("lines.txt") exists println
File with("lines.txt") readLines println
File with("lines.txt") size println
File with("lines.txt") isDirectory println
Directory clone fileNames contains("lines.txt") println
Directory clone at("lines.txt") size println

// changing the working directory changes where relative paths lead
scratch := Directory with("scratch_path") createIfAbsent
File with("scratch_path/inside.txt") setContents("in")
Directory setCurrentWorkingDirectory("scratch_path") println
(Directory currentWorkingDirectory == Path with(cwd, "scratch_path")) println
File with("inside.txt") contents println
Directory setCurrentWorkingDirectory("no/such/dir") println
Directory setCurrentWorkingDirectory(cwd) println
(Directory currentWorkingDirectory == cwd) println
scratch remove
scratch exists println
