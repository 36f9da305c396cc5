#!/usr/bin/env python3
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
"""Writes scikit-learn's bundled data sets (Debian's python3-sklearn; no download) as CSV for rfm4j's
tabular benchmark: header, features, then the column "target" (class label or regression target).
Run once by scripts/install-data.sh (python3 tabular/data/sklearn-to-csv.py OUT_DIR); the outputs are
checked against tabular/data/SHA256SUMS. load_boston is left out on purpose (removed from scikit-learn
for its column "B", derived from the share of Black residents)."""
import csv
import os
import sys

from sklearn import datasets

SETS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
    "diabetes": lambda: datasets.load_diabetes(scaled=False),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "data/tabular/sklearn"
    os.makedirs(out, exist_ok=True)
    for name, load in SETS.items():
        b = load()
        names = [str(f).replace(" ", "_") for f in getattr(b, "feature_names", [])] or [f"x{j}" for j in range(b.data.shape[1])]
        with open(os.path.join(out, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(names + ["target"])
            for row, t in zip(b.data, b.target):
                w.writerow([repr(float(v)) for v in row] + [repr(t.item())])
        print(f"{name}: {b.data.shape[0]} rows, {b.data.shape[1]} features")


if __name__ == "__main__":
    main()
