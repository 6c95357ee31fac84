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

// Send the message of the calling method to the next ancestor (of the slot
// context where the calling method was found) that defines it, on the same self.
Object resend := method(
    s := call sender
    m := s call message
    holder := s call slotContext ancestorWithSlot(m name)
    if(holder isNil, Exception raise("resend: no ancestor defines '" .. m name .. "'"))
    v := holder getSlot(m name)
    if(getSlot("v") isActivatable not, return getSlot("v"))
    getSlot("v") performOn(s self, s call sender, m, holder)
)

// super(msg): send msg to the ancestor of the calling method's slot context, keeping self.
Object super := method(
    s := call sender
    m := call argAt(0)
    if(s hasLocalSlot("call") not, Exception raise("super must be called from a method"))
    holder := s call slotContext ancestorWithSlot(m name)
    if(holder isNil, Exception raise("super: no ancestor defines '" .. m name .. "'"))
    v := holder getSlot(m name)
    if(getSlot("v") isActivatable not, return getSlot("v"))
    getSlot("v") performOn(s self, s, m, holder)
)

// Stop statuses, as answered by stopStatus(expr).
Normal isBreak := false
Normal isContinue := false
Normal isReturn := false
Normal stopLooping := false
Break isBreak := true
Break stopLooping := true
Continue isContinue := true
Return isReturn := true
Return stopLooping := true
Eol := Normal clone
