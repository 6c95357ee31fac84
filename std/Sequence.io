// Sequence: the Io-written half of the proto. Most methods are natives
// (runtime/src/protos/sequence.rs); these are plain values.

Sequence validEncodings := list("ascii", "utf8", "ucs2", "ucs4", "number")

Sequence validItemTypes := list("uint8", "uint16", "uint32", "uint64",
    "int8", "int16", "int32", "int64", "float32", "float64")

// Character codes of the lowercase letters, the uppercase letters and the digits.
Sequence sequenceSets := Map clone do(
    atPut("lowercaseSequence", list(97, 98, 99, 100, 101, 102, 103, 104, 105,
        106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119,
        120, 121, 122))
    atPut("uppercaseSequence", list(65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75,
        76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90))
    atPut("digitSequence", list(48, 49, 50, 51, 52, 53, 54, 55, 56, 57))
)

// Vector helpers (x, y, z are the first three items) and the decoding of
// List asEncodedList results.
Sequence do(
    x := method(at(0))
    y := method(at(1))
    z := method(at(2))
    setX := method(v, atPut(0, v); self)
    setY := method(v, atPut(1, v); self)
    setZ := method(v, atPut(2, v); self)
    // set(a, b, ...): item i becomes the i-th argument.
    set := method(
        args := call evalArgs
        args foreach(i, v, atPut(i, v))
        self
    )
    rootMeanSquare := method(meanSquare sqrt)
    asDecodedList := method(List fromEncodedList(self))
)
