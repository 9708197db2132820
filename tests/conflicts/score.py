#!/usr/bin/env python3
"""Scores policylint's conflict findings against tests/conflicts/index.tsv.

usage: score.py POLICYLINT [CASE_DIR] [--rules=DIR] [--verbose]

Each case file is linted on its own with --format json.  A `conflict` case
counts as found when some finding of kind `conflict` joins its two lines (the
finding at one, `related` at the other, in either order); every other
conflict finding, in any case, is a false alarm.  Prints precision and recall
per kind (kinds.tsv; cases it does not list are the first set's) and for the
20 cases written last (fresh.tsv), then overall, and exits 1 below precision
0.95 or recall 0.90 overall.
"""
import csv
import json
import os
import subprocess
import sys

MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def conflicts(binary, paths, rules):
    """{path: [(line, related line, message)]} of every conflict finding, from
    one run over all the cases (each file is linted on its own; one process
    instead of one per case keeps the sanitizer build's stage short)."""
    cmd = [binary, "--format", "json"] + paths
    if rules:
        cmd[1:1] = ["--rules", rules]
    out = subprocess.run(cmd,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("score.py: %s failed: %s" % (binary, out.stderr))
    doc = json.loads(out.stdout)
    found = {}
    for file in doc["files"]:
        pairs = found.setdefault(file["path"], [])
        for f in file["findings"]:
            if f["kind"] != "conflict":
                continue
            for r in f.get("related") or [{}]:
                pairs.append((f["line"], r.get("line"), f["message"]))
    missing = [p for p in paths if p not in found]
    if missing:
        sys.exit("score.py: no report for %s" % ", ".join(missing))
    return found


def read_table(folder, name, key):
    """{case: value} from a tab-separated file of the folder ('#' comments)."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return {}
    with open(path, newline="") as f:
        rows = csv.DictReader((l for l in f if not l.startswith("#")),
                              delimiter="\t")
        return {r["case"]: r[key] for r in rows}


def score(counts):
    tp, fp, fn = counts[:3]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    rules = next((a.split("=", 1)[1] for a in sys.argv[1:]
                  if a.startswith("--rules=")), None)
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    folder = args[1] if len(args) > 1 else os.path.dirname(os.path.abspath(__file__))
    kinds = read_table(folder, "kinds.tsv", "kind")
    fresh = read_table(folder, "fresh.tsv", "untuned")
    groups = {}             # name -> [tp, fp, fn]
    with open(os.path.join(folder, "index.tsv"), newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    path_of = {row["case"]: os.path.join(folder, row["case"] + ".txt") for row in rows}
    reports = conflicts(binary, list(path_of.values()), rules)
    for row in rows:
        found = reports[path_of[row["case"]]]
        want = None
        if row["expect"] == "conflict":
            want = {int(row["line_a"]), int(row["line_b"])}
        tp = fp = fn = 0
        hit = False
        for a, b, msg in found:
            if want is not None and not hit and {a, b} == want:
                hit = True
                tp += 1
            else:
                fp += 1
                print("false alarm  %-40s lines %s/%s: %s" % (row["case"], a, b, msg))
        if want is not None and not hit:
            fn += 1
            print("missed       %-40s lines %s" % (row["case"], sorted(want)))
        elif verbose and want is not None:
            print("found        %s" % row["case"])
        names = ["all", "kind " + kinds.get(row["case"], "(first set)")]
        if row["case"] in fresh:
            names.append("the 20 written last")
        for n in names:
            g = groups.setdefault(n, [0, 0, 0, 0, 0])
            g[0] += tp
            g[1] += fp
            g[2] += fn
            g[3] += 1
            g[4] += want is not None
    for name in sorted(groups):
        if name == "all":
            continue
        p, r = score(groups[name])
        print("  %-58s %3d cases (%2d contradictions): precision %.2f, "
              "recall %.2f" % (name, groups[name][3], groups[name][4], p, r))
    tp, fp, fn = groups.get("all", [0, 0, 0])[:3]
    precision, recall = score(groups.get("all", [0, 0, 0]))
    print("conflicts: %d cases, %d found, %d missed, %d false alarms; "
          "precision %.2f, recall %.2f" % (len(rows), tp, fn, fp, precision, recall))
    if precision < MIN_PRECISION or recall < MIN_RECALL:
        print("conflicts: below the bar (precision >= %.2f, recall >= %.2f)"
              % (MIN_PRECISION, MIN_RECALL))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
