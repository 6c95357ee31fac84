#!/usr/bin/env bash
# Runs the micro-benchmarks (bench/micro.io) and prints their JSON line.
#
# Usage: bash bench/run.sh [--quick] [--runs N] [--engine E] [--series NAME]
#
#   --engine E     native (default): the release `io` binary;
#                  wasmtime: micro.io built by `ioc build`, run by `ioc run`;
#                  node: the same module under Node's WASI
#   --quick        run once and print the result; never touch history.json,
#                  and never fail because of the benchmark (CI uses this)
#   --runs N       run N times and keep each metric's best figure (default 5;
#                  shared machines are noisy, and noise only ever slows down)
#   --series NAME  series name recorded in history.json
#                  (default: native-interpreter, wasm-interpreter-wasmtime
#                  or wasm-interpreter-node after the engine)
#
# Each figure is also printed as a ratio to the reference: the upstream Io
# WASM VM's published figures (bench/reference.json).
#
# Without --quick, the result is appended to bench/history.json and any
# problem makes the script fail.
#
# The binaries are ${CARGO_TARGET_DIR:-target}/release/{io,ioc}; build them with
#   cargo build --release -p io-compiler
set -euo pipefail

cd "$(dirname "$0")/.."

quick=0
runs=5
series=""
engine=native
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --series)
            [ $# -ge 2 ] || { echo "bench/run.sh: --series needs a name" >&2; exit 2; }
            series="$2"
            shift
            ;;
        --series=*) series="${1#--series=}" ;;
        --engine)
            [ $# -ge 2 ] || { echo "bench/run.sh: --engine needs a name" >&2; exit 2; }
            engine="$2"
            shift
            ;;
        --runs)
            [ $# -ge 2 ] || { echo "bench/run.sh: --runs needs a number" >&2; exit 2; }
            runs="$2"
            shift
            ;;
        -h|--help)
            sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *) echo "bench/run.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

# In --quick mode problems are only reported; otherwise they are fatal.
problem() {
    if [ "$quick" = 1 ]; then
        echo "warning: bench/run.sh: $*" >&2
        exit 0
    fi
    echo "error: bench/run.sh: $*" >&2
    exit 1
}

target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/io"
case "$engine" in
    native)
        [ -x "$bin" ] || problem "$bin not found; build it with: cargo build --release -p io-compiler"
        command=("$bin" bench/micro.io)
        default_series=native-interpreter
        ;;
    wasmtime|node)
        ioc="$target/release/ioc"
        [ -x "$ioc" ] || problem "$ioc not found; build it with: cargo build --release -p io-compiler"
        module="$target/bench-micro.wasm"
        "$ioc" build -q bench/micro.io -o "$module" || problem "ioc build bench/micro.io failed"
        if [ "$engine" = wasmtime ]; then
            command=("$ioc" run "$module")
        else
            command=(node --single-threaded-gc --no-warnings compiler/tests/wasi-node.mjs "$module")
        fi
        default_series="wasm-interpreter-$engine"
        ;;
    *) problem "unknown engine: $engine (native, wasmtime or node)" ;;
esac
[ -n "$series" ] || series="$default_series"

[ "$quick" = 1 ] && runs=1
case "$runs" in ''|*[!0-9]*|0) problem "--runs needs a positive number" ;; esac

lines=""
for _ in $(seq "$runs"); do
    status=0
    output="$(timeout 600 "${command[@]}")" || status=$?
    [ -z "$output" ] || printf '%s\n' "$output"
    [ "$status" = 0 ] || problem "the benchmark exited with status $status"
    # The result is the last line that looks like a JSON object.
    json="$(printf '%s\n' "$output" | grep '^[[:space:]]*{' | tail -n 1 || true)"
    [ -n "$json" ] || problem "the benchmark printed no JSON line"
    lines="$lines$json
"
done

metrics="$(printf '%s' "$lines" | python3 -c '
import json, sys
names = ["localAccesses", "localSets", "slotAccesses", "slotSets",
         "blockActivations", "instantiations", "cfuncActivations",
         "coroutineSwitches"]
best = {}
for line in sys.stdin.read().splitlines():
    if not line.strip():
        continue
    try:
        data = json.loads(line)
    except ValueError as e:
        sys.exit("not valid JSON: %s" % e)
    if not isinstance(data, dict):
        sys.exit("not a JSON object")
    missing = [n for n in names if n not in data]
    if missing:
        sys.exit("missing metrics: " + ", ".join(missing))
    for n in names:
        try:
            v = float(data[n])
        except (TypeError, ValueError) as e:
            sys.exit("a metric is not a number: %s" % e)
        best[n] = max(best.get(n, 0.0), v)
print(json.dumps(best))
')" || problem "unexpected benchmark output"

printf '%s' "$metrics" | python3 -c '
import json, sys
m = json.loads(sys.stdin.read())
ref = json.load(open("bench/reference.json"))["metrics"]
print("ratio to the reference (upstream Io WASM VM):")
for n, v in m.items():
    if n in ref:
        print("  %-18s %9.3f M/s  %7.1fx" % (n, v, v / ref[n]))
' || problem "could not compare with bench/reference.json"

if [ "$quick" = 1 ]; then
    exit 0
fi

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
model="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//' || true)"
machine="$(nproc) cores, ${model:-unknown CPU}"
date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

DATE="$date" COMMIT="$commit" MACHINE="$machine" SERIES="$series" METRICS="$metrics" \
python3 - bench/history.json <<'EOF'
import json, os, sys
path = sys.argv[1]
try:
    with open(path) as f:
        history = json.load(f)
except FileNotFoundError:
    history = []
if not isinstance(history, list):
    sys.exit(path + " does not hold a JSON list")
history.append({
    "date": os.environ["DATE"],
    "commit": os.environ["COMMIT"],
    "machine": os.environ["MACHINE"],
    "series": os.environ["SERIES"],
    "metrics": json.loads(os.environ["METRICS"]),
})
with open(path, "w") as f:
    json.dump(history, f, indent=2)
    f.write("\n")
EOF
echo "appended to bench/history.json (series $series, commit $commit)"
