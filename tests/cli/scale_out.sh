#!/bin/sh
# Scale-out on existing engines: the dev corpora (else the seeds and the
# examples) linted by GNU parallel over four processes, each reading its
# share of the file list on standard input, and by a Dask distributed
# LocalCluster of two worker processes, must give exactly the JSONL of one
# run.  Skips visibly when parallel or Dask is not installed.
# Usage: tests/cli/scale_out.sh POLICYLINT SHARED
pl=${1:?usage: scale_out.sh POLICYLINT SHARED}
shared=${2:-../shared}
plain=$(pwd)/policylint
[ -x "$plain" ] || plain=$pl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for c in opp115-dev gdpr-dev ccpa-dev; do
  [ -d "$shared/corpus/$c" ] &&
    find "$shared/corpus/$c" -type f \( -name '*.html' -o -name '*.txt' \) \
      ! -name README.md | sort
done >"$tmp/list"
if [ ! -s "$tmp/list" ]; then
  echo "scale_out: no corpus under $shared; the seeds and examples instead"
  ls "$shared"/seeds/*.txt examples/*.txt examples/*.md examples/*.html \
    2>/dev/null >"$tmp/list"
fi
n=$(wc -l <"$tmp/list")
"$plain" --format jsonl --fail-level none --files-from "$tmp/list" >"$tmp/one.jsonl"
[ "$(wc -l <"$tmp/one.jsonl")" -eq "$n" ] ||
  { echo "FAIL scale_out: one run gives one line per file"; fail=1; }

if command -v parallel >/dev/null 2>&1; then
  # --pipe hands each job a block of the list on standard input; -k keeps
  # the blocks' order.  Across machines add --sshlogin.
  parallel --will-cite --pipe -k -N 25 -j 4 \
    "$plain" --format jsonl --fail-level none --files-from - \
    <"$tmp/list" >"$tmp/parallel.jsonl"
  if cmp -s "$tmp/one.jsonl" "$tmp/parallel.jsonl"; then
    echo "ok GNU parallel: $n files over 4 processes, the same JSONL"
  else
    echo "FAIL scale_out: GNU parallel's JSONL differs from one run"
    fail=1
  fi
else
  echo "scale_out: GNU parallel is not installed (apt-get install parallel); skipped"
fi

# Debian's python3-distributed; a python3 earlier on PATH may lack it.
py=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import distributed' 2>/dev/null; then
    py=$p
    break
  fi
done
if [ -n "$py" ]; then
  cat >"$tmp/dask_lint.py" <<'EOF'
"""Lints a file list on a Dask LocalCluster: one task per block of paths,
each running policylint --files-from - in a worker process; the blocks'
JSONL joined in order."""
import subprocess, sys
from distributed import Client, LocalCluster

def lint(block, exe):
    run = subprocess.run([exe, '--format', 'jsonl', '--fail-level', 'none',
                          '--files-from', '-'], input=''.join(block),
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(run.stderr)
    return run.stdout

if __name__ == '__main__':
    exe, listing = sys.argv[1], sys.argv[2]
    paths = open(listing).readlines()
    blocks = [paths[i:i + 25] for i in range(0, len(paths), 25)]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        futures = client.map(lint, blocks, exe=exe)
        sys.stdout.write(''.join(client.gather(futures)))
EOF
  if "$py" "$tmp/dask_lint.py" "$plain" "$tmp/list" >"$tmp/dask.jsonl" 2>"$tmp/dask.err" &&
     cmp -s "$tmp/one.jsonl" "$tmp/dask.jsonl"; then
    echo "ok Dask LocalCluster: $n files over 2 worker processes, the same JSONL"
  else
    echo "FAIL scale_out: Dask's JSONL differs from one run"
    tail -5 "$tmp/dask.err"
    fail=1
  fi
else
  echo "scale_out: Dask distributed is not installed (apt-get install python3-distributed); skipped"
fi
exit $fail
