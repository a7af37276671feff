#!/usr/bin/env python3
"""Independent hold-out audio test set for rhythm similarity (numpy DSP only).

Usage:
    python3 holdout_synth.py OUT_DIR [--per-cell 6] [--seed 1] [--seconds 30] [--tempi 84,104,128,156]

Writes 16-bit mono PCM WAV files at 22050 Hz into OUT_DIR (``<family>_<NNNN>.wav``) and
``OUT_DIR/labels.csv`` with header ``file,bpm,family,kit,instrument`` (file names relative to
OUT_DIR, rows sorted by file name).  The generator is deliberately unrelated to the project's
own synthesiser: different voices, patterns, mixing and production, as an outside tester would
build it.  Output is deterministic for a given seed (one ``numpy.random.default_rng(seed)``
draws the design and a per-clip seed for every clip).

Design: groove family x tempo cell is a full factorial with ``--per-cell`` clips per cell; the
drum kit and the accompaniment are drawn independently of family and tempo (balanced lists,
shuffled over the whole set).

Groove families (8): reggae (one-drop + offbeat skank chords), boombap (hip-hop, ~60 % swung
16ths), disco (four-on-the-floor, open hat offbeats, 16th closed hats), punk (8th-note
kick/snare, crash on 1), samba (2/4 feel on a 4/4 16th grid: surdo on beat 2 of each half bar,
16th shaker, tamborim syncopation), afro68 (12/8 bembe bell, kick on dotted-quarter beats),
breakbeat (amen-like 2-bar kick/snare, ride 8ths), march (2/4: bass drum + cymbal on 1,
snare flam/roll on 2).

Tempo label convention: ``bpm`` is the exact tempo used for rendering (cell centre, by default
84, 104, 128 or 156 BPM, set with ``--tempi``, times a uniform +-1.5 % jitter, rounded to 0.001 BPM) and it is always the beat
a musician would count: the quarter note for the simple metres (4/4 families and the 2/4
march) and the dotted quarter for afro68 (12/8; four dotted-quarter beats per bar, three
8th-note steps per beat).  Samba is written as two 2/4 halves inside a 4/4 bar; its label is
the quarter note of that notation (the surdo hits every second quarter).

Kits (4): 808 (swept-sine kick, noise clap, square-wave metallic hats/cymbals), acoustic
(noise-thump + sine kick, noise + resonant 180 Hz snare, high-passed noise hats), lofi (the
acoustic voices, drum bus bit-crushed, sample-held and low-passed, plus hiss), industrial
(ring-modulated / FM voices, short envelopes, heavy distortion).
Accompaniment (instrument column): pad (sustained chords, one per bar), stabs (short chord
hits on the family's offbeats), bassline (continuous 8th-note root-fifth or walking line,
independent of the kick pattern), none.  Random key and mode per clip; accompaniment RMS
6-12 dB under the drum bus.

Humanisation: Gaussian timing jitter (sd 5 ms, clipped at +-12 ms) on every hit, velocity x
U(0.85, 1.15); a snare fill replaces the last beat of every 4th or 8th bar (per clip); each
bar independently drops its kick (or surdo) with probability 0.1; clips start at a random
phase inside the first bar.  Production: spectral tilt EQ U(-6, +6) dB/decade around 1 kHz,
noise-tail reverb (RT60 0.2-0.8 s, 10-25 % wet), peak normalised to U(-12, -1) dBFS.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np
import soundfile as sf

try:  # optional: faster IIR filtering / convolution
    from scipy import signal as _sps
    from scipy.fft import next_fast_len as _next_fast_len
except Exception:  # pragma: no cover - numpy-only fallback
    _sps = None
    _next_fast_len = None

SR = 22050
NYQ = SR / 2.0
FAMILIES = ["reggae", "boombap", "disco", "punk", "samba", "afro68", "breakbeat", "march"]
TEMPO_CENTRES = [84.0, 104.0, 128.0, 156.0]
KITS = ["808", "acoustic", "lofi", "industrial"]
INSTRUMENTS = ["pad", "stabs", "bassline", "none"]
TWO_PI = 2.0 * np.pi


# --------------------------------------------------------------------------- DSP helpers
def _n(sec):
    return max(1, int(round(sec * SR)))


def _t(n):
    return np.arange(n) / SR


def fast_len(n):
    if _next_fast_len is not None:
        return _next_fast_len(int(n))
    return 1 << int(np.ceil(np.log2(max(2, n))))


def lfilter(b, a, x):
    b = np.asarray(b, float)
    a = np.asarray(a, float)
    if _sps is not None:
        return _sps.lfilter(b, a, x)
    # FFT-domain fallback: multiply by the filter's frequency response (1 s tail room).
    n = len(x)
    nfft = fast_len(n + SR)
    z = np.exp(-1j * np.pi * np.arange(nfft // 2 + 1) / (nfft / 2.0))
    h = np.polyval(b[::-1], z) / np.polyval(a[::-1], z)
    return np.fft.irfft(np.fft.rfft(x, nfft) * h, nfft)[:n]


def biquad(x, kind, f0, q=0.7071):
    """RBJ-cookbook biquad: kind in lp, hp, bp (0 dB peak)."""
    f0 = float(np.clip(f0, 10.0, NYQ * 0.95))
    w0 = TWO_PI * f0 / SR
    cw, sw = np.cos(w0), np.sin(w0)
    al = sw / (2.0 * q)
    if kind == "lp":
        b = [(1 - cw) / 2, 1 - cw, (1 - cw) / 2]
    elif kind == "hp":
        b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]
    elif kind == "bp":
        b = [al, 0.0, -al]
    else:
        raise ValueError(kind)
    a = [1 + al, -2 * cw, 1 - al]
    return lfilter(np.array(b) / a[0], np.array(a) / a[0], x)


def onepole_lp(x, fc):
    p = np.exp(-TWO_PI * fc / SR)
    return lfilter([1 - p], [1, -p], x)


def convolve(x, h):
    if _sps is not None:
        return _sps.fftconvolve(x, h)[: len(x)]
    n = fast_len(len(x) + len(h))
    return np.fft.irfft(np.fft.rfft(x, n) * np.fft.rfft(h, n), n)[: len(x)]


def env(n, attack, decay):
    e = np.exp(-_t(n) / decay)
    na = int(attack * SR)
    if 0 < na < n:
        e[:na] *= np.linspace(0.0, 1.0, na, endpoint=False)
    return e


def sweep_sine(n, f_start, f_end, tau, phase=0.0):
    t = _t(n)
    f = f_end + (f_start - f_end) * np.exp(-t / tau)
    return np.sin(TWO_PI * np.cumsum(f) / SR + phase)


def dist(x, drive):
    return np.tanh(drive * x) / np.tanh(drive)


def peak_norm(x):
    m = np.max(np.abs(x))
    return x / m if m > 0 else x


def fade_out(x, ms=4.0):
    k = min(len(x), _n(ms / 1000.0))
    x = x.copy()
    x[-k:] *= np.linspace(1.0, 0.0, k)
    return x


def noise(r, n):
    return r.standard_normal(n)


def metal_squares(r, n, tune, freqs=(205.3, 304.4, 369.6, 522.7, 540.0, 800.0)):
    t = _t(n)
    x = np.zeros(n)
    for f in freqs:
        x += np.sign(np.sin(TWO_PI * f * tune * t + r.uniform(0, TWO_PI)))
    return x


def bursts(r, n, offsets_ms, burst_decay, tail_decay):
    """Noise clap envelope: several short bursts then a tail."""
    t = _t(n)
    e = np.zeros(n)
    for k, o in enumerate(offsets_ms):
        s = o / 1000.0
        part = np.where(t >= s, np.exp(-(t - s) / (tail_decay if k == len(offsets_ms) - 1 else burst_decay)), 0.0)
        e = np.maximum(e, part)
    return noise(r, n) * e


# --------------------------------------------------------------------------- drum kits
def voices_808(r, tj):
    V = {}
    n = _n(r.uniform(0.8, 1.1)); t = _t(n)
    V["kick"] = sweep_sine(n, 165 * tj, 47 * tj, r.uniform(0.025, 0.04)) * np.exp(-t / r.uniform(0.35, 0.55))
    n = _n(0.35); t = _t(n)
    V["snare"] = (0.6 * np.sin(TWO_PI * 185 * tj * t) * np.exp(-t / 0.1)
                  + 0.35 * np.sin(TWO_PI * 330 * tj * t) * np.exp(-t / 0.06)
                  + 0.8 * peak_norm(biquad(noise(r, n), "hp", 1800)) * np.exp(-t / r.uniform(0.12, 0.18)))
    n = _n(0.35)
    o = np.cumsum([0.0] + list(r.uniform(8, 12, 3)))
    V["clap"] = biquad(bursts(r, n, o, 0.004, r.uniform(0.09, 0.14)), "bp", 1100 * tj, 1.4)
    for name, dec, ln, bp in (("hat_c", 0.035, 0.12, 8000), ("hat_o", 0.28, 0.7, 8000),
                              ("crash", 1.0, 2.2, 5500), ("ride", 0.6, 1.4, 3600)):
        n = _n(ln); t = _t(n)
        x = biquad(metal_squares(r, n, tj * r.uniform(0.97, 1.03)), "bp", bp, 1.2)
        x = biquad(x, "hp", bp * 0.75)
        if name == "crash":
            x = peak_norm(x) + 0.5 * peak_norm(biquad(noise(r, n), "hp", 4000))
        V[name] = x * env(n, 0.0005, dec * r.uniform(0.85, 1.15))
    n = _n(0.06); t = _t(n)
    V["rim"] = biquad((0.5 * np.sin(TWO_PI * 455 * tj * t) + np.sin(TWO_PI * 1667 * tj * t)) * np.exp(-t / 0.01), "bp", 1600, 0.8)
    n = _n(0.08)
    V["shaker"] = biquad(noise(r, n), "hp", 5000) * env(n, 0.003, 0.02)
    n = _n(0.4); t = _t(n)
    x = biquad(metal_squares(r, n, tj, (540.0, 800.0)), "bp", 1800, 1.0)
    V["bell"] = x * (0.6 * np.exp(-t / 0.015) + 0.4 * np.exp(-t / 0.12))
    n = _n(0.2); t = _t(n)
    V["tamb"] = sweep_sine(n, 470 * tj, 370 * tj, 0.008) * np.exp(-t / 0.07)
    for name, f0, f1, dec, ln in (("surdo", 95, 68, 0.45, 1.2), ("surdo_m", 95, 68, 0.09, 0.3),
                                  ("tom_hi", 230, 180, 0.2, 0.6), ("tom_lo", 150, 115, 0.3, 0.8)):
        n = _n(ln); t = _t(n)
        V[name] = sweep_sine(n, f0 * tj, f1 * tj, 0.03) * np.exp(-t / dec)
    return V


def voices_acoustic(r, tj):
    V = {}
    n = _n(0.6); t = _t(n)
    thump = peak_norm(biquad(noise(r, n), "lp", r.uniform(100, 150), 1.0)) * env(n, 0.001, r.uniform(0.04, 0.07))
    body = sweep_sine(n, 95 * tj, 56 * tj, 0.02) * np.exp(-t / r.uniform(0.18, 0.28))
    click = peak_norm(biquad(noise(r, n), "hp", 2500)) * np.exp(-t / 0.003)
    V["kick"] = 0.7 * thump + body + 0.25 * click
    n = _n(0.45); t = _t(n)
    wires = peak_norm(biquad(noise(r, n), "bp", r.uniform(3500, 5000), 0.6)) * env(n, 0.0008, r.uniform(0.12, 0.2))
    exc = noise(r, n) * np.exp(-t / 0.003)
    shell = peak_norm(biquad(exc, "bp", 180 * tj, 14.0))  # resonant 180 Hz body
    V["snare"] = wires + 0.6 * shell + 0.4 * np.sin(TWO_PI * 180 * tj * t) * np.exp(-t / 0.08)
    n = _n(0.4)
    o = np.cumsum([0.0] + list(r.uniform(6, 14, 3)))
    V["clap"] = biquad(bursts(r, n, o, 0.005, r.uniform(0.08, 0.13)), "bp", 1300 * tj, 1.1)
    for name, dec, ln in (("hat_c", 0.045, 0.15), ("hat_o", 0.32, 0.8)):
        n = _n(ln)
        V[name] = biquad(biquad(noise(r, n), "hp", 7000), "hp", 6000) * env(n, 0.0005, dec * r.uniform(0.85, 1.15))
    n = _n(2.4); t = _t(n)
    V["crash"] = (biquad(noise(r, n), "hp", 3500) * env(n, 0.002, r.uniform(0.9, 1.4))
                  + 0.4 * biquad(noise(r, n), "bp", 5000, 2.0) * np.exp(-t / 0.5))
    n = _n(1.4); t = _t(n)
    ping = sum(np.sin(TWO_PI * f * tj * t) * np.exp(-t / d) for f, d in ((2950, 0.9), (4170, 0.6), (5480, 0.4)))
    V["ride"] = 0.5 * peak_norm(biquad(noise(r, n), "hp", 5000)) * np.exp(-t / 0.7) + 0.35 * ping
    n = _n(0.08); t = _t(n)
    V["rim"] = peak_norm(biquad(noise(r, n), "bp", 1800, 3.0)) * np.exp(-t / 0.012) + 0.7 * np.sin(TWO_PI * 520 * t) * np.exp(-t / 0.01)
    n = _n(0.12)
    V["shaker"] = biquad(noise(r, n), "bp", 6500, 0.8) * env(n, 0.012, 0.035)
    n = _n(0.5); t = _t(n)
    f = 880 * tj
    V["bell"] = sum(a * np.sin(TWO_PI * f * m * t) * np.exp(-t / d) for m, a, d in ((1, 1, 0.35), (2.76, 0.5, 0.2), (5.4, 0.25, 0.1)))
    n = _n(0.15); t = _t(n)
    V["tamb"] = peak_norm(biquad(noise(r, n), "bp", 2500, 2.0)) * np.exp(-t / 0.02) + np.sin(TWO_PI * 620 * tj * t) * np.exp(-t / 0.05)
    for name, f0, f1, dec, ln in (("surdo", 75, 62, 0.6, 1.3), ("surdo_m", 75, 62, 0.12, 0.35),
                                  ("tom_hi", 200, 165, 0.25, 0.7), ("tom_lo", 130, 105, 0.35, 0.9)):
        n = _n(ln); t = _t(n)
        th = peak_norm(biquad(noise(r, n), "lp", 250)) * np.exp(-t / 0.03)
        V[name] = sweep_sine(n, f0 * tj, f1 * tj, 0.05) * np.exp(-t / dec) + 0.4 * th
    return V


def voices_industrial(r, tj):
    V = {}
    drv = r.uniform(5, 10)
    n = _n(0.25); t = _t(n)
    x = sweep_sine(n, 300 * tj, 45 * tj, 0.015) * np.exp(-t / r.uniform(0.08, 0.14)) + 0.5 * noise(r, n) * np.exp(-t / 0.01)
    V["kick"] = dist(x, drv)
    n = _n(0.2); t = _t(n)
    nz = noise(r, n)
    x = (nz + nz * np.sin(TWO_PI * 1100 * tj * t)) * np.exp(-t / r.uniform(0.05, 0.08)) + np.sin(TWO_PI * 220 * tj * t) * np.exp(-t / 0.03)
    V["snare"] = dist(peak_norm(biquad(x, "bp", 2000, 0.5)), drv * 0.7)
    n = _n(0.15); t = _t(n)
    x = bursts(r, n, [0.0, 9.0, 17.0], 0.004, 0.05) * np.sign(np.sin(TWO_PI * 1500 * t))
    V["clap"] = dist(peak_norm(x), 5.0)
    for name, dec, ln in (("hat_c", 0.012, 0.05), ("hat_o", 0.08, 0.2)):
        n = _n(ln); t = _t(n)
        x = biquad(noise(r, n) * np.sign(np.sin(TWO_PI * 3100 * tj * t)), "hp", 5000) * np.exp(-t / dec)
        V[name] = np.clip(3 * peak_norm(x), -1, 1)
    n = _n(0.6); t = _t(n)
    x = biquad(noise(r, n) * metal_squares(r, n, tj, (311.0, 523.0)), "hp", 3000) * np.exp(-t / 0.35)
    V["crash"] = dist(peak_norm(x), 4.0)
    n = _n(0.5); t = _t(n)
    V["ride"] = dist(np.sin(TWO_PI * 1200 * tj * t + 4 * np.sin(TWO_PI * 1720 * tj * t)) * np.exp(-t / 0.25), 3.0)
    n = _n(0.05); t = _t(n)
    V["rim"] = np.clip(2 * np.sign(np.sin(TWO_PI * 800 * t)) * np.exp(-t / 0.008), -1, 1)
    n = _n(0.06); t = _t(n)
    V["shaker"] = biquad(np.round(noise(r, n) * 2) / 4, "hp", 4000) * np.exp(-t / 0.015)
    n = _n(0.2); t = _t(n)
    V["bell"] = dist(np.sin(TWO_PI * 700 * tj * t + 3 * np.sin(TWO_PI * 980 * tj * t)) * np.exp(-t / 0.08), 3.0)
    n = _n(0.1); t = _t(n)
    V["tamb"] = dist((np.sign(np.sin(TWO_PI * 500 * tj * t)) + 0.5 * noise(r, n)) * np.exp(-t / 0.03), 2.0)
    for name, f0, f1, dec, ln in (("surdo", 150, 60, 0.15, 0.3), ("surdo_m", 150, 60, 0.05, 0.12),
                                  ("tom_hi", 320, 170, 0.1, 0.2), ("tom_lo", 220, 110, 0.12, 0.25)):
        n = _n(ln); t = _t(n)
        V[name] = dist(sweep_sine(n, f0 * tj, f1 * tj, 0.02) * np.exp(-t / dec), drv * 0.6)
    return V


VOICE_FNS = {"808": voices_808, "acoustic": voices_acoustic, "lofi": voices_acoustic,
             "industrial": voices_industrial}
VOICE_GAIN = {"kick": 1.0, "snare": 0.8, "clap": 0.65, "hat_c": 0.3, "hat_o": 0.3, "crash": 0.4,
              "ride": 0.3, "rim": 0.5, "shaker": 0.25, "bell": 0.45, "tamb": 0.45, "surdo": 0.95,
              "surdo_m": 0.7, "tom_hi": 0.7, "tom_lo": 0.75}


def build_kit(kit, r, n_variants=3):
    """Return {voice: [variant arrays]} with per-clip tuning and per-variant micro-variation."""
    tune = r.uniform(0.92, 1.08)
    variants = [VOICE_FNS[kit](r, tune * r.uniform(0.985, 1.015)) for _ in range(n_variants)]
    out = {}
    for name in variants[0]:
        out[name] = [fade_out(peak_norm(v[name])) * VOICE_GAIN[name] for v in variants]
    return out


def kit_bus(kit, x, r):
    """Bus processing that distinguishes the kits further."""
    pk = np.max(np.abs(x)) or 1.0
    y = x / pk
    if kit == "808":
        y = dist(y, 1.3)
    elif kit == "lofi":
        bits = int(r.integers(6, 9))
        q = 2.0 ** (bits - 1)
        y = np.round(y * q) / q
        h = int(r.integers(2, 4))
        y = np.repeat(y[::h], h)[: len(y)]
        fc = r.uniform(2800, 4500)
        y = biquad(biquad(y, "lp", fc), "lp", fc)
        y = y + r.standard_normal(len(y)) * 10 ** (-48 / 20)  # hiss
        crackle = np.zeros(len(y))
        idx = r.integers(0, len(y), size=max(1, len(y) // SR * 6))
        crackle[idx] = r.uniform(-0.15, 0.15, size=len(idx))
        y = y + onepole_lp(crackle, 3000)
    elif kit == "industrial":
        y = dist(y, r.uniform(2.0, 4.0))
    return y * pk


# --------------------------------------------------------------------------- groove families
class Family:
    """A bar-pattern generator. Events are (step, voice, velocity, dt_seconds)."""
    name = ""
    beats_per_bar = 4
    steps_per_beat = 4
    offbeats = (2, 6, 10, 14)    # stab positions (steps)
    eighth = 2                   # steps per 8th note (bass grid)
    kick_voices = ("kick",)

    def __init__(self, r):
        self.r = r
        self.swing = 0.5

    @property
    def steps(self):
        return self.beats_per_bar * self.steps_per_beat

    def step_to_beat(self, step):
        if self.swing == 0.5 or self.steps_per_beat != 4:
            return step / self.steps_per_beat
        i = int(np.floor(step))
        frac = step - i
        a = self._swung(i)
        b = self._swung(i + 1)
        return a + frac * (b - a)

    def _swung(self, i):
        beat, local = divmod(i, 4)
        pair, odd = divmod(local, 2)
        return beat + pair * 0.5 + (self.swing * 0.5 if odd else 0.0)

    def bar(self, i):
        raise NotImplementedError


class Reggae(Family):
    name = "reggae"

    def bar(self, i):
        r = self.r
        ev = [(8, "kick", 1.0, 0.0), (8, "rim" if r.random() < 0.7 else "snare", 0.8, 0.0)]
        for s in range(0, 16, 2):
            ev.append((s, "hat_c", 0.55 if s % 4 else 0.7, 0.0))
            if r.random() < 0.15:
                ev.append((s + 1, "hat_c", 0.35, 0.0))
        for s in (2, 6, 10, 14):
            ev.append((s, "skank", 0.9, 0.0))
        return ev


class Boombap(Family):
    name = "boombap"
    offbeats = (3, 6, 11, 14)

    def __init__(self, r):
        super().__init__(r)
        self.swing = r.uniform(0.57, 0.63)

    def bar(self, i):
        r = self.r
        ev = [(0, "kick", 1.0, 0.0), (6, "kick", 0.85, 0.0), (10, "kick", 0.9, 0.0),
              (4, "snare", 1.0, 0.0), (12, "snare", 1.0, 0.0)]
        if r.random() < 0.3:
            ev.append((int(r.choice([7, 11, 15])), "kick", 0.6, 0.0))
        if r.random() < 0.25:
            ev.append((int(r.choice([9, 15])), "snare", 0.3, 0.0))
        for s in range(16):
            if s % 2 == 0:
                ev.append((s, "hat_c", 0.6 if s % 4 else 0.75, 0.0))
            elif r.random() < 0.3:
                ev.append((s, "hat_c", 0.3, 0.0))
        return ev


class Disco(Family):
    name = "disco"

    def bar(self, i):
        ev = [(s, "kick", 1.0, 0.0) for s in (0, 4, 8, 12)]
        ev += [(s, "snare", 0.75, 0.0) for s in (4, 12)] + [(s, "clap", 0.8, 0.0) for s in (4, 12)]
        ev += [(s, "hat_o", 0.8, 0.0) for s in (2, 6, 10, 14)]
        ev += [(s, "hat_c", 0.55 if s % 2 == 0 else 0.4, 0.0) for s in range(16) if s % 4 != 2]
        return ev


class Punk(Family):
    name = "punk"

    def bar(self, i):
        ev = [(0, "crash", 1.0, 0.0)]
        for s in range(0, 16, 2):
            ev.append((s, "snare" if s in (4, 12) else "kick", 1.0 if s in (4, 12) else 0.9, 0.0))
            if s:
                ev.append((s, "hat_o", 0.5, 0.0))
        return ev


class Samba(Family):
    name = "samba"
    offbeats = (3, 6, 11, 14)
    kick_voices = ("surdo", "surdo_m")
    TAMB = ((0, 2, 3, 5, 7, 9, 10, 12, 14), (0, 2, 4, 5, 7, 9, 11, 12, 14))

    def bar(self, i):
        r = self.r
        ev = [(4, "surdo", 1.0, 0.0), (12, "surdo", 1.0, 0.0), (0, "surdo_m", 0.5, 0.0), (8, "surdo_m", 0.5, 0.0)]
        acc = (0.75, 0.35, 0.45, 0.65)
        ev += [(s, "shaker", acc[s % 4], 0.0) for s in range(16)]
        pat = self.TAMB[i % 2]
        ev += [(s, "tamb", 0.7 if r.random() < 0.9 else 0.4, 0.0) for s in pat]
        return ev


class Afro68(Family):
    name = "afro68"
    steps_per_beat = 3            # 12/8: four dotted-quarter beats, three 8ths each
    offbeats = (2, 5, 8, 11)
    eighth = 1
    BELL = (0, 2, 4, 5, 7, 9, 11)

    def bar(self, i):
        r = self.r
        ev = [(s, "bell", 0.9 if s in (0, 7) else 0.7, 0.0) for s in self.BELL]
        ev += [(s, "kick", 1.0 if s == 0 else 0.85, 0.0) for s in (0, 3, 6, 9)]
        ev += [(s, "shaker", 0.55 if s % 3 == 0 else 0.3, 0.0) for s in range(12)]
        ev += [(s, "tom_hi", 0.5, 0.0) for s in (4, 5, 10, 11)]
        if r.random() < 0.5:
            ev.append((int(r.choice([3, 9])), "rim", 0.4, 0.0))
        return ev


class Breakbeat(Family):
    name = "breakbeat"
    offbeats = (3, 7, 10, 14)
    A = ((0, 2, 10, 11), (4, 7, 9, 12, 15))
    B = ((0, 2, 10), (4, 7, 9, 14))

    def bar(self, i):
        r = self.r
        kicks, snares = self.A if i % 2 == 0 else self.B
        ev = [(s, "kick", 1.0, 0.0) for s in kicks]
        ev += [(s, "snare", 1.0 if s in (4, 12) else 0.6, 0.0) for s in snares]
        ev += [(s, "ride", 0.7 if s % 4 == 0 else 0.5, 0.0) for s in range(0, 16, 2)]
        if r.random() < 0.3:
            ev.append((int(r.choice([1, 5, 13])), "snare", 0.3, 0.0))
        return ev


class March(Family):
    name = "march"
    beats_per_bar = 2            # 2/4; label = quarter note
    offbeats = (2, 6)

    def bar(self, i):
        r = self.r
        ev = [(0, "kick", 1.0, 0.0), (0, "crash", 0.7, 0.0)]
        if r.random() < 0.5:   # flam on 2
            ev += [(4, "snare", 0.35, -0.025), (4, "snare", 1.0, 0.0)]
        else:                  # 32nd-note roll into an accent
            ev += [(4 + 0.5 * k, "snare", 0.55 + 0.05 * k, 0.0) for k in range(4)] + [(6, "snare", 0.9, 0.0)]
        if r.random() < 0.6:
            ev += [(2, "snare", 0.45, 0.0), (3, "snare", 0.4, 0.0)]
        return ev


FAMILY_CLASSES = {c.name: c for c in (Reggae, Boombap, Disco, Punk, Samba, Afro68, Breakbeat, March)}


# --------------------------------------------------------------------------- harmony
MAJOR = (0, 2, 4, 5, 7, 9, 11)
MINOR = (0, 2, 3, 5, 7, 8, 10)
PROGS = {"major": ((0, 5, 3, 4), (0, 4, 5, 3), (0, 3, 0, 4), (1, 4, 0, 0)),
         "minor": ((0, 5, 2, 6), (0, 3, 4, 0), (0, 6, 5, 4), (0, 5, 3, 4))}


def mtof(m):
    return 440.0 * 2.0 ** ((np.asarray(m, float) - 69) / 12.0)


def make_harmony(r):
    mode = "major" if r.random() < 0.5 else "minor"
    scale = MAJOR if mode == "major" else MINOR
    root_pc = int(r.integers(12))
    prog = PROGS[mode][int(r.integers(len(PROGS[mode])))]
    chords = []   # (bass root midi, [chord midi notes])
    for d in prog:
        notes = []
        for k in (0, 2, 4):
            dd = d + k
            notes.append(scale[dd % 7] + 12 * (dd // 7) + root_pc)
        bass = 36 + notes[0] % 12                      # C2..B2
        voiced = [55 + ((n - 55) % 12) for n in notes]  # close voicing in G3..F#4
        chords.append((bass, sorted(voiced)))
    return {"scale": scale, "root_pc": root_pc, "chords": chords}


def saw(phase):
    return 2.0 * ((phase / TWO_PI) % 1.0) - 1.0


def chord_tone(notes, dur, r, kind):
    """Render one chord (used for skank and stabs)."""
    n = _n(dur)
    t = _t(n)
    x = np.zeros(n)
    for m in notes:
        f = float(mtof(m))
        ph = TWO_PI * f * t + r.uniform(0, TWO_PI)
        if kind == "skank":
            x += saw(ph)
        else:
            x += 0.6 * saw(ph * 1.003) + 0.6 * saw(ph * 0.997) + 0.4 * np.sign(np.sin(ph))
    if kind == "skank":
        x = biquad(x, "bp", 1500, 0.9) * env(n, 0.002, 0.05)
    else:
        x = biquad(x, "lp", 2500, 0.9) * env(n, 0.003, 0.09)
    return fade_out(peak_norm(x))


# --------------------------------------------------------------------------- clip renderer
def render_clip(family_name, bpm, kit, instrument, seconds, seed):
    r = np.random.default_rng(seed)
    fam = FAMILY_CLASSES[family_name](r)
    beat_s = 60.0 / bpm
    bar_s = beat_s * fam.beats_per_bar
    offset_s = r.uniform(0.0, bar_s)
    n_out = int(round(seconds * SR))
    n_total = fast_len(int((offset_s + seconds + 2.5) * SR))
    n_bars = int(np.ceil((offset_s + seconds + 0.5) / bar_s)) + 1

    harm = make_harmony(r)
    voices = build_kit(kit, r)
    for ci, (_, notes) in enumerate(harm["chords"]):
        voices["skank%d" % ci] = [0.35 * chord_tone([m + 12 for m in notes], 0.16, r, "skank") for _ in range(2)]

    def jitter():
        return float(np.clip(r.normal(0.0, 0.005), -0.012, 0.012))

    # ---- drums
    drums = np.zeros(n_total)
    fill_every = int(r.choice([4, 8]))
    fill_phase = int(r.integers(fill_every))
    last_beat = (fam.beats_per_bar - 1) * fam.steps_per_beat
    crash_next = False
    for b in range(n_bars):
        ev = fam.bar(b)
        if crash_next and r.random() < 0.6 and family_name not in ("punk", "march"):
            ev.append((0, "crash", 0.8, 0.0))
        crash_next = False
        if r.random() < 0.1:  # drop the kick for this bar
            ev = [e for e in ev if e[1] not in fam.kick_voices]
        if (b + fill_phase) % fill_every == fill_every - 1:
            ev = [e for e in ev if e[0] < last_beat and not (e[0] + 0.0 >= last_beat)]
            sub = int(r.choice([1, 2])) if fam.steps_per_beat == 4 else int(r.choice([1, 2]))
            k_total = fam.steps_per_beat * sub
            toms = r.random() < 0.4
            for k in range(k_total):
                v = 0.5 + 0.5 * k / max(1, k_total - 1)
                voice = "snare"
                if toms and k >= k_total // 2:
                    voice = "tom_hi" if k < 3 * k_total // 4 else "tom_lo"
                ev.append((last_beat + k / sub, voice, v, 0.0))
            crash_next = True
        for step, voice, vel, dt in ev:
            if voice == "skank":
                voice = "skank%d" % (b % len(harm["chords"]))
            var = voices[voice]
            snd = var[int(r.integers(len(var)))]
            t0 = (b * fam.beats_per_bar + fam.step_to_beat(step)) * beat_s + dt + jitter()
            place(drums, snd, t0, vel * r.uniform(0.85, 1.15))
    drums = kit_bus(kit, drums, r)

    # ---- accompaniment
    acc = None
    if instrument != "none":
        acc = np.zeros(n_total)
        chords = harm["chords"]
        if instrument == "pad":
            att = r.uniform(0.08, 0.3)
            rel = 0.25
            cutoff = r.uniform(1200, 2500)
            for b in range(n_bars):
                _, notes = chords[b % len(chords)]
                if r.random() < 0.5:
                    notes = notes + [notes[0] + 12]
                n = _n(bar_s + rel)
                t = _t(n)
                x = np.zeros(n)
                for m in notes:
                    f = float(mtof(m))
                    for det in (0.9965, 1.0035):
                        x += saw(TWO_PI * f * det * t + r.uniform(0, TWO_PI))
                e = np.ones(n)
                na = _n(att)
                e[:na] = np.linspace(0, 1, na)
                nr = _n(rel)
                e[-nr:] *= np.linspace(1, 0, nr)
                place(acc, x * e, b * bar_s + jitter(), 1.0)
            acc = biquad(acc, "lp", cutoff, 0.8)
        elif instrument == "stabs":
            dur = r.uniform(0.12, 0.2)
            shapes = [[chord_tone(notes, dur, r, "stab") for _ in range(2)] for _, notes in chords]
            for b in range(n_bars):
                for s in fam.offbeats:
                    snd = shapes[b % len(chords)][int(r.integers(2))]
                    t0 = (b * fam.beats_per_bar + fam.step_to_beat(s)) * beat_s + jitter()
                    place(acc, snd, t0, r.uniform(0.85, 1.15))
        elif instrument == "bassline":
            style = "walking" if r.random() < 0.5 else "rootfifth"
            scale = harm["scale"]
            pcs = sorted((p + harm["root_pc"]) % 12 for p in scale)
            n8 = fam.steps // fam.eighth
            eighth_s = beat_s * fam.eighth / fam.steps_per_beat
            note_len = eighth_s * r.uniform(0.7, 0.9)
            n = _n(note_len)
            t = _t(n)
            e = env(n, 0.004, 0.35)
            e[-_n(0.01):] *= np.linspace(1, 0, _n(0.01))
            for b in range(n_bars):
                root = chords[b % len(chords)][0]
                nxt = chords[(b + 1) % len(chords)][0]
                if style == "rootfifth":
                    cyc = (0, 7, 12, 7)
                    notes = [root + cyc[k % 4] for k in range(n8)]
                else:
                    notes = [root]
                    cur = root
                    direction = 1 if nxt >= root else -1
                    for k in range(1, n8 - 1):
                        cand = cur + direction
                        while cand % 12 not in pcs:
                            cand += direction
                        if abs(cand - root) > 9:
                            direction = -direction
                            cand = cur + direction
                            while cand % 12 not in pcs:
                                cand += direction
                        notes.append(cand)
                        cur = cand
                    notes.append(nxt + (1 if r.random() < 0.5 else -1))  # chromatic approach
                for k, m in enumerate(notes[:n8]):
                    f = float(mtof(m))
                    ph = TWO_PI * f * t + r.uniform(0, TWO_PI)
                    x = (np.sin(ph) + 0.35 * saw(ph)) * e
                    t0 = (b * fam.beats_per_bar + fam.step_to_beat(k * fam.eighth)) * beat_s + jitter()
                    place(acc, x, t0, (1.0 if k % 2 == 0 else 0.8) * r.uniform(0.85, 1.15))
            acc = biquad(acc, "lp", r.uniform(600, 1000), 0.9)

    mix = drums
    if acc is not None:
        rms_d = np.sqrt(np.mean(drums ** 2)) + 1e-12
        rms_a = np.sqrt(np.mean(acc ** 2)) + 1e-12
        under_db = r.uniform(6.0, 12.0)
        mix = drums + acc * (rms_d / rms_a) * 10 ** (-under_db / 20)

    # ---- production
    mix = mix - np.mean(mix)
    mix = biquad(mix, "hp", 25.0)
    mix = tilt_eq(mix, r.uniform(-6.0, 6.0))
    mix = reverb(mix, r)
    start = int(round(offset_s * SR))
    out = mix[start:start + n_out]
    peak_db = r.uniform(-12.0, -1.0)
    out = peak_norm(out) * 10 ** (peak_db / 20)
    return out, peak_db


def place(buf, snd, t0, gain):
    s = int(round(t0 * SR))
    if s < 0:
        snd = snd[-s:]
        s = 0
    e = min(len(buf), s + len(snd))
    if e > s:
        buf[s:e] += gain * snd[: e - s]


def tilt_eq(x, db_per_decade):
    X = np.fft.rfft(x)
    f = np.fft.rfftfreq(len(x), 1.0 / SR)
    g = 10 ** (db_per_decade * np.log10(np.clip(f, 30.0, None) / 1000.0) / 20.0)
    return np.fft.irfft(X * g, len(x))


def reverb(x, r):
    rt60 = r.uniform(0.2, 0.8)
    wet = r.uniform(0.10, 0.25)
    n = _n(rt60 * 1.1)
    t = _t(n)
    ir = onepole_lp(r.standard_normal(n), r.uniform(3000, 6000)) * np.exp(-6.91 * t / rt60)
    ir = np.concatenate([np.zeros(_n(r.uniform(0.005, 0.025))), ir])
    ir /= np.sqrt(np.sum(ir ** 2))
    return (1.0 - wet) * x + wet * convolve(x, ir)


# --------------------------------------------------------------------------- main
def design(per_cell, seed, centres=None):
    """The full clip list: (file, bpm, family, kit, instrument, clip_seed)."""
    centres = TEMPO_CENTRES if centres is None else centres
    g = np.random.default_rng(seed)
    n = len(FAMILIES) * len(centres) * per_cell
    kits = np.array([KITS[i % len(KITS)] for i in range(n)])
    insts = np.array([INSTRUMENTS[i % len(INSTRUMENTS)] for i in range(n)])
    g.shuffle(kits)
    g.shuffle(insts)
    rows = []
    k = 0
    for fam in FAMILIES:
        cells = [c for c in centres for _ in range(per_cell)]
        order = g.permutation(len(cells))   # file index does not reveal the tempo cell
        for idx, ci in enumerate(order):
            bpm = round(cells[ci] * (1.0 + g.uniform(-0.015, 0.015)), 3)
            rows.append(("%s_%04d.wav" % (fam, idx), bpm, fam, str(kits[k]), str(insts[k]),
                         int(g.integers(0, 2 ** 63 - 1))))
            k += 1
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--per-cell", type=int, default=6, help="clips per (family, tempo) cell")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--tempi", default=",".join("%g" % c for c in TEMPO_CENTRES),
                    help="comma-separated tempo cell centres in BPM (default 84,104,128,156); "
                         "e.g. 64,76,90,107,128,152,180 to cover the ends of a 60-190 BPM range")
    a = ap.parse_args(argv)
    centres = [float(x) for x in a.tempi.split(",") if x.strip()]
    os.makedirs(a.out_dir, exist_ok=True)
    rows = design(a.per_cell, a.seed, centres)
    t0 = time.time()
    for i, (fname, bpm, fam, kit, inst, cseed) in enumerate(rows):
        y, _ = render_clip(fam, bpm, kit, inst, a.seconds, cseed)
        sf.write(os.path.join(a.out_dir, fname), y, SR, subtype="PCM_16")
        if (i + 1) % 16 == 0 or i + 1 == len(rows):
            print("%d/%d clips  %.1f s" % (i + 1, len(rows), time.time() - t0), file=sys.stderr)
    with open(os.path.join(a.out_dir, "labels.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "bpm", "family", "kit", "instrument"])
        for fname, bpm, fam, kit, inst, _ in sorted(rows):
            w.writerow([fname, "%.3f" % bpm, fam, kit, inst])
    print("wrote %d clips + labels.csv to %s in %.1f s" % (len(rows), a.out_dir, time.time() - t0))


if __name__ == "__main__":
    main()
