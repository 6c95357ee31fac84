// fasta: writes three DNA sequences in FASTA format, one repeated from a fixed
// string and two drawn with a linear congruential generator. Default n = 1000.

lineLength := 60

alu := list(
    "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG",
    "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA",
    "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT",
    "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA",
    "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG",
    "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC",
    "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"
) join

// Each table is a list of (character, probability) pairs.
iub := list(
    list("a", 0.27), list("c", 0.12), list("g", 0.12), list("t", 0.27),
    list("B", 0.02), list("D", 0.02), list("H", 0.02), list("K", 0.02),
    list("M", 0.02), list("N", 0.02), list("R", 0.02), list("S", 0.02),
    list("V", 0.02), list("W", 0.02), list("Y", 0.02)
)

homoSapiens := list(
    list("a", 0.3029549426680),
    list("c", 0.1979883004921),
    list("g", 0.1975473066391),
    list("t", 0.3015094502008)
)

Random := Object clone do(
    last := 42
    // The next number in [0, max).
    next := method(max,
        last = (last * 3877 + 29573) % 139968
        max * last / 139968
    )
)

// Writes count characters of seq, repeated cyclically, 60 to a line.
repeatFasta := method(header, seq, count,
    header println
    line := Sequence clone
    pos := 0
    seqSize := seq size
    while(count > 0,
        m := if(count < lineLength, count, lineLength)
        line setSize(0)
        m repeat(
            line append(seq at(pos))
            pos = pos + 1
            if(pos == seqSize, pos = 0)
        )
        line println
        count = count - m
    )
)

// Writes count characters drawn at random with the table's probabilities.
randomFasta := method(header, table, count,
    header println
    // Cumulative probabilities, and the character codes they select.
    codes := List clone
    limits := List clone
    p := 0
    table foreach(pair,
        p = p + pair at(1)
        codes append(pair at(0) at(0))
        limits append(p)
    )
    last := codes size - 1
    line := Sequence clone
    while(count > 0,
        m := if(count < lineLength, count, lineLength)
        line setSize(0)
        m repeat(
            r := Random next(1)
            i := 0
            while(i < last and r >= limits at(i), i = i + 1)
            line append(codes at(i))
        )
        line println
        count = count - m
    )
)

n := if(System args size > 1, System args at(1) asNumber, 1000)

repeatFasta(">ONE Homo sapiens alu", alu, n * 2)
randomFasta(">TWO IUB ambiguity codes", iub, n * 3)
randomFasta(">THREE Homo sapiens frequency", homoSapiens, n * 5)
