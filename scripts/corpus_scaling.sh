#!/usr/bin/env bash
# The whole `policy-align corpus` and `policy-align diffuse` processes on synthetic corpora
# generated from the bundled pair (seed 42), in every output format: wall time, peak memory,
# output size, and how time grows with 4x the documents.
#
#   bash scripts/corpus_scaling.sh                 # 2,500 and 10,000 documents
#   SIZES="250 1000" bash scripts/corpus_scaling.sh
#   DIFFUSE=0 bash scripts/corpus_scaling.sh       # corpus only
#   RUNS=3 bash scripts/corpus_scaling.sh          # each run three times: the median time
#
# Needs GNU time (apt-get install time). Runs once per size and format by default (the larger
# runs take a while); run it on a quiet machine. With RUNS=3 or more, the median wall time and
# the highest peak of the runs are printed: a shared machine moves by a fifth from one minute
# to the next.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "corpus_scaling.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
SIZES=${SIZES:-"2500 10000"}
DIFFUSE=${DIFFUSE:-1}
RUNS=${RUNS:-1}
cargo build -q --release --example synth --bin policy-align
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
REFERENCE=corpus/huizhou_2021_ip_protection_measures.txt
echo "== machine: $(nproc) cores, $(uname -sm)"
declare -A SECONDS_FOR

run() { # label, output, command...: one line of wall time, peak memory and output size (the
  # output removed before each run)
  local label=$1 out=$2; shift 2
  local line lines="" k
  for ((k = 0; k < RUNS; k++)); do
    rm -rf "$out"
    line=$(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)
    lines+="$line"$'\n'
  done
  # The median time (the middle run by time), the highest peak.
  local time peak size
  time=$(printf "%s" "$lines" | sort -n | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)]}')
  peak=$(printf "%s" "$lines" | sort -n -k2 | tail -1 | cut -d' ' -f2)
  size=$(du -sb "$out" | cut -f1)
  printf "%-30s %7.2f s   peak %7.1f MiB   output %8.1f MB\n" "$label" "$time" \
    "$(awk "BEGIN{print $peak / 1024}")" "$(awk "BEGIN{print $size / 1e6}")"
  SECONDS_FOR[$label]=$time
}

# `tables` formats write one file per table in a directory; the others one file.
out_for() { case $1 in parquet) echo "$DIR/tables-$2/" ;; *) echo "$DIR/out-$2.$1" ;; esac; }
CORPUS_FORMATS="csv json text markdown html parquet"
DIFFUSE_FORMATS="json text markdown html csv parquet dot graphml"

for n in $SIZES; do
  target/release/examples/synth "$n" 42 "$DIR/$n" >/dev/null
  # The files just written go to disk before anything is timed: writing them back while the
  # first run reads them made that run up to a fifth slower.
  sync
  for f in $CORPUS_FORMATS; do
    out=$(out_for "$f" corpus)
    run "corpus $n $f" "$out" target/release/policy-align --quiet corpus --keep-going --format "$f" --out "$out" "$DIR/$n"
  done
  if [ "$DIFFUSE" = 1 ]; then
    for f in $DIFFUSE_FORMATS; do
      # CSV: every table, in a directory.
      out=$(out_for "$f" diffuse); [ "$f" = csv ] && out="$DIR/tables-diffuse-csv/"
      run "diffuse $n $f" "$out" target/release/policy-align --quiet diffuse --keep-going \
        --reference "$REFERENCE" --format "$f" --out "$out" "$DIR/$n"
    done
  fi
  rm -rf "$DIR/$n"
done
set -- $SIZES
if [ $# -ge 2 ]; then
  small=$1; large=${!#}
  ratio() { # command, format
    awk "BEGIN{printf \"%s %s: %dx the documents, %.1fx the time\\n\", \"$1\", \"$2\", $large / $small, ${SECONDS_FOR["$1 $large $2"]} / ${SECONDS_FOR["$1 $small $2"]}}"
  }
  for f in $CORPUS_FORMATS; do ratio corpus "$f"; done
  if [ "$DIFFUSE" = 1 ]; then
    for f in $DIFFUSE_FORMATS; do ratio diffuse "$f"; done
  fi
fi
