#!/usr/bin/env python3
"""Can the tempo octave (T/2 vs T vs 2T) be learned from generic metrical evidence?

Usage::

    swift run -c release bench-features octave --seed 11 --count 1400 > train.csv
    swift run -c release bench-features octave --seed 2026 --count 140 > test.csv
    python3 bench/python/octave_lofo.py train.csv test.csv [more test CSVs]

Each CSV row is one synthesised clip: its groove family, the labelled tempo, Backbeat's
estimate, and per level (0.25, 0.5, 1, 2, 4 × the estimate) the periodicity, grid fill and
mean grid accent (low+mid, low, mid, high) -- see ``MetricalLevelEvidence`` in the Features
module. The task: choose among {estimate/2, estimate, 2·estimate} the one within 4 % of the
label (clips where none is are left out; they are not octave errors).

Features per candidate level c (12): log2(c/120) and its square; for each of the four grid
strengths s, log(s(c)/s(c/2)) and log(s(2c)/s(c)); log periodicity; fill.

Two models: a conditional-logit (softmax over the three candidates, 12 weights, L2 0.01,
numpy gradient descent) and sklearn's HistGradientBoostingClassifier (depth 3, 200 trees) on
the concatenated candidate features. Both are scored (a) on held-out seeds of the same
families and (b) leave-one-family-out on the training CSV: trained without a groove family,
tested on it -- the honest estimate for grooves the model has never seen.
"""
import csv
import sys

import numpy as np

RATIOS = ["0.250", "0.500", "1.000", "2.000", "4.000"]
CANDIDATES = [("0.500", "0.250", "1.000"), ("1.000", "0.500", "2.000"), ("2.000", "1.000", "4.000")]


def load(path):
    rows = [r for r in csv.DictReader(open(path)) if r.get("bpm_1.000")]
    return rows


def features(row, c, lo, hi):
    g = lambda k, r: float(row[f"{k}_{r}"])
    x = np.log2(g("bpm", c) / 120)
    f = [x, x * x]
    for k in ["lm", "low", "mid", "high"]:
        f.append(np.log((g(k, c) + 1e-3) / (g(k, lo) + 1e-3)))
        f.append(np.log((g(k, hi) + 1e-3) / (g(k, c) + 1e-3)))
    f.append(np.log(g("per", c) + 1e-3))
    f.append(g("fill", c))
    return f


def dataset(rows):
    X, y, fam = [], [], []
    for r in rows:
        truth = float(r["truth"])
        ok = [abs(float(r[f"bpm_{c}"]) / truth - 1) <= 0.04 for c, _, _ in CANDIDATES]
        if not any(ok):
            continue
        X.append([features(r, *cand) for cand in CANDIDATES])
        y.append(ok.index(True))
        fam.append(r["family"])
    return np.array(X), np.array(y), np.array(fam)


def fit_logit(X, y, l2=1e-2, iters=3000, lr=0.1):
    flat = X.reshape(-1, X.shape[2])
    mu, sd = flat.mean(0), flat.std(0) + 1e-9
    Z = (X - mu) / sd
    w = np.zeros(X.shape[2])
    onehot = np.eye(3)[y]
    for _ in range(iters):
        s = Z @ w
        s -= s.max(1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(1, keepdims=True)
        w -= lr * (((p - onehot)[:, :, None] * Z).sum((0, 1)) / len(y) + l2 * w)
    return lambda Xn: ((Xn - mu) / sd @ w).argmax(1)


def fit_gb(X, y):
    from sklearn.ensemble import HistGradientBoostingClassifier
    clf = HistGradientBoostingClassifier(max_depth=3, max_iter=200, learning_rate=0.05, random_state=0)
    clf.fit(X.reshape(len(y), -1), y)
    return lambda Xn: clf.predict(Xn.reshape(len(Xn), -1))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    X, y, fam = dataset(load(sys.argv[1]))
    models = {"softmax (12 weights)": fit_logit, "gradient boosting": fit_gb}
    print(f"training clips: {len(y)} from {sys.argv[1]}; share of octave-correct estimates "
          f"(Backbeat's rule): {np.mean(y == 1):.3f}")
    print("\nheld-out seeds, same groove families (octave accuracy among clips with an octave-related estimate)")
    trained = {name: fit(X, y) for name, fit in models.items()}
    for path in sys.argv[2:]:
        Xt, yt, _ = dataset(load(path))
        line = f"  {path}: rule {np.mean(yt == 1):.3f}"
        for name, predict in trained.items():
            line += f"  {name} {np.mean(predict(Xt) == yt):.3f}"
        print(line)
    print("\nleave one groove family out (trained without it, tested on it)")
    print(f"  {'family':10s} {'n':>4s}  {'rule':>6s}" + "".join(f"  {n:>22s}" for n in models))
    totals = {n: 0 for n in models}
    for f in sorted(set(fam)):
        train, test = fam != f, fam == f
        line = f"  {f:10s} {test.sum():4d}  {np.mean(y[test] == 1):6.3f}"
        for name, fit in models.items():
            hits = np.sum(fit(X[train], y[train])(X[test]) == y[test])
            totals[name] += hits
            line += f"  {hits / test.sum():22.3f}"
        print(line)
    print(f"  {'ALL':10s} {len(y):4d}  {np.mean(y == 1):6.3f}" + "".join(f"  {totals[n] / len(y):22.3f}" for n in models))


if __name__ == "__main__":
    main()
