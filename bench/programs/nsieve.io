// nsieve: counts the primes up to 10000 * 2^m for m = n, n-1, n-2 with a
// sieve of Eratosthenes over a List of booleans. Default size: n = 6.

// The number of primes in 2..size.
nsieve := method(size,
    isPrime := List clone preallocateToSize(size + 1)
    (size + 1) repeat(isPrime append(true))
    count := 0
    for(i, 2, size,
        if(isPrime at(i),
            count = count + 1
            for(k, i + i, size, i, isPrime atPut(k, false))
        )
    )
    count
)

n := if(System args size > 1, System args at(1) asNumber, 6)

list(n, n - 1, n - 2) foreach(m,
    size := 10000 * (2 ** m)
    ("Primes up to " .. size asString(8, 0) .. " " .. nsieve(size) asString(8, 0)) println
)
