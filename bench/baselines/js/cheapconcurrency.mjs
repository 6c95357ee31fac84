// Cheap concurrency: a chain of 500 coroutines (generators), each receiving
// a number, adding 1 and passing it on to the next. N messages of value 0
// are pushed into the head one at a time; the values coming out of the tail
// are summed and the sum printed (N * 500).
//
// Generators are asymmetric coroutines: one cannot switch straight to
// another, so a small scheduler loop carries each value from one coroutine
// to the next (every hop is a switch into the coroutine and one back out).
//
// Usage: node bench/baselines/js/cheapconcurrency.mjs [N]   (default 50)

const LINKS = 500;

// Receive a number and pass it on plus one.
function* link() {
  let value = yield;
  while (true) value = yield value + 1;
}

function main() {
  const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 50;
  const chain = [];
  for (let i = 0; i < LINKS; i++) {
    const coroutine = link();
    coroutine.next();
    chain.push(coroutine);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let value = 0;
    for (const coroutine of chain) value = coroutine.next(value).value;
    total += value;
  }
  console.log(String(total));
}

main();
