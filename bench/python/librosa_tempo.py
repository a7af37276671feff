#!/usr/bin/env python3
"""librosa's tempo estimate on a labelled set of clips, with MIREX Acc1/Acc2.

Usage::

    python3 librosa_tempo.py DIR [--labels DIR/labels.csv] [--out librosa_tempo.csv]
                             [--group-by family] [--limit N]

``DIR`` holds the audio files; ``labels.csv`` (default ``DIR/labels.csv``) has a header with at
least the columns ``file`` (path relative to DIR) and ``bpm`` (reference tempo); other columns
are ignored unless named by ``--group-by``. Without a labels file every ``*.wav`` under DIR is
processed (sorted) and no accuracy is printed.

For each file, in label order: ``y, sr = librosa.load(path, sr=22050)`` (mono, soxr_hq
resampling, librosa 0.11 defaults) then ``librosa.feature.tempo(y=y, sr=sr)`` with its
defaults (hop 512, start_bpm 120, std_bpm 1.0, ac_size 8 s, max_tempo 320, mean aggregate).

Writes ``--out`` as CSV ``file,librosa_bpm,seconds`` where ``seconds`` is the wall time of
load + tempo for that file (single process, single thread of Python); a file that fails to
load gets an empty ``librosa_bpm`` and counts as wrong. Prints:

* Acc1: share of files with |est - ref| <= 4 % of ref;
* Acc2: the same, also accepting ref x 2, x 3, x 1/2, x 1/3 (tolerance 4 % of the multiple);
* mean load / tempo times;
* per-group accuracy with ``--group-by COLUMN`` (e.g. family);
* last line: one JSON object (prefix ``RESULT ``) for programs to parse.

Before the timed loop the whole chain runs once on a synthetic in-memory clip (untimed,
reported as ``warmup_s``): librosa's first calls pay lazy imports and numba JIT (~2 s) that
would otherwise be charged to the first file.

BLAS/OpenMP thread pools default to 1 thread (one-core timing); set OPENBLAS_NUM_THREADS etc.
to override. Exit code 0 on success, 1 if no file could be processed, 2 on a usage error.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

ACC_TOLERANCE = 0.04
ACC2_FACTORS = (1.0, 2.0, 3.0, 1.0 / 2.0, 1.0 / 3.0)


def acc1(est: float, ref: float, tol: float = ACC_TOLERANCE) -> bool:
    """MIREX Acc1: estimate within `tol` (relative) of the reference tempo."""
    return math.isfinite(est) and abs(est - ref) <= tol * ref


def acc2(est: float, ref: float, tol: float = ACC_TOLERANCE) -> bool:
    """MIREX Acc2: Acc1 against ref times 1, 2, 3, 1/2 or 1/3 (octave / metre errors allowed)."""
    return any(acc1(est, f * ref, tol) for f in ACC2_FACTORS)


def describe(e: BaseException) -> str:
    """One line: exception type and message (some librosa errors have an empty message)."""
    msg = " ".join(str(e).split())
    return type(e).__name__ + (f": {msg}" if msg else "")


def warm_up(librosa, np, sr: int) -> float:
    """Run load + tempo once on a 3 s in-memory click track; return the seconds it took."""
    import io
    import soundfile as sf
    t0 = time.perf_counter()
    y = np.zeros(3 * sr, dtype=np.float32)
    y[:: sr // 2] = 1.0
    buf = io.BytesIO()
    sf.write(buf, y, sr, format="WAV")
    buf.seek(0)
    y, sr = librosa.load(buf, sr=sr)
    librosa.feature.tempo(y=y, sr=sr)
    return time.perf_counter() - t0


def read_labels(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None or "file" not in reader.fieldnames:
            raise ValueError(f"{path}: needs a header with a 'file' column")
        rows = list(reader)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="librosa.feature.tempo on a folder, MIREX Acc1/Acc2.")
    ap.add_argument("dir", help="folder with the audio files")
    ap.add_argument("--labels", help="labels CSV (file,bpm,...); default DIR/labels.csv")
    ap.add_argument("--out", default="librosa_tempo.csv", help="output CSV (default %(default)s)")
    ap.add_argument("--sr", type=int, default=22050, help="load sample rate (default %(default)s)")
    ap.add_argument("--group-by", metavar="COLUMN", help="also report accuracy per value of COLUMN")
    ap.add_argument("--limit", type=int, help="process only the first N files")
    ap.add_argument("--quiet", action="store_true", help="no per-file progress on stderr")
    args = ap.parse_args(argv)

    if not os.path.isdir(args.dir):
        ap.error(f"{args.dir} is not a directory")
    labels_path = args.labels or os.path.join(args.dir, "labels.csv")
    if args.labels and not os.path.isfile(args.labels):
        ap.error(f"labels file {args.labels} not found")

    if os.path.isfile(labels_path):
        try:
            rows = read_labels(labels_path)
        except (ValueError, OSError, csv.Error) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        has_bpm = bool(rows) and "bpm" in rows[0]
        if has_bpm:
            for line, r in enumerate(rows, start=2):
                try:
                    ok = float(r["bpm"]) > 0
                except (TypeError, ValueError):
                    ok = False
                if not ok:
                    print(f"error: {labels_path}:{line}: bpm {r['bpm']!r} is not a positive number",
                          file=sys.stderr)
                    return 2
        else:
            print(f"warning: {labels_path} has no 'bpm' column; no accuracy", file=sys.stderr)
        if args.group_by and rows and args.group_by not in rows[0]:
            ap.error(f"--group-by {args.group_by}: no such column in {labels_path}")
    else:
        rows = []
        for root, _, files in os.walk(args.dir):
            for name in files:
                if name.lower().endswith(".wav"):
                    rows.append({"file": os.path.relpath(os.path.join(root, name), args.dir)})
        rows.sort(key=lambda r: r["file"])
        has_bpm = False
        if args.group_by:
            ap.error("--group-by needs a labels file")
        print(f"note: no {labels_path}; processing {len(rows)} WAV files without accuracy",
              file=sys.stderr)
    if args.limit is not None:
        rows = rows[: max(0, args.limit)]
    if not rows:
        print("error: nothing to process", file=sys.stderr)
        return 1

    import librosa  # imported late so that --help and usage errors are fast
    import numpy as np

    warmup_s = warm_up(librosa, np, args.sr)
    results = []  # (row, est or nan, load_s, tempo_s, error)
    for i, row in enumerate(rows):
        path = os.path.join(args.dir, row["file"])
        est, load_s, tempo_s, err = math.nan, 0.0, 0.0, ""
        try:
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # audioread fallback warnings etc.
                y, sr = librosa.load(path, sr=args.sr)
            t1 = time.perf_counter()
            est = float(np.asarray(librosa.feature.tempo(y=y, sr=sr)).ravel()[0])
            t2 = time.perf_counter()
            load_s, tempo_s = t1 - t0, t2 - t1
        except Exception as e:  # noqa: BLE001 - report any failure per file, keep going
            err = describe(e)
            print(f"warning: {row['file']}: {err}", file=sys.stderr)
        results.append((row, est, load_s, tempo_s, err))
        if not args.quiet:
            print(f"\r[{i + 1}/{len(rows)}] {row['file'][:60]:60s}", end="", file=sys.stderr)
    if not args.quiet:
        print(file=sys.stderr)

    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "librosa_bpm", "seconds"])
        for row, est, load_s, tempo_s, err in results:
            w.writerow([row["file"], "" if err else f"{est:.4f}", f"{load_s + tempo_s:.6f}"])

    ok = [r for r in results if not r[4]]
    if not ok:
        print("error: no file could be processed", file=sys.stderr)
        return 1
    summary = {
        "tool": "librosa_tempo", "librosa": librosa.__version__, "files": len(results),
        "failed": len(results) - len(ok), "warmup_s": warmup_s,
        "mean_load_s": sum(r[2] for r in ok) / len(ok),
        "mean_tempo_s": sum(r[3] for r in ok) / len(ok),
    }
    print(f"librosa {librosa.__version__}: {len(results)} files, {summary['failed']} failed; "
          f"mean load {summary['mean_load_s'] * 1e3:.1f} ms, tempo {summary['mean_tempo_s'] * 1e3:.1f} ms per file")

    if has_bpm:
        def accuracies(subset):
            scored = [(est, float(row["bpm"])) for row, est, *_ in subset]
            n = len(scored)
            return (n, sum(acc1(e, r) for e, r in scored) / n, sum(acc2(e, r) for e, r in scored) / n)

        n, a1, a2 = accuracies(results)
        summary.update({"acc1": a1, "acc2": a2})
        print(f"MIREX Acc1 (4 %): {a1:.3f}   Acc2 (x1,2,3,1/2,1/3): {a2:.3f}   (n = {n})")
        if args.group_by:
            groups: dict[str, list] = {}
            for r in results:
                groups.setdefault(r[0].get(args.group_by, ""), []).append(r)
            print(f"\n{args.group_by:20s} {'n':>5s} {'Acc1':>6s} {'Acc2':>6s}")
            per = {}
            for g in sorted(groups):
                n, a1, a2 = accuracies(groups[g])
                per[g] = {"n": n, "acc1": a1, "acc2": a2}
                print(f"{g[:20]:20s} {n:5d} {a1:6.3f} {a2:6.3f}")
            summary["groups"] = per
    print("RESULT " + json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
