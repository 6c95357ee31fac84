// JavaScript baseline of bench/micro.io.
//
// Prints one line of JSON. Each metric is in millions of operations per
// second: a run does 125,000 iterations of 8 operations (1,000,000 in all),
// so the value is 1 / (seconds taken). Each metric is measured once, as in
// micro.io, so the figures include V8's warm-up (interpreter, then the
// optimizing compilers); once optimized, most of these loops do next to
// nothing, since V8 removes unused reads and allocations.
//
// Usage: node bench/baselines/js/micro.mjs

// Seconds on a monotonic clock.
const clock = () => Number(process.hrtime.bigint()) / 1e9;

class Bench {
  // The method called by blockActivations.
  foo() {
    return 1;
  }

  localAccesses() {
    let x = 1;
    for (let i = 0; i < 125000; i++) {
      x; x; x; x; x; x; x; x;
    }
  }

  localSets() {
    let x = 1;
    for (let i = 0; i < 125000; i++) {
      x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1; x = 1;
    }
  }

  // x is a property of the receiver (set on the instance, below).
  slotAccesses() {
    for (let i = 0; i < 125000; i++) {
      this.x; this.x; this.x; this.x; this.x; this.x; this.x; this.x;
    }
  }

  slotSets() {
    for (let i = 0; i < 125000; i++) {
      this.x = 1; this.x = 1; this.x = 1; this.x = 1;
      this.x = 1; this.x = 1; this.x = 1; this.x = 1;
    }
  }

  blockActivations() {
    for (let i = 0; i < 125000; i++) {
      this.foo(); this.foo(); this.foo(); this.foo();
      this.foo(); this.foo(); this.foo(); this.foo();
    }
  }

  instantiations() {
    for (let i = 0; i < 125000; i++) {
      new Bench(); new Bench(); new Bench(); new Bench();
      new Bench(); new Bench(); new Bench(); new Bench();
    }
  }

  // micro.io calls thisContext, a built-in (CFunction) method; the nearest
  // everyday JavaScript equivalent is a call of a built-in function.
  cfuncActivations() {
    const x = -1;
    for (let i = 0; i < 125000; i++) {
      Math.abs(x); Math.abs(x); Math.abs(x); Math.abs(x);
      Math.abs(x); Math.abs(x); Math.abs(x); Math.abs(x);
    }
  }

  // A generator yields back for as long as partnerRunning is true. Each
  // next() of the timed loop is a round trip through it: two switches.
  coroutineSwitches() {
    this.partnerRunning = true;
    const self = this;
    function* bounce() {
      while (self.partnerRunning) yield;
    }
    const partner = bounce();
    partner.next();
    const start = clock();
    for (let i = 0; i < 500000; i++) partner.next();
    const seconds = clock() - start;
    this.partnerRunning = false;
    partner.next();
    return `"coroutineSwitches": ${(1 / seconds).toFixed(3)}`;
  }

  // Runs fn once and returns `"name": <millions of operations per second>`.
  timeIt(name, fn) {
    const start = clock();
    fn.call(this);
    const seconds = clock() - start;
    return `"${name}": ${(1 / seconds).toFixed(3)}`;
  }
}

const bench = new Bench();
// The property read and written by slotAccesses and slotSets.
bench.x = 1;

let json = '{"language": "js"';
for (const name of ["localAccesses", "localSets", "slotAccesses", "slotSets",
                    "blockActivations", "instantiations", "cfuncActivations"]) {
  json += ", " + bench.timeIt(name, bench[name]);
}
json += ", " + bench.coroutineSwitches();
json += "}";
console.log(json);
