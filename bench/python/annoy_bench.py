#!/usr/bin/env python3
"""Benchmark Spotify's annoy on given vectors: build time, index size, queries/s, recall@k.

Usage::

    python3 annoy_bench.py BASE.npy QUERIES.npy [--gt GT.npy] [--metric angular|euclidean]
                           [--n-trees 10,50,100] [--search-k -1,1000,10000] [--seed 42]
                           [--k 10] [--build-jobs 1] [--csv results.csv] [--save-gt GT.npy]

* ``BASE.npy``: N x d matrix (float32; other float dtypes are converted), item i = row i.
* ``QUERIES.npy``: Q x d matrix, same d.
* ``GT.npy``: Q x >=k int32 (or any integer) matrix of the true nearest row ids of each query,
  nearest first. Omitted: computed here by exact search in float64 (cosine for angular, squared
  L2 for euclidean; ties by smaller id) and optionally written with ``--save-gt``.

For each n_trees value: ``AnnoyIndex(d, metric)``, ``set_seed(seed)``, add all rows,
``build(n_trees, n_jobs=build_jobs)`` (timed: ``add_s``, which includes converting rows to
Python lists, and ``build_s`` separately), ``save``
to a temporary file (its size is ``index_bytes``; queries then run on the mmap'd file, as
annoy does after ``save``). For each search_k value (-1 = annoy's default n_trees * k):
``get_nns_by_vector(q, k, search_k)`` for every query in one thread (timed, Python list
conversion done beforehand) -> ``qps``, and ``recall`` = mean over queries of
|returned ids intersect first k ground-truth ids| / k.

Output: a table, then one line per setting ``RESULT {json}`` (keys: metric, n, dim, n_queries,
k, n_trees, search_k, seed, build_jobs, add_s, build_s, index_bytes, qps, recall); ``--csv``
also writes the same records as CSV. Everything goes to stdout; extract the JSON with
``grep '^RESULT ' | cut -c8-``.

``--build-jobs 1`` (default) builds on one thread, which is deterministic for a given seed;
annoy's multi-threaded build (``-1`` = all cores) is not.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

FIELDS = ["metric", "n", "dim", "n_queries", "k", "n_trees", "search_k", "seed", "build_jobs",
          "add_s", "build_s", "index_bytes", "qps", "recall"]


def int_list(text: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}")
    if not values:
        raise argparse.ArgumentTypeError("empty list")
    return values


def _glue_list_options(argv: list[str]) -> list[str]:
    """Turn "--search-k -1,1000" into "--search-k=-1,1000": argparse would read "-1,1000" as an
    unknown option because it starts with '-' and is not a plain negative number."""
    out, i = [], 0
    while i < len(argv):
        if argv[i] in ("--search-k", "--n-trees") and i + 1 < len(argv):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def exact_knn(base: np.ndarray, queries: np.ndarray, k: int, metric: str,
              block: int | None = None) -> np.ndarray:
    """Exact k nearest row ids of `base` for each query (float64; ties broken by smaller id).

    Memory: a float64 copy of `base` plus a block of queries x N distances (~256 MiB)."""
    if block is None:
        block = max(1, min(256, (32 << 20) // max(1, base.shape[0])))
    B = base.astype(np.float64)
    Qm = queries.astype(np.float64)
    if metric == "angular":
        B = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), 1e-300)
        Qm = Qm / np.maximum(np.linalg.norm(Qm, axis=1, keepdims=True), 1e-300)
    else:
        b2 = np.einsum("ij,ij->i", B, B)
    k = min(k, B.shape[0])
    out = np.empty((Qm.shape[0], k), dtype=np.int32)
    ids = np.arange(B.shape[0])
    for s in range(0, Qm.shape[0], block):
        q = Qm[s:s + block]
        if metric == "angular":
            d = -(q @ B.T)  # smaller is nearer
        else:
            d = b2[None, :] - 2.0 * (q @ B.T)  # |q|^2 is constant per row
        # Candidates slightly beyond k so ties at the boundary are broken by id.
        m = min(B.shape[0], k + 16)
        part = np.argpartition(d, m - 1, axis=1)[:, :m] if m < B.shape[0] else np.tile(ids, (len(q), 1))
        for r in range(len(q)):
            cand = part[r]
            order = np.lexsort((cand, d[r, cand]))
            out[s + r] = cand[order[:k]]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="annoy build/query/recall benchmark.")
    ap.add_argument("base", help="N x d vectors (.npy)")
    ap.add_argument("queries", help="Q x d query vectors (.npy)")
    ap.add_argument("--gt", help="Q x >=k int ground-truth ids (.npy); default: exact search here")
    ap.add_argument("--save-gt", help="write the computed ground truth here (.npy int32)")
    ap.add_argument("--metric", choices=("angular", "euclidean"), default="angular")
    ap.add_argument("--n-trees", type=int_list, default=[10, 50, 100], help="e.g. 10,50,100")
    ap.add_argument("--search-k", type=int_list, default=[-1], help="e.g. -1,1000,10000")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--build-jobs", type=int, default=1, help="annoy build threads (-1 = all)")
    ap.add_argument("--csv", help="also write the results as CSV here")
    ap.add_argument("--index-dir", help="folder for the temporary index files (default: system temp)")
    args = ap.parse_args(_glue_list_options(sys.argv[1:] if argv is None else argv))

    from annoy import AnnoyIndex

    try:
        base = np.load(args.base)
        queries = np.load(args.queries)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for name, a in (("base", base), ("queries", queries)):
        if a.ndim != 2 or a.shape[0] == 0 or not np.issubdtype(a.dtype, np.floating):
            ap.error(f"{name}: expected a non-empty 2-D float matrix, got {a.dtype} {a.shape}")
        if not np.all(np.isfinite(a)):
            ap.error(f"{name}: contains NaN or infinity")
    if base.shape[1] != queries.shape[1]:
        ap.error(f"dimension mismatch: base {base.shape[1]}, queries {queries.shape[1]}")
    base = np.ascontiguousarray(base, dtype=np.float32)
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    n, dim = base.shape
    nq, k = queries.shape[0], args.k
    if not 1 <= k <= n:
        ap.error(f"--k must be in 1..{n}")

    if args.gt:
        gt = np.load(args.gt)
        if gt.ndim != 2 or gt.shape[0] != nq or gt.shape[1] < k or not np.issubdtype(gt.dtype, np.integer):
            ap.error(f"--gt: expected an integer matrix of shape ({nq}, >={k}), got {gt.dtype} {gt.shape}")
        if gt[:, :k].min() < 0 or gt[:, :k].max() >= n:
            ap.error("--gt: ids out of range")
    else:
        t0 = time.perf_counter()
        gt = exact_knn(base, queries, k, args.metric)
        print(f"# exact ground truth computed in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
        if args.save_gt:
            np.save(args.save_gt, gt.astype(np.int32))
    gt_sets = [set(row[:k].tolist()) for row in gt]

    query_lists = queries.tolist()
    records = []
    with tempfile.TemporaryDirectory(dir=args.index_dir) as tmp:
        for n_trees in args.n_trees:
            index = AnnoyIndex(dim, args.metric)
            index.set_seed(args.seed)
            t0 = time.perf_counter()
            for s in range(0, n, 8192):  # list conversion in chunks: bounded memory
                for i, v in enumerate(base[s:s + 8192].tolist(), start=s):
                    index.add_item(i, v)
            t1 = time.perf_counter()
            index.build(n_trees, n_jobs=args.build_jobs)
            t2 = time.perf_counter()
            path = os.path.join(tmp, f"annoy_{n_trees}.ann")
            index.save(path)
            size = os.path.getsize(path)
            for search_k in args.search_k:
                t3 = time.perf_counter()
                results = [index.get_nns_by_vector(q, k, search_k) for q in query_lists]
                elapsed = time.perf_counter() - t3
                recall = sum(len(gt_sets[i].intersection(r)) for i, r in enumerate(results)) / (nq * k)
                records.append({
                    "metric": args.metric, "n": n, "dim": dim, "n_queries": nq, "k": k,
                    "n_trees": n_trees, "search_k": search_k, "seed": args.seed,
                    "build_jobs": args.build_jobs, "add_s": round(t1 - t0, 6),
                    "build_s": round(t2 - t1, 6), "index_bytes": size,
                    "qps": round(nq / elapsed, 3) if elapsed > 0 else float("inf"),
                    "recall": round(recall, 6),
                })
            index.unload()
            os.remove(path)

    import annoy
    version = getattr(annoy, "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as _v
            version = _v("annoy")
        except Exception:  # noqa: BLE001
            version = "unknown"
    print(f"annoy {version}: {n} x {dim} {args.metric}, {nq} queries, k = {k}, seed {args.seed}, "
          f"build threads {args.build_jobs}, query 1 thread")
    print(f"{'trees':>6s} {'search_k':>9s} {'add s':>8s} {'build s':>8s} {'index MB':>9s} "
          f"{'queries/s':>10s} {'recall@' + str(k):>10s}")
    for r in records:
        print(f"{r['n_trees']:6d} {r['search_k']:9d} {r['add_s']:8.3f} {r['build_s']:8.3f} "
              f"{r['index_bytes'] / 2**20:9.2f} {r['qps']:10.1f} {r['recall']:10.4f}")
    for r in records:
        print("RESULT " + json.dumps(dict(r, annoy=version), sort_keys=True))
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=FIELDS + ["annoy"])
            w.writeheader()
            for r in records:
                w.writerow(dict(r, annoy=version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
