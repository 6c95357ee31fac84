// Failures are exceptions carrying the system's description.

scratch := Directory with("scratch_file_errors")
if(scratch exists, scratch remove)
scratch create
missing := File with(Path with(scratch path, "missing.txt"))

show := method(
    e := try(call evalArgAt(0))
    if(e isNil, "no exception" println, e error println)
)

show(missing contents)
show(missing asBuffer)
show(missing size)
show(missing openForReading)
show(missing moveTo("elsewhere"))
show(missing lastDataChangeDate)
missing exists println

// writing needs an open file that is not read-only
f := File with(Path with(scratch path, "f.txt")) setContents("x")
show(f write("y"))
show(f openForReading write("y"))
f close
show(f position)
show(f setPosition(-1))
show(f open write(12))
f close

// a directory is not a file
show(File with(scratch path) open)
show(File with(scratch path) contents)
(File with(scratch path) create == nil) println

// writing below a missing directory
show(File with(Path with(scratch path, "no/such.txt")) setContents("x"))
(File with(Path with(scratch path, "no/such.txt")) create == nil) println

// arguments are checked
show(File with(42))
show(File clone setPath(nil))
show(f setContents(3))
show(f foreachLine)

scratch remove
scratch exists println
