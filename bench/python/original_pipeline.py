#!/usr/bin/env python3
"""The original student project's pipeline (librosa + annoy), as a timed baseline.

Usage::

    python3 original_pipeline.py DATASET [--out-dir DIR] [--descriptor mfcc|tempogram]
                                 [--limit N] [--with-tempo] [--n-trees 100] [--k 10]
                                 [--bottom-k 0] [--seed 42] [--n-jobs 1]

What it does, faithfully to the original:

1. Scan DATASET recursively for ``.wav .flac .ogg .mp3`` (case-insensitive, no symlinked
   folders followed), sorted by relative path (POSIX separators); ``--limit N`` keeps the first N.
2. Per clip: ``y, sr = librosa.load(path)`` (librosa default: mono, 22050 Hz, soxr_hq), then
   ``librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40).mean(axis=1)``: a 40-d vector (timbre).
   ``--descriptor tempogram`` instead takes
   ``librosa.feature.tempogram(onset_envelope=librosa.onset.onset_strength(y=y, sr=sr), sr=sr)``
   averaged over time: 384-d (win_length 384), for comparing descriptors.
   ``--with-tempo`` also runs ``librosa.feature.tempo(y=y, sr=sr)`` per clip and times it, so
   "load + MFCC + tempo" can be compared with Backbeat's feature extraction.
3. ``AnnoyIndex(dim, 'angular')``, ``set_seed(seed)``, add every vector, ``build(100)``.
4. For each item ``get_nns_by_item(i, k + 1)`` and drop the item itself (the original's top 10).
   ``--bottom-k K`` also records the original's "farthest" list: the last K of the 100 nearest
   (``get_nns_by_item(i, 100)``), i.e. NOT the true farthest items.

Outputs in ``--out-dir`` (default ``original_out``), prefixed with the descriptor name:

* ``<d>_vectors.npy``   float32, one row per successfully processed clip, in sorted order;
* ``<d>_files.csv``     ``row,file[,tempo_bpm]``: the row -> file mapping (failures are absent);
* ``<d>_neighbours.csv`` ``file,kind,rank,neighbour,distance`` (kind top|bottom, rank from 1,
  annoy angular distance sqrt(2 - 2 cos));
* ``<d>_skipped.csv``   ``file,reason``;
* ``<d>_timing.json``   the timing table below.

Prints a timing table (clips, extraction s/clip split into load and features, index build s,
query s, total wall s) and a last line ``RESULT {json}`` for programs.

Before the timed loop the whole chain runs once on a synthetic in-memory clip (untimed,
reported as ``warmup_s``): librosa's first calls pay lazy imports and numba JIT (~2 s) that
would otherwise be charged to the first file.

Threads: BLAS/OpenMP pools default to 1 thread (set OPENBLAS_NUM_THREADS etc. yourself to
override) and annoy builds with ``--n-jobs 1`` by default, which also makes the build
deterministic for a given seed; the original called ``build(100)``, i.e. ``n_jobs=-1``.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

AUDIO_EXTENSIONS = (".wav", ".flac", ".ogg", ".mp3")


def scan(root: str) -> list[str]:
    """Audio files under `root` as sorted POSIX relative paths (symlinked dirs not followed)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in filenames:
            if name.lower().endswith(AUDIO_EXTENSIONS):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                found.append(rel.replace(os.sep, "/"))
    return sorted(found)


def describe(e: BaseException) -> str:
    """One line: exception type and message (some librosa errors have an empty message)."""
    msg = " ".join(str(e).split())
    return type(e).__name__ + (f": {msg}" if msg else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Original project baseline: librosa MFCC means + annoy.")
    ap.add_argument("dataset", help="folder of audio clips (searched recursively)")
    ap.add_argument("--out-dir", default="original_out", help="output folder (default %(default)s)")
    ap.add_argument("--descriptor", choices=("mfcc", "tempogram"), default="mfcc",
                    help="mfcc: mean of 40 MFCCs (original); tempogram: mean tempogram (384-d)")
    ap.add_argument("--limit", type=int, help="use only the first N files (sorted order)")
    ap.add_argument("--with-tempo", action="store_true",
                    help="also time librosa.feature.tempo per clip (load + features + tempo)")
    ap.add_argument("--n-trees", type=int, default=100, help="annoy trees (default %(default)s)")
    ap.add_argument("--k", type=int, default=10, help="neighbours per item (default %(default)s)")
    ap.add_argument("--bottom-k", type=int, default=0,
                    help="also write the original's bottom list: last K of the 100 nearest")
    ap.add_argument("--seed", type=int, default=42, help="annoy seed (default %(default)s)")
    ap.add_argument("--n-jobs", type=int, default=1,
                    help="annoy build threads; -1 = all cores as in the original (default %(default)s)")
    ap.add_argument("--quiet", action="store_true", help="no per-file progress on stderr")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.dataset):
        ap.error(f"{args.dataset} is not a directory")
    if args.k < 1 or args.n_trees < 1 or args.bottom_k < 0:
        ap.error("--k and --n-trees must be >= 1, --bottom-k >= 0")

    import numpy as np
    import librosa
    from annoy import AnnoyIndex

    t_start = time.perf_counter()
    files = scan(args.dataset)
    if args.limit is not None:
        files = files[: max(0, args.limit)]
    if not files:
        print(f"error: no audio files under {args.dataset}", file=sys.stderr)
        return 1
    dim = 40 if args.descriptor == "mfcc" else 384

    # Warm-up (untimed in the per-clip figures): lazy imports and numba JIT on first use.
    t0 = time.perf_counter()
    import io
    import soundfile as sf
    buf = io.BytesIO()
    warm = np.zeros(3 * 22050, dtype=np.float32)
    warm[::11025] = 1.0
    sf.write(buf, warm, 22050, format="WAV")
    buf.seek(0)
    warm, wsr = librosa.load(buf)
    librosa.feature.mfcc(y=warm, sr=wsr, n_mfcc=40)
    librosa.feature.tempogram(onset_envelope=librosa.onset.onset_strength(y=warm, sr=wsr), sr=wsr)
    librosa.feature.tempo(y=warm, sr=wsr)
    warmup_s = time.perf_counter() - t0

    vectors, kept, tempos, skipped = [], [], [], []
    load_s = feat_s = tempo_s = 0.0
    for i, rel in enumerate(files):
        path = os.path.join(args.dataset, rel)
        try:
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                y, sr = librosa.load(path)
            t1 = time.perf_counter()
            if y.size == 0:
                raise ValueError("empty audio")
            if args.descriptor == "mfcc":
                v = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40).mean(axis=1)
            else:
                oenv = librosa.onset.onset_strength(y=y, sr=sr)
                v = librosa.feature.tempogram(onset_envelope=oenv, sr=sr).mean(axis=1)
            t2 = time.perf_counter()
            bpm = float(np.asarray(librosa.feature.tempo(y=y, sr=sr)).ravel()[0]) if args.with_tempo else None
            t3 = time.perf_counter()
            if v.shape != (dim,) or not np.all(np.isfinite(v)):
                raise ValueError(f"bad descriptor (shape {v.shape}, finite={np.all(np.isfinite(v))})")
        except Exception as e:  # noqa: BLE001 - one bad file must not stop the run
            skipped.append((rel, describe(e)))
            continue
        load_s += t1 - t0
        feat_s += t2 - t1
        tempo_s += t3 - t2
        vectors.append(v.astype(np.float32))
        kept.append(rel)
        tempos.append(bpm)
        if not args.quiet:
            print(f"\r[{i + 1}/{len(files)}] {rel[:60]:60s}", end="", file=sys.stderr)
    if not args.quiet:
        print(file=sys.stderr)
    for rel, reason in skipped:
        print(f"warning: skipped {rel}: {reason}", file=sys.stderr)
    if not kept:
        print("error: no usable clip", file=sys.stderr)
        return 1
    X = np.stack(vectors).astype(np.float32)
    n = len(kept)

    t0 = time.perf_counter()
    index = AnnoyIndex(dim, "angular")
    index.set_seed(args.seed)
    for i in range(n):
        index.add_item(i, X[i].tolist())
    index.build(args.n_trees, n_jobs=args.n_jobs)
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    rows = []
    for i in range(n):
        ids, dists = index.get_nns_by_item(i, args.k + 1, include_distances=True)
        pairs = [(j, d) for j, d in zip(ids, dists) if j != i][: args.k]
        rows.extend((kept[i], "top", r + 1, kept[j], d) for r, (j, d) in enumerate(pairs))
        if args.bottom_k:
            ids, dists = index.get_nns_by_item(i, 100, include_distances=True)
            pairs = [(j, d) for j, d in zip(ids, dists) if j != i][-args.bottom_k:][::-1]
            rows.extend((kept[i], "bottom", r + 1, kept[j], d) for r, (j, d) in enumerate(pairs))
    query_s = time.perf_counter() - t0

    os.makedirs(args.out_dir, exist_ok=True)
    prefix = os.path.join(args.out_dir, args.descriptor + "_")
    np.save(prefix + "vectors.npy", X)
    with open(prefix + "files.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["row", "file"] + (["tempo_bpm"] if args.with_tempo else []))
        for i, rel in enumerate(kept):
            w.writerow([i, rel] + ([f"{tempos[i]:.4f}"] if args.with_tempo else []))
    with open(prefix + "neighbours.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "kind", "rank", "neighbour", "distance"])
        for a, kind, r, b, d in rows:
            w.writerow([a, kind, r, b, f"{d:.6f}"])
    with open(prefix + "skipped.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "reason"])
        w.writerows(skipped)
    total_s = time.perf_counter() - t_start

    timing = {
        "tool": "original_pipeline", "descriptor": args.descriptor, "dim": dim,
        "librosa": librosa.__version__, "clips": n, "skipped": len(skipped),
        "extract_s_per_clip": (load_s + feat_s + tempo_s) / n,
        "load_s_per_clip": load_s / n, "features_s_per_clip": feat_s / n,
        "tempo_s_per_clip": tempo_s / n if args.with_tempo else None,
        "extract_s_total": load_s + feat_s + tempo_s,
        "index_build_s": build_s, "n_trees": args.n_trees, "n_jobs": args.n_jobs,
        "query_s": query_s, "total_s": total_s, "warmup_s": warmup_s,
    }
    with open(prefix + "timing.json", "w", encoding="utf-8") as f:
        json.dump(timing, f, indent=2, sort_keys=True)
        f.write("\n")

    print(f"original pipeline ({args.descriptor}, {dim}-d), librosa {librosa.__version__}")
    print(f"  {'clips':28s} {n:>10d}   ({len(skipped)} skipped)")
    print(f"  {'extraction s/clip':28s} {timing['extract_s_per_clip']:10.4f}")
    print(f"  {'  load s/clip':28s} {timing['load_s_per_clip']:10.4f}")
    print(f"  {'  ' + args.descriptor + ' s/clip':28s} {timing['features_s_per_clip']:10.4f}")
    if args.with_tempo:
        print(f"  {'  tempo s/clip':28s} {timing['tempo_s_per_clip']:10.4f}")
    print(f"  {'extraction s total':28s} {timing['extract_s_total']:10.3f}")
    print(f"  {f'index build s ({args.n_trees} trees)':28s} {build_s:10.3f}")
    print(f"  {'neighbour queries s':28s} {query_s:10.3f}")
    print(f"  {'total wall s':28s} {total_s:10.3f}   (incl. {warmup_s:.2f} s warm-up)")
    print(f"  outputs: {prefix}{{vectors.npy,files.csv,neighbours.csv,skipped.csv,timing.json}}")
    print("RESULT " + json.dumps(timing, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
