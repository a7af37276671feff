#!/usr/bin/env python3
"""Real recordings: does another section of the same piece, in another codec, come back first?

Runs on the set `real_music.py` fetched (WORK_DIR/set, 81 pieces of game music). From every
piece of at least 90 s it cuts two 30 s excerpts that do not overlap, one starting at 20 % of
the piece and one at 55 %, and writes them in different forms, so that nothing but the music
links them:

- A: FLAC, 44.1 kHz, the source's channels (clipped to [-1, 1] before 16-bit conversion);
- B: MP3 (libsndfile/LAME through python-soundfile), 48 kHz mono, 6 dB quieter.

It builds a Backbeat catalog of the excerpts and, for each excerpt, ranks all other excerpts by
cosine similarity of the catalog's final vectors (`data/vectors.npy`), then reports how often
the sibling excerpt is the nearest (P@1), in the nearest 10 (recall@10), and the mean
reciprocal rank. The same for the original project's 40-MFCC mean, that mean without MFCC 0
(which follows the gain, so the raw mean is handicapped by B's 6 dB), and librosa's mean
tempogram, computed on the same files.

This is the `query` use case on real material (a user's MP3 of a catalogued piece), not a
rhythm-only test: two sections of one piece share tempo and groove but also instruments and
mix. Sections differ (intro, bridge), so 1.0 is not expected; and the set holds a few
near-duplicate pieces (a remix, an "_old" version), whose sections ranking first count as
misses, so the figures are lower bounds. Pieces that lose an excerpt in the build (skipped
files) are left out of the ranking and counted.

Usage:
    python3 real_excerpts.py WORK_DIR [--backbeat .build/release/backbeat]

Writes WORK_DIR/excerpts and WORK_DIR/excerpts-catalog. Needs librosa and soundfile. Ends with
a `RESULT {json}` line.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

import numpy as np

from precision_at_10 import knn_cosine

SECONDS = 30.0
MIN_PIECE = 90.0


def write_excerpts(music, out):
    import librosa
    import soundfile as sf
    os.makedirs(out, exist_ok=True)
    pieces = []
    for f in sorted(os.listdir(music)):
        path = os.path.join(music, f)
        duration = sf.info(path).duration
        if duration < MIN_PIECE:
            continue
        stem = os.path.splitext(f)[0]
        a = os.path.join(out, stem + "__A.flac")
        b = os.path.join(out, stem + "__B.mp3")
        if not (os.path.exists(a) and os.path.exists(b)):
            y, sr = librosa.load(path, sr=44100, mono=False, offset=0.2 * duration, duration=SECONDS)
            y = np.clip(y, -1, 1)
            sf.write(a, y.T if y.ndim > 1 else y, sr, format="FLAC", subtype="PCM_16")
            y, _ = librosa.load(path, sr=48000, mono=True, offset=0.55 * duration, duration=SECONDS)
            sf.write(b, np.clip(0.5 * y, -1, 1), 48000, format="MP3", subtype="MPEG_LAYER_III")
        pieces.append(stem)
    return pieces


def mfcc_mean(path):
    import librosa
    y, sr = librosa.load(path, sr=22050)
    return librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40).mean(axis=1)


def tempogram_mean(path):
    import librosa
    y, sr = librosa.load(path, sr=22050)
    return librosa.feature.tempogram(y=y, sr=sr).mean(axis=1)


def sibling_ranks(X, piece):
    """Rank (1 = nearest) of each row's sibling among all other rows by cosine similarity
    (precision_at_10's exact kNN over every other row: ties by smaller index)."""
    order = knn_cosine(X, len(piece) - 1)
    ranks = []
    for i in range(len(piece)):
        j = [k for k in range(len(piece)) if k != i and piece[k] == piece[i]][0]
        ranks.append(int(np.where(order[i] == j)[0][0]) + 1)
    return np.array(ranks)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work")
    ap.add_argument("--backbeat", default=".build/release/backbeat")
    a = ap.parse_args()
    music = os.path.join(a.work, "set")
    if not os.path.isdir(music):
        sys.exit(f"{music}: not found; run real_music.py {a.work} first")
    out = os.path.join(a.work, "excerpts")
    pieces = write_excerpts(music, out)
    catalog = os.path.join(a.work, "excerpts-catalog")
    subprocess.run([a.backbeat, "build", out, "-o", catalog, "--quiet", "--no-site"], check=True)
    tracks = list(csv.DictReader(open(os.path.join(catalog, "data", "tracks.csv"), encoding="utf-8")))
    all_files = [t["file"] for t in tracks]  # row i of vectors.npy is row i of tracks.csv
    count = {}
    for f in all_files:
        count[f.rsplit("__", 1)[0]] = count.get(f.rsplit("__", 1)[0], 0) + 1
    keep = [i for i, f in enumerate(all_files) if count[f.rsplit("__", 1)[0]] == 2]
    dropped = len(pieces) - len(keep) // 2
    files = [all_files[i] for i in keep]
    piece = [f.rsplit("__", 1)[0] for f in files]
    vectors = {"backbeat": np.load(os.path.join(catalog, "data", "vectors.npy"))[keep]}
    mfcc = np.array([mfcc_mean(os.path.join(out, f)) for f in files])
    vectors["40-MFCC mean (original)"] = mfcc
    vectors["MFCC 1-39 mean"] = mfcc[:, 1:]
    vectors["librosa mean tempogram"] = np.array([tempogram_mean(os.path.join(out, f)) for f in files])
    print(f"{len(pieces)} pieces of at least {MIN_PIECE:.0f} s, {len(files)} excerpts ranked"
          f" ({dropped} pieces left out: an excerpt was skipped by the build)")
    print("%-26s %6s %10s %6s" % ("descriptor", "P@1", "recall@10", "MRR"))
    result = {"pieces": len(pieces), "excerpts": len(files), "dropped_pieces": dropped}
    for name, X in vectors.items():
        r = sibling_ranks(X, piece)
        p1, r10, mrr = float(np.mean(r == 1)), float(np.mean(r <= 10)), float(np.mean(1 / r))
        print("%-26s %6.3f %10.3f %6.3f" % (name, p1, r10, mrr))
        result[name] = {"p_at_1": round(p1, 3), "recall_at_10": round(r10, 3), "mrr": round(mrr, 3)}
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
