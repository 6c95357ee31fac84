// open / read / write at a position / close, in a scratch directory.

scratch := Directory with("scratch_file_stream")
if(scratch exists, scratch remove)
scratch create
path := Path with(scratch path, "data.txt")

// open creates a missing file in update mode
f := File with(path)
f isOpen println
f mode println
(f open == f) println
f isOpen println
f exists println
f write("alpha\n", "beta\n") write("gamma")
f position println
f close
f isOpen println
f contents print
"" println

// reading line by line
f openForReading
f mode println
f readLine println
f position println
f readLine println
f isAtEnd println
f readLine println
f isAtEnd println
f readLine println
f rewind readLine println
f close

// readLines reads from the position; a closed file is opened for reading
g := File with(path)
g readLines println
g isOpen println
g readLine println
g close

// lines may end with \r\n; a trailing newline adds no empty line
File with(path) setContents("one\r\ntwo\n\nfour\n") readLines println

// fixed-size reads
File with(path) setContents("0123456789")
f := File with(path) openForReading
f readStringOfLength(4) println
f readBufferOfLength(3) println
f readBufferOfLength(100) println
f readBufferOfLength(1) println
f setPosition(2)
buf := Sequence clone
f readToBufferLength(buf, 3) println
f readToBufferLength(buf, 3) println
buf println
f at(9) println
f at(10) println
f positionAtEnd position println
f rewind readToEnd println
f close

// update mode writes over the bytes at the position
f := File with(path) openForUpdating
f setPosition(3) write("abc")
f position println
f close
File with(path) contents println

// and past the end it extends the file
f := File with(path) open
f positionAtEnd write("XY")
f atPut(0, 65)
f close
File with(path) contents println

// append mode always writes at the end
f := File with(path) openForAppending
f mode println
f setPosition(0) write("!")
f close
File with(path) contents println

// the stream sees its own writes
f := File with(path) open
f write("zz")
f rewind readStringOfLength(4) println
f size println
f close

// foreachLine: (line, body), (index, line, body), (body), break and continue
File with(path) setContents("a\nbb\nccc\ndddd\n")
File with(path) foreachLine(line, line size print)
"" println
File with(path) foreachLine(i, line, write(i, "=", line, " "))
"" println
File with(path) foreachLine(size print)
"" println
r := File with(path) foreachLine(i, line,
    if(i == 1, continue)
    if(i == 3, break("stopped at " .. line))
    line println
)
r println
File with(path) foreachLine(l, l) println

// foreach over bytes
File with(path) setContents("AB\n")
File with(path) foreach(i, b, write(i, ":", b, " "))
"" println

// streamTo writes chunks to any object with write
File with(path) setContents("stream me")
out := Object clone do(got := ""; write := method(s, got = got .. s))
src := File with(path)
src streamReadSize := 4
src streamTo(out)
src close
out got println

scratch remove
scratch exists println
