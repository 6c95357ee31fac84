// fannkuch-redux: over all permutations of 1..n, counts the pancake flips
// needed to bring 1 to the front; prints a checksum and the maximum. Default n = 7.

fannkuch := method(n,
    perm1 := List clone
    for(i, 0, n - 1, perm1 append(i))
    perm := perm1 clone
    count := List clone setSize(n)
    maxFlips := 0
    checksum := 0
    permCount := 0
    r := n
    loop(
        while(r != 1,
            count atPut(r - 1, r)
            r = r - 1
        )

        // Count the flips of this permutation.
        perm copy(perm1)
        flips := 0
        k := perm at(0)
        while(k != 0,
            // Reverse the first k + 1 items.
            i := 0
            j := k
            while(i < j,
                perm swapIndices(i, j)
                i = i + 1
                j = j - 1
            )
            flips = flips + 1
            k = perm at(0)
        )
        if(flips > maxFlips, maxFlips = flips)
        if(permCount isEven, checksum = checksum + flips, checksum = checksum - flips)

        // Move on to the next permutation.
        loop(
            if(r == n, return list(checksum, maxFlips))
            perm0 := perm1 removeFirst
            perm1 atInsert(r, perm0)
            count atPut(r, count at(r) - 1)
            if(count at(r) > 0, break)
            r = r + 1
        )
        permCount = permCount + 1
    )
)

n := if(System args size > 1, System args at(1) asNumber, 7)

result := fannkuch(n)
result at(0) println
("Pfannkuchen(" .. n .. ") = " .. result at(1)) println
