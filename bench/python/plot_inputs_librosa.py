#!/usr/bin/env python3
"""Make realistic per-track plot inputs with librosa, for eyeballing bench-plots output.

Synthesises a 30 s drum-and-bass-line clip at 22,050 Hz (no audio files needed), then computes
with librosa 0.11: 20 MFCCs (hop 512), the onset strength envelope, beat times (Ellis 2007),
the autocorrelation tempogram averaged over time (per BPM) and the global tempo. Writes
bench/out/librosa-inputs.json, which `bench-plots` renders when present.

Usage: python3 bench/python/plot_inputs_librosa.py && swift run -c release bench-plots
"""
import json
import os

import numpy as np
import librosa

SR, HOP, TEMPO = 22050, 512, 126.0
rng = np.random.default_rng(7)
t = np.arange(int(30 * SR)) / SR
y = np.zeros_like(t)
beat = 60.0 / TEMPO
for k, start in enumerate(np.arange(0, 30, beat / 2)):
    i = int(start * SR)
    n = min(int(0.2 * SR), len(y) - i)
    env = np.exp(-np.arange(n) / SR * 30)
    if k % 2 == 0:  # kick on beats
        y[i:i + n] += 0.9 * np.sin(2 * np.pi * 55 * np.arange(n) / SR * (1 + env)) * env
    if k % 4 == 2:  # snare on 2 and 4
        y[i:i + n] += 0.5 * rng.standard_normal(n) * env
    y[i:i + n // 4] += 0.15 * rng.standard_normal(n // 4) * env[: n // 4]  # hi-hat
notes = [110, 110, 131, 98]
y += 0.2 * np.sin(2 * np.pi * np.array([notes[int(s / (4 * beat)) % 4] for s in t]) * t)

mfcc = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=20, hop_length=HOP)
onset = librosa.onset.onset_strength(y=y, sr=SR, hop_length=HOP)
tempo, beats = librosa.beat.beat_track(onset_envelope=onset, sr=SR, hop_length=HOP, units="time")
tg = librosa.feature.tempogram(onset_envelope=onset, sr=SR, hop_length=HOP)
bpm = librosa.tempo_frequencies(tg.shape[0], sr=SR, hop_length=HOP)
strength = tg.mean(axis=1)
keep = np.isfinite(bpm) & (bpm > 0)
out = {
    "frame_rate": SR / HOP,
    "mfcc": mfcc.astype(float).round(4).tolist(),
    "onset": onset.astype(float).round(5).tolist(),
    "beats": np.asarray(beats, dtype=float).round(5).tolist(),
    "bpm": bpm[keep].round(4).tolist(),
    "strength": strength[keep].astype(float).round(6).tolist(),
    "tempo": float(np.atleast_1d(tempo)[0]),
}
path = os.path.join(os.path.dirname(__file__), "..", "out", "librosa-inputs.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path), "mfcc", mfcc.shape, "tempo", out["tempo"])
