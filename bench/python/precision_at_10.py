#!/usr/bin/env python3
"""Rhythm-, family- and timbre-precision@10 of descriptors under exact cosine neighbours.

Usage::

    python3 precision_at_10.py LABELS.csv [NAME=]VECTORS.npy[@FILES.csv] [...more...]
                               [--k 10] [--tempo-tol 0.08]
                               [--family-col family] [--bpm-col bpm] [--kit-col kit]
                               [--split-col split --split heldout]

* ``LABELS.csv``: header with at least the family, bpm and kit columns (names configurable).
  By default row i labels row i of every vectors matrix.
* ``VECTORS.npy``: N x d float matrix. Several may be given to compare descriptors side by
  side; ``NAME=`` sets the row label in the table (default: the file name).
  ``@FILES.csv`` aligns by file instead of by row: FILES.csv has columns ``row,file`` (as written
  by original_pipeline.py) and LABELS.csv must then have a ``file`` column; row r of the
  matrix is labelled by the LABELS row whose ``file`` equals FILES.csv's file for row r.

For every item: its k nearest other items by cosine similarity, computed exactly in float64
(an all-zero vector has similarity 0 to everything; ties broken by smaller row index; the item
itself is never its own neighbour). Then, averaged over items:

* rhythm-precision@k: share of the k neighbours with the same family AND a tempo within
  ``tempo_tol`` of the query's: |bpm_j - bpm_i| <= 0.08 * bpm_i;
* family-precision@k: share with the same family;
* timbre-precision@k: share with the same kit.

* groove-before-tempo: for each query, the AUC that an item of the same family at a tempo
  within 15 % (|bpm_j - bpm_i| <= 0.15 * bpm_i) is more cosine-similar to the query than an
  item of a different family at a tempo within 8 % (ties count one half), over all such
  (positive, negative) pairs; averaged over the queries that have both kinds. 0.5 = chance,
  1 = the groove always wins over a close tempo. Tolerances: ``--gbt-pos-tol``,
  ``--gbt-neg-tol``.

With ``--split-col COL --split VALUE`` only the rows whose COL equals VALUE are queries (the
averages run over them); the neighbour pool is always every row. By default every row is a
query.

A ``chance`` row gives the expected values for k neighbours drawn at random (the share of
matching other items, averaged over queries; groove-before-tempo 0.5), and a ``ceiling`` row
what a perfect ranking scores on the same queries: min(k, number of other items that match) / k
for each precision, 1 for groove-before-tempo (``-`` / null when no query has both kinds).
Prints a table, then one ``RESULT {json}`` line per descriptor, then chance, then ceiling, for
programs to parse (keys ``rhythm_p``, ``family_p``, ``timbre_p``, ``groove_before_tempo``,
``queries``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys

import numpy as np


def read_csv(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def unit_rows(X: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length in float64 (all-zero rows stay zero)."""
    X = X.astype(np.float64)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)


def knn_cosine(X: np.ndarray, k: int, block: int = 512) -> np.ndarray:
    """Indices (N x k) of each row's k most cosine-similar other rows; ties by smaller index."""
    Xn = unit_rows(X)
    n = X.shape[0]
    out = np.empty((n, k), dtype=np.int64)
    for s in range(0, n, block):
        sim = Xn[s:s + block] @ Xn.T
        rows = np.arange(s, min(s + block, n))
        sim[rows - s, rows] = -np.inf  # never the item itself
        # Stable sort of -sim keeps the smaller index first among equal similarities.
        out[s:s + len(rows)] = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    return out


def precisions(nn: np.ndarray, family: np.ndarray, bpm: np.ndarray, kit: np.ndarray,
               tol: float) -> dict[str, float]:
    same_family = family[nn] == family[:, None]
    close_tempo = np.abs(bpm[nn] - bpm[:, None]) <= tol * bpm[:, None]
    return {
        "rhythm_p": float(np.mean(same_family & close_tempo)),
        "family_p": float(np.mean(same_family)),
        "timbre_p": float(np.mean(kit[nn] == kit[:, None])),
    }


def chance(family: np.ndarray, bpm: np.ndarray, kit: np.ndarray, tol: float) -> dict[str, float]:
    """Expected precisions for random neighbours: share of matching OTHER items per query."""
    n = len(family)
    off = ~np.eye(n, dtype=bool)
    same_family = (family[:, None] == family[None, :]) & off
    close = np.abs(bpm[None, :] - bpm[:, None]) <= tol * bpm[:, None]
    same_kit = (kit[:, None] == kit[None, :]) & off
    return {
        "rhythm_p": float(np.mean((same_family & close).sum(1) / (n - 1))),
        "family_p": float(np.mean(same_family.sum(1) / (n - 1))),
        "timbre_p": float(np.mean(same_kit.sum(1) / (n - 1))),
    }


def subset_precisions(nn: np.ndarray, queries: np.ndarray, family: np.ndarray, bpm: np.ndarray,
                      kit: np.ndarray, tol: float) -> dict[str, float]:
    """``precisions`` averaged over the query rows only (neighbours drawn from every row)."""
    q, nq = queries, nn[queries]
    same_family = family[nq] == family[q][:, None]
    close_tempo = np.abs(bpm[nq] - bpm[q][:, None]) <= tol * bpm[q][:, None]
    return {
        "rhythm_p": float(np.mean(same_family & close_tempo)),
        "family_p": float(np.mean(same_family)),
        "timbre_p": float(np.mean(kit[nq] == kit[q][:, None])),
    }


def match_masks(queries: np.ndarray, family: np.ndarray, bpm: np.ndarray, kit: np.ndarray,
                tol: float) -> dict[str, np.ndarray]:
    """For each query (rows) and every item (columns): same family and close tempo, same
    family, same kit; the query itself never matches."""
    n = len(family)
    other = np.ones((len(queries), n), dtype=bool)
    other[np.arange(len(queries)), queries] = False
    same_family = (family[queries][:, None] == family[None, :]) & other
    close = np.abs(bpm[None, :] - bpm[queries][:, None]) <= tol * bpm[queries][:, None]
    return {"rhythm_p": same_family & close, "family_p": same_family,
            "timbre_p": (kit[queries][:, None] == kit[None, :]) & other}


def chance_and_ceiling(queries: np.ndarray, family: np.ndarray, bpm: np.ndarray, kit: np.ndarray,
                       tol: float, k: int) -> tuple[dict[str, float], dict[str, float]]:
    """Expected precisions of random neighbours (share of matching other items) and of a
    perfect ranking (min(k, matching other items) / k), averaged over the queries."""
    n = len(family)
    masks = match_masks(queries, family, bpm, kit, tol)
    chance = {key: float(np.mean(m.sum(1) / (n - 1))) for key, m in masks.items()}
    ceiling = {key: float(np.mean(np.minimum(k, m.sum(1)) / k)) for key, m in masks.items()}
    return chance, ceiling


def gbt_pairs(queries: np.ndarray, family: np.ndarray, bpm: np.ndarray, pos_tol: float,
              neg_tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Positive (same family, tempo within pos_tol) and negative (other family, tempo within
    neg_tol) masks, queries x items; the query itself is never a positive."""
    same = family[queries][:, None] == family[None, :]
    ratio = np.abs(bpm[None, :] - bpm[queries][:, None]) / bpm[queries][:, None]
    pos = same & (ratio <= pos_tol)
    pos[np.arange(len(queries)), queries] = False
    neg = ~same & (ratio <= neg_tol)
    return pos, neg


def groove_before_tempo(X: np.ndarray, queries: np.ndarray, family: np.ndarray, bpm: np.ndarray,
                        pos_tol: float = 0.15, neg_tol: float = 0.08) -> float | None:
    """Mean over queries (with at least one positive and one negative) of the AUC that a
    positive is more cosine-similar to the query than a negative; ties count 1/2. None if no
    query has both."""
    Xn = unit_rows(X)
    pos, neg = gbt_pairs(queries, family, bpm, pos_tol, neg_tol)
    aucs = []
    for r, q in enumerate(queries):
        if not pos[r].any() or not neg[r].any():
            continue
        sim = Xn @ Xn[q]
        sp, sn = sim[pos[r]], np.sort(sim[neg[r]])
        below = np.searchsorted(sn, sp, side="left")
        equal = np.searchsorted(sn, sp, side="right") - below
        aucs.append(float(np.sum(below + 0.5 * equal)) / (len(sp) * len(sn)))
    return float(np.mean(aucs)) if aucs else None


def aligned_labels(labels: list[dict[str, str]], files_path: str | None) -> list[dict[str, str]]:
    """The label row of each matrix row: ``labels`` itself, or, with a FILES.csv (``row,file``),
    the label whose ``file`` is that row's file. Raises ValueError naming what is missing."""
    if not files_path:
        return labels
    if not labels or "file" not in labels[0]:
        raise ValueError("aligning by file needs a 'file' column in the labels")
    by_file = {r["file"]: r for r in labels}
    mapping = sorted(read_csv(files_path), key=lambda r: int(r["row"]))
    missing = [m["file"] for m in mapping if m["file"] not in by_file]
    if missing:
        raise ValueError(f"{files_path}: {len(missing)} files not in labels, e.g. {missing[0]!r}")
    return [by_file[m["file"]] for m in mapping]


def parse_spec(spec: str) -> tuple[str, str, str | None]:
    name = None
    if "=" in spec and not os.path.exists(spec):
        name, spec = spec.split("=", 1)
    files = None
    if "@" in spec and not os.path.exists(spec):
        spec, files = spec.rsplit("@", 1)
    return name or os.path.basename(spec), spec, files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="rhythm/family/timbre precision@k, exact cosine kNN.")
    ap.add_argument("labels", help="labels CSV (family, bpm, kit columns)")
    ap.add_argument("vectors", nargs="+", help="[NAME=]VECTORS.npy[@FILES.csv]")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--tempo-tol", type=float, default=0.08, help="relative tempo tolerance")
    ap.add_argument("--family-col", default="family")
    ap.add_argument("--bpm-col", default="bpm")
    ap.add_argument("--kit-col", default="kit")
    ap.add_argument("--split-col", default=None,
                    help="column that chooses the queries (with --split); default: every row")
    ap.add_argument("--split", default=None, help="value of --split-col that makes a row a query")
    ap.add_argument("--gbt-pos-tol", type=float, default=0.15,
                    help="groove-before-tempo: tempo tolerance of same-family items")
    ap.add_argument("--gbt-neg-tol", type=float, default=0.08,
                    help="groove-before-tempo: tempo tolerance of other-family items")
    args = ap.parse_args(argv)
    if (args.split_col is None) != (args.split is None):
        ap.error("--split-col and --split go together")

    try:
        labels = read_csv(args.labels)
    except OSError as e:
        ap.error(str(e))
    if not labels:
        ap.error(f"{args.labels}: no rows")
    for col in (args.family_col, args.bpm_col, args.kit_col) + ((args.split_col,) if args.split_col else ()):
        if col not in labels[0]:
            ap.error(f"{args.labels}: no column {col!r} (have {', '.join(labels[0])})")

    results = []
    for spec in args.vectors:
        name, path, files_path = parse_spec(spec)
        X = np.load(path)
        if X.ndim != 2 or not np.issubdtype(X.dtype, np.number):
            ap.error(f"{path}: expected a 2-D numeric matrix, got {X.dtype} {X.shape}")
        if not np.all(np.isfinite(X)):
            ap.error(f"{path}: contains NaN or infinity")
        try:
            rows = aligned_labels(labels, files_path)
        except ValueError as e:
            ap.error(f"{args.labels}: {e}")
        if len(rows) != X.shape[0]:
            ap.error(f"{path}: {X.shape[0]} rows but {len(rows)} labels")
        if not 1 <= args.k < X.shape[0]:
            ap.error(f"--k must be in 1..{X.shape[0] - 1} for {path}")
        family = np.array([r[args.family_col] for r in rows])
        kit = np.array([r[args.kit_col] for r in rows])
        try:
            bpm = np.array([float(r[args.bpm_col]) for r in rows])
        except ValueError as e:
            ap.error(f"{args.labels}: bad {args.bpm_col} value: {e}")
        if args.split_col:
            queries = np.array([i for i, r in enumerate(rows) if r[args.split_col] == args.split],
                               dtype=np.int64)
            if len(queries) == 0:
                ap.error(f"{args.labels}: no row has {args.split_col} == {args.split!r}")
        else:
            queries = np.arange(len(rows))
        nn = knn_cosine(X, args.k)
        p = subset_precisions(nn, queries, family, bpm, kit, args.tempo_tol)
        gbt = groove_before_tempo(X, queries, family, bpm, args.gbt_pos_tol, args.gbt_neg_tol)
        common = dict(k=args.k, tempo_tol=args.tempo_tol, queries=int(len(queries)))
        results.append(dict(name=name, path=path, n=int(X.shape[0]), dim=int(X.shape[1]),
                            groove_before_tempo=gbt, **common, **p))
        if spec == args.vectors[-1]:
            ch, ceil = chance_and_ceiling(queries, family, bpm, kit, args.tempo_tol, args.k)
            pos, neg = gbt_pairs(queries, family, bpm, args.gbt_pos_tol, args.gbt_neg_tol)
            both = bool(np.any(pos.any(1) & neg.any(1)))
            results.append(dict(name="chance", path="", n=len(rows), dim=0,
                                groove_before_tempo=0.5 if both else None, **common, **ch))
            results.append(dict(name="ceiling", path="", n=len(rows), dim=0,
                                groove_before_tempo=1.0 if both else None, **common, **ceil))

    k = args.k
    if args.split_col:
        print(f"queries: the {results[-1]['queries']} rows with {args.split_col} == {args.split!r}; "
              f"neighbours from all {results[-1]['n']} rows")
    print(f"{'descriptor':24s} {'n':>6s} {'dim':>5s} {f'rhythm-P@{k}':>12s} {f'family-P@{k}':>12s} "
          f"{f'timbre-P@{k}':>12s} {'groove-before-tempo':>20s}")
    for r in results:
        g = "-" if r["groove_before_tempo"] is None else f"{r['groove_before_tempo']:.3f}"
        print(f"{r['name'][:24]:24s} {r['n']:6d} {r['dim']:5d} {r['rhythm_p']:12.3f} "
              f"{r['family_p']:12.3f} {r['timbre_p']:12.3f} {g:>20s}")
    for r in results:
        print("RESULT " + json.dumps(r, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
