#!/usr/bin/env python3
"""Backbeat's tempo accuracy and neighbour quality on a labelled folder it was never tuned on.

Usage::

    python3 bench/python/holdout_synth.py /tmp/holdout            # or any labelled folder
    .build/release/backbeat build /tmp/holdout -o /tmp/holdout-out --no-site --no-plots
    python3 bench/python/holdout_eval.py /tmp/holdout /tmp/holdout-out

``DIR/labels.csv`` needs the columns ``file`` (relative to DIR), ``bpm`` and ``family``
(``kit`` is used for timbre-precision when present). Reads the catalog's ``data/tracks.csv``
(tempo per file) and ``data/vectors.npy`` (row i = track i of tracks.csv), then prints MIREX
Acc1 (within 4 %) and Acc2 (also at x2, x3, 1/2, 1/3) per family, and writes
``OUT/data/vectors_files.csv`` (``row,file``) so that

    python3 bench/python/precision_at_10.py DIR/labels.csv backbeat=OUT/data/vectors.npy@OUT/data/vectors_files.csv

scores the neighbours (rhythm-, family- and timbre-precision@10).
"""
import csv
import os
import sys
from collections import defaultdict


def accurate(est, truth, factors):
    return any(abs(est - truth * f) <= 0.04 * truth * f for f in factors)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    folder, out = sys.argv[1], sys.argv[2]
    labels = {r["file"]: r for r in csv.DictReader(open(os.path.join(folder, "labels.csv"), newline=""))}
    tracks = list(csv.DictReader(open(os.path.join(out, "data", "tracks.csv"), newline="", encoding="utf-8")))
    with open(os.path.join(out, "data", "vectors_files.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["row", "file"])
        for i, t in enumerate(tracks):
            w.writerow([i, t["file"]])
    by_family = defaultdict(lambda: [0, 0, 0])
    missing = [f for f in labels if f not in {t["file"] for t in tracks}]
    for t in tracks:
        label = labels.get(t["file"])
        if label is None:
            continue
        truth, est = float(label["bpm"]), float(t["tempo_bpm"])
        for key in (label["family"], "ALL"):
            cell = by_family[key]
            cell[0] += 1
            cell[1] += accurate(est, truth, [1])
            cell[2] += accurate(est, truth, [1, 2, 3, 0.5, 1 / 3])
    print(f"tempo on {by_family['ALL'][0]} labelled tracks ({len(missing)} labelled files not in the catalog)")
    print("family        n   Acc1   Acc2")
    for family in sorted(k for k in by_family if k != "ALL") + ["ALL"]:
        n, a1, a2 = by_family[family]
        print(f"{family:10s} {n:4d}  {a1 / n:5.3f}  {a2 / n:5.3f}")


if __name__ == "__main__":
    main()
