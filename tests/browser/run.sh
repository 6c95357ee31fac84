#!/usr/bin/env bash
# The browser test: bundles examples/site/app.io and a REPL page with
# `ioc bundle`, serves them on loopback and drives them in headless Chromium
# (site.test.mjs). Fails on any failed check.
#
#   bash tests/browser/run.sh
#
# Needs Debian's chromium (installed with apt-get if missing), Node and npm
# (playwright-core, from package-lock.json). Outputs go to
# $CARGO_TARGET_DIR/browser: the sites, the server's log and site.png.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd -P)"
repo="$(cd "$here/../.." && pwd -P)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/io-wasm-target}"
out="$CARGO_TARGET_DIR/browser"

if [ ! -x /usr/bin/chromium ]; then
    echo "browser test: installing chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm ci --no-audit --no-fund)
fi

cd "$repo"
cargo build --release -p io-compiler --bin ioc
ioc="$CARGO_TARGET_DIR/release/ioc"

mkdir -p "$out"
# One run at a time in $out (another waits here rather than remove this one's sites).
exec 9>"$out/.lock"
flock 9
rm -rf "$out/site" "$out/repl"
"$ioc" bundle examples/site/app.io -o "$out/site"
"$ioc" bundle --repl -o "$out/repl"

# A static server on a free loopback port, for both sites.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/site/index.html', timeout=1)" 2>/dev/null; then
        break
    fi
    sleep 0.1
done

SCREENSHOT="$out/site.png" node "$here/site.test.mjs" \
    "http://127.0.0.1:$port/site/" "http://127.0.0.1:$port/repl/"
