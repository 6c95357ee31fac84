// io.js runs an Io program built by `ioc bundle` in a page: <script
// type="module" src="io.js" data-wasm="app.wasm">. window.ioReady: a promise
// of its exit code; window.ioEval(line): a REPL line, a promise of 0 or 1.

const wasmUrl = new URL(
  document.querySelector('script[data-wasm]')?.dataset.wasm ?? 'app.wasm', document.baseURI);
const enc = new TextEncoder(), utf8 = new TextDecoder();
// depth: calls into the module under way; dead: why it is called no more.
let ex, depth = 0, dead = null, exitCode = null, scratch = 0, timer = null;

const dv = () => new DataView(ex.memory.buffer);
const bytes = (p, n) => new Uint8Array(ex.memory.buffer, p, n);
const text = (p, n) => utf8.decode(bytes(p, n));
const set32 = (p, v) => dv().setUint32(p, v, true);
const set64 = (p, v) => dv().setBigUint64(p, v, true);
const later = (f) => setTimeout(f, 0);
class Exit { constructor(code) { this.code = code; } }
class BadHandle extends Error {}
function describe(e) {
  try { return e instanceof Error ? `${e.name}: ${e.message}` : String(e); } catch { return 'an exception'; }
}

// Output goes to <pre id="io-output"> (made if missing) and the console
// when a call into the module returns or calls JS.
let first = true;
const queued = [], decoders = [, new TextDecoder(), new TextDecoder()];
function show(fd, s) {
  const last = queued.at(-1);
  if (last?.[0] === fd) last[1] += s;
  else if (s) queued.push([fd, s]);
}
function flush() {
  show(1, decoders[1].decode());
  show(2, decoders[2].decode());
  if (!queued.length) return;
  const make = (tag, props) => Object.assign(document.createElement(tag), props);
  const el = document.getElementById('io-output') ?? document.body.appendChild(make('pre', { id: 'io-output' }));
  for (const [fd, s] of queued.splice(0)) {
    el.append(fd === 1 ? s : make('span', { className: 'io-stderr', textContent: s }));
    for (const l of s.replace(/\n$/, '').split('\n')) (fd === 1 ? console.log : console.error)(l);
  }
  el.scrollTop = el.scrollHeight;
  if (first) performance.mark('io-first-output');
  first = false;
}
const fail = (message) => { show(2, message + '\n'); flush(); };

// WASI preview 1 as far as a page goes: stdout, stderr, an empty stdin,
// clocks, randomness, one argument; any other function answers ENOSYS.
const EBADF = 8, ENOSYS = 52, ESPIPE = 70;
const arg0 = enc.encode(wasmUrl.pathname.split('/').pop() + '\0');
const wasi = {
  fd_write(fd, iovs, n, written) {
    if (fd !== 1 && fd !== 2) return EBADF;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = dv(), p = d.getUint32(iovs + 8 * i, true), len = d.getUint32(iovs + 8 * i + 4, true);
      show(fd, decoders[fd].decode(bytes(p, len), { stream: true }));
      total += len;
    }
    set32(written, total);
    return 0;
  },
  fd_read: (fd, iovs, n, read) => (fd ? EBADF : (set32(read, 0), 0)), // end of file
  fd_close: (fd) => (fd > 2 ? EBADF : 0),
  fd_seek: (fd) => (fd > 2 ? EBADF : ESPIPE),
  fd_fdstat_get(fd, p) {
    if (fd > 2) return EBADF;
    bytes(p, 24).fill(0)[0] = 2; // a character device
    set64(p + 8, fd ? 64n : 2n); // that may be written, or read
    return 0;
  },
  fd_prestat_get: () => EBADF, // no folders
  clock_time_get(id, precision, p) {
    const ms = performance.now() + (id === 0 ? performance.timeOrigin : 0);
    set64(p, BigInt(Math.round(ms * 1e6)));
    return 0;
  },
  random_get(p, n) {
    for (let i = 0; i < n; i += 65536) crypto.getRandomValues(bytes(p + i, Math.min(65536, n - i)));
    return 0;
  },
  args_sizes_get: (count, size) => (set32(count, 1), set32(size, arg0.length), 0),
  args_get: (argv, buf) => (set32(argv, buf), bytes(buf, arg0.length).set(arg0), 0),
  environ_sizes_get: (count, size) => (set32(count, 0), set32(size, 0), 0),
  environ_get: () => 0,
  proc_exit(code) { throw new Exit(code); },
  sched_yield: () => 0,
  // Nothing blocks in a page: every subscription is answered at once.
  poll_oneoff(subs, events, n, count) {
    const d = dv();
    bytes(events, 32 * n).fill(0);
    for (let i = 0; i < n; i++) {
      d.setBigUint64(events + 32 * i, d.getBigUint64(subs + 48 * i, true), true);
      d.setUint8(events + 32 * i + 10, d.getUint8(subs + 48 * i + 8));
    }
    set32(count, n);
    return 0;
  },
};

// The bridge: JS values that Io holds are in `table` by handle; an Io block
// is a JS function, one per callback id while it lives.
const table = new Map(), freed = [], wrappers = new Map();
let nextHandle = 1;
function hold(v) {
  const h = freed.length ? freed.pop() : nextHandle++;
  table.set(h, v);
  return h;
}
function held(h) {
  if (!table.has(h)) throw new BadHandle(`no JS value with handle ${h}`);
  return table.get(h);
}
const dying = new FinalizationRegistry((id) => {
  if (wrappers.get(id)?.deref() || dead) return;
  wrappers.delete(id);
  try { enter(() => ex.io_js_release_callback(id)); } catch { /* shown */ }
});
function callback(id) {
  let f = wrappers.get(id)?.deref();
  if (!f) {
    f = (...args) => callIo(id, args);
    wrappers.set(id, new WeakRef(f));
    dying.register(f, id);
  }
  return f;
}

// Value records: u32 tag, u32 a, then an f64 or a u32 pointer and length.
function load(p) {
  const d = dv(), tag = d.getUint32(p, true), a = d.getUint32(p + 4, true);
  switch (tag) {
    case 0: return undefined;
    case 1: return null;
    case 2: return a !== 0;
    case 3: return d.getFloat64(p + 8, true);
    case 4: return text(d.getUint32(p + 8, true), d.getUint32(p + 12, true));
    case 5: return held(a);
    case 6: return callback(a);
  }
  throw new BadHandle(`bad value tag ${tag}`);
}
function store(p, v) {
  const t = typeof v, s = t === 'string' && enc.encode(v);
  const tag = v === undefined ? 0 : v === null ? 1 : t === 'boolean' ? 2 : t === 'number' ? 3 : s ? 4 : 5;
  const ptr = s ? ex.io_js_alloc(s.length) : 0; // (memory may grow: dv() after)
  if (s) bytes(ptr, s.length).set(s);
  const d = dv();
  d.setUint32(p, tag, true);
  d.setUint32(p + 4, tag === 2 ? +v : tag === 5 ? hold(v) : 0, true);
  d.setFloat64(p + 8, tag === 3 ? v : 0, true);
  if (s) { d.setUint32(p + 8, ptr, true); d.setUint32(p + 12, s.length, true); }
}

function op(code, target, kp, kl, ap, argc, outp) {
  if (queued.length) flush(); // Io's output comes before what JS shows
  try {
    const key = text(kp, kl), arg = (i) => (i < argc ? load(ap + 16 * i) : undefined);
    const args = () => Array.from({ length: argc }, (_, i) => arg(i));
    let r;
    switch (code) {
      case 0: r = globalThis; break;
      case 1: r = held(target)[key]; break;
      case 2: held(target)[key] = arg(0); break;
      case 4: r = Reflect.apply(held(target), undefined, args()); break;
      case 5: r = Reflect.construct(held(target), args()); break;
      case 6: held(target); table.delete(target); freed.push(target); break;
      case 7: r = typeof held(target); break;
      case 8: r = held(target) instanceof arg(0); break;
      case 3: case 9: { // 9: a JSObject forwards (call, else read)
        const o = held(target), f = o[key], no = `${key} is not a function`;
        if (typeof f === 'function') r = Reflect.apply(f, o, args());
        else if (code === 3) throw new TypeError(no);
        else if (argc) throw new BadHandle(no);
        else r = f;
        break;
      }
      default: throw new BadHandle(`unknown operation ${code}`);
    }
    store(outp, r);
    return 0;
  } catch (e) {
    const bad = e instanceof BadHandle;
    store(outp, bad ? e.message : describe(e));
    return bad ? 2 : 1;
  }
}

// Every call into the module goes through here.
function enter(f) {
  if (dead) throw new Error(`the Io program stopped: ${dead}`);
  depth++;
  try {
    return f();
  } catch (e) {
    if (!(e instanceof Exit)) {
      fail(`io: ${(dead = describe(e))}`);
      throw e;
    }
    dead = `exit ${(exitCode = e.code)}`;
  } finally {
    depth--;
    flush();
  }
}

// Timers: at most one setTimeout pending, for the next Io timer.
function tick() {
  clearTimeout(timer);
  timer = null;
  if (dead || depth) return;
  let ms = -1;
  try { ms = enter(() => ex.io_browser_tick()); } catch { /* shown */ }
  if (ms >= 0) timer = setTimeout(tick, Math.min(ms, 2 ** 31 - 1));
}

function callIo(id, args) {
  if (dead) return undefined;
  let status, result;
  try {
    status = enter(() => {
      const p = args.length ? ex.io_js_alloc(16 * args.length) : 0;
      args.forEach((v, i) => store(p + 16 * i, v));
      return ex.io_js_callback(id, p, args.length, scratch);
    });
    if (status < 2) result = load(scratch);
  } finally {
    tick();
  }
  if (status === 2) later(() => callIo(id, args));
  if (status === 1) throw new Error(result);
  return result;
}

window.ioEval = async (src) => {
  await window.ioReady;
  while (depth) await new Promise(later); // Io is busy in a JS call
  let status;
  try {
    status = enter(() => {
      const b = enc.encode(src), p = ex.io_js_alloc(b.length);
      bytes(p, b.length).set(b);
      return ex.io_browser_eval(p, b.length);
    });
  } finally {
    tick();
  }
  if (status === 3) fail('io: the program has exited');
  return status < 3 ? status : exitCode;
};

async function start() {
  const resp = await fetch(wasmUrl);
  if (!resp.ok) throw new Error(`cannot load ${wasmUrl}: ${resp.status} ${resp.statusText}`);
  const module = resp.headers.get('content-type')?.startsWith('application/wasm')
    ? await WebAssembly.compileStreaming(resp)
    : await WebAssembly.compile(await resp.arrayBuffer());
  const imports = {};
  for (const { module: m, name } of WebAssembly.Module.imports(module)) {
    imports[m] ??= {};
    imports[m][name] = m === 'wasi_snapshot_preview1' ? wasi[name] ?? (() => ENOSYS)
      : m === 'io_js' && name === 'op' ? op
      : () => { throw new Error(`${m}.${name} is not available in a page`); };
  }
  ex = (await WebAssembly.instantiate(module, imports)).exports;
  if (!ex.io_browser_start) throw new Error(`${wasmUrl} was not built by ioc bundle`);
  scratch = ex.io_js_alloc(16);
  const code = enter(ex.io_browser_start) ?? exitCode ?? 0;
  performance.mark('io-started');
  tick();
  return code;
}

window.ioReady = start();
window.ioReady.catch((e) => dead || fail(`io: ${describe(e)}`));
