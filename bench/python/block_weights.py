#!/usr/bin/env python3
"""Search the similarity model's block weights for rhythm-precision@10, with a held-out check.

Usage::

    python3 block_weights.py --model CATALOG/data/model.json \\
        --tune LABELS.csv VECTORS.npy[@FILES.csv] [--tune ...] \\
        [--validate LABELS.csv VECTORS.npy[@FILES.csv] ...] [--iterations 400] [--seed 0]

``model.json`` (any catalog built by the same Backbeat version) gives the block layout and the
weights the VECTORS were made with. Every VECTORS matrix must have been made with those
weights (a catalog's ``data/vectors.npy``, or ``bench-features quality --write``). Rescaling a
block of a final vector by m is the same, for cosine neighbours, as building with that block's
weight times m, so candidate weights are tried without re-extracting. Blocks that weigh 0 in
the model carry nothing and stay at 0.

LABELS/VECTORS[@FILES] as in ``precision_at_10.py`` (columns file, bpm, family). The score of a
weighting is min + mean of rhythm-precision@10 over the ``--tune`` sets (so one set cannot be
bought with the other); a random search (log-normal steps around the best so far, seeded)
runs ``--iterations`` candidates. Prints the best weights (scaled so the largest is 1) and
rhythm-precision@10 with the model's weights and the best weights on every set, the
``--validate`` sets being ones the search never saw.
"""
import argparse
import json

import numpy as np

from precision_at_10 import aligned_labels, knn_cosine, precisions, read_csv


def load(spec):
    """(matrix, family, bpm) for a LABELS, VECTORS[@FILES] pair, rows aligned as in precision_at_10."""
    labels, vectors = spec
    files = None
    if "@" in vectors:
        vectors, files = vectors.split("@", 1)
    x = np.load(vectors).astype(np.float64)
    rows = aligned_labels(read_csv(labels), files)
    if len(rows) != x.shape[0]:
        raise SystemExit("error: %s has %d rows but %d labels" % (vectors, x.shape[0], len(rows)))
    return x, np.array([r["family"] for r in rows]), np.array([float(r["bpm"]) for r in rows])


def rhythm_p10(data, blocks, mult, k=10):
    """rhythm-precision@k after scaling each block's columns by its multiplier."""
    x, fam, bpm = data
    z = x.copy()
    for (_, a, b), m in zip(blocks, mult):
        z[:, a:b] *= m
    return precisions(knn_cosine(z, k), fam, bpm, fam, 0.08)["rhythm_p"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--tune", nargs=2, action="append", required=True, metavar=("LABELS", "VECTORS"))
    ap.add_argument("--validate", nargs=2, action="append", default=[], metavar=("LABELS", "VECTORS"))
    ap.add_argument("--iterations", type=int, default=400)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    model = json.load(open(a.model))["model"]
    weights = model["weights"]
    blocks = [(b["name"], b["range"][0], b["range"][1]) for b in model["layout"]["blocks"]
              if weights.get(b["name"], 1) > 0]
    tune = [load(s) for s in a.tune]
    validate = [load(s) for s in a.validate]

    def score(m):
        p = [rhythm_p10(d, blocks, m) for d in tune]
        return min(p) + float(np.mean(p))

    rng = np.random.default_rng(a.seed)
    one = np.ones(len(blocks))
    best, best_m = score(one), one
    for it in range(a.iterations):
        step = 0.7 if it < a.iterations // 4 else 0.35
        m = (one if it < a.iterations // 4 else best_m) * np.exp(rng.normal(0, step, len(blocks)))
        s = score(m)
        if s > best:
            best, best_m = s, m
    absolute = np.array([weights.get(n, 1) for n, _, _ in blocks]) * best_m
    absolute /= absolute.max()
    found = {n: float(w) for (n, _, _), w in zip(blocks, absolute)}
    # Every layout block, zero-weight ones as 0 (a block missing from the weights weighs 1).
    every = {b["name"]: round(found.get(b["name"], 0.0), 4) for b in model["layout"]["blocks"]}
    print("best weights: " + ", ".join('"%s": %.3g' % (n, w) for n, w in every.items()))
    print("%-10s %-60s %8s %8s" % ("set", "vectors", "model", "best"))
    table = []
    for kind, specs, sets in (("tune", a.tune, tune), ("validate", a.validate, validate)):
        for spec, d in zip(specs, sets):
            before, after = rhythm_p10(d, blocks, one), rhythm_p10(d, blocks, best_m)
            table.append({"set": kind, "vectors": spec[1], "model": before, "best": after})
            print("%-10s %-60s %8.3f %8.3f" % (kind, spec[1][-60:], before, after))
    print("RESULT " + json.dumps({"weights": every, "sets": table}, sort_keys=True))


if __name__ == "__main__":
    main()
