#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Fetches the real cuBLAS and cuSOLVER of CUDA 11.8, headers and libraries, from Debian bookworm's
# non-free component, without installing the toolkit or touching the system's apt sources: a private
# apt configuration enables non-free for this download only, `apt-get download` fetches the .deb
# files and `dpkg-deb` unpacks them. No GPU and no driver are needed: scripts/cuda-reference-check.sh
# compiles rfm4j's declarations against these headers and resolves its symbols in these libraries.
#   scripts/install-cuda-reference.sh [DIR]     prints DIR (default ~/.cache/rfm4j/cuda-11.8) when done
# DIR/include holds the headers (cublas_v2.h, cusolverDn.h, ...), DIR/lib the libraries. Reused when
# present. About 1.1 GB is downloaded (nvidia-cuda-dev alone is 774 MB) and 1 GB kept.
set -euo pipefail
dest=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/rfm4j/cuda-11.8}
if [ -f "$dest/include/cusolverDn.h" ] && [ -f "$dest/.complete" ]; then
  echo "$dest"
  exit 0
fi
packages="nvidia-cuda-dev libcublas11 libcublaslt11 libcusolver11 libcusparse11"
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
  || { echo "install-cuda-reference.sh: apt-get and dpkg-deb are needed (a Debian or Ubuntu machine)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/sources" "$work/debs"
cat > "$work/sources/non-free.sources" <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
apt=(apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/sources"
     -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" -o Debug::NoLocking=1
     -o APT::Sandbox::User="$(id -un)")
echo "install-cuda-reference.sh: apt-get update (bookworm non-free) and download: $packages" >&2
"${apt[@]}" update >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
# shellcheck disable=SC2086
(cd "$work/debs" && "${apt[@]}" download $packages) >>"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
rm -rf "$dest.part"
mkdir -p "$dest.part/include" "$dest.part/lib"
for deb in "$work"/debs/*.deb; do
  case "$(basename "$deb")" in
    nvidia-cuda-dev_*) dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" --wildcards './usr/include/*' ;;
    *) dpkg-deb -x "$deb" "$work/root" ;;
  esac
done
cp -a "$work"/usr/include/. "$dest.part/include/"
find "$work/root" -name 'lib*.so.*' \( -type f -o -type l \) -exec cp -a {} "$dest.part/lib/" \;
ls "$work"/debs > "$dest.part/PACKAGES"
touch "$dest.part/.complete"
rm -rf "$dest"
mv "$dest.part" "$dest"
echo "$dest"
