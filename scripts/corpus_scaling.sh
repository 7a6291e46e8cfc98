#!/usr/bin/env bash
# The whole `policy-align corpus` process on synthetic corpora of 250 and 1,000 documents generated from the
# bundled pair (seed 42): wall time and peak memory, and how time grows with 4x the documents.
#
#   bash scripts/corpus_scaling.sh
#
# Needs GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "corpus_scaling.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
cargo build -q --release --example synth --bin policy-align
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
echo "== machine: $(nproc) cores, $(uname -sm)"
declare -A SECONDS_FOR
for n in 250 1000; do
  target/release/examples/synth "$n" 42 "$DIR/$n"
  best=""
  for _ in 1 2 3; do
    line=$(/usr/bin/time -f "%e %M" target/release/policy-align --quiet corpus --format csv --out "$DIR/out.csv" "$DIR/$n" 2>&1 | tail -1)
    s=${line% *}
    if [ -z "$best" ] || awk "BEGIN{exit !($s < ${best% *})}"; then best=$line; fi
  done
  SECONDS_FOR[$n]=${best% *}
  printf "%5d documents: %6.2f s, peak %6.1f MiB (best of 3)\n" "$n" "${best% *}" "$(awk "BEGIN{print ${best#* } / 1024}")"
done
awk "BEGIN{printf \"4x the documents: %.1fx the time\n\", ${SECONDS_FOR[1000]} / ${SECONDS_FOR[250]}}"
