#!/usr/bin/env python3
"""Block weights for "rhythmically alike" from raw descriptors, tuned and validated on disjoint sets.

Usage::

    python3 groove_weights.py --tune NAME=DIR[:SPLIT] ... --validate NAME=DIR[:SPLIT] ...
                              [--weights block=w,...] [--search 300] [--seed 0]

Each DIR holds ``labels.csv`` (file, bpm, family[, split]) and ``descriptors.npy`` +
``layout.json`` from ``bench-features descriptors DIR``. ``:SPLIT`` takes only the rows of that
split as queries (``heldout`` or ``tune`` of ``arrangements.py``); the neighbour pool is always the
whole set. The similarity vectors are made as ``SimilarityModel`` makes them (standardise each
dimension over the set, scale block b by w_b / sqrt(dim_b), the beat-confidence gate, unit length).

For every set it prints rhythm-P@10 (same family, tempo within 8 %) with its ceiling (what a
perfect ranking scores) and their ratio, family-P@10 (same groove at any tempo) with its ceiling,
and groove-before-tempo (AUC that a same-family item within 15 % of the tempo is nearer than an
other-family item within 8 %). ``--search N`` runs a seeded random search (log-normal steps around
the best so far) that maximises, over the ``--tune`` sets only, the mean of family-P@10 / ceiling
and rhythm-P@10 / ceiling plus their minimum over sets, and prints the best weights and every
set's figures with them; the ``--validate`` sets are never looked at by the search.
"""
import argparse
import json
import os

import numpy as np

from precision_at_10 import chance_and_ceiling, groove_before_tempo, read_csv

# The weights before this script (feature version 8) and the ones it chose (SimilarityModel.defaultWeights).
BEFORE = {"tempo": 0, "pattern-low": 0.03, "pattern-mid": 0.35, "pattern-high": 0.03, "pattern-cross": 0.07,
          "histogram-accent": 0.2, "histogram-low": 1.0, "histogram-mid": 0.2, "histogram-high": 0.8,
          "scale": 0, "timbre": 0.05}
DEFAULT = {"tempo": 0.07, "pattern-low": 0.625, "pattern-mid": 0.175, "pattern-high": 0.065, "pattern-cross": 0,
           "histogram-accent": 0.235, "histogram-low": 0.73, "histogram-mid": 0.15, "histogram-high": 1.0,
           "scale": 0.085, "timbre": 0.105}
GATE = (0.2, 20.0)


class Set:
    def __init__(self, spec):
        self.name, rest = spec.split("=", 1)
        self.dir, _, self.split = rest.partition(":")
        rows = read_csv(os.path.join(self.dir, "labels.csv"))
        self.raw = np.load(os.path.join(self.dir, "descriptors.npy")).astype(np.float64)
        self.layout = json.load(open(os.path.join(self.dir, "layout.json")))
        self.family = np.array([r["family"] for r in rows])
        self.bpm = np.array([float(r["bpm"]) for r in rows])
        self.kit = np.array([r.get("kit", "") for r in rows])
        split = np.array([r.get("split", "") for r in rows])
        self.queries = np.nonzero(split == self.split)[0] if self.split else np.arange(len(rows))
        mu, sd = self.raw.mean(0), self.raw.std(0)
        self.z = np.where(sd > 1e-6, (self.raw - mu) / np.where(sd > 1e-6, sd, 1), 0)
        conf = self.raw[:, self.layout["tempo"][0] + 2]
        g = np.clip(conf / GATE[0], 0, 1)
        self.gain_rhythm, self.gain_timbre = g, 1 + GATE[1] * (1 - g)
        _, self.ceiling = chance_and_ceiling(self.queries, self.family, self.bpm, self.kit, 0.08, 10)

    def vectors(self, weights):
        x = np.zeros_like(self.z)
        for name, (a, b) in self.layout.items():
            gain = self.gain_timbre if name == "timbre" else self.gain_rhythm
            x[:, a:b] = self.z[:, a:b] * (weights.get(name, 1) / np.sqrt(b - a)) * gain[:, None]
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    def figures(self, weights, auc=True):
        x = self.vectors(weights)
        s = x[self.queries] @ x.T
        s[np.arange(len(self.queries)), self.queries] = -np.inf
        nn = np.argsort(-s, axis=1, kind="stable")[:, :10]
        q = self.queries
        same = self.family[nn] == self.family[q][:, None]
        close = np.abs(self.bpm[nn] - self.bpm[q][:, None]) <= 0.08 * self.bpm[q][:, None]
        f = {"rhythm": float(np.mean(same & close)), "family": float(np.mean(same)),
             "rhythm_ceiling": self.ceiling["rhythm_p"], "family_ceiling": self.ceiling["family_p"]}
        f["rhythm_ratio"] = f["rhythm"] / f["rhythm_ceiling"]
        f["family_ratio"] = f["family"] / f["family_ceiling"]
        if auc:
            f["gbt"] = groove_before_tempo(x, q, self.family, self.bpm)
        return f


def table(sets, weights, title):
    print("\n" + title)
    print("%-14s %7s %7s %6s   %7s %7s   %6s" % ("set", "rhythm", "ceil", "ratio", "family", "ceil", "g>t"))
    out = {}
    for s in sets:
        f = s.figures(weights)
        out[s.name] = f
        print("%-14s %7.3f %7.3f %6.3f   %7.3f %7.3f   %6.3f" % (s.name, f["rhythm"], f["rhythm_ceiling"], f["rhythm_ratio"],
                                                             f["family"], f["family_ceiling"], f["gbt"] or float("nan")))
    return out


def score(sets, weights):
    parts = []
    for s in sets:
        f = s.figures(weights, auc=False)
        parts.append((f["family_ratio"] + f["rhythm_ratio"]) / 2)
    return float(np.mean(parts) + np.min(parts))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tune", action="append", default=[])
    ap.add_argument("--validate", action="append", default=[])
    ap.add_argument("--weights", action="append", default=[], help="block=w,... (others: the current defaults); repeatable")
    ap.add_argument("--search", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    tune = [Set(s) for s in a.tune]
    validate = [Set(s) for s in a.validate]
    table(tune + validate, BEFORE, "weights before (feature version 8)")
    table(tune + validate, DEFAULT, "current weights (SimilarityModel.defaultWeights)")
    for spec in a.weights:
        w = dict(DEFAULT)
        w.update({k: float(v) for k, v in (p.split("=") for p in spec.split(","))})
        table(tune + validate, w, "weights " + spec)
    if a.search and tune:
        rng = np.random.default_rng(a.seed)
        names = list(DEFAULT)
        best = {k: max(v, 0.02) for k, v in BEFORE.items()}
        best_score = score(tune, best)
        for _ in range(a.search):
            cand = {k: float(np.clip(v * np.exp(rng.normal(0, 0.5)), 0.0, 5)) for k, v in best.items()}
            if rng.random() < 0.2:
                cand[names[rng.integers(len(names))]] = 0.0
            sc = score(tune, cand)
            if sc > best_score:
                best, best_score = cand, sc
        top = max(best.values())
        best = {k: round(v / top, 3) for k, v in best.items()}
        print("\nbest weights (tune score %.4f): %s" % (best_score, ",".join("%s=%g" % kv for kv in best.items())))
        result = table(tune + validate, best, "best weights")
        print("RESULT " + json.dumps({"weights": best, "figures": result}))


if __name__ == "__main__":
    main()
