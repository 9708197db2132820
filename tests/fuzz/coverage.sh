#!/bin/sh
# Source coverage of src/ reached by the fuzz targets' working corpora
# (build/fuzz/work/TARGET, grown by `make fuzz`), per target and in all:
# the targets are rebuilt with clang's source-based coverage into
# build/fuzzcov, each replays its corpus once (-runs=0), and llvm-cov
# reports lines and functions of src/.  Usage, from the repository root:
#   tests/fuzz/coverage.sh TARGET...        (make fuzz-coverage)
# Needs llvm-profdata and llvm-cov (Debian: llvm); skips without them.
prof=$(command -v llvm-profdata || command -v llvm-profdata-14)
cov=$(command -v llvm-cov || command -v llvm-cov-14)
if [ -z "$prof" ] || [ -z "$cov" ]; then
  echo "fuzz-coverage: SKIP: llvm-profdata and llvm-cov are not installed (apt-get install llvm)"
  exit 0
fi
root=$(pwd)
out=$root/build/fuzzcov
mkdir -p "$out"
objects=
for t in "$@"; do
  bin=$out/fuzz_$t
  corpus=$root/build/fuzz/work/$t
  [ -d "$corpus" ] || corpus=$root/tests/fuzz/corpus/$t
  rm -f "$out/$t".profraw
  LLVM_PROFILE_FILE=$out/$t.profraw "$bin" -runs=0 "$corpus" >"$out/$t.log" 2>&1
  "$prof" merge -sparse -o "$out/$t.profdata" "$out/$t.profraw"
  line=$("$cov" report "$bin" -instr-profile="$out/$t.profdata" "$root"/src/*.c 2>/dev/null | tail -1)
  echo "fuzz-coverage $t ($(ls "$corpus" | wc -l) inputs): $(echo "$line" | awk '{print "lines " $(NF-3) ", functions " $(NF-6)}')"
  objects="$objects -object=$bin"
done
"$prof" merge -sparse -o "$out/all.profdata" "$out"/*.profraw
# shellcheck disable=SC2086
first=${objects#* -object=}
first=${first%% *}
"$cov" report "$first" $objects -instr-profile="$out/all.profdata" "$root"/src/*.c >"$out/report.txt" 2>/dev/null
echo "fuzz-coverage all targets: $(tail -1 "$out/report.txt" | awk '{print "lines " $(NF-3) ", functions " $(NF-6)}') of src/ (build/fuzzcov/report.txt per file)"
