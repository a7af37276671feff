#!/usr/bin/env python3
"""Rhythm-, family- and timbre-precision@10 of descriptors under exact cosine neighbours.

Usage::

    python3 precision_at_10.py LABELS.csv [NAME=]VECTORS.npy[@FILES.csv] [...more...]
                               [--k 10] [--tempo-tol 0.08]
                               [--family-col family] [--bpm-col bpm] [--kit-col kit]

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

A ``chance`` row gives the expected values for k neighbours drawn at random (the share of
matching other items, averaged over items). Prints a table, then one ``RESULT {json}`` line
per descriptor for programs to parse.
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


def knn_cosine(X: np.ndarray, k: int, block: int = 512) -> np.ndarray:
    """Indices (N x k) of each row's k most cosine-similar other rows; ties by smaller index."""
    X = X.astype(np.float64)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    Xn = np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
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
    args = ap.parse_args(argv)

    try:
        labels = read_csv(args.labels)
    except OSError as e:
        ap.error(str(e))
    if not labels:
        ap.error(f"{args.labels}: no rows")
    for col in (args.family_col, args.bpm_col, args.kit_col):
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
        nn = knn_cosine(X, args.k)
        p = precisions(nn, family, bpm, kit, args.tempo_tol)
        results.append(dict(name=name, path=path, n=int(X.shape[0]), dim=int(X.shape[1]),
                            k=args.k, tempo_tol=args.tempo_tol, **p))
        if spec == args.vectors[-1]:
            results.append(dict(name="chance", path="", n=len(rows), dim=0, k=args.k,
                                tempo_tol=args.tempo_tol, **chance(family, bpm, kit, args.tempo_tol)))

    k = args.k
    print(f"{'descriptor':24s} {'n':>6s} {'dim':>5s} {f'rhythm-P@{k}':>12s} {f'family-P@{k}':>12s} "
          f"{f'timbre-P@{k}':>12s}")
    for r in results:
        print(f"{r['name'][:24]:24s} {r['n']:6d} {r['dim']:5d} {r['rhythm_p']:12.3f} "
              f"{r['family_p']:12.3f} {r['timbre_p']:12.3f}")
    for r in results:
        print("RESULT " + json.dumps(r, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
