// Directory listings, creation, removal and walks in a scratch directory.

root := Directory with("scratch_directory")
if(root exists, root remove)

// createIfAbsent makes the missing ancestors too
deep := Directory with(Path with(root path, "b/deep")) createIfAbsent
deep exists println
deep path println
deep name println
root exists println
Directory type println
Directory path println
e := try(Directory with)
(e isNil not) println

File with(Path with(root path, "one.txt")) setContents("1")
File with(Path with(root path, "two.io")) setContents("22")
File with(Path with(root path, "b/three.txt")) setContents("333")
File with(Path with(root path, "b/deep/four.io")) setContents("4444")
(root createSubdirectory("a") path) println
root createSubdirectory("a") exists println

// listings are sorted by name; items starts with . and ..
root items map(name) println
root items map(type) println
root size println
root localItems map(name) println
root directories map(name) println
root files map(name) println
root fileNames println
root files map(size) println
Directory with(Path with(root path, "a")) items size println
Directory with(Path with(root path, "a")) directories println

// at, fileNamed, directoryNamed
root at("one.txt") type println
root at("b") type println
root at("nothing") println
root fileNamed("one.txt") contents println
root fileNamed("new.txt") exists println
root directoryNamed("b") files map(name) println
root directoryNamed("zzz") exists println

// exists with an argument
Directory exists(root path) println
Directory exists(Path with(root path, "one.txt")) println

// walk: (message), (item, body), (index, item, body), break
root walk(path println)
seen := list()
root walk(f, if(f isKindOf(File), seen append(f name)))
seen println
root walk(i, f, if(i == 0, f name println))
visited := list()
root walk(f, visited append(f name); if(visited size == 3, break))
visited println
// a walk inside a method sees the method's locals
names := method(d, found := list(); d walk(f, found append(f name)); found size)
names(root) println

// searching
root recursiveFilesOfTypes(list(".io")) map(name) println
root recursiveFilesOfTypes(list(".txt", ".io")) size println
root filesWithExtension("txt") map(name) println
root filesWithExtension(".io") map(name) println
root filesWithExtension(".none") println
(try(root filesWithExtension) isNil not) println

// accessibility and ancestors
root isAccessible println
Directory with(Path with(root path, "missing")) isAccessible println
deep parentDirectory path println
deep ancestorDirectories map(path) println
Directory with(".") parentDirectory println
Directory with("/") parentDirectory println
Directory with("/usr/lib") parentDirectory path println

// moveTo takes the new path; the old one is gone
moved := Directory with(Path with(root path, "a")) moveTo(Path with(root path, "c"))
moved path println
Directory with(Path with(root path, "a")) exists println
moved exists println
e := try(Directory with(Path with(root path, "a")) moveTo("x"))
e error println

// create answers self, or nil when it cannot
(Directory with(Path with(root path, "c")) create isNil not) println
Directory with(Path with(root path, "x/y/z")) create println

// remove takes everything below
Directory with(Path with(root path, "b")) remove
root localItems map(name) println
root remove
root exists println
e := try(root items)
e error println
