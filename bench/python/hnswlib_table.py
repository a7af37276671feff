#!/usr/bin/env python3
"""hnswlib's all-pairs table on the vectors bench-index uses: the baseline for the descriptor table.

Usage::

    python3 hnswlib_table.py VECTORS.npy SAMPLE.npy TRUTH.npy [--k 50] [--threads 2]
                             [--settings 16x100x100,16x200x200,32x200x200]

* ``VECTORS.npy``: N x d float32, one item a row (angular: hnswlib's ``cosine`` space).
* ``SAMPLE.npy``: the sampled row ids bench-index measured; ``TRUTH.npy``: their exact top-10 (self
  excluded), from bench-index's exact scan, so both libraries are scored on the same ground truth.

For each setting MxEFCxEF: ``Index(space='cosine')``, ``init_index(N, M, ef_construction, seed)``,
``add_items`` on all threads (timed: ``build s``), then ``knn_query`` of every row for ``k + 1``
with ``ef = max(EF, k + 1)`` on all threads (timed: ``table s``; the row itself is dropped). Recall is
the share of the exact top 10 among the first 10 returned. hnswlib has no farthest search, so it
has no bottom lists. Multi-threaded hnswlib builds are not deterministic.
"""
import argparse
import time

import hnswlib
import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vectors")
    ap.add_argument("sample")
    ap.add_argument("truth")
    ap.add_argument("--k", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--settings", default="16x100x100,16x200x200,32x200x200")
    a = ap.parse_args()
    x = np.load(a.vectors).astype(np.float32)
    sample = np.load(a.sample).reshape(-1)
    truth = np.load(a.truth)
    n, d = x.shape
    for setting in a.settings.split(","):
        m, efc, ef = (int(v) for v in setting.split("x"))
        t0 = time.perf_counter()
        index = hnswlib.Index(space="cosine", dim=d)
        index.init_index(max_elements=n, M=m, ef_construction=efc, random_seed=1)
        index.set_num_threads(a.threads)
        index.add_items(x, np.arange(n))
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        index.set_ef(max(ef, a.k + 1))
        labels, _ = index.knn_query(x, k=a.k + 1, num_threads=a.threads)
        table = time.perf_counter() - t0
        hits = 0
        for row, want in zip(sample, truth):
            got = [j for j in labels[row] if j != row][:10]
            hits += len(set(got) & set(want.tolist()))
        name = f"hnswlib M={m} efC={efc} ef={ef}"
        print(f"{name:<36} {build:7.2f} {table:8.2f} {build + table:8.2f} {hits / truth.size:7.4f}       —         —", flush=True)


if __name__ == "__main__":
    main()
