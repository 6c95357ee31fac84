// Runs a WASI (preview 1) module under Node, the way `ioc run` does:
//
//     node --single-threaded-gc wasi-node.mjs MODULE.wasm [args...]
//
// The current folder is preopened as `.`, the environment is passed through,
// and Node's exit code is the module's. Node 20's concurrent garbage
// collector can crash the process once a module's memory is a few hundred
// MB large (seen with a plain Rust program that allocates 100 MB), so the
// module runs with `--single-threaded-gc`: started without it, this script
// runs itself again with it.
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { WASI } from 'node:wasi';
import process from 'node:process';

const FLAG = '--single-threaded-gc';
if (!process.execArgv.includes(FLAG)) {
    const again = spawnSync(
        process.execPath,
        [FLAG, ...process.execArgv, ...process.argv.slice(1)],
        { stdio: 'inherit' },
    );
    process.exit(again.status ?? 1);
}

const [wasmPath, ...args] = process.argv.slice(2);
const wasi = new WASI({
    version: 'preview1',
    args: [wasmPath, ...args],
    env: process.env,
    preopens: { '.': '.' },
    returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
