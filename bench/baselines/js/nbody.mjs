// N-body (Benchmarks Game algorithm): the Jovian planets, symplectic
// integrator with a time step of 0.01; prints the energy before and after.
//
// Usage: node bench/baselines/js/nbody.mjs [N]   (default 50000)

const PI = 3.141592653589793;
const SOLAR_MASS = 4 * PI * PI;
const DAYS_PER_YEAR = 365.24;

class Body {
  constructor(x, y, z, vx, vy, vz, mass) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.vx = vx * DAYS_PER_YEAR;
    this.vy = vy * DAYS_PER_YEAR;
    this.vz = vz * DAYS_PER_YEAR;
    this.mass = mass * SOLAR_MASS;
  }
}

function makeBodies() {
  const sun = new Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
  const jupiter = new Body(
    4.84143144246472090e+00,
    -1.16032004402742839e+00,
    -1.03622044471123109e-01,
    1.66007664274403694e-03,
    7.69901118419740425e-03,
    -6.90460016972063023e-05,
    9.54791938424326609e-04);
  const saturn = new Body(
    8.34336671824457987e+00,
    4.12479856412430479e+00,
    -4.03523417114321381e-01,
    -2.76742510726862411e-03,
    4.99852801234917238e-03,
    2.30417297573763929e-05,
    2.85885980666130812e-04);
  const uranus = new Body(
    1.28943695621391310e+01,
    -1.51111514016986312e+01,
    -2.23307578892655734e-01,
    2.96460137564761618e-03,
    2.37847173959480950e-03,
    -2.96589568540237556e-05,
    4.36624404335156298e-05);
  const neptune = new Body(
    1.53796971148509165e+01,
    -2.59193146099879641e+01,
    1.79258772950371181e-01,
    2.68067772490389322e-03,
    1.62824170038242295e-03,
    -9.51592254519715870e-05,
    5.15138902046611451e-05);
  return [sun, jupiter, saturn, uranus, neptune];
}

function offsetMomentum(bodies) {
  let px = 0.0, py = 0.0, pz = 0.0;
  for (const b of bodies) {
    px += b.vx * b.mass;
    py += b.vy * b.mass;
    pz += b.vz * b.mass;
  }
  const sun = bodies[0];
  sun.vx = -px / SOLAR_MASS;
  sun.vy = -py / SOLAR_MASS;
  sun.vz = -pz / SOLAR_MASS;
}

function energy(bodies) {
  let e = 0.0;
  const count = bodies.length;
  for (let i = 0; i < count; i++) {
    const b = bodies[i];
    e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
    for (let j = i + 1; j < count; j++) {
      const b2 = bodies[j];
      const dx = b.x - b2.x;
      const dy = b.y - b2.y;
      const dz = b.z - b2.z;
      e -= (b.mass * b2.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

function advance(bodies, dt) {
  const count = bodies.length;
  for (let i = 0; i < count; i++) {
    const b = bodies[i];
    for (let j = i + 1; j < count; j++) {
      const b2 = bodies[j];
      const dx = b.x - b2.x;
      const dy = b.y - b2.y;
      const dz = b.z - b2.z;
      const d2 = dx * dx + dy * dy + dz * dz;
      const mag = dt / (d2 * Math.sqrt(d2));
      const bm = b.mass * mag;
      const b2m = b2.mass * mag;
      b.vx -= dx * b2m;
      b.vy -= dy * b2m;
      b.vz -= dz * b2m;
      b2.vx += dx * bm;
      b2.vy += dy * bm;
      b2.vz += dz * bm;
    }
  }
  for (const b of bodies) {
    b.x += dt * b.vx;
    b.y += dt * b.vy;
    b.z += dt * b.vz;
  }
}

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 50000;
  const bodies = makeBodies();
  offsetMomentum(bodies);
  console.log(energy(bodies).toFixed(9));
  for (let i = 0; i < n; i++) advance(bodies, 0.01);
  console.log(energy(bodies).toFixed(9));
}

main();
