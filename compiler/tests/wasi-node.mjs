// Runs a WASI (preview 1) module under Node, the way `io` runs natively:
// node wasi-node.mjs MODULE.wasm [args...]. The current directory is
// preopened as `.`, the environment is passed through, and the exit code is
// the module's: `proc_exit` ends Node itself (returning through the module
// after it would make Node 20 crash once the module's memory is large).
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';

const [wasmPath, ...args] = process.argv.slice(2);
const wasi = new WASI({
    version: 'preview1',
    args: ['io', ...args],
    env: process.env,
    preopens: { '.': '.' },
    returnOnExit: false,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
wasi.start(instance);
