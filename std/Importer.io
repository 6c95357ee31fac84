// The Importer's Io half: where it looks, and switching it on and off.
// (The hook itself, autoImportingForward, is in runtime/src/protos/importer.rs.)
Importer do(
    // Folders searched after the program's own, in order.
    searchPaths := list

    // Every folder searched, the program's first.
    paths := method(list(System launchPath) appendSeq(searchPaths))

    addSearchPath := method(path, searchPaths appendIfAbsent(path); self)
    removeSearchPath := method(path, searchPaths remove(path); self)

    // On by default: the Lobby forwards unanswered sends to the hook.
    turnOn := method(Lobby forward := Importer getSlot("autoImportingForward"); self)
    turnOff := method(Lobby removeSlot("forward"); self)
)
