// Directory and Path: the Io-written half. The natives are in
// runtime/src/protos/directory.rs.

Directory with := method(aPath, self clone setPath(aPath))

Directory directories := method(self localItems select(isKindOf(Directory)))
Directory folders := method(self directories)

Directory files := method(self items select(isKindOf(File)))
Directory fileNames := method(self files map(name))

Directory fileNamed := method(aName, File with(Path with(self path, aName)))
Directory createFileNamed := method(aName, self fileNamed(aName))

Directory directoryNamed := method(aName, Directory with(Path with(self path, aName)))
Directory folderNamed := method(aName, self directoryNamed(aName))
Directory folderNamedCreateIfAbsent := method(aName, self directoryNamed(aName) createIfAbsent)

// true when the entries can be listed.
Directory isAccessible := method(try(self items) isNil)

// The directories above this one, outermost first.
Directory ancestorDirectories := method(
    found := list()
    d := self parentDirectory
    while(d isNil not,
        found append(d)
        d = d parentDirectory
    )
    found reverseInPlace
)
Directory parents := method(self ancestorDirectories)

Directory accessibleAncestors := method(self ancestorDirectories select(isAccessible))
Directory accessibleParents := method(self accessibleAncestors)

// Makes this directory and any missing directories above it; returns self.
Directory createIfAbsent := method(
    missing := list()
    d := self
    while(d isNil not and d exists not,
        missing append(d)
        d = d parentDirectory
    )
    missing reverseForeach(m,
        if(m create isNil,
            Exception raise("unable to create directory '" .. m path .. "'")
        )
    )
    self
)

// Every file below this directory whose name ends with one of the suffixes.
Directory recursiveFilesOfTypes := method(suffixes,
    found := list()
    self walk(item,
        if(item isKindOf(File) and suffixes detect(s, item name endsWithSeq(s)),
            found append(item)
        )
    )
    found
)

// The files whose names end with the extension (the leading "." is optional).
Directory filesWithExtension := method(ext,
    if(ext isNil, Exception raise("filesWithExtension needs an extension"))
    if(ext beginsWithSeq(".") not, ext = "." .. ext)
    self files select(name endsWithSeq(ext))
)

// The value of $HOME, which a leading "~" in a path stands for.
Core tildeExpandsTo := method(System getEnvironmentVariable("HOME"))

Sequence stringByExpandingTilde := method(
    if(self beginsWithSeq("~") not, return self)
    if(self size > 1 and self beginsWithSeq("~/") not, return self)
    home := tildeExpandsTo
    if(home isNil, return self)
    home .. self exSlice(1)
)

Path hasDriveLetters := false

Path isPathAbsolute := method(p,
    if(p isNil or p size == 0, return false)
    p beginsWithSeq("/")
)

// The path made absolute: "~" expanded, relative paths put under the current directory.
Path absolute := method(p,
    p = p stringByExpandingTilde
    if(self isPathAbsolute(p), p, self with(Directory currentWorkingDirectory, p))
)

Path thisSourceFilePath := method(self absolute(call message label))
