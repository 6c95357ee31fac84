// n-body: simulates the Jovian planets orbiting the Sun and prints the
// system's energy before and after. Default size: 50000 steps.

pi := 3.141592653589793
solarMass := 4 * pi * pi
daysPerYear := 365.24

Body := Object clone do(
    x := 0; y := 0; z := 0
    vx := 0; vy := 0; vz := 0
    mass := 0
)

body := method(x, y, z, vx, vy, vz, mass,
    b := Body clone
    b x = x; b y = y; b z = z
    b vx = vx * daysPerYear; b vy = vy * daysPerYear; b vz = vz * daysPerYear
    b mass = mass * solarMass
    b
)

bodies := list(
    // Sun
    body(0, 0, 0, 0, 0, 0, 1),
    // Jupiter
    body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
        1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
        9.54791938424326609e-04),
    // Saturn
    body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
        -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
        2.85885980666130812e-04),
    // Uranus
    body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
        2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
        4.36624404335156298e-05),
    // Neptune
    body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
        2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
        5.15138902046611451e-05)
)

// Gives the Sun the momentum that makes the system's total momentum zero.
offsetMomentum := method(
    px := 0; py := 0; pz := 0
    bodies foreach(b,
        px = px + b vx * b mass
        py = py + b vy * b mass
        pz = pz + b vz * b mass
    )
    sun := bodies first
    sun vx = (0 - px) / solarMass
    sun vy = (0 - py) / solarMass
    sun vz = (0 - pz) / solarMass
)

energy := method(
    e := 0
    count := bodies size
    for(i, 0, count - 1,
        b := bodies at(i)
        e = e + 0.5 * b mass * (b vx * b vx + b vy * b vy + b vz * b vz)
        for(j, i + 1, count - 1,
            c := bodies at(j)
            dx := b x - c x
            dy := b y - c y
            dz := b z - c z
            e = e - (b mass * c mass) / (dx * dx + dy * dy + dz * dz) sqrt
        )
    )
    e
)

advance := method(dt,
    count := bodies size
    for(i, 0, count - 1,
        b := bodies at(i)
        for(j, i + 1, count - 1,
            c := bodies at(j)
            dx := b x - c x
            dy := b y - c y
            dz := b z - c z
            d2 := dx * dx + dy * dy + dz * dz
            mag := dt / (d2 * d2 sqrt)
            bm := b mass * mag
            cm := c mass * mag
            b vx = b vx - dx * cm
            b vy = b vy - dy * cm
            b vz = b vz - dz * cm
            c vx = c vx + dx * bm
            c vy = c vy + dy * bm
            c vz = c vz + dz * bm
        )
    )
    bodies foreach(b,
        b x = b x + dt * b vx
        b y = b y + dt * b vy
        b z = b z + dt * b vz
    )
)

n := if(System args size > 1, System args at(1) asNumber, 50000)

offsetMomentum
energy asString(0, 9) println
n repeat(advance(0.01))
energy asString(0, 9) println
