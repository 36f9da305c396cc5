#!/usr/bin/env python3
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
"""Independent float64 NumPy RFM for the tabular protocol (spec/EXPERIMENTS.md section 5), the reference that
rfm4j-tabular's RFM is checked against on identical splits (tabular/src/test/.../ReferenceMatchTest).

Reads the folds written by `scripts/tabular.sh --export-splits DIR --data-sets NAME,...` (DIR/NAME/foldK_{train,
validation,test}.csv: standardised features, then the label), and for each fold runs the protocol:
  for lambda in (10, 1, 0.1, 0.01, 0.001), row normalisation in (off, on):
      M = I; for it in 0..4:  K = exp(-||S(x - z)|| / L), L = 10;  alpha = (K + lambda I)^-1 Y   (Cholesky)
          validation accuracy; keep the iteration if strictly better than the best so far;
          stop at it = 4, or early when accuracy < best / 1.1; else
          AGOP over every training point (self pairs masked by index, r < 1e-10 masked):
          G_u = sum_j sum_c g_jc g_jc^T, g_jc = sum_i alpha_ic w_ij (u_j - u_i), w = -(1/L) k / r, u = x S;
          G = S G_u S;  M = G / max(G);  S = M^(1/2) (eigh, negative eigenvalues clamped to 0)
  the candidate with the strictly best validation accuracy (grid order) gives the fold's test accuracy.
Targets: one 0/1 column for two classes (class order: sorted labels), one-hot columns otherwise; prediction
threshold 0.5 or argmax. Classes sorted numerically when every label is a number (as rfm4j's LabelEncoder). Prints one JSON object: per data set the test accuracy of each fold and their mean.
Usage: /usr/bin/python3 bench/peers/rfm_numpy_tabular.py DIR NAME [NAME ...]
"""
import json
import os
import sys

import numpy as np
from scipy.linalg import cho_factor, cho_solve

LAMBDAS = (10, 1, 0.1, 0.01, 0.001)
L = 10.0
ITERS = 4


def read(path):
    rows = [line.rstrip("\n").split(",") for line in open(path) if line.strip()]
    x = np.array([[float(v) for v in r[:-1]] for r in rows], dtype=np.float64)
    return x, [r[-1] for r in rows]


def targets(labels, classes):
    idx = np.array([classes.index(l) if l in classes else -1 for l in labels])
    if len(classes) == 2:
        return (idx == 1).astype(np.float64)[:, None], idx
    y = np.zeros((len(labels), len(classes)))
    for i, k in enumerate(idx):
        if k >= 0:
            y[i, k] = 1
    return y, idx


def dist(a, b):
    d2 = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
    return np.sqrt(np.maximum(d2, 0))


def predict_class(f):
    return (f[:, 0] > 0.5).astype(int) if f.shape[1] == 1 else f.argmax(1)


def rfm(xtr, ytr, xva, iva, reg):
    """The RFM loop; returns (best validation accuracy, the best iteration's predictor)."""
    d = xtr.shape[1]
    s = np.eye(d)
    best, best_pred = None, None
    for it in range(ITERS + 1):
        u = xtr @ s
        r = dist(u, u)
        k = np.exp(-r / L)
        alpha = cho_solve(cho_factor(k + reg * np.eye(len(u)), lower=True), ytr)
        uv = xva @ s
        acc = float((predict_class(np.exp(-dist(uv, u) / L) @ alpha) == iva).mean())
        if best is None or acc > best:
            best = acc
            best_pred = (s.copy(), u.copy(), alpha.copy())
        if it == ITERS or acc < best / 1.1:
            break
        # AGOP in u coordinates over every training point, self pairs masked
        with np.errstate(divide="ignore", invalid="ignore"):
            w = -(1.0 / L) * k / r
        w[(r < 1e-10)] = 0
        np.fill_diagonal(w, 0)
        g_u = np.zeros((d, d))
        for c in range(alpha.shape[1]):
            wa = w * alpha[:, c][:, None]          # wa[i, j] = w_ij alpha_ic
            grads = u * wa.sum(0)[:, None] - wa.T @ u  # row j: sum_i alpha_ic w_ij (u_j - u_i)
            g_u += grads.T @ grads
        g = s @ g_u @ s
        m = g / g.max()
        ev, vec = np.linalg.eigh((m + m.T) / 2)
        s = (vec * np.sqrt(np.clip(ev, 0, None))) @ vec.T
    return best, best_pred


def is_number(v):
    try:
        float(v)
        return True
    except ValueError:
        return False


def unit_rows(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return np.where(n > 0, x / np.where(n > 0, n, 1), x)


def fold(dir_, k):
    xtr, ltr = read(os.path.join(dir_, f"fold{k}_train.csv"))
    xva, lva = read(os.path.join(dir_, f"fold{k}_validation.csv"))
    xte, lte = read(os.path.join(dir_, f"fold{k}_test.csv"))
    classes = sorted(set(ltr), key=lambda v: (float(v), v)) if all(is_number(v) for v in ltr) else sorted(set(ltr))
    ytr, _ = targets(ltr, classes)
    _, iva = targets(lva, classes)
    _, ite = targets(lte, classes)
    best, chosen = None, None
    for reg in LAMBDAS:
        for norm in (False, True):
            f = unit_rows if norm else (lambda a: a)
            acc, (s, u, alpha) = rfm(f(xtr), ytr, f(xva), iva, reg)
            if best is None or acc > best:
                pred = predict_class(np.exp(-dist(f(xte) @ s, u) / L) @ alpha)
                best, chosen = acc, {"lambda": reg, "row_normalisation": norm, "test": float((pred == ite).mean())}
    return chosen


def main():
    root, names = sys.argv[1], sys.argv[2:]
    out = {}
    for name in names:
        d = os.path.join(root, name)
        k = len([f for f in os.listdir(d) if f.endswith("_test.csv")])
        folds = [fold(d, i) for i in range(k)]
        out[name] = {"folds": folds, "mean_test_accuracy": float(np.mean([f["test"] for f in folds]))}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
