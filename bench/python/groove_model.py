#!/usr/bin/env python3
"""Trains the groove projection on some labelled sets and scores the whole similarity model on others.

Usage::

    python3 groove_model.py --train NAME=DIR[:SPLIT] ... --eval NAME=DIR[:SPLIT] ...
                            [--shrinkage 0.3] [--dims 30] [--alpha 0.5] [--stats collection|fixed]
                            [--cv 3 --cv-set NAME]

Every DIR holds ``labels.csv`` (file, bpm, family[, split]) and ``descriptors.npy`` + ``layout.json``
from ``bench-features descriptors DIR``; ``:SPLIT`` keeps only the rows of that split (``tune`` or
``heldout`` of ``arrangements.py``), as training rows or as queries (an evaluated set's neighbour pool
is always all of its rows). The vectors are made as ``SimilarityModel`` makes them:

1. ``z = (x − mean) / sd`` per dimension, with the statistics of the set itself (``--stats
   collection``, what a catalog does today) or pooled over the training rows and fixed (``--stats
   fixed``: a model that does not depend on the collection, which an incremental build needs);
2. ``u``: block b of ``z`` scaled by ``w_b / √dim_b`` (``SimilarityModel.defaultWeights``) and the
   beat-confidence gate, unit length;
3. ``p = Pᵀ z`` with ``P`` a shrinkage LDA (scikit-learn, eigen solver; Fisher 1936, Ledoit & Wolf
   2004) of the training rows, classes ``NAME:family``, scaled by the gate, unit length;
4. ``v = [√(1 − α) u, √α p]``, unit length.

Printed per evaluated set: rhythm-P@10 (same family, tempo within 8 %) with the ceiling a perfect
ranking reaches, family-P@10 (same groove at any tempo) and groove-before-tempo (AUC), for α = 0 (no
projection) and for the trained projection. ``--cv K --cv-set NAME`` instead scores folds of whole
families of the set NAME (its ``:SPLIT`` rows): each fold's families are removed from every training
set that has them (sets of the same generator share family names), the projection is trained on
the rest, and the fold's rows are the queries and the pool; it prints the mean of rhythm-P@10 /
ceiling and family-P@10 over folds, the score the shipped settings were chosen by (session 7).
"""
import argparse

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

from groove_weights import DEFAULT, GATE, Set
from precision_at_10 import chance_and_ceiling, groove_before_tempo


def fit_projection(train, shrinkage, dims, exclude=frozenset(), stats=None):
    """The LDA matrix (dimension × dims) from the training sets' rows, leaving out families in `exclude`."""
    xs, ys = [], []
    for s in train:
        keep = [i for i in s.queries if s.family[i] not in exclude]
        z = s.z if stats is None else standardise(s.raw, *stats)
        xs.append(z[keep])
        ys += [s.name.split("#")[0] + ":" + s.family[i] for i in keep]
    dims = min(dims, len(set(ys)) - 1)
    lda = LinearDiscriminantAnalysis(solver="eigen", shrinkage=shrinkage, n_components=dims)
    lda.fit(np.vstack(xs), ys)
    return lda.scalings_[:, :dims].astype(np.float32).astype(np.float64)


def pooled_stats(train):
    """Mean and deviation of the raw descriptors over every training row."""
    x = np.vstack([s.raw[s.queries] for s in train])
    return x.mean(0), x.std(0)


def standardise(raw, mu, sd):
    return np.where(sd > 1e-6, (raw - mu) / np.where(sd > 1e-6, sd, 1), 0)


def unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def vectors(s, rows, projection, alpha, stats=None):
    """Similarity vectors of `rows` of set `s` (standardised over those rows, or with fixed `stats`)."""
    raw = s.raw[rows]
    if stats is None:
        mu, sd = raw.mean(0), raw.std(0)
    else:
        mu, sd = stats
    z = standardise(raw, mu, sd)
    g, t = s.gain_rhythm[rows], s.gain_timbre[rows]
    u = np.zeros_like(z)
    for name, (a, b) in s.layout.items():
        u[:, a:b] = z[:, a:b] * (DEFAULT.get(name, 1) / np.sqrt(b - a)) * (t if name == "timbre" else g)[:, None]
    u = unit(u)
    if projection is None or alpha == 0:
        return u
    p = unit(z @ projection) * g[:, None]
    return unit(np.hstack([np.sqrt(1 - alpha) * u, np.sqrt(alpha) * p]))


def figures(s, pool, queries, x):
    """rhythm / family precision@10 of `queries` (indices into `pool`) among `pool`, and g>t."""
    family, bpm, kit = s.family[pool], s.bpm[pool], s.kit[pool]
    sim = x[queries] @ x.T
    sim[np.arange(len(queries)), queries] = -np.inf
    nn = np.argsort(-sim, axis=1, kind="stable")[:, :10]
    same = family[nn] == family[queries][:, None]
    close = np.abs(bpm[nn] - bpm[queries][:, None]) <= 0.08 * bpm[queries][:, None]
    _, ceiling = chance_and_ceiling(queries, family, bpm, kit, 0.08, 10)
    return {"rhythm": float(np.mean(same & close)), "ceiling": ceiling["rhythm_p"],
            "family": float(np.mean(same)), "family_ceiling": ceiling["family_p"],
            "gbt": groove_before_tempo(x, queries, family, bpm)}


def evaluate(sets, projection, alpha, stats):
    print("%-12s %-7s %7s %7s %6s %7s %6s" % ("set", "model", "rhythm", "ceil", "ratio", "family", "g>t"))
    for s in sets:
        pool = np.arange(len(s.family))
        for label, proj, a in (("blocks", None, 0), ("trained", projection, alpha)):
            f = figures(s, pool, s.queries, vectors(s, pool, proj, a, stats))
            print("%-12s %-7s %7.3f %7.3f %6.3f %7.3f %6.3f" % (s.name, label, f["rhythm"], f["ceiling"],
                  f["rhythm"] / f["ceiling"], f["family"], f["gbt"] or float("nan")))
            print("RESULT", {"set": s.name, "model": label, **f})


def cross_validate(train, target, folds, shrinkage, dims, alpha, stats_mode):
    families = sorted(set(target.family[target.queries]))
    scores = []
    for k in range(folds):
        held = set(families[k::folds])
        stats = pooled_stats(train) if stats_mode == "fixed" else None
        projection = fit_projection(train, shrinkage, dims, exclude=held, stats=stats)
        pool = np.array([i for i in target.queries if target.family[i] in held])
        f = figures(target, pool, np.arange(len(pool)), vectors(target, pool, projection, alpha, stats))
        scores.append((f["rhythm"] / f["ceiling"] + f["family"]) / 2)
        print("fold %d (%s): rhythm %.3f / %.3f, family %.3f" % (k, ", ".join(sorted(held)), f["rhythm"], f["ceiling"], f["family"]))
    print("CV score %.4f" % np.mean(scores))
    print("RESULT", {"cv": float(np.mean(scores)), "folds": scores})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", action="append", required=True)
    ap.add_argument("--eval", action="append", default=[])
    ap.add_argument("--shrinkage", type=float, default=0.3)
    ap.add_argument("--dims", type=int, default=30)
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("--stats", choices=("collection", "fixed"), default="collection")
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--cv-set")
    a = ap.parse_args()
    train = [Set(spec) for spec in a.train]
    if a.cv:
        target = next(s for s in train if s.name == a.cv_set)
        cross_validate(train, target, a.cv, a.shrinkage, a.dims, a.alpha, a.stats)
        return
    stats = pooled_stats(train) if a.stats == "fixed" else None
    projection = fit_projection(train, a.shrinkage, a.dims, stats=stats)
    evaluate([Set(spec) for spec in a.eval], projection, a.alpha, stats)


if __name__ == "__main__":
    main()
