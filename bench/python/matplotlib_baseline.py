#!/usr/bin/env python3
"""Peer comparison for bench-plots: the same two per-track figures drawn by matplotlib (Agg).

Reads bench/out/librosa-inputs.json (from plot_inputs_librosa.py), draws an MFCC heatmap
(640x240 px, magma, colour bar, 2nd-98th percentile of coefficients 1+) and a two-panel tempo
figure (640x360 px) like the Swift ones, and prints the mean time of draw + savefig to PNG
over 10 runs and the file sizes. Run: python3 bench/python/matplotlib_baseline.py
"""
import io
import json
import os
import time

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "out")
d = json.load(open(os.path.join(OUT, "librosa-inputs.json")))
mfcc = np.array(d["mfcc"])
rate = d["frame_rate"]


def mfcc_fig():
    fig, ax = plt.subplots(figsize=(6.4, 2.4), dpi=100)
    lo, hi = np.percentile(mfcc[1:], [2, 98])
    im = ax.imshow(mfcc, origin="lower", aspect="auto", cmap="magma", vmin=lo, vmax=hi,
                   extent=[0, mfcc.shape[1] / rate, -0.5, mfcc.shape[0] - 0.5], interpolation="nearest")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("coefficient")
    ax.set_title("MFCC")
    fig.colorbar(im, ax=ax, label="MFCC value")
    fig.tight_layout()
    return fig


def tempo_fig():
    fig, (a, b) = plt.subplots(2, 1, figsize=(6.4, 3.6), dpi=100)
    onset = np.array(d["onset"])
    t = np.arange(len(onset)) / rate
    a.fill_between(t, onset, color="#c6dbef")
    a.plot(t, onset, lw=0.8)
    for beat in d["beats"]:
        a.axvline(beat, color="#f4a582", lw=0.8)
    a.set_xlabel("time (s)")
    a.set_ylabel("onset strength")
    bpm, s = np.array(d["bpm"]), np.array(d["strength"])
    keep = (bpm >= 30) & (bpm <= 300)
    b.semilogx(bpm[keep], s[keep])
    b.axvline(d["tempo"], color="r", ls="--")
    b.text(d["tempo"] * 1.02, s[keep].max(), "%.1f BPM" % d["tempo"], color="r")
    b.set_xlabel("tempo (BPM)")
    b.set_ylabel("strength")
    fig.tight_layout()
    return fig


for name, make in [("mfcc", mfcc_fig), ("tempo", tempo_fig)]:
    times, size = [], 0
    for _ in range(10):
        start = time.perf_counter()
        fig = make()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
        times.append((time.perf_counter() - start) * 1e3)
        size = len(buf.getvalue())
    with open(os.path.join(OUT, "matplotlib-%s.png" % name), "wb") as f:
        f.write(buf.getvalue())
    print("matplotlib %-6s mean %7.1f ms  best %7.1f ms  %7d bytes" % (name, np.mean(times), min(times), size))
