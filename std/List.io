// List: the Io-written half of the proto. Most List methods are natives
// (runtime/src/protos/list.rs); these are built on them.
List do(
    sum := method(self reduce(+))

    average := method(self sum / self size)

    uniqueCount := method(
        self unique map(item, list(item, self select(== item) size))
    )

    cursor := method(List ListCursor clone setCollection(self))
)

// A position in a List that can move back and forth.
List ListCursor := Object clone do(
    index := 0
    collection := nil
    setIndex := method(i, index = i; self)
    setCollection := method(c, collection = c; self)
    next := method(
        index = index + 1
        max := collection size - 1
        if(index > max, index = max; false, true)
    )
    previous := method(
        index = index - 1
        if(index < 0, index = 0; false, true)
    )
    value := method(collection at(index))
    insert := method(v, collection atInsert(index, v))
    remove := method(collection removeAt(index))
)
