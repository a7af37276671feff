#!/usr/bin/env python3
"""Smoke test for the baseline scripts on a tiny synthesised dataset.

Usage::

    python3 smoke_test.py [--keep DIR]

Synthesises 12 short drum clips (3 groove families x 2 kits x 2 tempi; WAV, plus FLAC, Ogg and
MP3 copies in a nested folder with a space in its name, and one corrupt file) with a
``labels.csv``, a small clustered vector set, then runs every script in this folder on them and
checks exit codes and the ``RESULT`` lines. Exit code 0 if everything passed. Takes about a
minute (librosa's first calls JIT-compile with numba). ``--keep DIR`` writes into DIR and leaves
the files there for inspection.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import soundfile as sf

HERE = os.path.dirname(os.path.abspath(__file__))
SR = 22050


def drum(kind: str, kit: int, rng: np.random.Generator) -> np.ndarray:
    """One drum hit: kick (pitched sine sweep), snare (noise + tone) or hat (short noise)."""
    n = int(0.25 * SR)
    t = np.arange(n) / SR
    if kind == "kick":
        f0 = 55.0 if kit == 0 else 80.0
        return np.sin(2 * np.pi * f0 * t * (1 + 2 * np.exp(-t * 30))) * np.exp(-t * (12 if kit == 0 else 25))
    if kind == "snare":
        tone = np.sin(2 * np.pi * (190.0 if kit == 0 else 260.0) * t)
        return (0.6 * rng.uniform(-1, 1, n) + 0.4 * tone) * np.exp(-t * (18 if kit == 0 else 35))
    hat = rng.uniform(-1, 1, n)
    hat = np.diff(hat, prepend=0.0)  # crude high-pass
    return 0.3 * hat * np.exp(-t * (60 if kit == 0 else 120))


PATTERNS = {  # (step count per bar, {drum: steps}) on a 16th-note grid (12 for 3/4)
    "four_on_floor": (16, {"kick": [0, 4, 8, 12], "snare": [4, 12], "hat": [2, 6, 10, 14]}),
    "backbeat": (16, {"kick": [0, 7, 10], "snare": [4, 12], "hat": list(range(0, 16, 2))}),
    "waltz": (12, {"kick": [0], "snare": [4, 8], "hat": [2, 6, 10]}),
}


def groove(family: str, bpm: float, kit: int, seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    steps, hits = PATTERNS[family]
    step_s = 60.0 / bpm / 4.0
    y = np.zeros(int(seconds * SR) + SR)
    sounds = {k: drum(k, kit, rng) for k in hits}
    bar = 0
    while bar * steps * step_s < seconds:
        for k, positions in hits.items():
            for p in positions:
                start = int(round((bar * steps + p) * step_s * SR))
                s = sounds[k]
                y[start:start + len(s)] += s[: max(0, len(y) - start)]
        bar += 1
    y = y[: int(seconds * SR)]
    return (0.5 * y / np.max(np.abs(y))).astype(np.float32)


def run(args: list[str], expect: int = 0) -> str:
    cmd = [sys.executable, os.path.join(HERE, args[0])] + args[1:]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != expect:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit(f"FAIL: {' '.join(args)} exited {p.returncode}, expected {expect}")
    print(f"ok: {' '.join(args)}")
    print("    " + "\n    ".join(l for l in p.stdout.splitlines() if not l.startswith("RESULT ")))
    return p.stdout


def results(stdout: str) -> list[dict]:
    return [json.loads(l[7:]) for l in stdout.splitlines() if l.startswith("RESULT ")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", help="work in this folder and keep it")
    a = ap.parse_args()
    tmp = None
    if a.keep:
        work = a.keep
        os.makedirs(work, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory()
        work = tmp.name
    data = os.path.join(work, "dataset")
    os.makedirs(os.path.join(data, "nested dir"), exist_ok=True)

    rows = []
    seed = 0
    for family in PATTERNS:
        for kit in (0, 1):
            for bpm in (92.0, 128.0):
                name = f"{family}_kit{kit}_{int(bpm)}.wav"
                sf.write(os.path.join(data, name), groove(family, bpm, kit, 8.0, seed), SR, subtype="PCM_16")
                rows.append({"file": name, "bpm": bpm, "family": family, "kit": f"kit{kit}"})
                seed += 1
    with open(os.path.join(data, "labels.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["file", "bpm", "family", "kit"])
        w.writeheader()
        w.writerows(rows)
    # Other formats and rates for the original pipeline's scanner (not in labels.csv).
    y = groove("backbeat", 110.0, 0, 6.0, 99)
    sf.write(os.path.join(data, "nested dir", "extra.flac"), y, SR)
    sf.write(os.path.join(data, "nested dir", "extra.ogg"), y, SR, format="OGG", subtype="VORBIS")
    y44 = np.interp(np.arange(int(6.0 * 44100)) / 44100, np.arange(len(y)) / SR, y).astype(np.float32)
    sf.write(os.path.join(data, "nested dir", "extra 44k.mp3"), np.stack([y44, y44], 1), 44100,
             format="MP3", subtype="MPEG_LAYER_III")
    with open(os.path.join(data, "nested dir", "corrupt.wav"), "wb") as f:
        f.write(b"RIFF\x00\x00\x00\x00WAVEjunk")

    # 1. librosa tempo on the labelled WAVs.
    out = run(["librosa_tempo.py", data, "--out", os.path.join(work, "librosa_tempo.csv"),
               "--group-by", "family", "--quiet"])
    r = results(out)[0]
    assert r["files"] == 12 and r["failed"] == 0 and 0 <= r["acc1"] <= r["acc2"] <= 1, r
    with open(os.path.join(work, "librosa_tempo.csv")) as f:
        assert next(csv.reader(f)) == ["file", "librosa_bpm", "seconds"]

    # 2. The original pipeline, both descriptors; the corrupt file must be skipped.
    outdir = os.path.join(work, "original_out")
    out = run(["original_pipeline.py", data, "--out-dir", outdir, "--with-tempo",
               "--bottom-k", "3", "--k", "5", "--quiet"])
    r = results(out)[0]
    assert r["clips"] == 15 and r["skipped"] == 1 and r["dim"] == 40, r
    X = np.load(os.path.join(outdir, "mfcc_vectors.npy"))
    assert X.shape == (15, 40) and X.dtype == np.float32
    out = run(["original_pipeline.py", data, "--out-dir", outdir, "--descriptor", "tempogram",
               "--limit", "14", "--quiet"])
    r = results(out)[0]
    assert r["clips"] == 13 and r["dim"] == 384, r  # 14 files minus the corrupt one
    with open(os.path.join(outdir, "tempogram_neighbours.csv")) as f:
        first = f.read()
    first_vectors = np.load(os.path.join(outdir, "tempogram_vectors.npy"))
    out2 = run(["original_pipeline.py", data, "--out-dir", outdir, "--descriptor", "tempogram",
                "--limit", "14", "--quiet"])
    with open(os.path.join(outdir, "tempogram_neighbours.csv")) as f:
        assert f.read() == first, "neighbours differ between two runs with the same seed"
    assert np.array_equal(np.load(os.path.join(outdir, "tempogram_vectors.npy")), first_vectors)
    assert results(out2)[0]["clips"] == 13

    # 3. Precision@k on the labelled clips, aligned by file (the extras are not labelled, so
    #    use a labels file that covers them too).
    labels_all = os.path.join(work, "labels_all.csv")
    with open(labels_all, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["file", "bpm", "family", "kit"])
        w.writeheader()
        w.writerows(rows)
        for name in ("nested dir/extra 44k.mp3", "nested dir/extra.flac", "nested dir/extra.ogg"):
            w.writerow({"file": name, "bpm": 110.0, "family": "backbeat", "kit": "kit0"})
    out = run(["precision_at_10.py", labels_all,
               f"mfcc_mean={os.path.join(outdir, 'mfcc_vectors.npy')}@{os.path.join(outdir, 'mfcc_files.csv')}",
               "--k", "3"])
    res = results(out)
    assert [x["name"] for x in res] == ["mfcc_mean", "chance", "ceiling"], res
    assert all(res[0][key] <= res[2][key] for key in ("rhythm_p", "family_p", "timbre_p")), res
    # Only one family's rows as queries; the neighbour pool stays every row.
    out = run(["precision_at_10.py", labels_all,
               f"mfcc_mean={os.path.join(outdir, 'mfcc_vectors.npy')}@{os.path.join(outdir, 'mfcc_files.csv')}",
               "--k", "3", "--split-col", "family", "--split", "backbeat"])
    res = results(out)
    assert res[0]["queries"] < res[0]["n"] and res[1]["groove_before_tempo"] in (0.5, None), res
    # Row-aligned variant: labelled WAVs only, with a vector that is the label itself -> 1.0.
    onehot = np.array([[r["family"] == f for f in PATTERNS] + [r["bpm"] / 1000.0] for r in rows], float)
    np.save(os.path.join(work, "oracle.npy"), onehot)
    out = run(["precision_at_10.py", os.path.join(data, "labels.csv"), os.path.join(work, "oracle.npy"),
               "--k", "1"])
    assert results(out)[0]["rhythm_p"] == 1.0
    run(["precision_at_10.py", os.path.join(data, "labels.csv"), os.path.join(outdir, "mfcc_vectors.npy")],
        expect=2)  # 15 rows vs 12 labels: refused

    # 4. annoy on clustered Gaussian data, with and without given ground truth.
    rng = np.random.default_rng(42)
    centres = rng.normal(size=(20, 64))
    base = (centres[rng.integers(0, 20, 2000)] + 0.3 * rng.normal(size=(2000, 64))).astype(np.float32)
    queries = (centres[rng.integers(0, 20, 100)] + 0.3 * rng.normal(size=(100, 64))).astype(np.float32)
    np.save(os.path.join(work, "base.npy"), base)
    np.save(os.path.join(work, "queries.npy"), queries)
    gt = os.path.join(work, "gt.npy")
    out = run(["annoy_bench.py", os.path.join(work, "base.npy"), os.path.join(work, "queries.npy"),
               "--n-trees", "5,20", "--search-k", "-1,2000", "--save-gt", gt,
               "--csv", os.path.join(work, "annoy.csv")])
    res = results(out)
    assert len(res) == 4 and all(0 <= x["recall"] <= 1 for x in res), res
    assert res[-1]["recall"] > 0.9, res
    out = run(["annoy_bench.py", os.path.join(work, "base.npy"), os.path.join(work, "queries.npy"),
               "--gt", gt, "--metric", "angular", "--n-trees", "20", "--search-k", "2000"])
    again = results(out)[0]
    assert again["recall"] == res[-1]["recall"], (again, res[-1])  # same seed, same result
    out = run(["annoy_bench.py", os.path.join(work, "base.npy"), os.path.join(work, "queries.npy"),
               "--metric", "euclidean", "--n-trees", "10", "--search-k", "-1"])
    assert results(out)[0]["metric"] == "euclidean"

    # 5. librosa_speed on one WAV and the MP3.
    out = run(["librosa_speed.py", os.path.join(data, rows[0]["file"]), os.path.join(data, "nested dir", "extra 44k.mp3"),
               "--repeats", "2"])
    speed = json.loads([l for l in out.splitlines() if l.startswith("RESULT ")][-1][7:])
    assert len(speed["files"]) == 2 and all(v["total_ms"] > 0 for v in speed["files"].values()), speed

    # 6. block_weights on the oracle vectors with a two-block model: the family block alone is
    # perfect for family, the tempo block is needed for rhythm; the search must keep both.
    model = {"model": {"layout": {"blocks": [{"name": "family", "range": [0, len(PATTERNS)]},
                                             {"name": "bpm", "range": [len(PATTERNS), len(PATTERNS) + 1]},
                                             {"name": "off", "range": [len(PATTERNS) + 1, len(PATTERNS) + 1]}]},
                       "weights": {"family": 1, "bpm": 1, "off": 0}}}
    with open(os.path.join(work, "model.json"), "w") as f:
        json.dump(model, f)
    out = run(["block_weights.py", "--model", os.path.join(work, "model.json"), "--iterations", "20",
               "--tune", os.path.join(data, "labels.csv"), os.path.join(work, "oracle.npy"),
               "--validate", os.path.join(data, "labels.csv"), os.path.join(work, "oracle.npy")])
    res = json.loads([l for l in out.splitlines() if l.startswith("RESULT ")][-1][7:])
    assert set(res["weights"]) == {"family", "bpm", "off"} and res["weights"]["off"] == 0, res
    assert all(0 <= row["best"] <= 1 for row in res["sets"]), res

    print(f"all smoke tests passed ({work})")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
