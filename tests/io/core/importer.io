// A capitalised name that nothing answers is loaded from <Name>.io in the
// program's folder (then in Importer searchPaths) and answered from the Lobby.
Greeter hello("Io") println
Greeter hello("again") println
Lobby hasLocalSlot("Greeter") println

// Not in any folder searched yet
e := try(Doubler twice(4))
e error println
Importer addSearchPath(Importer paths first .. "/importer_lib")
Doubler twice(4) println

// Names that are not capitalised, or have no file, fail as before
e := try(NoSuchProto)
e error println
e := try(noSuchSlot)
e error println

// With the Importer off, a miss is not forwarded at all
Importer turnOff
e := try(AlsoMissing)
e error println
Importer turnOn
e := try(AlsoMissing)
e error println
