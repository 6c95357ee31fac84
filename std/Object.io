// Object: the Io-written half of the root proto.

Object uniqueHexId := method(self uniqueId)

Object asSimpleString := method(self type .. "_" .. self uniqueHexId)

// A dump of the local slots: a header line, then one sorted line per slot.
Object slotSummary := method(keyword,
    s := " " .. self asSimpleString .. ":\n"
    self slotNames sort foreach(name,
        if(keyword isNil or(name containsSeq(keyword)),
            s = s .. "  " .. name alignLeft(16) .. " = " .. self getSlot(name) asSimpleString .. "\n"
        )
    )
    s
)

Object asString := method(self slotSummary)

Object .. := method(v, self asString .. v asString)

// newSlot(name, value) also defines a setter `setName` that answers self.
Object newSlot := method(name, value,
    self setSlot(name, getSlot("value"))
    setter := "set" .. name asCapitalized
    self setSlot(setter, doString("method(v, self setSlot(\"" .. name .. "\", v); self)"))
    getSlot("value")
)

Object in := method(aList, aList contains(self))

Object isError := false
Object ifError := method(self)
Object returnIfError := method(self)
Object raiseIfError := method(self)

Object ancestors := method(
    found := list(self)
    i := 0
    while(i < found size,
        found at(i) protos foreach(p, if(found containsIdenticalTo(p) not, found append(p)))
        i = i + 1
    )
    found
)

Object lazySlot := method(
    if(call argCount == 1,
        m := call argAt(0)
        ctx := call sender
        return block(ctx doMessage(m)) setScope(nil)
    )
    name := call evalArgAt(0)
    m := call argAt(1)
    self setSlot(name, method(
        v := call sender doMessage(m)
        self setSlot(name, getSlot("v"))
        getSlot("v")
    ))
    nil
)
