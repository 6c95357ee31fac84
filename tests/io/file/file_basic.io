// Whole-file operations on files made in a scratch directory of this test.

scratch := Directory with("scratch_file_basic")
if(scratch exists, scratch remove)
scratch create

f := File with(Path with(scratch path, "notes.txt"))
f path println
f name println
f baseName println
f exists println
f type println

// setContents / contents / size
f setContents("first line\nsecond line\n") == f
f exists println
f size println
f contents print
f contents type println
f asBuffer size println
f readLines println

// appendToContents takes several sequences
f appendToContents("third", " line\n")
f readLines size println
f contents print

// create keeps an existing file as it is
f create size println

// create makes an empty file
g := File with(Path with(scratch path, "empty.dat"))
g exists println
(g create == g) println
g exists println
g size println
g contents size println
g isDirectory println
g isRegularFile println
File with(scratch path) isDirectory println

// setPath answers self and changes the path
h := File clone setPath(Path with(scratch path, "other.txt"))
h name println
h exists println

// moveTo renames; the receiver keeps its path
f moveTo(h path)
f exists println
h exists println
h contents print

// moveTo replaces an existing file
g setContents("replacement\n")
g moveTo(h path)
h contents print

// remove
h remove
h exists println
// removing a missing file is not an error
(h remove == h) println

// copyToPath
a := File with(Path with(scratch path, "a.txt")) setContents("copy me\n")
a copyToPath(Path with(scratch path, "b.txt"))
File with(Path with(scratch path, "b.txt")) contents print

// truncateToSize
a truncateToSize(4) contents println
a truncateToSize(6) contents size println

// names
File with("dir/sub/file.tar.gz") name println
File with("dir/sub/file.tar.gz") baseName println
File with("README") baseName println
File with("dir/sub/file.txt") parentDirectory path println
File with("file.txt") parentDirectory path println
"x/y.io" asFile name println

// bytes are kept as they are
bin := File with(Path with(scratch path, "bin"))
bin setContents(list(0, 1, 127, 10) map(asCharacter) join)
bin size println
bin contents at(2) println

scratch remove
scratch exists println
