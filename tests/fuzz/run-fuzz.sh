#!/bin/sh
# run-fuzz.sh — fuzz the CSV reader, time and effect parsers and pack loader
#
#   tests/fuzz/run-fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
#
# TARGET is csv, time, effect or pack (default: all four, one after the
# other); SECONDS_PER_TARGET defaults to 60. Sets up the libFuzzer build
# folder when it is missing:
#
#   CC=clang meson setup $BUILD -Dfuzz=true -Dgui=false \
#     -Db_sanitize=address,undefined -Db_lundef=false
#
# (BUILD defaults to build-fuzz at the top of the source tree), builds the
# targets, and runs each with -max_total_time. New interesting inputs go to
# $WORK/TARGET/corpus (WORK defaults to $BUILD/fuzz-work), never into the
# committed seeds tests/fuzz/corpus/TARGET, which are read as a second corpus.
# Crashes, leaks and timeouts are written to $WORK/TARGET/artifacts/; copy a
# small reproducer into tests/fuzz/corpus/TARGET/crash-NAME once it is fixed
# so every `meson test` replays it. Extra libFuzzer options can be given in
# FUZZ_ARGS, e.g. FUZZ_ARGS="-fork=1 -ignore_crashes=1" to keep going past
# a known crash. Exits 1 when any target found a problem.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-csv time effect pack}
build=${BUILD:-$top/build-fuzz}
work=${WORK:-$build/fuzz-work}

case "$seconds" in
  ''|*[!0-9]*) echo "run-fuzz.sh: SECONDS_PER_TARGET must be a whole number, not '$seconds'" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzz=true -Dgui=false \
    -Db_sanitize=address,undefined -Db_lundef=false
fi

build_targets=
for t in $targets; do
  case "$t" in
    csv|time|effect|pack) ;;
    *) echo "run-fuzz.sh: unknown target '$t' (csv, time, effect or pack)" >&2; exit 2 ;;
  esac
  build_targets="$build_targets tests/fuzz/fuzz-$t"
done
# shellcheck disable=SC2086
ninja -C "$build" -j2 $build_targets

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export LANGUAGE=C LC_ALL=C.UTF-8

status=0
summary=
for t in $targets; do
  mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
  log="$work/$t/fuzz-$(date +%Y%m%d-%H%M%S).log"
  echo "== fuzz-$t for ${seconds}s (log $log)"
  set +e
  # FUZZ_ARGS is split into words on purpose.
  # shellcheck disable=SC2086
  "$build/tests/fuzz/fuzz-$t" \
    -max_total_time="$seconds" \
    -timeout=20 \
    -rss_limit_mb=2048 \
    -max_len=8192 \
    -print_final_stats=1 \
    -dict="$here/dict/$t.dict" \
    -artifact_prefix="$work/$t/artifacts/" \
    ${FUZZ_ARGS:-} \
    "$work/$t/corpus" "$here/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  tail -n 12 "$log"
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz-$t: FOUND A PROBLEM (exit $rc); see $log and $work/$t/artifacts/"
  fi
  summary="$summary
fuzz-$t: ${seconds}s, ${execs:-?} executions, exit $rc, corpus $(find "$work/$t/corpus" -type f | wc -l) files"
done

echo "== summary$summary"
exit $status
