#!/usr/bin/env bash
# The whole `policy-align compare` process against the peer Python pipeline (scripts/peer/py_baseline.py)
# on the same files, side by side in one run: wall time with hyperfine, peak memory with
# /usr/bin/time, and the ratios.
#
#   bash scripts/peer.sh [LEFT RIGHT]        # the bundled pair by default
#
# Needs hyperfine and GNU time (apt-get install hyperfine time) and python3; the peer's
# packages (jieba scikit-learn scipy numpy) are installed into .venv-peer on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."

LEFT=${1:-corpus/xiangshan_2021_ip_protection_plan.txt}
RIGHT=${2:-corpus/huizhou_2021_ip_protection_measures.txt}
PEER=${PEER:-scripts/peer/py_baseline.py}
VENV=${VENV:-.venv-peer}
RUNS=${RUNS:-10}

for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "peer.sh: needs $tool (apt-get install hyperfine time python3)" >&2; exit 1; }
done
[ -f "$PEER" ] || { echo "peer.sh: no peer pipeline at $PEER (set PEER=...)" >&2; exit 1; }
if [ ! -x "$VENV/bin/python3" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q jieba scikit-learn scipy numpy
fi

cargo build -q --release
RUST="target/release/policy-align --quiet compare $LEFT $RIGHT"
PY="$VENV/bin/python3 $PEER $LEFT $RIGHT"
# jieba (Python) builds its dictionary cache on its first run: not counted.
$PY >/dev/null 2>&1

echo "== machine: $(nproc) cores, $(uname -sm)"
hyperfine -N --warmup 2 --runs "$RUNS" --export-json /tmp/peer-hyperfine.json \
  -n policy-align "$RUST" -n peer "$PY" >/dev/null

peak() { # median peak RSS in KiB over 5 runs
  for _ in 1 2 3 4 5; do /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 3p
}
RUST_KB=$(peak $RUST)
PY_KB=$(peak $PY)

python3 - "$RUST_KB" "$PY_KB" <<'PYEOF'
import json, sys
rust_kb, py_kb = int(sys.argv[1]), int(sys.argv[2])
res = {r["command"]: r for r in json.load(open("/tmp/peer-hyperfine.json"))["results"]}
r, p = res["policy-align"], res["peer"]
print(f"{'':14}{'wall median':>14}{'mean ± sd':>22}{'peak memory':>14}")
for name, x, kb in (("policy-align", r, rust_kb), ("peer", p, py_kb)):
    print(f"{name:14}{x['median'] * 1000:>11.1f} ms{x['mean'] * 1000:>13.1f} ± {x['stddev'] * 1000:5.1f} ms{kb / 1024:>11.1f} MiB")
print(f"ratio: {p['median'] / r['median']:.1f}x faster, {py_kb / rust_kb:.1f}x less peak memory")
PYEOF
