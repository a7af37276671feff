#!/usr/bin/env python3
"""Real recordings: tempo agreement of Backbeat, librosa and essentia on game music from Debian.

No labelled real recordings can be shipped or downloaded here, so this is a sanity check, not
an accuracy figure: it fetches the music of four free games from the Debian archive
(`apt-get download`, about 370 MB: hedgewars-data, supertux-data, frozen-bubble-data,
extremetuxracer-data), keeps every Ogg Vorbis file over 500 KB (81 full-length pieces in
Debian 12, 17 s to 6.6 min, most with drums), builds a Backbeat catalog of them and compares
its tempo column with two independent estimators on the same files:

- librosa 0.11 `feature.tempo` (Ellis 2007 with a log-normal prior at 120 BPM), 22,050 Hz;
- essentia `RhythmExtractor2013(method="multifeature")` (Zapata, Davies & Gómez 2014), 44.1 kHz.

The set holds a few near-duplicate pieces (a remix, an "_old" version, a short version), so the
81 results are not all independent.

Each pair is classed as the same tempo (within 4 %, MIREX Acc1's window) or related by 2, 1/2,
3, 1/3, 3/2, 2/3, 4, 1/4, or other. Where librosa and essentia agree and Backbeat does not, the
table lists the file so it can be inspected (`bench-features probe --file F --reference BPM`).

Usage:
    python3 real_music.py WORK_DIR [--backbeat .build/release/backbeat] [--skip-build]

WORK_DIR receives the .deb files, the extracted set (WORK_DIR/set), the catalog (WORK_DIR/catalog)
and librosa.csv / essentia.csv (reused when present). Needs `pip install librosa essentia`.
Ends with a `RESULT {json}` line.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter

PACKAGES = ["hedgewars-data", "supertux-data", "frozen-bubble-data", "extremetuxracer-data"]
RATIOS = [(2, "x2"), (0.5, "x1/2"), (3, "x3"), (1 / 3, "x1/3"), (1.5, "x3/2"), (2 / 3, "x2/3"), (4, "x4"), (0.25, "x1/4")]


def relation(a, b):
    """How tempo a relates to tempo b: 'same' within 4 %, a simple ratio, or 'other'."""
    if a <= 0 or b <= 0:
        return "other"
    r = a / b
    if abs(r - 1) < 0.04:
        return "same"
    for m, name in RATIOS:
        if abs(r - m) < 0.04 * m:
            return name
    return "other"


def fetch(work):
    """Downloads and unpacks the packages; copies the music into work/set with flat names."""
    debs = os.path.join(work, "debs")
    os.makedirs(debs, exist_ok=True)
    if not any(f.endswith(".deb") for f in os.listdir(debs)):
        subprocess.run(["apt-get", "download"] + PACKAGES, cwd=debs, check=True)
    tree = os.path.join(work, "tree")
    if not os.path.isdir(tree):
        for f in sorted(os.listdir(debs)):
            if f.endswith(".deb"):
                subprocess.run(["dpkg-deb", "-x", os.path.join(debs, f), tree], check=True)
    out = os.path.join(work, "set")
    if not os.path.isdir(out):
        os.makedirs(out)
        root = os.path.join(tree, "usr", "share", "games")
        for d, _, files in sorted(os.walk(root)):
            for f in sorted(files):
                p = os.path.join(d, f)
                if f.lower().endswith(".ogg") and os.path.getsize(p) > 500_000:
                    shutil.copy(p, os.path.join(out, os.path.relpath(p, root).replace(os.sep, "__")))
    return out


def estimate(path, music, fn):
    """Runs fn(file path) -> bpm over the files in `music`, cached in `path` (delete it when the
    set changes: only files present everywhere are compared, but cached values are reused)."""
    if os.path.exists(path):
        return {r["file"]: float(r["tempo"]) for r in csv.DictReader(open(path))}
    rows = {}
    for f in sorted(os.listdir(music)):
        rows[f] = fn(os.path.join(music, f))
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "tempo"])
        for f, t in rows.items():
            w.writerow([f, "%.3f" % t])
    return rows


def librosa_tempo(path):
    import librosa
    y, sr = librosa.load(path, sr=22050)
    return float(librosa.feature.tempo(y=y, sr=sr)[0])


def essentia_tempo(path):
    import essentia.standard as es
    audio = es.MonoLoader(filename=path, sampleRate=44100)()
    return float(es.RhythmExtractor2013(method="multifeature")(audio)[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work")
    ap.add_argument("--backbeat", default=".build/release/backbeat")
    ap.add_argument("--skip-build", action="store_true", help="reuse WORK_DIR/catalog")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    music = fetch(a.work)
    catalog = os.path.join(a.work, "catalog")
    build_s = None
    if not a.skip_build:
        t0 = time.monotonic()
        subprocess.run([a.backbeat, "build", music, "-o", catalog, "--quiet"], check=True)
        build_s = time.monotonic() - t0
    tracks = {r["file"]: r for r in csv.DictReader(open(os.path.join(catalog, "data", "tracks.csv")))}
    ours = {f: float(r["tempo_bpm"]) for f, r in tracks.items()}
    hours = sum(float(r["duration_s"]) for r in tracks.values()) / 3600
    lib = estimate(os.path.join(a.work, "librosa.csv"), music, librosa_tempo)
    ess = estimate(os.path.join(a.work, "essentia.csv"), music, essentia_tempo)
    files = sorted(set(ours) & set(lib) & set(ess))

    pairs = {"backbeat~essentia": Counter(), "backbeat~librosa": Counter(), "librosa~essentia": Counter()}
    print("%-58s %8s %8s %8s  %s" % ("file (librosa and essentia agree, Backbeat differs)", "backbeat", "librosa", "essentia", "backbeat/essentia"))
    for f in files:
        o, l, e = ours[f], lib[f], ess[f]
        pairs["backbeat~essentia"][relation(o, e)] += 1
        pairs["backbeat~librosa"][relation(o, l)] += 1
        pairs["librosa~essentia"][relation(l, e)] += 1
        if relation(l, e) == "same" and relation(o, e) != "same":
            print("%-58s %8.1f %8.1f %8.1f  %s" % (f[:58], o, l, e, relation(o, e)))
    print("\n%d recordings, %.2f h of audio; skipped by the build: %d" % (len(files), hours, len(os.listdir(music)) - len(tracks)))
    if build_s is not None:
        print("backbeat build (all stages, site included): %.1f s wall" % build_s)
    print("\n%-20s %6s %8s %8s %s" % ("pair", "same", "octave", "3:2", "other relations"))
    result = {"recordings": len(files), "hours": round(hours, 3), "build_s": build_s}
    for name, c in pairs.items():
        octave = c["x2"] + c["x1/2"]
        triple = c["x3/2"] + c["x2/3"]
        rest = {k: v for k, v in c.items() if k not in ("same", "x2", "x1/2", "x3/2", "x2/3")}
        print("%-20s %6d %8d %8d %s" % (name, c["same"], octave, triple, dict(sorted(rest.items()))))
        result[name] = {"same": c["same"], "octave": octave, "three_two": triple, "share_same": round(c["same"] / max(1, len(files)), 3)}
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
