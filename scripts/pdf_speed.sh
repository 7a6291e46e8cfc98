#!/usr/bin/env bash
# Reading a PDF, side by side: the whole `policy-align inspect` process against `pdftotext`
# (poppler-utils) on the same files, median of N runs each (default 20), on this machine.
#
#   bash scripts/pdf_speed.sh [N] [FILE.pdf...]
#
# Needs pdftotext (apt-get install poppler-utils) and a release build
# (cargo build --release). Without files: the PDF fixtures of the bundled pair.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
shift || true
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(testsuite/tests/formats/xiangshan.pdf testsuite/tests/formats/huizhou.pdf)
command -v pdftotext >/dev/null || { echo "pdftotext not found: apt-get install poppler-utils" >&2; exit 1; }
[ -x target/release/policy-align ] || cargo build --release -q
echo "machine: $(nproc) cores; median of $n runs"
python3 - "$n" "${files[@]}" <<'PY'
import statistics, subprocess, sys, time
n, files = int(sys.argv[1]), sys.argv[2:]
def median_ms(cmd):
    xs = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        xs.append(time.perf_counter() - t)
    return statistics.median(xs) * 1000
for f in files:
    a = median_ms(["pdftotext", f, "/dev/null"])
    b = median_ms(["target/release/policy-align", "inspect", "--quiet", f])
    print(f"{f}: pdftotext {a:.1f} ms, policy-align inspect {b:.1f} ms, ratio {b / a:.2f}")
PY
