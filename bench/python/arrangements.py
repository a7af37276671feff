#!/usr/bin/env python3
"""Labelled groove-similarity test set: multi-instrument style-library arrangements, rendered
from MIDI through the FluidR3 General MIDI soundfont.

Usage::

    python3 arrangements.py OUT_DIR [--per-cell 4] [--seed 1] [--seconds 30] [--jobs 2]
                            [--soundfont /usr/share/sounds/sf2/FluidR3_GM.sf2] [--library style|extra]

Needs the ``fluidsynth`` command (2.x), the FluidR3 GM soundfont (Debian ``fluid-soundfont-gm``)
and Python packages numpy, scipy, soundfile, mido. Writes ``OUT_DIR/<family>_<NNNN>.wav``
(16-bit mono PCM, 22,050 Hz) and ``OUT_DIR/labels.csv`` with the header
``file,bpm,family,split,meter,kit,bass,comp,lead,key`` (file relative to OUT_DIR, rows sorted by
file), then prints a summary table (clips per family and split, seconds, render time).

Design: 22 groove families x 3 tempo cells x ``--per-cell`` clips (264 by default). Each
family is what a keyboard arranger's or Band-in-a-Box style holds: 1- or 2-bar pattern sets
for a drum part (GM channel 10), a bass line (rhythm plus pitch rule: root, root/fifth,
octaves, a per-clip riff of scale degrees, walking quarters with approach notes, boogie), a
comping part (block stabs, strums, arpeggios, sustained pads) and a lead melody (random notes
of the key's scale on a family-specific rhythm grid and density, a 2- or 4-bar phrase
repeated). Each part offers several variants (instrument note, pattern); one is drawn per clip.

Families (metre, tempo cells in counted BPM)::

    rock8 4/4 100/122/148     funk16 4/4 86/100/116     disco 4/4 108/122/138
    reggae 4/4 64/76/90       bossa 4/4 104/126/152     samba 2/4 96/116/140
    swing 4/4 120/150/188     shuffle 4/4 80/98/120     waltz 3/4 112/138/170
    jazzwaltz 3/4 126/150/180 boombap 4/4 76/88/102     dnb 4/4 146/166/188
    afrobeat 4/4 96/112/130   bembe 6/8 90/106/124      secondline 4/4 86/100/116
    trap 4/4 120/140/162      cumbia 4/4 84/96/110      dembow 4/4 84/96/108
    motown 4/4 104/120/138    train 4/4 104/124/148     polka 2/4 100/116/134
    ballad128 12/8 48/56/66

``--library extra`` renders 10 further families instead, all ``tune`` (more styles to train the
groove projection on; none in 6/8, 2/4 or 3/4)::

    ska 4/4 140/160/184       halftime 4/4 68/80/94     metal 4/4 96/112/132
    garage 4/4 112/128/144    songo 4/4 88/100/114      habanera 4/4 60/70/82
    salsa 4/4 156/176/198     punk 4/4 150/172/196      fivefour 5/4 112/134/160
    gogo 4/4 88/100/112

Adjacent tempo cells of a family are at least 12 % apart, so with the +-1.5 % jitter two
clips of different cells always differ by more than 8 %.

Labels:

* ``bpm``: the beat a musician counts -- the quarter note in 4/4, 3/4 and 2/4, the dotted
  quarter in 6/8 and 12/8 (trap is counted at its written tempo with the half-time snare on 3;
  swing, shuffle and jazz waltz are written on a triplet grid). The value is the tempo of the
  MIDI file (cell centre x U(0.985, 1.015), stored as whole microseconds per beat; the label is
  60e6 / that, 4 decimals).
* ``split``: ``heldout`` for the 6 families ``bembe`` (6/8), ``boombap`` (swung 16ths),
  ``bossa`` (Latin), ``motown`` (straight 4/4), ``jazzwaltz`` (3/4, triplet swing) and
  ``polka`` (2/4), fixed in ``HELDOUT`` and independent of the seed; ``tune`` for the other 16.
* ``meter``; ``kit`` (FluidR3 bank-128 kit: standard, room, power, electronic, tr808, jazz,
  brush -- the Orchestra kit is left out because it maps hats and cymbals to timpani);
  ``bass``, ``comp``, ``lead``: GM program numbers, ``none`` when the part is dropped; ``key``
  (e.g. ``F#m``).

Per clip, drawn at random: key (12 roots, major / natural minor) and chord progression, kit,
bass program 32-39, comping program (pianos 0-7, organs 16-20, guitars 24-31, strings and pads
48-51 and 88-95, brass 61-63), lead program (0-103 without basses 32-39, timpani 47,
orchestra hit 55 and the synth effects 96-103), pattern variants, swing ratio where the family
swings, humanisation (uniform timing jitter of +-w, w ~ U(3, 8) ms, on every note; velocity
+-12), drum fills (none, or the last beat of every 4th or 8th bar, with a crash after),
dropouts (lead 15 %, comping 10 %), part levels (bass, comping, lead each U(-9, +3) dB
relative to the drum part's RMS), a short noise-tail reverb (70 %: RT60 0.2-1.0 s, wet
0.05-0.25), EQ on the mix (RBJ low shelf 60-250 Hz, high shelf 2.5-8 kHz, one peaking band
150 Hz-6 kHz Q 0.5-2; each +-6 dB), and the start of the excerpt (1-3 bars, continuous, into
the rendering, so clips start at any phase). Peak normalised to U(-6, -1) dBFS.

Rendering: one MIDI file per clip holds the four parts one after another (drums, bass,
comping, lead; each in its own time segment with 3 s of silence between them), so a single
fluidsynth run (``-F`` fast render, reverb and chorus off, 32-bit float, 22,050 Hz) yields
separate stems that are levelled and mixed in numpy. Output is deterministic for a given seed
and does not depend on ``--jobs``: one ``numpy.random.default_rng(seed)`` draws the design and
a seed per clip, and fluidsynth's fast render is sample-exact between runs.
"""
from __future__ import annotations

import argparse
import csv
import math
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

import mido
import numpy as np
import soundfile as sf
from scipy import signal as sps

SR = 22050
PPQ = 960
SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
HELDOUT = ("bembe", "boombap", "bossa", "motown", "jazzwaltz", "polka")
KITS = {0: "standard", 8: "room", 16: "power", 24: "electronic", 25: "tr808", 32: "jazz",
        40: "brush"}
BASS_PROGRAMS = list(range(32, 40))
COMP_PROGRAMS = (list(range(0, 8)) + list(range(16, 21)) + list(range(24, 32))
                 + list(range(48, 52)) + list(range(88, 96)) + [61, 62, 63])
LEAD_PROGRAMS = [p for p in range(0, 96) if not 32 <= p <= 39 and p not in (47, 55)]
METERS = {"4/4": 4, "3/4": 3, "2/4": 2, "5/4": 5, "6/8": 2, "12/8": 4}  # counted beats per bar
SCALES = {"": [0, 2, 4, 5, 7, 9, 11], "m": [0, 2, 3, 5, 7, 8, 10]}
NOTE_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
VEL = {"X": 118, "x": 94, "o": 72, "g": 44}
SEGMENT_GAP = 3.0  # seconds of silence between the parts' time segments
CH_DRUMS, CH_BASS, CH_COMP, CH_LEAD = 9, 0, 1, 2

# GM percussion keys
K, RIM, SN, CLAP, SN2 = 36, 37, 38, 39, 40
FTOM, CH, LTOM, PH, MTOM, OH, HMTOM, CRASH, HTOM = 41, 42, 45, 44, 47, 46, 48, 49, 50
RIDE, RBELL, TAMB, COW, RIDE2 = 51, 53, 54, 56, 59
BONGO_HI, BONGO_LO, CONGA_MUTE, CONGA_OPEN, CONGA_LOW = 60, 61, 62, 63, 64
AGOGO_HI, AGOGO_LO, CABASA, MARACA, GUIRO, CLAVE, WOOD_HI = 67, 68, 69, 70, 73, 75, 76

POP4, ROCK4, BLUES12 = [0, 5, 3, 4], [0, 3, 4, 3], [0, 0, 0, 0, 3, 3, 0, 0, 4, 3, 0, 4]
TWO_FIVE = [1, 4, 0, 0]


def fam(name, meter, cells, drums, bass, comp, lead, prog, swing=None, seventh=False, fill_sub=4):
    """One groove family.

    drums: list of (notes, patterns) lines; notes an int or tuple of alternatives, patterns a
      string or list of alternatives ("" = line absent). A pattern is one bar per '|'-separated
      field, repeated cyclically; each field has any number of equal steps: X x o g = hit
      (accent, normal, soft, ghost), '.' rest, '-' holds the previous note (melodic parts).
    bass: list of (rule, pattern[, degrees]) with rule in root, rootfifth, octave, riff, walk,
      boogie; degrees = scale steps above the chord root a riff draws from.
    comp: list of (style, pattern) with style in block, strum, arp, pad.
    lead: (onset positions within a beat, density).
    prog: list of progressions (scale degrees of chord roots, one per bar).
    swing: (unit in beats, lowest ratio, highest ratio) or None.
    """
    lo, mid, hi = cells
    assert mid / lo >= 1.12 and hi / mid >= 1.12, name
    return dict(name=name, meter=meter, bpb=METERS[meter], cells=cells, drums=drums, bass=bass,
                comp=comp, lead=lead, prog=prog, swing=swing, seventh=seventh, fill_sub=fill_sub)


E16 = (0, 0.25, 0.5, 0.75)
E8 = (0, 0.5)
TRIP8 = (0, 2 / 3)
COMPOUND = (0, 1 / 3, 2 / 3)

FAMILIES = [
    fam("rock8", "4/4", (100, 122, 148),
        drums=[((CH, CH, RIDE), ["XxXxXxXx", "XoXoXoXo", "xxxxxxxx"]),
               (K, ["X...X...", "X..xX...", "X...Xx..", "X...X.x.|X..xX..."]),
               ((SN, SN2), ["..X...X.", "..X...X.|..X...XX"])],
        bass=[("root", "xxxxxxxx"), ("root", "X-xxX-xx"), ("riff", "x-x-x-x-", (0, 0, 4, 7))],
        comp=[("strum", "xxxxxxxx"), ("block", "X---X---"), ("pad", "X-------"),
              ("strum", "X--xX-x-")],
        lead=(E8, 0.45), prog=[ROCK4, POP4, [0, 4, 3, 0]], fill_sub=4),
    fam("funk16", "4/4", (86, 100, 116),
        drums=[(CH, ["XxxxXxxxXxxxXxxx", "XoxoXoxoXoxoXoxo", "XxgxXxgxXxgxXx.x"]),
               (OH, ["", "..............x.", "......x.......x."]),
               (K, ["X.....X...X..x..", "X..X......X.....", "X.X....X..X...x.",
                    "X......x.xX....."]),
               (SN, ["....X..g.g..X..g", "..g.X..g.g.gX...", "....X.g...g.X.g."])],
        bass=[("riff", "x..x..x.X.x..x.x", (0, 0, 7, 7, 4, 6, 3)),
              ("riff", "X-.xX.x..x.X.xx.", (0, 0, 7, 4, 6)),
              ("riff", "X..X..X.x.X..x..", (0, 7, 6, 4))],
        comp=[("block", "..x...x...x..x.."), ("block", ".x.x..x..x.x..x."),
              ("block", "x.xx.x.xx.xx.x.x"), ("strum", "..x...x...x..x..")],
        lead=(E16, 0.28), prog=[[0], [0, 3], [0, 0, 3, 3]], swing=(0.25, 0.5, 0.56),
        seventh=True),
    fam("disco", "4/4", (108, 122, 138),
        drums=[(K, "X...X...X...X..."),
               ((CLAP, SN), ["....X.......X...", "....X.......X..x"]),
               (CH, ["Xx.xXx.xXx.xXx.x", "x...x...x...x...", ""]),
               (OH, "..X...X...X...X."),
               ((MARACA, TAMB, CABASA), ["", "xxxxxxxxxxxxxxxx", "..x...x...x...x."])],
        bass=[("octave", "x.x.x.x.x.x.x.x."), ("octave", "X.xxX.xxX.xxX.xx"),
              ("riff", "X.x.X.x.X.xxX.x.", (0, 7, 4, 0))],
        comp=[("block", "..x...x...x...x."), ("pad", "X---------------"),
              ("strum", "x.xxx.xxx.xxx.xx"), ("block", "x..x..x...x..x..")],
        lead=(E16, 0.3), prog=[POP4, [0, 5], TWO_FIVE]),
    fam("reggae", "4/4", (64, 76, 90),
        drums=[(K, "........X......."),
               ((RIM, SN), "........X......."),
               ((CH, CH, RIDE), ["x.x.x.x.x.x.x.x.", "x.X.x.X.x.X.x.X.", "x...x...x...x..."]),
               (OH, ["", "..............x."])],
        bass=[("riff", "....X-x.X-..x.x.", (0, 0, 2, 4, 7, 5)),
              ("riff", "..x.X--.X-.xx...", (0, 2, 4, 7)),
              ("riff", "X--.....X-x.x...", (0, 4, 7, 5))],
        comp=[("block", "....x.......x..."), ("block", "..x...x...x...x."),
              ("block", "..xx..xx..xx..xx")],
        lead=(E8, 0.3), prog=[[0, 0, 3, 3], [0, 6], [0, 3, 4, 3]], swing=(0.5, 0.55, 0.66)),
    fam("bossa", "4/4", (104, 126, 152),
        drums=[(K, ["X.....x.X.....x.", "X..xX..xX..xX..x"]),
               (RIM, ["X..X..X...X..X..", "X..X..X...X..X..|..X..X...X..X..."]),
               ((CH, MARACA, CABASA), ["xxxxxxxxxxxxxxxx", "XxxxXxxxXxxxXxxx", "x.x.x.x.x.x.x.x."])],
        bass=[("rootfifth", "X-----x-X-----x-"), ("rootfifth", "X--.--x-X--.--x-")],
        comp=[("block", "x..x..x...x..x.."), ("block", "X..x..x...x.x..."),
              ("block", "x.x..x.x.x..x.x.|.x..x.x..x.x..x."), ("pad", "X-------X-------")],
        lead=(E16, 0.22), prog=[TWO_FIVE, [0, 0, 1, 4], [1, 4, 0, 5]], seventh=True),
    fam("samba", "2/4", (96, 116, 140),
        drums=[((K, FTOM), "x...X..."),
               ((MARACA, CABASA, CH), ["xxxXxxxX", "XxxxXxxx"]),
               ((BONGO_HI, RIM, WOOD_HI), ["x.x.x..x|.x.x..x.", "X.XX.X.X|X.X.X.X."]),
               (SN, ["", "xgxgxgxg", "Xg.gxgxg"]),
               ((AGOGO_HI, COW), ["", "x.x..x.x|.x.x.x.."])],
        bass=[("rootfifth", "X---X--x"), ("rootfifth", "X-.xX-.x")],
        comp=[("block", "x.xx.x.x|.x.x.xx."), ("block", ".x.x.xx."), ("strum", "x.xx.x.x")],
        lead=(E16, 0.3), prog=[[0, 4], [0, 0, 4, 4], TWO_FIVE]),
    fam("swing", "4/4", (120, 150, 188),
        drums=[((RIDE, RIDE2), "X..X.xX..X.x"),
               (PH, "...X.....X.."),
               (K, ["g..g..g..g..", ""]),
               (SN, ["", "........g..x|.....x......"])],
        bass=[("walk", "x--x--x--x--")],
        comp=[("block", "x....x......"), ("block", "...x.....x.."),
              ("block", "x....x......|......x....x")],
        lead=(TRIP8, 0.4), prog=[TWO_FIVE, [0, 5, 1, 4]], seventh=True, fill_sub=3),
    fam("shuffle", "4/4", (80, 98, 120),
        drums=[((CH, RIDE), "X.xX.xX.xX.x"),
               (K, ["X.....X.....", "X....xX....."]),
               (SN, "...X.....X..")],
        bass=[("boogie", "x-xx-xx-xx-x")],
        comp=[("block", "x-xx-xx-xx-x"), ("block", "...x-x...x-x"), ("strum", "x-xx-xx-xx-x")],
        lead=(TRIP8, 0.4), prog=[BLUES12], seventh=True, fill_sub=3),
    fam("waltz", "3/4", (112, 138, 170),
        drums=[(K, "X....."), ((SN, RIM), "..x.x."), ((CH, PH), ["x.x.x.", "xxxxxx", ""])],
        bass=[("rootfifth", "X-----|X-----"), ("rootfifth", "X---x-|X---x-")],
        comp=[("block", "..x.x."), ("strum", "..x.x."), ("arp", "xxxxxx")],
        lead=(E8, 0.4), prog=[[0, 4, 4, 0], [0, 3, 4, 0]], fill_sub=2),
    fam("jazzwaltz", "3/4", (126, 150, 180),
        drums=[((RIDE, RIDE2), "X..X.xX.."), (PH, ["...X..X..", "...X....."]),
               (K, ["g........", ""]), (SN, ["", ".....x...|........x"])],
        bass=[("walk", "x--x--x--"), ("rootfifth", "X--------|X--------")],
        comp=[("block", "x....x..."), ("block", "...x..x..|.....x...")],
        lead=(TRIP8, 0.35), prog=[TWO_FIVE, [0, 5, 1, 4]], seventh=True, fill_sub=3),
    fam("boombap", "4/4", (76, 88, 102),
        drums=[(K, ["X.....x.X.x.....", "X..x......X..x..", "X.x.......Xx...."]),
               ((SN, CLAP, SN2), "....X.......X..."),
               (CH, ["x.x.x.x.x.x.x.x.", "xxxxxxxxxxxxxxxx", "XxXxXxXxXxXxXxXx"]),
               (OH, ["", "..............x."])],
        bass=[("riff", "X-----x-X-x-----", (0, 0, 0, 7, 4, 6, 3)),
              ("riff", "X--x------X--x--", (0, 7, 4)), ("riff", "X-x-------X-x---", (0, 6, 4))],
        comp=[("pad", "X-------X-------"), ("block", "X-------......x."), ("arp", "x...x...x...x...")],
        lead=(E16, 0.15), prog=[[0], [0, 5], [0, 3]], swing=(0.25, 0.56, 0.66), seventh=True),
    fam("dnb", "4/4", (146, 166, 188),
        drums=[(K, ["X.........X.....", "X.........X..x..|X.X.......X....."]),
               (SN, ["....X.......X...", "....X..g.g..X..g"]),
               ((CH, RIDE), ["x.x.x.x.x.x.x.x.", "xxXxxxXxxxXxxxXx"]),
               ((MARACA, TAMB), ["", "xxxxxxxxxxxxxxxx"])],
        bass=[("riff", "X-------X-x-----", (0, 0, 4, 6, 7)), ("riff", "X---------X-----", (0, 4, 3))],
        comp=[("pad", "X---------------|X---------------"), ("block", "....x.......x..."),
              ("arp", "x..x..x.x..x..x.")],
        lead=(E16, 0.12), prog=[[0], [0, 5], [0, 6, 5, 6]]),
    fam("afrobeat", "4/4", (96, 112, 130),
        drums=[(CH, ["xxxxxxxxxxxxxxxx", "XxXxXxXxXxXxXxXx"]),
               (OH, ["", "..x...x...x..x.."]),
               (K, ["X.....X...x..x..", "X..x..x...X....."]),
               (SN, ["....X..g..g.X...", "..g.X.g...g.X.gg"]),
               ((COW, CLAVE), ["x..x..x...x.x...", ""]),
               ((CONGA_OPEN, CONGA_MUTE), ["..x..x...x.x..x.", ""]),
               (MARACA, ["", "xxxxxxxxxxxxxxxx"])],
        bass=[("riff", "X..x.x..x.X.x...", (0, 0, 4, 6, 7, 3)),
              ("riff", "X-.x..x.X-.x.xx.", (0, 0, 7, 4))],
        comp=[("block", ".x.x.x..x.x..x.x"), ("block", "x.x..x.x..x.x..."), ("pad", "X---------------")],
        lead=(E16, 0.25), prog=[[0], [0, 3], [0, 0, 6, 6]]),
    fam("bembe", "6/8", (90, 106, 124),
        drums=[((COW, AGOGO_HI, RBELL), "X.X.XX|.X.X.X"),
               (K, ["X..X..", "X....."]),
               ((MARACA, CABASA), ["XxxXxx", "xxxxxx"]),
               (CONGA_OPEN, ["....xx", "...x.x|....xx"]),
               (CONGA_LOW, ["x.....", "x..x.."])],
        bass=[("rootfifth", "X--x--|X--x--"), ("riff", "X-.x-.", (0, 4, 7, 4)),
              ("riff", "X-xX--|X-xX--", (0, 4, 2))],
        comp=[("arp", "xxxxxx"), ("block", "..x..x"), ("pad", "X-----|------")],
        lead=(COMPOUND, 0.3), prog=[[0, 0, 3, 4], [0, 6], [0, 3]], fill_sub=3),
    fam("secondline", "4/4", (86, 100, 116),
        drums=[(SN, ["xgg.Xg.gxgg.Xg.x", "..gX.gxg..gX.g.X", "X.gx.gx.gX.gx.g."]),
               (K, ["X..x..X.....X...", "X.....x.X..x...."]),
               ((RIDE2, CRASH, RIDE), ["x...X...x...X...", "....X.......X..."])],
        bass=[("riff", "X---x-x.X---x-x.", (0, 4, 7, 2, 5)), ("rootfifth", "X-.xX-.xX-.xX-x.")],
        comp=[("block", "..x...x...x...x."), ("block", "x..x..x...x.x...")],
        lead=(E16, 0.3), prog=[[0, 0, 4, 4], [0, 3, 4, 0], [0, 4]], swing=(0.25, 0.55, 0.64)),
    fam("trap", "4/4", (120, 140, 162),
        drums=[(K, ["X......X..X.....|X.........X..X..", "X.........X.....|X......X..X....."]),
               ((CLAP, SN), "........X......."),
               (CH, ["x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.",
                     "x.x.x.x.x.x.xxxxx.x.x.x.x.x.x.xx",
                     "x.x.x.x.xxx.x.x.x.x.x.x.xxxxxxxx"]),
               (OH, ["", "..............x...............x."])],
        bass=[("riff", "X------X--X-----|X---------X--X--", (0, 0, 0, 7, 6)),
              ("riff", "X---------X-----|X------X--X-----", (0, 0, 4))],
        comp=[("pad", "X---------------"), ("arp", "x...x...x...x..."), ("pad", "X-------X-------")],
        lead=(E16, 0.15), prog=[[0], [0, 5], [0, 6, 5, 6]]),
    fam("cumbia", "4/4", (84, 96, 110),
        drums=[((GUIRO, CABASA, MARACA), "X.xxX.xxX.xxX.xx"),
               (K, ["X.......X.......", "X.....x.X.....x."]),
               ((RIM, SN), "....x.......x..."),
               (CONGA_OPEN, ["......x.......x.", ""]),
               (COW, ["", "..x...x...x...x."])],
        bass=[("riff", "X-----x-X-----x-", (0, 4, 7)), ("rootfifth", "X---..x.X---..x.")],
        comp=[("block", "..x...x...x...x."), ("strum", "..x...x...x...x.")],
        lead=(E16, 0.3), prog=[[0, 4], [0, 3, 4, 0], [0, 0, 4, 4]]),
    fam("dembow", "4/4", (84, 96, 108),
        drums=[(K, "X...X...X...X..."),
               ((SN, RIM, CLAP), "...X..X....X..X."),
               (CH, ["x.x.x.x.x.x.x.x.", "xxxxxxxxxxxxxxxx", ""])],
        bass=[("riff", "X--X--X-X--X--X-", (0, 0, 7, 4)), ("riff", "X---X---X---X---", (0, 4))],
        comp=[("block", "...x..x....x..x."), ("pad", "X---------------"), ("arp", "x.x.x.x.x.x.x.x.")],
        lead=(E16, 0.25), prog=[[0, 5, 6, 4], [0], [0, 3]]),
    fam("motown", "4/4", (104, 120, 138),
        drums=[(SN, ["x...X...x...X...", "....X.......X..."]),
               (TAMB, ["....X.......X...", "x.x.X.x.x.x.X.x."]),
               (K, ["X...X..xX...X...", "X.x.X.x.X.x.X.x."]),
               (CH, ["x.x.x.x.x.x.x.x.", ""])],
        bass=[("riff", "X--x..x.X-x...x.", (0, 4, 7, 5, 2, 0)),
              ("riff", "X-.xX-x.X-.xX-x.", (0, 7, 4, 2))],
        comp=[("block", "x...x...x...x..."), ("strum", "....x.......x...")],
        lead=(E8, 0.35), prog=[POP4, ROCK4, [0, 5, 1, 4]]),
    fam("train", "4/4", (104, 124, 148),
        drums=[((SN, SN2), ["xgxgXgxgxgxgXgxg", "xgggXgggxgggXggg", "gxgxXxgxgxgxXxgx"]),
               (K, "X.......X......."), (PH, ["....x.......x...", ""])],
        bass=[("rootfifth", "X---....X---...."), ("rootfifth", "X---x---X---x---")],
        comp=[("strum", "....x.......x..."), ("strum", "x.x.x.x.x.x.x.x.")],
        lead=(E16, 0.35), prog=[[0, 3, 4, 0], [0, 4], [0, 0, 3, 4]]),
    fam("polka", "2/4", (100, 116, 134),
        drums=[(K, ["X...X...", "X......."]),
               (SN, ["..x...x.", "..xgx.x."]),
               ((CH, RIDE, CRASH), ["", "..x...x."])],
        bass=[("rootfifth", "x---x---"), ("rootfifth", "x-..x-..")],
        comp=[("block", "..x...x."), ("strum", "..x...x.")],
        lead=(E16, 0.45), prog=[[0, 4], [0, 0, 4, 4], [0, 4, 4, 0]]),
    fam("ballad128", "12/8", (48, 56, 66),
        drums=[((CH, RIDE), ["xxxxxxxxxxxx", "XxxXxxXxxXxx"]),
               (K, ["X.....X.....", "X....xX....."]),
               ((SN, RIM), "...X.....X..")],
        bass=[("riff", "X-----X-----", (0, 4)), ("riff", "X-----X--x-x", (0, 4, 7, 2))],
        comp=[("arp", "xxxxxxxxxxxx"), ("pad", "X-----------"), ("block", "X--x--X--x--")],
        lead=(COMPOUND, 0.25), prog=[POP4, [0, 3, 0, 4], [0, 5, 3, 4]], fill_sub=3),
]
# A second library of tuning families (``--library extra``): more styles for training the groove
# projection, so it learns grooves from more than the 16 tuning families above. Chosen from common
# drum-method style lists without regard to the held-out families (and none of them is a variant of
# one: no 6/8, 2/4 or 3/4 families here); every one is ``tune``.
EXTRA_FAMILIES = [
    fam("ska", "4/4", (140, 160, 184),
        drums=[(K, ["X.......X.......", "X...X...X...X..."]),
               ((SN, RIM), ["....X.......X...", "....X.......X.x."]),
               ((CH, RIDE), ["..x...x...x...x.", "x.X.x.X.x.X.x.X."])],
        bass=[("walk", "x---x---x---x---"), ("riff", "X-x-X-x-X-x-X-x-", (0, 2, 4, 7))],
        comp=[("block", "..x...x...x...x."), ("strum", "..x...x...x...x."), ("block", "..xx..xx..xx..xx")],
        lead=(E8, 0.35), prog=[POP4, [0, 3, 4, 3], [0, 5, 3, 4]]),
    fam("halftime", "4/4", (68, 80, 94),
        drums=[(K, ["X.........x.....", "X.....x...x....."]),
               ((SN, CLAP), "........X......."),
               ((CH, RIDE), ["x.x.x.x.x.x.x.x.", "xxxxxxxxxxxxxxxx"]),
               (OH, ["", "..............x."])],
        bass=[("riff", "X-------x-X-----", (0, 0, 7, 5)), ("root", "X-------X-------")],
        comp=[("pad", "X---------------"), ("strum", "X-------X-------"), ("arp", "x.x.x.x.x.x.x.x.")],
        lead=(E8, 0.25), prog=[ROCK4, [0, 5, 3, 4], [0, 0, 5, 5]]),
    fam("metal", "4/4", (96, 112, 132),
        drums=[(K, ["XxXxXxXxXxXxXxXx", "XXxxXXxxXXxxXXxx"]),
               (SN, "....X.......X..."),
               ((CRASH, RIDE, CH), ["X...X...X...X...", "x.x.x.x.x.x.x.x."])],
        bass=[("root", "xxxxxxxxxxxxxxxx"), ("riff", "XxxxXxxxXxxxXxxx", (0, 0, 1, 6))],
        comp=[("strum", "xxxxxxxxxxxxxxxx"), ("strum", "X-x-X-x-X-x-X-x-")],
        lead=(E16, 0.2), prog=[[0, 0, 5, 6], [0, 1, 0, 6], [0, 3]]),
    fam("garage", "4/4", (112, 128, 144),
        drums=[(K, ["X......x..X.....", "X.........X..x..|X......x..X....."]),
               ((SN, CLAP, RIM), ["....X.......X...", "....X.......X..x"]),
               (CH, ["..x...x...x...x.", "x.xxx.xxx.xxx.xx"]),
               ((TAMB, MARACA), ["", "x.x.x.x.x.x.x.x."])],
        bass=[("riff", "X--x--.xX--x--..", (0, 0, 7, 5, 3)), ("riff", "X-----x---X-----", (0, 4, 7))],
        comp=[("block", "x..x..x.........|..x..x....x....."), ("pad", "X---------------"), ("block", ".x...x...x...x..")],
        lead=(E16, 0.2), prog=[[0], [0, 5], [1, 4, 0, 0]], swing=(0.25, 0.54, 0.62), seventh=True),
    fam("songo", "4/4", (88, 100, 114),
        drums=[(K, ["...x..x....x..x.", "...x.......x...."]),
               ((RIM, SN), ["..x..x.x..x..x.x", "..X....x..x..X.."]),
               ((COW, RBELL), ["X.X.X.X.X.X.X.X.", "X.x.X.x.X.x.X.x."]),
               ((CONGA_OPEN, CONGA_MUTE), ["......xx......xx", "..x...xx..x...xx"])],
        bass=[("riff", "...X..x....X..x.", (0, 4, 7)), ("riff", "...X..X....X..x.", (0, 7, 5))],
        comp=[("block", "x..x..x...x..x..|.x..x..x.x..x..x"), ("block", "x.xx.x.xx.x.x.x.")],
        lead=(E16, 0.3), prog=[TWO_FIVE, [0, 4], [0, 3, 4, 4]], seventh=True),
    fam("habanera", "4/4", (60, 70, 82),
        drums=[(K, "X..xX...X..xX..."),
               ((RIM, SN), ["....x.......x...", "..x.x...x.x.x..."]),
               ((CH, MARACA, CABASA), ["x.x.x.x.x.x.x.x.", ""])],
        bass=[("riff", "X--xX-x-X--xX-x-", (0, 4, 7)), ("rootfifth", "X--xX---X--xX---")],
        comp=[("block", "X--x..x.X--x..x."), ("strum", "x..xx.x.x..xx.x."), ("arp", "x.x.x.x.x.x.x.x.")],
        lead=(E16, 0.35), prog=[[0, 4], [0, 3, 4, 0], [5, 4, 3, 4]]),
    fam("salsa", "4/4", (156, 176, 198),
        drums=[((CLAVE, WOOD_HI), ["..x.x.....x..x..", "x..x..x...x.x..."]),
               ((COW, RBELL), ["X...X...X...X...", "X.x.X.x.X.xxX.x."]),
               ((CONGA_MUTE, CONGA_OPEN), ["x..x..xxx..x..xx", "...x..xx...x..xx"]),
               (K, ["", "...X.......X...."]),
               ((GUIRO, MARACA), ["X.xxX.xxX.xxX.xx", ""])],
        bass=[("riff", "......x.X.....x.", (0, 4, 7)), ("riff", "...x..x....x..x.", (0, 7, 4))],
        comp=[("arp", "x.xx.x.xx.xx.x.x"), ("block", "x..x..x...x..x..")],
        lead=(E8, 0.4), prog=[[0, 4, 4, 0], TWO_FIVE, [0, 3, 4, 3]]),
    fam("punk", "4/4", (150, 172, 196),
        drums=[(K, ["X.x.X.x.", "X...X.x."]),
               (SN, ["..X...X.", ".xX.x.X."]),
               ((CH, CRASH, RIDE), ["xxxxxxxx", "X.X.X.X."])],
        bass=[("root", "xxxxxxxx"), ("octave", "xxxxxxxx")],
        comp=[("strum", "xxxxxxxx"), ("strum", "X-x-X-x-")],
        lead=(E8, 0.35), prog=[ROCK4, POP4, [0, 5, 3, 4]]),
    fam("fivefour", "5/4", (112, 134, 160),
        drums=[((RIDE, RIDE2), ["X..X.xX..X.xX..", "X..X..X..X..X.."]),
               (PH, "...X.....X....."),
               (K, ["X........X.....", "X.....X..X....."]),
               (SN, ["", ".......x.....x."])],
        bass=[("riff", "X--x--X--X--x--", (0, 4, 7, 5)), ("walk", "x--x--x--x--x--")],
        comp=[("block", "x..x.....x....."), ("block", "...x..x.....x..")],
        lead=(TRIP8, 0.35), prog=[[0, 4], [0, 0, 5, 5]], seventh=True, fill_sub=3),
    fam("gogo", "4/4", (88, 100, 112),
        drums=[(K, ["X..x..X.X..x....", "X.....x.X..x..x."]),
               (SN, ["....X.......X...", "....X..g....X..."]),
               ((CONGA_OPEN, CONGA_MUTE, CONGA_LOW), ["..xx..x...xx..x.", "x.xx..x.x.xx..x."]),
               ((COW, CH), ["X...X...X...X...", "x.x.x.x.x.x.x.x."])],
        bass=[("riff", "X-.xX...X-.x..x.", (0, 0, 7, 5, 3)), ("riff", "X--x..x.X-----x.", (0, 4, 7))],
        comp=[("block", "..x...x...x..x.."), ("pad", "X-------X-------")],
        lead=(E16, 0.25), prog=[[0], [0, 3], [0, 5, 3, 4]], swing=(0.25, 0.52, 0.6), seventh=True),
]
LIBRARIES = {"style": FAMILIES, "extra": EXTRA_FAMILIES}
FAMILY = {f["name"]: f for f in FAMILIES + EXTRA_FAMILIES}
assert set(HELDOUT) <= {f["name"] for f in FAMILIES} and len(FAMILIES) == 22
assert not set(HELDOUT) & {f["name"] for f in EXTRA_FAMILIES}


# --------------------------------------------------------------------------- patterns
def parse(pattern: str, bpb: int):
    """Hits of a cyclic pattern: (bar in cycle, start beat in bar, length in beats, char, hit
    index in cycle) and the cycle length in bars."""
    bars = pattern.split("|")
    hits = []
    for b, field in enumerate(bars):
        step = bpb / len(field)
        for i, c in enumerate(field):
            if c in VEL:
                n = 1
                while i + n < len(field) and field[i + n] == "-":
                    n += 1
                hits.append((b, i * step, n * step, c, len(hits)))
    return hits, len(bars)


def pick(rng, options):
    if isinstance(options, (list, tuple)):
        return options[int(rng.integers(len(options)))]
    return options


class Clip:
    """Everything drawn for one clip, and its note list (start, duration in beats, channel,
    note, velocity, extra delay in seconds)."""

    def __init__(self, family: dict, bpm: float, seconds: float, seed: int):
        rng = np.random.default_rng(seed)
        self.f, self.bpm, self.seconds, self.rng = family, bpm, seconds, rng
        bpb = family["bpb"]
        self.key_root = int(rng.integers(12))
        self.mode = "m" if rng.random() < 0.5 else ""
        self.scale = SCALES[self.mode]
        self.prog = pick(rng, family["prog"])
        self.kit = int(pick(rng, list(KITS)))
        self.programs = {"bass": int(pick(rng, BASS_PROGRAMS)),
                         "comp": int(pick(rng, COMP_PROGRAMS)),
                         "lead": int(pick(rng, LEAD_PROGRAMS))}
        self.dropped = {"bass": False, "comp": rng.random() < 0.10, "lead": rng.random() < 0.15}
        self.levels_db = {p: float(rng.uniform(-9, 3)) for p in ("bass", "comp", "lead")}
        sw = family["swing"]
        self.swing = None if sw is None else (sw[0], float(rng.uniform(sw[1], sw[2])))
        self.jitter_s = float(rng.uniform(0.003, 0.008))
        self.fill_every = int(pick(rng, [0, 0, 4, 8]))
        bar_s = bpb * 60.0 / bpm
        self.offset_s = float(rng.uniform(1, 3)) * bar_s
        self.nbars = int(math.ceil((self.offset_s + seconds) / bar_s)) + 1
        self.total_s = self.nbars * bar_s
        self.notes: list[tuple] = []
        self._drums()
        self._bass()
        self._comp()
        self._lead()

    # -- harmony ---------------------------------------------------------------------
    def degree_pitch(self, d: int) -> int:
        """Semitones above the key root of scale degree d (any integer)."""
        return 12 * (d // 7) + self.scale[d % 7]

    def chord_root(self, bar: int) -> int:
        return self.prog[bar % len(self.prog)]

    def chord_pcs(self, bar: int) -> list[int]:
        r = self.chord_root(bar)
        n = 4 if self.f["seventh"] else 3
        return [(self.key_root + self.degree_pitch(r + 2 * i)) % 12 for i in range(n)]

    def bass_root(self, bar: int) -> int:
        """The chord root as a MIDI note in 33..44 (A1..G#2)."""
        pc = (self.key_root + self.degree_pitch(self.chord_root(bar))) % 12
        return 33 + (pc - 33) % 12

    def bass_degree(self, bar: int, d: int) -> int:
        r = self.chord_root(bar)
        return self.bass_root(bar) + self.degree_pitch(r + d) - self.degree_pitch(r)

    # -- timing ----------------------------------------------------------------------
    def swung(self, beat: float) -> float:
        if self.swing is None:
            return beat
        unit, ratio = self.swing
        q = beat / unit
        k = round(q)
        if abs(q - k) < 1e-6 and k % 2 == 1:
            return beat + (2 * ratio - 1) * unit
        return beat

    def add(self, start: float, dur: float, ch: int, note: int, vel: int, delay: float = 0.0):
        s, e = self.swung(start), self.swung(start + dur)
        self.notes.append((s, max(e - s, 0.02), ch, int(note), int(vel), delay))

    def each_hit(self, pattern: str):
        """(bar, start beat, length, char, hit index in cycle) over the whole rendering."""
        bpb = self.f["bpb"]
        hits, cycle = parse(pattern, bpb)
        for bar in range(self.nbars):
            for b, start, dur, c, idx in hits:
                if bar % cycle == b:
                    yield bar, bar * bpb + start, dur, c, idx

    # -- parts -----------------------------------------------------------------------
    def _drums(self):
        rng, bpb = self.rng, self.f["bpb"]
        for notes, patterns in self.f["drums"]:
            note, pattern = pick(rng, notes), pick(rng, patterns)
            if not pattern:
                continue
            for _, start, _, c, _ in self.each_hit(pattern):
                self.add(start, 0.1, CH_DRUMS, note, VEL[c])
        if self.fill_every:
            sub = self.f["fill_sub"]
            toms = [SN, SN, HTOM, HMTOM, MTOM, LTOM, FTOM, FTOM]
            seq = [toms[min(len(toms) - 1, int(i * len(toms) / sub))] for i in range(sub)]
            if rng.random() < 0.5:
                seq = [SN] * sub
            for bar in range(self.fill_every - 1, self.nbars, self.fill_every):
                lo, hi = bar * bpb + bpb - 1, (bar + 1) * bpb
                self.notes = [n for n in self.notes
                              if not (n[2] == CH_DRUMS and lo - 1e-9 <= n[0] < hi - 1e-9)]
                for i, note in enumerate(seq):
                    self.add(lo + i / sub, 0.1, CH_DRUMS, note, 100 if i else 112)
                self.add(hi, 0.5, CH_DRUMS, CRASH, 110)
                self.add(hi, 0.1, CH_DRUMS, K, 110)

    def _bass(self):
        rng = self.rng
        opt = pick(rng, self.f["bass"])
        rule, pattern = opt[0], opt[1]
        degrees = opt[2] if len(opt) > 2 else (0,)
        hits, _ = parse(pattern, self.f["bpb"])
        riff = [0] + [int(pick(rng, list(degrees))) for _ in hits[1:]]
        walk_prev = None
        for bar, start, dur, c, idx in self.each_hit(pattern):
            root = self.bass_root(bar)
            if rule == "root":
                note = root
            elif rule == "rootfifth":
                note = root if idx % 2 == 0 else self.bass_degree(bar, 4)
            elif rule == "octave":
                note = root + (12 if idx % 2 else 0)
            elif rule == "riff":
                note = self.bass_degree(bar, riff[idx % len(riff)])
            elif rule == "boogie":
                third = self.bass_degree(bar, 2) - root
                note = root + [0, third, 7, 9, 10, 9, 7, third][idx % 8]
            elif rule == "walk":
                n_hits = sum(1 for h in hits if h[0] == 0)
                pos = idx % n_hits
                if pos == 0:
                    note = root if walk_prev is None or abs(root - walk_prev) <= 6 else (
                        root + 12 if root + 12 - walk_prev <= 6 else root)
                elif pos == n_hits - 1:
                    target = self.bass_root(bar + 1)
                    target += 12 * round((walk_prev - target) / 12)
                    note = target + int(pick(rng, [-1, 1, -2, 2]))
                else:
                    pcs = [self.bass_degree(bar, d) for d in (0, 2, 4, 6, 1, 3, 5)]
                    cands = [p + 12 * o for p in pcs for o in (-1, 0, 1)]
                    cands = [p for p in cands if 0 < abs(p - walk_prev) <= 5 and 28 <= p <= 55]
                    note = int(pick(rng, cands)) if cands else root
                note = int(min(max(note, 28), 55))
                walk_prev = note
            else:
                raise ValueError(rule)
            self.add(start, dur * 0.9, CH_BASS, note, VEL[c])

    def _comp(self):
        rng = self.rng
        style, pattern = pick(rng, self.f["comp"])
        strum_s = float(rng.uniform(0.008, 0.025))
        arp_order = pick(rng, [[0, 1, 2, 3], [0, 1, 2, 1], [0, 2, 1, 3], [3, 2, 1, 0]])
        inversion = int(rng.integers(3))
        gate = 0.95 if style == "pad" else float(rng.uniform(0.5, 0.9))
        for bar, start, dur, c, idx in self.each_hit(pattern):
            chord = sorted(55 + (pc - 55) % 12 for pc in self.chord_pcs(bar))
            for _ in range(inversion):
                chord = chord[1:] + [chord[0] + 12] if chord[-1] + 12 - chord[0] < 24 else chord
            chord = sorted(chord)
            vel = VEL[c]
            if style == "arp":
                note = chord[arp_order[idx % len(arp_order)] % len(chord)]
                self.add(start, dur * gate, CH_COMP, note, vel)
            elif style == "strum":
                order = chord if idx % 2 == 0 else chord[::-1]
                for j, note in enumerate(order):
                    self.add(start, dur * gate, CH_COMP, note, vel - 4 * j, delay=j * strum_s)
            else:  # block, pad
                for note in chord:
                    self.add(start, dur * gate, CH_COMP, note, vel)

    def _lead(self):
        rng, bpb = self.rng, self.f["bpb"]
        positions, density = self.f["lead"]
        phrase_bars = 4 if bpb <= 2 else 2
        slots = [(b * bpb + beat + p, (2.0 if beat == 0 and p == 0 else
                                       1.4 if p == 0 else 0.8))
                 for b in range(phrase_bars) for beat in range(bpb) for p in positions]
        length = phrase_bars * bpb
        onsets = [t for t, w in slots if rng.random() < min(0.95, density * w)]
        if rng.random() < 0.4:  # breathe: the phrase's last beat is silent
            onsets = [t for t in onsets if t < length - 1] or onsets
        if not onsets:
            onsets = [0.0]
        gate = float(rng.uniform(0.5, 0.95))
        durs = [min(b - a, 1.5) * gate for a, b in zip(onsets, onsets[1:] + [length + onsets[0]])]
        centre = 72 + (self.key_root - 72) % 12 - 12 * (self.key_root > 6)

        def melody():
            degs, d = [], 0
            for _ in onsets:
                d += int(pick(rng, [-2, -1, -1, 0, 1, 1, 2, 3, -3]))
                while centre + self.degree_pitch(d) > 86:
                    d -= 7
                while centre + self.degree_pitch(d) < 62:
                    d += 7
                degs.append(d)
            return [centre + self.degree_pitch(x) for x in degs]

        variants = [melody(), melody()]
        order = pick(rng, [[0, 0], [0, 1]])
        vels = [int(np.clip(rng.normal(88, 10), 60, 115)) for _ in onsets]
        for rep in range(int(math.ceil(self.nbars / phrase_bars))):
            pitches = variants[order[rep % 2]]
            for t, d, p, v in zip(onsets, durs, pitches, vels):
                start = rep * length + t
                if start < self.nbars * bpb:
                    self.add(start, d, CH_LEAD, p, v)

    # -- MIDI --------------------------------------------------------------------------
    def midi(self, path: str) -> list[float]:
        """Writes the four-segment MIDI file; returns each segment's start in seconds."""
        rng = self.rng
        tempo_us = int(round(60e6 / self.bpm))
        tps = PPQ * 1e6 / tempo_us  # ticks per second
        seg_s = self.total_s + SEGMENT_GAP
        seg_ticks = int(math.ceil(seg_s * tps))
        segment = {CH_DRUMS: 0, CH_BASS: 1, CH_COMP: 2, CH_LEAD: 3}
        part = {CH_BASS: "bass", CH_COMP: "comp", CH_LEAD: "lead"}
        events = []  # (tick, order, message); note-offs sort before note-ons
        for ch, prog in ((CH_DRUMS, self.kit), (CH_BASS, self.programs["bass"]),
                         (CH_COMP, self.programs["comp"]), (CH_LEAD, self.programs["lead"])):
            events.append((0, 0, mido.Message("program_change", channel=ch, program=prog)))
            for cc, val in ((7, 100), (10, 64), (91, 0), (93, 0)):
                events.append((0, 0, mido.Message("control_change", channel=ch, control=cc,
                                                  value=val)))
        spb = 60.0 / self.bpm
        per_key = defaultdict(list)
        for start, dur, ch, note, vel, delay in sorted(self.notes):
            jit = float(rng.uniform(-self.jitter_s, self.jitter_s))
            vel = int(np.clip(vel + rng.integers(-12, 13), 1, 127))
            if ch in part and self.dropped[part[ch]]:
                continue
            t0 = max(0.0, start * spb + delay + jit)
            t1 = max(t0 + 0.01, (start + dur) * spb + delay + jit)
            t1 = min(t1, self.total_s)
            base = segment[ch] * seg_ticks
            per_key[(ch, note)].append([base + int(round(t0 * tps)), base + int(round(t1 * tps)), vel])
        for (ch, note), lst in per_key.items():
            lst.sort()
            for i, (on, off, vel) in enumerate(lst):
                if i + 1 < len(lst):
                    off = min(off, lst[i + 1][0])
                if off <= on:
                    continue
                events.append((on, 2, mido.Message("note_on", channel=ch, note=note, velocity=vel)))
                events.append((off, 1, mido.Message("note_off", channel=ch, note=note, velocity=0)))
        for ch, k in segment.items():
            end = k * seg_ticks + int(round((self.total_s + 1.0) * tps))
            for cc in (123, 120):
                events.append((end, 0, mido.Message("control_change", channel=ch, control=cc, value=0)))
        last = 4 * seg_ticks
        mid = mido.MidiFile(ticks_per_beat=PPQ)
        track = mido.MidiTrack()
        mid.tracks.append(track)
        track.append(mido.MetaMessage("set_tempo", tempo=tempo_us, time=0))
        now = 0
        for tick, _, msg in sorted(events, key=lambda e: (e[0], e[1], e[2].channel,
                                                           getattr(e[2], "note", -1))):
            track.append(msg.copy(time=tick - now))
            now = tick
        track.append(mido.MetaMessage("end_of_track", time=last - now))
        mid.save(path)
        return [k * seg_ticks / tps for k in range(4)]


# --------------------------------------------------------------------------- audio
def biquad(kind: str, f0: float, gain_db: float, q: float = 0.7071) -> np.ndarray:
    """RBJ-cookbook low shelf / high shelf / peaking filter as one SOS row."""
    A = 10 ** (gain_db / 40)
    w = 2 * np.pi * f0 / SR
    cw, sw = np.cos(w), np.sin(w)
    alpha = sw / (2 * q)
    if kind == "peak":
        b = [1 + alpha * A, -2 * cw, 1 - alpha * A]
        a = [1 + alpha / A, -2 * cw, 1 - alpha / A]
    else:
        sq = 2 * np.sqrt(A) * alpha
        if kind == "low":
            b = [A * ((A + 1) - (A - 1) * cw + sq), 2 * A * ((A - 1) - (A + 1) * cw),
                 A * ((A + 1) - (A - 1) * cw - sq)]
            a = [(A + 1) + (A - 1) * cw + sq, -2 * ((A - 1) + (A + 1) * cw),
                 (A + 1) + (A - 1) * cw - sq]
        else:
            b = [A * ((A + 1) + (A - 1) * cw + sq), -2 * A * ((A - 1) + (A + 1) * cw),
                 A * ((A + 1) + (A - 1) * cw - sq)]
            a = [(A + 1) - (A - 1) * cw + sq, 2 * ((A - 1) - (A + 1) * cw),
                 (A + 1) - (A - 1) * cw - sq]
    return np.array(b + a) / a[0]


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def render_clip(job: tuple) -> dict:
    """Renders one clip to OUT_DIR; returns its label row and a few checks."""
    index, family_name, bpm, seed, seconds, out_dir, soundfont = job
    f = FAMILY[family_name]
    clip = Clip(f, bpm, seconds, seed)
    rng = clip.rng
    name = f"{family_name}_{index:04d}.wav"
    with tempfile.TemporaryDirectory(prefix="arrangements-") as tmp:
        mid_path, wav_path = os.path.join(tmp, "clip.mid"), os.path.join(tmp, "clip.wav")
        starts = clip.midi(mid_path)
        t0 = time.perf_counter()
        subprocess.run(["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-O", "float",
                        "-o", "synth.cpu-cores=1", "-F", wav_path, "-r", str(SR), "-g", "0.5",
                        soundfont, mid_path], check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)
        synth_s = time.perf_counter() - t0
        audio, sr = sf.read(wav_path, dtype="float64", always_2d=True)
    if sr != SR:
        raise RuntimeError(f"fluidsynth wrote {sr} Hz")
    mono = audio.mean(axis=1)
    pre = min(1.0, clip.offset_s)
    n = int(round((seconds + pre) * SR))
    n_pre = int(round(pre * SR))

    def stem(k):
        s = int(round((starts[k] + clip.offset_s - pre) * SR))
        x = mono[s:s + n]
        return np.pad(x, (0, n - len(x)))

    stems = {p: stem(k) for k, p in enumerate(("drums", "bass", "comp", "lead"))}
    ref = rms(stems["drums"][n_pre:])
    mix = stems["drums"].copy()
    for p in ("bass", "comp", "lead"):
        level = rms(stems[p][n_pre:])
        if clip.dropped[p] or level < 1e-7 or os.environ.get("ARRANGEMENTS_ONLY") == "drums":
            continue
        mix += stems[p] * (ref / level) * 10 ** (clip.levels_db[p] / 20)
    drum_share = ref / max(rms(mix[n_pre:]), 1e-12)
    reverb = rng.random() < 0.7
    rt60, wet = float(rng.uniform(0.2, 1.0)), float(rng.uniform(0.05, 0.25))
    predelay = int(rng.uniform(0.005, 0.025) * SR)
    ir_noise = rng.standard_normal(int(rt60 * SR))
    if reverb:
        t = np.arange(len(ir_noise)) / SR
        ir = np.concatenate([np.zeros(predelay), ir_noise * np.exp(-6.9 * t / rt60)])
        ir /= np.sqrt(np.sum(ir ** 2))
        tail = sps.fftconvolve(mix, ir)[:n]
        mix = mix + tail * wet * rms(mix) / max(rms(tail), 1e-12)
    sos = np.stack([
        biquad("low", float(rng.uniform(60, 250)), float(rng.uniform(-6, 6))),
        biquad("high", float(rng.uniform(2500, 8000)), float(rng.uniform(-6, 6))),
        biquad("peak", float(np.exp(rng.uniform(np.log(150), np.log(6000)))),
               float(rng.uniform(-6, 6)), float(rng.uniform(0.5, 2.0))),
    ])
    mix = sps.sosfilt(sos, mix)[n_pre:]
    peak = np.max(np.abs(mix))
    if peak <= 0:
        raise RuntimeError(f"{name}: silent")
    target_db = float(rng.uniform(-6, -1))
    y = mix * (10 ** (target_db / 20) / peak)
    sf.write(os.path.join(out_dir, name), y.astype(np.float32), SR, subtype="PCM_16")
    key = NOTE_NAMES[clip.key_root] + clip.mode
    row = {"file": name, "bpm": f"{bpm:.4f}", "family": family_name,
           "split": "heldout" if family_name in HELDOUT else "tune", "meter": f["meter"],
           "kit": KITS[clip.kit], "key": key}
    for p in ("bass", "comp", "lead"):
        row[p] = "none" if clip.dropped[p] else str(clip.programs[p])
    return {"row": row, "seconds": len(y) / SR, "synth_s": synth_s, "drum_share": drum_share,
            "peak_db": 20 * np.log10(np.max(np.abs(y))), "rms_db": 20 * np.log10(max(rms(y), 1e-12))}


def design(per_cell: int, seed: int, families: list[dict] = FAMILIES) -> list[tuple[str, float, int]]:
    """(family, bpm, clip seed) for every clip, in file-number order."""
    rng = np.random.default_rng(seed)
    out = []
    for f in families:
        for centre in f["cells"]:
            for _ in range(per_cell):
                tempo_us = int(round(60e6 / (centre * rng.uniform(0.985, 1.015))))
                out.append((f["name"], 60e6 / tempo_us, int(rng.integers(2 ** 63 - 1))))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--per-cell", type=int, default=4, help="clips per (family, tempo cell)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--jobs", type=int, default=2, help="parallel renders (output is the same)")
    ap.add_argument("--soundfont", default=SOUNDFONT)
    ap.add_argument("--library", choices=sorted(LIBRARIES), default="style",
                    help="the 22 style-library families (6 held out) or the 10 extra tuning families")
    ap.add_argument("--drums-only", action="store_true",
                    help="diagnostic: the same clips with only the drum part (the upper bound of drum-focused analysis)")
    a = ap.parse_args(argv)
    if a.per_cell < 1 or a.seconds <= 0 or a.jobs < 1:
        ap.error("--per-cell, --seconds and --jobs must be positive")
    if not shutil.which("fluidsynth"):
        ap.error("the fluidsynth command is not installed")
    if not os.path.exists(a.soundfont):
        ap.error(f"no soundfont at {a.soundfont}")
    os.makedirs(a.out_dir, exist_ok=True)
    if a.drums_only:
        os.environ["ARRANGEMENTS_ONLY"] = "drums"  # read by the spawned renderers
    jobs = [(i, fam_name, bpm, seed, a.seconds, a.out_dir, a.soundfont)
            for i, (fam_name, bpm, seed) in enumerate(design(a.per_cell, a.seed, LIBRARIES[a.library]))]
    t0 = time.time()
    results = []
    with mp.get_context("spawn").Pool(a.jobs) as pool:
        for r in pool.imap(render_clip, jobs):
            results.append(r)
            if len(results) % 20 == 0 or len(results) == len(jobs):
                print(f"{len(results)}/{len(jobs)} clips  {time.time() - t0:.1f} s", file=sys.stderr)
    fields = ["file", "bpm", "family", "split", "meter", "kit", "bass", "comp", "lead", "key"]
    with open(os.path.join(a.out_dir, "labels.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(sorted((r["row"] for r in results), key=lambda r: r["file"]))
    wall = time.time() - t0

    print(f"{'family':11s} {'split':8s} {'meter':5s} {'clips':>5s} {'tempo cells':>14s} "
          f"{'seconds':>8s} {'drums/mix':>9s}")
    for f in LIBRARIES[a.library]:
        rs = [r for r in results if r["row"]["family"] == f["name"]]
        print(f"{f['name']:11s} {'heldout' if f['name'] in HELDOUT else 'tune':8s} "
              f"{f['meter']:5s} {len(rs):5d} {'/'.join(str(c) for c in f['cells']):>14s} "
              f"{sum(r['seconds'] for r in rs):8.0f} {np.median([r['drum_share'] for r in rs]):9.2f}")
    for split in ("tune", "heldout"):
        rs = [r for r in results if r["row"]["split"] == split]
        print(f"{split:20s} {len(rs):6d} clips {sum(r['seconds'] for r in rs):8.0f} s")
    share = np.array([r["drum_share"] for r in results])
    print(f"total {len(results)} clips, {sum(r['seconds'] for r in results):.0f} s of audio; "
          f"render {wall:.1f} s wall with {a.jobs} jobs (fluidsynth {sum(r['synth_s'] for r in results):.1f} s CPU); "
          f"drums RMS / mix RMS min {share.min():.2f} median {np.median(share):.2f}; "
          f"peak {min(r['peak_db'] for r in results):.1f}..{max(r['peak_db'] for r in results):.1f} dBFS; "
          f"RMS {min(r['rms_db'] for r in results):.1f}..{max(r['rms_db'] for r in results):.1f} dBFS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
