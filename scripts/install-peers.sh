#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Installs the benchmark peers of `rfm bench` (bench/peers/*.py): Debian's python3-numpy and
# python3-torch, into /usr/bin/python3. Idempotent: does nothing when both import already.
# Needs root (or sudo). Usage: scripts/install-peers.sh
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}
if [ -x "$py" ] && "$py" -c 'import numpy, torch' >/dev/null 2>&1; then
  echo "install-peers: numpy and torch already import in $py"
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "install-peers: run as root (apt-get needs it)" >&2; exit 2; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends python3 python3-numpy python3-torch
/usr/bin/python3 -c 'import numpy, torch; print("install-peers: numpy", numpy.__version__, "torch", torch.__version__)'
