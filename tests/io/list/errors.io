// Error texts of List methods
show := method(e, if(e, e error println, "no error" println))

show(try(list() append))
show(try(list() push))
show(try(list() prepend))
show(try(list() remove))
show(try(list() indexOf))
show(try(list(1) at))
show(try(list(1) at(nil)))
show(try(list(1) at("0")))
show(try(list(1) appendSeq(nil)))
show(try(list(1) appendSeq(3)))
a := list(1)
show(try(a appendSeq(a)))
show(try(list(1) copy(3)))

// Bounds errors: the text ends with a newline
show(try(list(1, 2) atPut(2, 0)))
show(try(list(1, 2) atPut(-1, 0)))
show(try(list(1, 2) atInsert(3, 0)))
show(try(list(1, 2) atInsert(-1, 0)))
show(try(list(1, 2) removeAt(2)))
show(try(list(1, 2) removeAt(-1)))
show(try(list(1, 2) swapIndices(0, 2)))
show(try(list(1, 2) swapIndices(-1, 0)))
show(try(list(1, 2) insertAt(0, 5)))
show(try(list(1, 2) atPut(nil, 0)))
show(try(list(1, 2) swapIndices(1, nil)))
show(try(list(1, 2) atInsert(0, 0)))

// Iteration needs a body
show(try(list(1) foreach))
show(try(list(1) reverseForeach))
show(try(list(1) reverseForeach(x)))
show(try(list(1) map))
show(try(list(1) mapInPlace))
show(try(list(1) select))
show(try(list(1) selectInPlace))
show(try(list(1) detect))
show(try(list(1) groupBy))
show(try(list(1) reduce))
show(try(list(1) reverseReduce))

// Sorting with a block needs a block
show(try(list(2, 1) sortInPlaceBy))
show(try(list(2, 1) sortInPlaceBy(nil)))
show(try(list(2, 1) sortBy(3)))

// Slices
show(try(list(1, 2) slice(0, 2, 0)))
show(try(list(1, 2) sliceInPlace(0, 1, 0)))
show(try(list(1, 2) slice))

// Other argument checks
show(try(list(1) setSize(-1)))
show(try(list(1) preallocateToSize))
show(try(list(1) union(2)))
show(try(list(list(1, 2)) asMap))
show(try(list(1) asMap))
show(try(list() average))
show(try(list(1, "a") sum))
show(try(list(nil, 1) reduce(+)))

// Errors inside a body reach the caller
show(try(list(1, 2) map(x, x foo)))
show(try(list(1, 2) foreach(x, Exception raise("boom"))))
