// File: the Io-written half. The natives are in runtime/src/protos/file.rs.

File with := method(aPath, self clone setPath(aPath))

// The name without its final extension ("notes.txt" -> "notes").
File baseName := method(
    n := self name
    i := n reverseFindSeq(".")
    if(i isNil or i == 0, n, n exSlice(0, i))
)

File containingDirectory := method(self parentDirectory)

File thisSourceFile := method(File with(Path absolute(call message label)))

File exitStatus := nil
File termSignal := nil

File streamDestination := nil
File setStreamDestination := method(dest, self streamDestination := dest; self)
File streamReadSize := 65536

// Reads the file in chunks of streamReadSize bytes and writes each one to dest.
File streamToWithoutYielding := method(dest,
    chunk := Sequence clone
    if(self isOpen not, self openForReading)
    while(self isAtEnd not,
        chunk setSize(0)
        self readToBufferLength(chunk, streamReadSize)
        dest write(chunk)
    )
    self
)

File streamTo := method(dest, self streamToWithoutYielding(dest))

File startStreaming := method(self streamTo(streamDestination))

// Reads from the position to the end in chunks (4096 bytes unless given).
File readToEnd := method(chunkSize,
    size := if(chunkSize isNil, 4096, chunkSize)
    buffer := Sequence clone
    while(self readToBufferLength(buffer, size) == size, nil)
    buffer
)

Sequence asFile := method(File with(self))
