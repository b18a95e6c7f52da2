#!/bin/sh
# run-bench.sh — generate the benchmark pack if missing, then measure it.
#
#   bench/run-bench.sh [--build DIR] [--gen PROG] [--bench PROG] [PACKDIR] [-- BENCH-ARGS…]
#
# PACKDIR defaults to ${TMPDIR:-/tmp}/odan-bench-pack-100k; it is generated with
# the default (hard case) parameters of odan-gen-pack when it holds no
# scenario.ini or the generator is newer than it. The programs default to DIR/bench/… (DIR defaults to ./build).
# The simulation writes its CSV to a real file next to the pack so that writing
# is measured, prints its size, then removes it.
set -eu

build=build
gen=
bench=
pack=

while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --bench) bench=$2; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "run-bench.sh: unknown option $1" >&2; exit 2 ;;
    *) pack=$1; shift ;;
  esac
done

: "${gen:=$build/bench/odan-gen-pack}"
: "${bench:=$build/bench/odan-bench}"
: "${pack:=${TMPDIR:-/tmp}/odan-bench-pack-100k}"

for prog in "$gen" "$bench"; do
  if [ ! -x "$prog" ]; then
    echo "run-bench.sh: $prog is missing; build it first (ninja -C $build odan-gen-pack odan-bench)" >&2
    exit 1
  fi
done

# (Re)generate when missing or older than the generator that would write it.
if [ ! -f "$pack/scenario.ini" ] || [ -n "$(find "$gen" -newer "$pack/scenario.ini")" ]; then
  "$gen" "$pack"
fi

echo "CSV input:   $(cat "$pack"/*.csv | wc -c | awk '{ printf "%.1f MB", $1 / 1e6 }') in $pack"
echo "machine:     $(nproc) cores, $(uname -srm)"

out="$pack.out.csv"
trap 'rm -f "$out"' EXIT INT TERM
"$bench" "$pack" --out "$out" "$@"
echo "CSV output:  $(wc -c < "$out" | awk '{ printf "%.1f MB", $1 / 1e6 }'), $(wc -l < "$out") lines"
