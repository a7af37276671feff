#!/usr/bin/env python3
"""Make ``librosa_reference.json``: librosa 0.11 reference values for Features parity tests.

Usage::

    pip install librosa            # tested with librosa 0.11.0, numpy 2.4
    python3 make_librosa_fixtures.py [--out librosa_reference.json]

Six test signals are defined analytically so that Swift can regenerate them bit for bit
(``signals`` in the JSON documents every formula). All are 1.0 s long at sr = 22050 Hz
(22050 samples). Every sample is computed in float64 (IEEE 754 double, C ``sin`` from the
platform libm via ``math.sin``; expressions evaluated left to right exactly as written below)
and then rounded once to float32 (round-to-nearest-even). The float32 arrays are what
librosa receives, so librosa computes in single precision (complex64 STFT), like our FFTW
single-precision front end.

Stored per signal (librosa defaults: n_fft 2048, hop 512, Hann window, center=True,
pad_mode='constant' (zeros), 128 Slaney mel bands with Slaney area normalisation,
fmin 0, fmax sr/2, power 2):

* ``mfcc``           librosa.feature.mfcc(y=y, sr=22050, n_mfcc=20): 20 lists of n_frames
* ``mel_db_frame``   librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=22050),
                     ref=1.0, amin=1e-10, top_db=80.0)[:, n_frames // 2]  (128 values; the
                     top_db floor is relative to the max of the WHOLE spectrogram)
* ``onset_strength`` librosa.onset.onset_strength(y=y, sr=22050): n_frames values
* ``mfcc40_mean``    librosa.feature.mfcc(y=y, sr=22050, n_mfcc=40).mean(axis=1): 40 values
* ``first_samples``  the first 5 float32 samples (decimal and IEEE-754 bit pattern) plus a
                     SHA-256 of all samples as little-endian float32, so a reimplementation
                     of the generator can be checked bit for bit.
* ``float32_vs_float64`` max |difference| between librosa run on the float32 signal and on
                     the same signal in float64: a floor for any parity tolerance.

Self-checks before writing: splitmix64 against its published first output, and every feature
re-derived from the documented recipe (``recipe()``: numpy, float64) against librosa on the
float64 signal (must agree within 1e-9; observed <= 2e-12), so the recipe in the JSON's
``calls`` is exactly what librosa does. Numbers are rounded to 5 significant digits (a
quantisation of at most 0.005 on MFCCs of magnitude < 1000). The output is deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import math
import platform
import struct
import sys

import numpy as np
import scipy
import librosa

SR = 22050
N = 22050  # 1.0 s
N_MFCC = 20
SIG_DIGITS = 5
GOLDEN = 0x9E3779B97F4A7C15
MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------------------------------------
# Signal generator. Everything in float64, one rounding to float32 at the end.
# ---------------------------------------------------------------------------------------------

def splitmix64_raw(count: int, state: int = GOLDEN) -> list[int]:
    """The first `count` raw 64-bit splitmix64 outputs from `state` (for debugging ports)."""
    out = []
    for _ in range(count):
        state = (state + GOLDEN) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        out.append(z ^ (z >> 31))
    return out


def splitmix64_uniform(count: int) -> list[float]:
    """Uniform values in [-0.5, 0.5) from splitmix64 (Steele, Lea & Flood 2014).

    State s starts at 0x9E3779B97F4A7C15. Per value: s += 0x9E3779B97F4A7C15 (mod 2^64);
    z = s; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
    z = z ^ (z >> 31) (all mod 2^64); value = (z >> 40) / 2^24 - 0.5 (exact in float32).
    """
    return [(z >> 40) / 16777216.0 - 0.5 for z in splitmix64_raw(count)]


def _tone(f: float, n: int) -> float:
    # Evaluated left to right: ((((2.0 * pi) * f) * n) / sr); Swift: 2.0 * Double.pi * f * Double(n) / sr
    return math.sin(2.0 * math.pi * f * n / SR)


def make_signals() -> dict[str, np.ndarray]:
    pi = math.pi
    noise = splitmix64_uniform(N)
    sig: dict[str, list[float]] = {k: [] for k in
                                   ("sine440", "chord", "chirp", "clicks", "noise", "am_noise")}
    clicks = {2205 * k for k in range(1, 10)}
    for n in range(N):
        t = n / SR
        sig["sine440"].append(0.5 * _tone(440.0, n))
        sig["chord"].append(0.3 * _tone(220.0, n) + 0.2 * _tone(330.0, n) + 0.1 * _tone(1760.0, n))
        sig["chirp"].append(0.5 * math.sin(2.0 * pi * (100.0 * t + 0.5 * (4000.0 - 100.0) * t * t)))
        sig["clicks"].append((1.0 if n in clicks else 0.0) + 0.01 * _tone(1000.0, n))
        sig["noise"].append(noise[n])
        sig["am_noise"].append(noise[n] * (0.5 + 0.5 * math.sin(2.0 * pi * 4.0 * t)))
    # np.array(float64 list).astype(float32) rounds to nearest even, like Float(x) in Swift.
    return {k: np.asarray(v, dtype=np.float64).astype(np.float32) for k, v in sig.items()}


SIGNAL_DOC = {
    "common": ("sr=22050, N=22050 samples (1.0 s), n=0..N-1 as Double, t=n/sr (one float64 "
               "division). Each sample computed in float64 with C libm sin, expressions evaluated "
               "left to right as written (Swift: same expression with Double), then rounded once "
               "to Float32 (nearest even). pi = Double.pi = math.pi."),
    "sine440": "0.5*sin(2.0*pi*440.0*n/sr)",
    "chord": "0.3*sin(2.0*pi*220.0*n/sr) + 0.2*sin(2.0*pi*330.0*n/sr) + 0.1*sin(2.0*pi*1760.0*n/sr)  (summed left to right)",
    "chirp": ("0.5*sin(2.0*pi*(100.0*t + 0.5*(4000.0-100.0)*t*t)) with t=n/sr; note "
              "0.5*(4000-100) = 1950 exactly; instantaneous frequency 100 + 3900*t, i.e. 100 -> 4000 Hz"),
    "clicks": "(n in {2205*k : k=1..9} ? 1.0 : 0.0) + 0.01*sin(2.0*pi*1000.0*n/sr)",
    "noise": ("u[n] = n-th value of splitmix64: s = 0x9E3779B97F4A7C15 initially; per value "
              "s += 0x9E3779B97F4A7C15 (mod 2^64); z = s; z = (z ^ (z>>30)) * 0xBF58476D1CE4E5B9; "
              "z = (z ^ (z>>27)) * 0x94D049BB133111EB; z = z ^ (z>>31) (wrapping UInt64 arithmetic); "
              "u = Double(z>>40)/16777216.0 - 0.5 (top 24 bits -> [0,1), exact in Float32)"),
    "am_noise": ("u[n] * (0.5 + 0.5*sin(2.0*pi*4.0*t)) with t=n/sr and u the SAME stream as "
                 "'noise' restarted from the initial state (u[0] is the first value)"),
}


# ---------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------

def features(y: np.ndarray) -> dict[str, np.ndarray]:
    mfcc = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=N_MFCC)
    mel = librosa.feature.melspectrogram(y=y, sr=SR)
    mel_db = librosa.power_to_db(mel, ref=1.0, amin=1e-10, top_db=80.0)
    onset = librosa.onset.onset_strength(y=y, sr=SR)
    mfcc40_mean = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=40).mean(axis=1)
    return {
        "mfcc": mfcc,
        "mel_db_frame": mel_db[:, mel_db.shape[1] // 2],
        "onset_strength": onset,
        "mfcc40_mean": mfcc40_mean,
    }


def recipe(y: np.ndarray) -> dict[str, np.ndarray]:
    """Independent float64 reimplementation of the documented recipe (numpy only, plus
    librosa's mel filterbank matrix), used to check that the documentation in the JSON is what
    librosa does: zero-padded centred frames, periodic Hann, |rfft|^2, Slaney mel, power_to_db
    with a global top_db floor, orthonormal DCT-II, and the onset flux with its 3-frame offset."""
    n_fft, hop = 2048, 512
    window = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n_fft) / n_fft)
    padded = np.pad(y.astype(np.float64), (n_fft // 2, n_fft // 2))
    n_frames = 1 + len(y) // hop
    frames = np.stack([padded[i * hop:i * hop + n_fft] * window for i in range(n_frames)], axis=1)
    power = np.abs(np.fft.rfft(frames, axis=0)) ** 2
    # librosa.feature.melspectrogram builds its filterbank in float32 (filters.mel's default
    # dtype) even for float64 input; do the same so the float64 comparison is tight.
    basis = librosa.filters.mel(sr=SR, n_fft=n_fft, n_mels=128, htk=False, norm="slaney",
                                dtype=np.float32).astype(np.float64)
    mel = basis @ power
    db = 10.0 * np.log10(np.maximum(1e-10, mel))
    db = np.maximum(db, db.max() - 80.0)
    dct = scipy.fft.dct(db, axis=0, type=2, norm="ortho")
    flux = np.maximum(0.0, db[:, 1:] - db[:, :-1]).mean(axis=0)
    return {
        "mfcc": dct[:N_MFCC],
        "mel_db_frame": db[:, n_frames // 2],
        "onset_strength": np.concatenate([np.zeros(3), flux])[:n_frames],
        "mfcc40_mean": dct[:40].mean(axis=1),
    }


def round_sig(x, digits: int = SIG_DIGITS):
    """Round (nested) arrays to `digits` significant digits; JSON-ready Python floats."""
    if isinstance(x, np.ndarray):
        return [round_sig(v, digits) for v in x]
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"non-finite value {x}")
    return float(f"{x:.{digits - 1}e}") + 0.0  # + 0.0 turns -0.0 into 0.0


def f32_bits(x: np.float32) -> str:
    return "0x%08X" % struct.unpack("<I", struct.pack("<f", float(x)))[0]


def stft_pad_mode_default() -> str:
    return inspect.signature(librosa.stft).parameters["pad_mode"].default


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="librosa_reference.json", help="output JSON path")
    args = ap.parse_args()

    pad_mode = stft_pad_mode_default()
    mel_pad_mode = inspect.signature(librosa.feature.melspectrogram).parameters["pad_mode"].default
    # Self-check: the published first output of splitmix64 seeded with 0.
    assert splitmix64_raw(1, 0)[0] == 0xE220A8397B1DCDAF
    signals = make_signals()
    out_signals = {}
    for name, y in signals.items():
        feats = features(y)
        feats64 = features(y.astype(np.float64))
        mine = recipe(y)
        recipe_err = {k: float(np.max(np.abs(mine[k] - feats64[k]))) for k in feats}
        # float64 vs float64: only summation-order noise is expected.
        if max(recipe_err.values()) > 1e-9:
            raise SystemExit(f"{name}: documented recipe disagrees with librosa: {recipe_err}")
        n_frames = feats["mfcc"].shape[1]
        print(f"{name:9s} first 5 samples: "
              + ", ".join(f"{float(v):.9g} ({f32_bits(v)})" for v in y[:5]))
        out_signals[name] = {
            "formula": SIGNAL_DOC[name],
            "first_samples": [float(v) for v in y[:5]],  # exact float32 values as decimals
            "first_samples_f32_bits": [f32_bits(v) for v in y[:5]],
            "sha256_f32le": hashlib.sha256(y.astype("<f4").tobytes()).hexdigest(),
            "sum_abs_f64": round_sig(np.sum(np.abs(y.astype(np.float64))), 10),
            "n_frames": n_frames,
            "mel_frame_index": n_frames // 2,
            "float32_vs_float64": {k: round_sig(np.max(np.abs(feats[k] - feats64[k])), 3)
                                   for k in feats},
            **({"first_u64": ["0x%016X" % z for z in splitmix64_raw(5)]}
               if name in ("noise", "am_noise") else {}),
            **{k: round_sig(v) for k, v in feats.items()},
        }

    doc = {
        "description": ("librosa reference values for Backbeat Features parity tests; made by "
                        "make_librosa_fixtures.py in this folder (rerun it to regenerate)."),
        "versions": {
            "librosa": librosa.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": platform.python_version(),
        },
        "sample_rate": SR,
        "n_samples": N,
        "numeric_rounding": f"feature values rounded to {SIG_DIGITS} significant digits",
        "signal_dtype": ("samples computed in float64, rounded once to float32; librosa is called "
                         "on the float32 array (so it computes in float32 / complex64)"),
        "stft": {
            "n_fft": 2048, "hop_length": 512, "win_length": 2048, "window": "hann (periodic, scipy.signal.get_window('hann', 2048, fftbins=True))",
            "center": True,
            "pad_mode_default_librosa_stft": pad_mode,
            "pad_mode_default_librosa_melspectrogram": mel_pad_mode,
            "note": ("center=True pads n_fft//2 = 1024 samples on each side with pad_mode; "
                     "'constant' means zeros. librosa <= 0.8.x defaulted to 'reflect'; 0.9.0 switched to 'constant' (librosa PR #1382). "
                     "n_frames = 1 + N // hop = 44."),
        },
        "mel": {"n_mels": 128, "fmin": 0.0, "fmax": SR / 2, "htk": False, "norm": "slaney",
                "power": 2.0, "note": "melspectrogram = mel_basis @ |STFT|^2; librosa builds mel_basis = librosa.filters.mel(sr=22050, n_fft=2048) in float32 (its default dtype) even for float64 input"},
        "calls": {
            "mfcc": "librosa.feature.mfcc(y=y, sr=22050, n_mfcc=20)  # = scipy.fft.dct(power_to_db(melspectrogram(y=y, sr=22050), ref=1.0, amin=1e-10, top_db=80.0), axis=-2, type=2, norm='ortho')[:20]; lifter=0; top_db floor relative to the max over the whole spectrogram",
            "mel_db_frame": "librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=22050), ref=1.0, amin=1e-10, top_db=80.0)[:, n_frames // 2]",
            "onset_strength": "librosa.onset.onset_strength(y=y, sr=22050)  # S = power_to_db(melspectrogram(y, sr, fmax=sr/2)) (ref 1.0, amin 1e-10, top_db 80 over the whole S); env[t] = mean_over_bands(max(0, S[:, t] - S[:, t-1])); output left-padded with lag + n_fft//(2*hop) = 1 + 2 = 3 zeros and truncated to n_frames (so env[0..2] = 0 and env[3] = flux between frames 0 and 1)",
            "mfcc40_mean": "librosa.feature.mfcc(y=y, sr=22050, n_mfcc=40).mean(axis=1)",
        },
        "layout": {
            "mfcc": "list of 20 coefficient rows, each n_frames values (row c = coefficient c)",
            "mel_db_frame": "128 values, mel band 0 (lowest) first, frame mel_frame_index",
            "onset_strength": "n_frames values",
            "mfcc40_mean": "40 values",
            "first_samples": "y[0..4] as the exact float32 values written in decimal; first_samples_f32_bits the same as IEEE-754 bit patterns",
            "sha256_f32le": "SHA-256 of all N samples as little-endian float32 bytes",
            "sum_abs_f64": "sum of |y[n]| in float64 (10 significant digits), a checksum without SHA-256",
            "first_u64": "noise signals only: the first 5 raw splitmix64 outputs z (before >> 40)",
            "float32_vs_float64": "max |librosa(float32 y) - librosa(float64 y)| per feature: the reference's own single-precision noise",
            "recipe_check": "the script re-derives every feature from the recipe in 'calls' with numpy in float64 and requires agreement with librosa(float64 y) within 1e-9 (observed <= 2e-12)",
        },
        "signals": out_signals,
        "signal_common": SIGNAL_DOC["common"],
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")
    print(f"librosa {librosa.__version__}, numpy {np.__version__}; stft pad_mode default = "
          f"{pad_mode!r}; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
