#!/bin/bash
# The full-scale CEPTOAR drill, headless, with its report: the shipped
# ceptoar-drill pack (18 CEPTOARs, 4,251 simulated members at the FY2015
# counts) played for its whole day from bench/ceptoar-drill-decisions.csv,
# then `odan-cli reach` and the report as HTML, PDF and CSV. Prints each
# step's wall time and CPU time (user + sys: what a loaded machine does not
# inflate); target < 5 s for play + report. It measures and prints, it is
# not a test (`ninja -C BUILD bench-drill`).
#
# Usage: run-drill.sh ODAN-CLI SOURCE-DIR WORK-DIR [RUNS]
set -eu
cli=$1
src=$2
work=$3
runs=${4:-5}

mkdir -p "$work"
TIMEFORMAT='%R %U %S'
step () {   # step NAME COMMAND…: appends "NAME wall cpu" to $work/times
  local name=$1 t
  shift
  t=$( { time "$@" > /dev/null; } 2>&1 )
  set -- $t
  echo "$name $1 $(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')" >> "$work/times"
}
for i in $(seq 1 "$runs"); do
  rm -f "$work"/drill.odan* "$work/times"
  rm -rf "$work/drill-csv"
  step play "$cli" play "$src/scenarios/ceptoar-drill" --exercise "$work/drill.odan" \
      --decisions "$src/bench/ceptoar-drill-decisions.csv" --until 1d
  step reach "$cli" reach "$work/drill.odan" --format csv
  step html "$cli" report "$work/drill.odan" --format html -o "$work/drill.html"
  step pdf "$cli" report "$work/drill.odan" --format pdf -o "$work/drill.pdf"
  step csv "$cli" report "$work/drill.odan" --format csv -o "$work/drill-csv"
  awk -v r="$i" '{ wall[$1] = $2; cpu[$1] = $3; order[NR] = $1 }
    END { printf "run %d:", r
          for (k = 1; k <= NR; k++) printf " %s %.2f s (cpu %.2f)", order[k], wall[order[k]], cpu[order[k]]
          printf "; play + html report %.2f s (cpu %.2f)\n", wall["play"] + wall["html"], cpu["play"] + cpu["html"] }' "$work/times"
done
