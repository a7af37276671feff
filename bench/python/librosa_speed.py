#!/usr/bin/env python3
"""librosa's time for the work `bench-features speed` times, on the same files.

Usage::

    python3 librosa_speed.py FILE [FILE ...] [--repeats 7] [--n-mfcc 20]

For each FILE, the median over ``--repeats`` runs (after one untimed warm-up that pays
librosa's lazy imports and numba JIT) of, in one Python thread:

* ``load``: ``librosa.load(FILE, sr=22050)`` (decode, mono, soxr_hq resampling);
* ``features``: ``librosa.feature.mfcc(y=y, sr=sr, n_mfcc=N)`` plus
  ``librosa.feature.tempo(y=y, sr=sr)`` on the loaded clip (the work of "all features of a
  decoded clip", librosa 0.11 defaults: n_fft 2048, hop 512, 128 mel bands);
* ``total``: load + features.

Prints one line per file and a last line ``RESULT {json}`` (milliseconds) for programs to parse.
"""
import argparse
import json
import os
import time

# One thread, as the docstring promises: BLAS, OpenMP and numba would otherwise use every core.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def median(values):
    v = sorted(values)
    return v[len(v) // 2]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--n-mfcc", type=int, default=20)
    a = ap.parse_args(argv)
    import librosa  # imported here so that --help works without it

    def features(y, sr):
        librosa.feature.mfcc(y=y, sr=sr, n_mfcc=a.n_mfcc)
        librosa.feature.tempo(y=y, sr=sr)

    result = {"librosa": librosa.__version__, "repeats": a.repeats, "files": {}}
    for path in a.files:
        y, sr = librosa.load(path, sr=22050)  # warm-up
        features(y, sr)
        loads, feats = [], []
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            y, sr = librosa.load(path, sr=22050)
            t1 = time.perf_counter()
            features(y, sr)
            t2 = time.perf_counter()
            loads.append(t1 - t0)
            feats.append(t2 - t1)
        row = {"load_ms": 1000 * median(loads), "features_ms": 1000 * median(feats),
               "total_ms": 1000 * median([l + f for l, f in zip(loads, feats)])}
        result["files"][os.path.basename(path)] = row
        print("%-24s load %8.2f ms  features %8.2f ms  total %8.2f ms" %
              (os.path.basename(path), row["load_ms"], row["features_ms"], row["total_ms"]))
    print("RESULT " + json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
