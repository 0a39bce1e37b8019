#!/usr/bin/env bash
# Installs what denyscope needs beyond Swift: the headers of libpcap and zlib (Debian/Ubuntu: libpcap-dev, zlib1g-dev).
# Does nothing when everything is present; uses sudo when not root.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "denyscope needs Swift 6 (https://www.swift.org/install/); 'swift' is not on PATH." >&2
  exit 1
fi

missing=()
dpkg -s libpcap-dev >/dev/null 2>&1 || missing+=(libpcap-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
