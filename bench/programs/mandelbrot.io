// mandelbrot: tests the points of an n x n grid over [-1.5, 0.5] x [-1, 1] for
// membership in the Mandelbrot set (50 iterations, escape when |z|^2 > 4), then
// prints how many are in it and the sum of the bytes of the PBM bitmap. Default n = 200.

n := if(System args size > 1, System args at(1) asNumber, 200)

count := 0
checksum := 0
for(y, 0, n - 1,
    ci := 2 * y / n - 1
    byte := 0
    bits := 0
    for(x, 0, n - 1,
        cr := 2 * x / n - 1.5
        zr := 0; zi := 0; tr := 0; ti := 0
        i := 0
        while(i < 50 and tr + ti <= 4,
            zi = 2 * zr * zi + ci
            zr = tr - ti + cr
            tr = zr * zr
            ti = zi * zi
            i = i + 1
        )
        inSet := if(tr + ti <= 4, 1, 0)
        count = count + inSet
        // Pack the row into bytes, most significant bit first, as PBM does.
        byte = byte * 2 + inSet
        bits = bits + 1
        if(bits == 8,
            checksum = checksum + byte
            byte = 0
            bits = 0
        )
    )
    // The last byte of a row is padded with zero bits.
    if(bits > 0, checksum = checksum + byte * (2 ** (8 - bits)))
)

("mandelbrot " .. n .. ": " .. count .. " points, checksum " .. checksum) println
