// Number: the Io-written half of the proto.

// Ways to choose r of the receiver's items, order ignored: n! / (r! (n-r)!).
Number combinations := method(r,
    self factorial / (r factorial * (self - r) factorial)
)

// Ways to arrange r of the receiver's items in order: n! / (n-r)!.
Number permutations := method(r,
    self factorial / (self - r) factorial
)

// true when the receiver is a character code found in one of the lists of
// Sequence sequenceSets (lowercase letters, uppercase letters, digits).
Number isInASequenceSet := method(
    Sequence sequenceSets foreach(name, codes,
        if(codes contains(self), return true)
    )
    false
)

Number inf := 1 / 0
Number nan := 0 / 0
Number pi := 3.141592653589793
