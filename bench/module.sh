#!/usr/bin/env bash
# Measures what `ioc build` makes of a small program (examples/hello.io by
# default): the module's size (raw and gzip) and its start-up time, the wall
# time of a whole run, median of N runs, under each engine found: the
# wasmtime CLI (if `wasmtime` is on PATH; from its code cache, and from a
# module precompiled by `wasmtime compile`), `ioc run` (the embedded
# wasmtime) and Node's WASI (with `node -e 0` beside it: Node's own start-up);
# `io` running the same file natively is the reference.
#
# Usage: bash bench/module.sh [--quick] [--runs N] [--opt-level L] [FILE.io]
#
#   --quick          print only; never touch history.json
#   --runs N         runs per engine (default 20)
#   --opt-level L    passed to ioc build (default: ioc's default)
#
# Without --quick, one point is appended to bench/history.json, series
# "module-<file stem>".
set -euo pipefail

cd "$(dirname "$0")/.."

quick=0
runs=20
file=examples/hello.io
opt=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --runs) runs="$2"; shift ;;
        --opt-level) opt=(--opt-level "$2"); shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "bench/module.sh: unknown option $1" >&2; exit 2 ;;
        *) file="$1" ;;
    esac
    shift
done

target="${CARGO_TARGET_DIR:-target}"
ioc="$target/release/ioc"
io="$target/release/io"
for b in "$ioc" "$io"; do
    [ -x "$b" ] || { echo "bench/module.sh: $b not found; build with: cargo build --release -p io-compiler" >&2; exit 1; }
done
stem="$(basename "$file" .io)"
module="$target/bench-$stem.wasm"
"$ioc" build -q "${opt[@]}" "$file" -o "$module"

wasmtime_cli="$(command -v wasmtime || true)"
# Warm the engines' code caches first: start-up is measured on a module that
# was run before, as a deployed one is.
"$ioc" run "$module" >/dev/null
[ -z "$wasmtime_cli" ] || "$wasmtime_cli" run --dir . "$module" >/dev/null

RUNS="$runs" MODULE="$module" FILE="$file" IOC="$ioc" IO="$io" WASMTIME="$wasmtime_cli" \
QUICK="$quick" STEM="$stem" python3 - <<'EOF'
import gzip, json, os, statistics, subprocess, time, datetime

runs = int(os.environ["RUNS"])
module = os.environ["MODULE"]
data = open(module, "rb").read()
engines = {
    "native": [os.environ["IO"], os.environ["FILE"]],
    "iocRun": [os.environ["IOC"], "run", module],
    "node": ["node", "--single-threaded-gc", "--no-warnings", "compiler/tests/wasi-node.mjs", module],
}
# Node's own start-up, for reading the node figure.
engines["nodeEmpty"] = ["node", "-e", "0"]
if os.environ["WASMTIME"]:
    engines["wasmtimeCli"] = [os.environ["WASMTIME"], "run", "--dir", ".", module]
    cwasm = module[:-len(".wasm")] + ".cwasm"
    subprocess.run([os.environ["WASMTIME"], "compile", module, "-o", cwasm], check=True)
    engines["wasmtimeCliPrecompiled"] = [os.environ["WASMTIME"], "run", "--allow-precompiled", "--dir", ".", cwasm]

def median_ms(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times)

metrics = {"bytes": len(data), "gzipBytes": len(gzip.compress(data, 9))}
print("%s: %d bytes, %d gzip" % (module, metrics["bytes"], metrics["gzipBytes"]))
for name, cmd in engines.items():
    med, lo, hi = median_ms(cmd)
    metrics["startupMs_" + name] = round(med, 2)
    print("  start-up %-12s median %7.2f ms  (min %.2f, max %.2f, %d runs)" % (name, med, lo, hi, runs))

if os.environ["QUICK"] != "1":
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    model = ""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    point = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": commit,
        "machine": "%d cores, %s" % (os.cpu_count(), model or "unknown CPU"),
        "series": "module-" + os.environ["STEM"],
        "metrics": metrics,
    }
    history = json.load(open("bench/history.json"))
    history.append(point)
    with open("bench/history.json", "w") as f:
        json.dump(history, f, indent=2)
        f.write("\n")
    print("appended to bench/history.json (series %s, commit %s)" % (point["series"], commit))
EOF
