#!/usr/bin/env bash
# Installs the Debian packages Backbeat needs, only when missing. Safe to run repeatedly.
# Usage: scripts/install-deps.sh [extra-package ...]
set -euo pipefail
packages=(pkg-config libsndfile1-dev libfftw3-dev libsoxr-dev libpng-dev libsqlite3-dev libtagc0-dev "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
