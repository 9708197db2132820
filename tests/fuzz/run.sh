#!/bin/sh
# Runs libFuzzer targets.  Usage (from the repository root, after
# `make fuzz-build`): tests/fuzz/run.sh SECONDS TARGET...
#
# Each build/fuzz/fuzz_TARGET first replays its regression inputs
# (tests/fuzz/regressions/TARGET/: every crash, leak or hang ever found,
# kept), then fuzzes for SECONDS with its dictionary (tests/fuzz/dict/),
# starting from its seed corpus (tests/fuzz/corpus/TARGET/) copied into
# build/fuzz/work/TARGET, where new inputs accumulate between runs.  A
# failing input is written to build/fuzz/findings/TARGET/; copy it into
# the regressions folder once fixed.  FUZZ_WORK=DIR uses DIR/TARGET as
# the working corpus instead, emptied first (the brief runs of the test
# suite start from the seeds alone, so that they take the same time every
# run).  Prints executions, speed and coverage (edges, features) per
# target, and fails when any target did.  FUZZ_BIN=DIR runs the targets
# built in DIR instead of build/fuzz (a copy that a rebuild does not
# replace during a long run).
secs=${1:?usage: run.sh SECONDS TARGET...}
shift
root=$(pwd)
fail=0
total=0
total_cpu=0
# CPU seconds this shell's children used so far: `times` (run in this
# shell, not in a $(...) subshell, which has no children of its own)
# prints them on its second line as 1m2.5s 0m0.3s.
timesf=$root/build/fuzz/.times.$$
child_cpu() {
  sed -n 2p "$timesf" | awk '{
    t = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] }
    printf "%.1f", t }'
}
for t in "$@"; do
  bin=${FUZZ_BIN:-$root/build/fuzz}/fuzz_$t
  if [ -n "${FUZZ_WORK:-}" ]; then
    work=$FUZZ_WORK/$t
    rm -rf "$work"
  else
    work=$root/build/fuzz/work/$t
  fi
  found=$root/build/fuzz/findings/$t
  mkdir -p "$work" "$found"
  cp "$root/tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null
  log=$root/build/fuzz/$t.log
  regress=$root/tests/fuzz/regressions/$t
  if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
    if ! "$bin" -timeout="${FUZZ_TIMEOUT:-25}" -rss_limit_mb=2048 "$regress"/* >"$log" 2>&1; then
      echo "fuzz $t: FAIL: a regression input fails again:"
      grep -E 'ERROR|SUMMARY|Running:' "$log" | tail -5
      fail=1
      continue
    fi
  fi
  dict=$root/tests/fuzz/dict/$t.dict
  [ -f "$dict" ] || dict=
  # -timeout: one input running FUZZ_TIMEOUT s (default 25) is a hang;
  # it is wall-clock time, so a long run at nice 19 on a busy machine
  # needs room.  -max_len: policies and rule files past 16 KB add no new
  # paths, only time.
  times >"$timesf"
  cpu0=$(child_cpu)
  "$bin" -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-25}" -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$found/" \
    ${dict:+-dict="$dict"} "$work" >"$log" 2>&1
  rc=$?
  times >"$timesf"
  cpu=$(awk -v a="$cpu0" -v b="$(child_cpu)" 'BEGIN { printf "%.0f", b - a }')
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/\1 edges, \2 features/p')
  total=$((total + ${runs:-0}))
  total_cpu=$((total_cpu + ${cpu:-0}))
  if [ $rc = 0 ]; then
    echo "fuzz $t: ok: ${runs:-?} runs in ${secs} s (${cpu} s of CPU, ${speed:-?}/s), coverage ${cov:-?}"
  else
    echo "fuzz $t: FAIL (exit $rc), input kept in $found:"
    grep -E 'ERROR|SUMMARY|Test unit written|timeout' "$log" | head -6
    fail=1
  fi
done
rm -f "$timesf"
echo "fuzz: $# targets, $total runs, $total_cpu s of CPU in all"
exit $fail
