#!/usr/bin/env python3
"""Hubness of Backbeat's top lists on real recordings (and any catalog).

Usage:
    python3 hubness.py WORK_DIR [--backbeat .build/release/backbeat] [--name NAME] [--seconds 30]
    python3 hubness.py --catalog CATALOG_DIR           # figures of an existing catalog only

After ``real_music.py WORK_DIR`` (81 pieces in WORK_DIR/set): cuts every piece into consecutive
non-overlapping ``--seconds`` clips (mono FLAC, 22,050 Hz; ~560 clips of 30 s), builds a catalog
of them (``WORK_DIR/hub-<NAME>``, plots and site off) and reports, from ``data/neighbours.json``:

* N10 (k-occurrence): in how many top-10 lists each clip appears; its skewness (Radovanovic et
  al., JMLR 2010: > 1 means a few hubs), the largest N10 and its share of the lists, and the
  share of clips in no list (anti-hubs);
* same-piece recall@10: the share of a clip's other clips (same piece) that are in its top 10, a
  check that removing hubs keeps the lists useful.

Top lists come from the catalog as published (hub correction, versions and caps applied by the
build), so two binaries can be compared side by side. Ends with a ``RESULT {json}`` line.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np


def cut_clips(music, out, seconds):
    import soundfile as sf
    import librosa
    os.makedirs(out, exist_ok=True)
    for f in sorted(os.listdir(music)):
        stem = os.path.splitext(f)[0]
        if os.path.exists(os.path.join(out, stem + "__000.flac")):
            continue
        y, sr = librosa.load(os.path.join(music, f), sr=22050, mono=True)
        n = int(seconds * sr)
        for i in range(len(y) // n):
            sf.write(os.path.join(out, "%s__%03d.flac" % (stem, i)), np.clip(y[i * n:(i + 1) * n], -1, 1), sr)


def figures(catalog):
    doc = json.load(open(os.path.join(catalog, "data", "neighbours.json")))
    tracks = doc["tracks"]
    ids = [t["id"] for t in tracks]
    piece = {t["id"]: t["file"].rsplit("__", 1)[0] for t in tracks}
    counts = {i: 0 for i in ids}
    recalls = []
    for t in tracks:
        top = [n["id"] for n in t["top"][:10]]
        for n in top:
            counts[n] += 1
        siblings = [o for o in ids if o != t["id"] and piece[o] == piece[t["id"]]]
        if siblings:
            recalls.append(len([o for o in top if piece[o] == piece[t["id"]]]) / min(10, len(siblings)))
    n10 = np.array([counts[i] for i in ids], dtype=float)
    skew = float(((n10 - n10.mean()) ** 3).mean() / max(n10.std() ** 3, 1e-12))
    worst = int(n10.argmax())
    return {
        "clips": len(ids), "n10_skewness": round(skew, 3), "n10_max": int(n10.max()),
        "n10_max_share": round(float(n10.max()) / len(ids), 4), "n10_max_file": tracks[worst]["file"],
        "n10_max_tempo_confidence": tracks[worst]["tempo_confidence"],
        "antihubs_share": round(float((n10 == 0).mean()), 4),
        "same_piece_recall_at_10": round(float(np.mean(recalls)), 4) if recalls else None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work", nargs="?")
    ap.add_argument("--backbeat", default=".build/release/backbeat")
    ap.add_argument("--name", default="current")
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--catalog", help="report on an existing catalog instead")
    a = ap.parse_args()
    if a.catalog:
        catalog = a.catalog
    else:
        if not a.work:
            ap.error("WORK_DIR or --catalog is required")
        clips = os.path.join(a.work, "clips")
        cut_clips(os.path.join(a.work, "set"), clips, a.seconds)
        catalog = os.path.join(a.work, "hub-" + a.name)
        subprocess.run([a.backbeat, "build", clips, "-o", catalog, "--no-plots", "--no-site", "--no-sqlite", "--quiet",
                        "--cache", os.path.join(a.work, "hub-cache-" + a.name)], check=True)
    r = figures(catalog)
    r["name"] = a.name
    print("clips %d  N10 skewness %.2f  max N10 %d (%.1f %% of lists: %s, tempo confidence %.2f)  anti-hubs %.1f %%  same-piece recall@10 %s"
          % (r["clips"], r["n10_skewness"], r["n10_max"], 100 * r["n10_max_share"], r["n10_max_file"],
             r["n10_max_tempo_confidence"], 100 * r["antihubs_share"], r["same_piece_recall_at_10"]))
    print("RESULT " + json.dumps(r))


if __name__ == "__main__":
    sys.exit(main())
