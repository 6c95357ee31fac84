// Object: the Io-written half of the root proto.

Object uniqueHexId := method(self uniqueId)

Object asSimpleString := method(self type .. "_" .. self uniqueHexId)

// A dump of the local slots: a header line, then one sorted line per slot.
Object slotSummary := method(keyword,
    s := " " .. self asSimpleString .. ":\n"
    names := self slotNames
    values := self slotValues
    names clone sort foreach(name,
        if(keyword isNil or(name containsSeq(keyword)),
            value := values at(names indexOf(name))
            s = s .. "  " .. name alignLeft(16) .. " = " .. getSlot("value") asSimpleString .. "\n"
        )
    )
    s
)

Object asString := method(self slotSummary)

Object .. := method(v, self asString .. v asString)

// newSlot(name, value) also defines a setter `setName` that answers self.
Object newSlot := method(name, value,
    self setSlot(name, getSlot("value"))
    setter := block(v, call target setSlot(name, getSlot("v")); call target)
    self setSlot("set" .. name asCapitalized, setter setIsActivatable(true))
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
        code := call argAt(0)
        ctx := call sender
        return block(ctx doMessage(code)) setIsActivatable(true)
    )
    name := call evalArgAt(0)
    code := call argAt(1)
    obj := self
    // On first read, evaluate the code in the object and keep the value.
    lazy := block(
        v := obj doMessage(code)
        obj setSlot(name, getSlot("v"))
        getSlot("v")
    ) setIsActivatable(true)
    self setSlot(name, getSlot("lazy"))
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

// x switch(k1, e1, k2, e2, ..., [default]): the expression paired with the
// first key equal to x, else the default (or nil). break, continue and
// return inside an expression act on the caller.
Object switch := method(
    n := call argCount
    i := 0
    while(i + 1 < n,
        if(call evalArgAt(i) == self, return call relayStopStatus(call evalArgAt(i + 1)))
        i = i + 2
    )
    if(n isOdd, call relayStopStatus(call evalArgAt(n - 1)), nil)
)

// foreachSlot(name, value, body): the local slots in name order, bound in the caller.
Object foreachSlot := method(
    nameSlot := call argAt(0) name
    valueSlot := call argAt(1) name
    names := self slotNames sort
    i := 0
    while(i < names size,
        n := names at(i)
        call sender setSlot(nameSlot, n)
        call sender setSlot(valueSlot, self getSlot(n))
        r := call relayStopStatus(call evalArgAt(2))
        status := call stopStatus
        if(status isReturn, return getSlot("r"))
        if(status isBreak, call resetStopStatus; return nil)
        if(status isContinue, call resetStopStatus)
        i = i + 1
    )
    nil
)

// addTrait(obj, [renames]): copy obj's slots here; a clash must be renamed.
Object addTrait := method(obj,
    if(call argCount == 0, Exception raise("addTrait requires at least one argument"))
    renames := call evalArgAt(1)
    if(renames isNil, renames = Map clone)
    target := self
    getSlot("obj") slotNames foreach(name,
        v := getSlot("obj") getSlot(name)
        if(target hasLocalSlot(name),
            if(name != "type",
                newName := renames at(name)
                if(newName isNil,
                    Exception raise("Slot '" .. name .. "' already exists in " .. target type .. "; give it a new name in the map argument")
                )
                target setSlot(newName, getSlot("v"))
            )
        ,
            target setSlot(name, getSlot("v"))
        )
    )
    self
)

// JSON for the three singletons.
nil asJson := "null"
true asJson := "true"
false asJson := "false"
